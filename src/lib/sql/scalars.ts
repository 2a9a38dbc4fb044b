/** The per-series summary rows the scalar table starts from. */

import { runsWhere } from './quote';

/** Rows of other runs may come back for a long list of runs (see runsWhere). */
export function seriesSummary(runIds: readonly number[]): string {
  return `SELECT n.name AS metric, n.metric_id, n.direction, s.run_id, s.last_step::DOUBLE AS last_step,
      s.last_value, s.min, s.max, s.step_at_min::DOUBLE AS step_at_min, s.step_at_max::DOUBLE AS step_at_max
    FROM series s JOIN metric_names n USING (metric_id)
    WHERE ${runsWhere('s.run_id', runIds)} ORDER BY n.name, s.run_id`;
}
