/** The canonical tables (see DESIGN.md), created once when the engine starts. */

export const SCHEMA_DDL = `
CREATE TABLE sources (
  source_id INTEGER PRIMARY KEY,
  name VARCHAR NOT NULL,
  format VARCHAR,
  bytes BIGINT,
  sha256 VARCHAR,
  status VARCHAR NOT NULL,
  message VARCHAR
);
CREATE TABLE runs (
  run_id INTEGER PRIMARY KEY,
  run_key VARCHAR NOT NULL UNIQUE,
  name VARCHAR NOT NULL,
  source_id INTEGER,
  project VARCHAR,
  "group" VARCHAR,
  state VARCHAR,
  created_at DOUBLE,
  tags VARCHAR[],
  -- the name is a stand-in (an id) until a file that knows the run's name says it
  name_provisional BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE TABLE run_sources (run_id INTEGER NOT NULL, source_id INTEGER NOT NULL);
CREATE TABLE params (run_id INTEGER NOT NULL, key VARCHAR NOT NULL, value VARCHAR, num DOUBLE);
CREATE TABLE metric_names (
  metric_id INTEGER PRIMARY KEY,
  name VARCHAR NOT NULL UNIQUE,
  role VARCHAR NOT NULL,
  direction VARCHAR NOT NULL
);
CREATE TABLE metrics (
  run_id INTEGER NOT NULL,
  metric_id INTEGER NOT NULL,
  step BIGINT NOT NULL,
  epoch DOUBLE,
  wall DOUBLE,
  value DOUBLE,
  source_id INTEGER NOT NULL
);
CREATE TABLE summary (run_id INTEGER NOT NULL, key VARCHAR NOT NULL, value VARCHAR, num DOUBLE);
CREATE TABLE meta (run_id INTEGER NOT NULL, key VARCHAR NOT NULL, value VARCHAR);
-- per-example outputs; run_ref names the run as the file did (linked to a run when compared)
CREATE TABLE predictions (
  source_id INTEGER NOT NULL,
  run_ref VARCHAR NOT NULL,
  example_id VARCHAR NOT NULL,
  label VARCHAR,
  prediction VARCHAR,
  score DOUBLE
);
-- an example's value in a segment column of its predictions file (language, source…)
CREATE TABLE prediction_segments (
  source_id INTEGER NOT NULL,
  run_ref VARCHAR NOT NULL,
  example_id VARCHAR NOT NULL,
  segment VARCHAR NOT NULL,
  value VARCHAR
);
-- an example's score for one class (prob_<class> columns or an array of them), for one-vs-rest curves
CREATE TABLE prediction_class_scores (
  source_id INTEGER NOT NULL,
  run_ref VARCHAR NOT NULL,
  example_id VARCHAR NOT NULL,
  class VARCHAR NOT NULL,
  score DOUBLE NOT NULL
);
CREATE TABLE series (
  run_id INTEGER NOT NULL,
  metric_id INTEGER NOT NULL,
  n BIGINT NOT NULL,
  first_step BIGINT,
  last_step BIGINT,
  last_value DOUBLE,
  min DOUBLE,
  max DOUBLE,
  step_at_min BIGINT,
  step_at_max BIGINT,
  nonfinite BIGINT NOT NULL
);
`;

/** Tables that hold rows tied to a run, cleared when a run's last source goes away. */
export const RUN_TABLES = ['params', 'summary', 'meta', 'series', 'run_sources'] as const;
