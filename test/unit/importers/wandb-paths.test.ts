/** Run folders, run ids and times as W&B writes them. */

import { describe, expect, it } from 'vitest';
import { isoToUnixSeconds } from '../../../src/lib/importers/wandb/iso-time';
import { runFileKind } from '../../../src/lib/importers/wandb/run-file-kind';
import { looksLikeGeneratedId, runFolderOf } from '../../../src/lib/importers/wandb/run-path';

describe('a W&B run folder', () => {
  it('names the run id after its start time, synced or offline', () => {
    expect(runFolderOf('wandb/run-20231211_140152-5milpyx4/files/config.yaml')).toEqual({
      path: 'wandb/run-20231211_140152-5milpyx4',
      name: 'run-20231211_140152-5milpyx4',
      id: '5milpyx4',
      offline: false,
    });
    expect(
      runFolderOf('proj/wandb/offline-run-20240101_000000-abc123de/files/wandb-summary.json')?.id,
    ).toBe('abc123de');
  });

  it('keeps a custom id whole, dashes included', () => {
    expect(runFolderOf('wandb/run-20240101_000000-my-exp-01/files/config.yaml')?.id).toBe(
      'my-exp-01',
    );
  });

  it('is not any folder named run-something', () => {
    expect(runFolderOf('runs/run-3/files/config.yaml')).toBeNull();
  });

  it("claims a config.yaml or requirements.txt only inside a run folder, W&B's own file names anywhere", () => {
    expect(runFileKind('wandb/run-20231211_140152-5milpyx4/files/requirements.txt')).toBe(
      'requirements',
    );
    expect(runFileKind('project/requirements.txt')).toBeNull();
    expect(runFileKind('project/config.yaml')).toBeNull();
    expect(runFileKind('somewhere/wandb-summary.json')).toBe('summary');
    expect(runFileKind('wandb/latest-run/files/output.log')).toBe('ignored');
  });
});

describe('a generated run id', () => {
  it('is 8 characters of a-z0-9 alternating letters and digits at least twice', () => {
    for (const id of ['5milpyx4', 'dxeyt9j0', 'efr29yl1'])
      expect(looksLikeGeneratedId(id)).toBe(true);
    for (const word of ['resnet50', 'baseline', 'epoch100', '5MILPYX4', '5milpyx'])
      expect(looksLikeGeneratedId(word)).toBe(false);
  });
});

describe('W&B times', () => {
  it('without a zone are UTC, with every digit of the fraction', () => {
    expect(isoToUnixSeconds('2023-12-11T19:01:52.357295')).toBeCloseTo(1702321312.357295, 6);
    expect(isoToUnixSeconds('2023-12-11T19:01:52.357295Z')).toBe(
      isoToUnixSeconds('2023-12-11T19:01:52.357295'),
    );
    expect(isoToUnixSeconds('2023-12-11T20:01:52+01:00')).toBe(1702321312);
    expect(isoToUnixSeconds('yesterday')).toBeUndefined();
  });
});
