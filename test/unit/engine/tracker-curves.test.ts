/** PR curves TensorBoard logged (`pr_curves`), read from event files and merged across runs at a step. */

import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { makeEngine, text } from '../helpers/engine';
import { scalarEvent, pb } from '../importers/tfevents/reference';
import {
  chance,
  fair,
  good,
  prCurveEvent,
  prCurveFile,
} from '../importers/tfevents/pr-curve-events';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

async function dropBoth() {
  const a = await engine.ingest(
    text(
      'logs/runA/events.out.tfevents.1700000000.host.1.0',
      prCurveFile([
        scalarEvent(1_700_000_001, 1, [...pb.string(1, 'loss'), ...pb.float(2, 0.5)]),
        prCurveEvent('val/pr', 1, chance),
        prCurveEvent('val/pr', 2, good, true),
      ]),
    ),
  );
  const b = await engine.ingest(
    text(
      'logs/runB/events.out.tfevents.1700000000.host.2.0',
      prCurveFile([prCurveEvent('val/pr', 1, chance), prCurveEvent('val/pr', 3, fair)]),
    ),
  );
  return { a, b };
}

describe('tracker PR curves', () => {
  it('are read from event files and said in the report, never as metrics', async () => {
    const { a, b } = await dropBoth();
    expect(a.status).toBe('loaded');
    expect(a.report?.warnings).toContain(
      '2 PR curves (pr_curves plugin) read: shown under Tracker PR curves, not as metrics.',
    );
    expect(b.report?.warnings).toContain('The event file holds no scalars, only PR curves.');
    expect(a.report?.metrics).toBe(1);
    expect(b.report?.metrics).toBe(0);
    expect(a.report?.warnings.join(' ')).not.toMatch(/left out: .*pr_curves/);
  });

  it('lists each tag with its steps and draws every run at the newest step, saying which used an earlier one', async () => {
    await dropBoth();
    const r = engine.trackerCurves({});
    expect(r.tags).toEqual([{ tag: 'val/pr', steps: [1, 2, 3] }]);
    expect(r.step).toBe(3);
    const byRun = Object.fromEntries(r.runs.map((c) => [c.runKey, c]));
    const a = byRun['dir:logs/runA'];
    const b = byRun['dir:logs/runB'];
    expect([a.step, a.atAskedStep, b.step, b.atAskedStep]).toEqual([2, false, 3, true]);
    // Hand-computed in pr-curve-events.ts.
    expect(a.ap).toBeCloseTo(0.5 + 0.1875 + 1 / 7, 6);
    expect(a.auc).toBeCloseTo(43 / 48, 6);
    expect(Array.from(a.recall)).toEqual([0.5, 0.75, 1, 1]);
    expect(Array.from(a.precision, (p) => +p.toFixed(6))).toEqual([1, 0.75, 0.571429, 0.4]);
    expect(Array.from(a.fpr, (f) => +f.toFixed(6))).toEqual([0, 0, 0, 0.166667, 0.5, 1]);
    expect(Array.from(a.tpr)).toEqual([0, 0, 0.5, 0.75, 1, 1]);
    expect(b.ap).toBeCloseTo(2 / 3, 6);
    expect(b.auc).toBeCloseTo(0.75, 6);
  });

  it('draws the asked step, and leaves out no threshold that predicted something', async () => {
    await dropBoth();
    const r = engine.trackerCurves({ tag: 'val/pr', step: 1 });
    expect(r.runs.map((c) => [c.runKey, c.step, c.atAskedStep])).toEqual([
      ['dir:logs/runA', 1, true],
      ['dir:logs/runB', 1, true],
    ]);
    for (const c of r.runs) {
      expect(c.ap).toBeCloseTo(0.4, 6);
      expect(c.auc).toBeCloseTo(0.5, 6);
      expect(Array.from(c.recall)).toEqual([0.5, 1]);
    }
  });

  it('says which runs logged the tag only after the step', async () => {
    await engine.ingest(
      text('logs/runC/events.out.tfevents.1.h.3.0', prCurveFile([prCurveEvent('val/pr', 5, good)])),
    );
    await dropBoth();
    const r = engine.trackerCurves({ step: 2 });
    expect(r.notYet).toEqual(['dir:logs/runC']);
    expect(r.runs.map((c) => c.runKey).sort()).toEqual(['dir:logs/runA', 'dir:logs/runB']);
  });

  it('are removed with their file', async () => {
    const { a } = await dropBoth();
    engine.remove(a.sourceId);
    expect(engine.trackerCurves({}).runs.map((c) => c.runKey)).toEqual(['dir:logs/runB']);
  });
});
