import { describe, expect, it } from 'vitest';
import { skipMirrorFolders } from '../../../src/lib/files/collect';

const picked = (...names: string[]) => names.map((name) => ({ name, blob: new Blob([]) }));

describe('skipMirrorFolders', () => {
  it("leaves out W&B's latest-run copy when its run-* folders are there", () => {
    const { kept, skipped } = skipMirrorFolders(
      picked(
        'proj/wandb/latest-run/files/wandb-summary.json',
        'proj/wandb/run-20231211_140152-5milpyx4/files/wandb-summary.json',
        'proj/wandb/run-20231211_150000-abcd1234/files/config.yaml',
      ),
    );
    expect(kept.map((f) => f.name)).toEqual([
      'proj/wandb/run-20231211_140152-5milpyx4/files/wandb-summary.json',
      'proj/wandb/run-20231211_150000-abcd1234/files/config.yaml',
    ]);
    expect(skipped).toEqual(['proj/wandb/latest-run/']);
  });

  it('keeps latest-run when it is all there is', () => {
    const files = picked('wandb/latest-run/files/wandb-summary.json');
    expect(skipMirrorFolders(files)).toEqual({ kept: files, skipped: [] });
  });
});
