/** MLflow's meta.yaml read without a YAML parser: the same as YAML's reading, or no answer at all. */

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { flatYamlScalars } from '../../../src/lib/importers/mlflow/flat-yaml';
import { FIXTURES } from '../helpers/engine';

/** What store-meta.ts made of a meta.yaml with the `yaml` library alone. */
function viaYaml(text: string): Map<string, string> {
  const doc = parse(text, { intAsBigInt: true }) as Record<string, unknown>;
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(doc))
    if (v !== null && v !== undefined && typeof v !== 'object') out.set(k, String(v));
  return out;
}

const RUN_META = `artifact_uri: file:///C:/Users/Maelaf%20ES/mlruns/1/06f272e2/artifacts
end_time: null
entry_point_name: ''
experiment_id: '1'
lifecycle_stage: active
run_id: 06f272e24577bb0d20ba6c3e02879323
run_name: it''s-a-run
run_uuid: 06f272e24577bb0d20ba6c3e02879323
source_type: 4
start_time: 1700270000000
status: 3
tags: []
user_id: "ana"
`;

describe('flat meta.yaml', () => {
  it('reads a run meta.yaml exactly as YAML does', () => {
    expect(flatYamlScalars(RUN_META)).toEqual(viaYaml(RUN_META));
  });

  it("reads the fixtures' meta.yaml files exactly as YAML does", () => {
    for (const path of [
      'real/mlflow/swahili-stt_mlruns/0/meta.yaml',
      'real/mlflow/swahili-stt_mlruns/1/meta.yaml',
      'real/mlflow/swahili-stt_mlruns/1/ed05f9cd599442fe9a0c9222184710b8/meta.yaml',
      'synthetic/mlflow/edge_mlruns/7/meta.yaml',
      'synthetic/mlflow/edge_mlruns/7/5b0c1d2e3f40516273849a5b6c7d8e9f/meta.yaml',
    ]) {
      const text = readFileSync(`${FIXTURES}/${path}`, 'utf8');
      expect(flatYamlScalars(text), path).toEqual(viaYaml(text));
    }
  });

  it('gives up on what YAML reads as something other than the text written', () => {
    for (const line of [
      'end_time: 1.7e12',
      'start_time: 0x1F',
      'status: 007',
      'deleted: true',
      'deleted: False',
      'ratio: .5',
      'x: -0',
      'x: .inf',
      'name: a #comment',
      'name: "esc\\"aped"',
      'name:  padded',
      'nested:\n  a: 1',
      'run_id: a\nrun_id: b',
      '# a comment',
      '---',
    ]) {
      expect(flatYamlScalars(line), line).toBeNull();
    }
  });
});
