import { describe, expect, it } from 'vitest';
import { groupFiles, groupStatus } from '../../../src/lib/state/file-groups';
import type { FileStatus } from '../../../src/lib/state/workspace.svelte';

const file = (id: number, name: string, status: FileStatus, bytes = 10) => ({
  id,
  name,
  status,
  bytes,
  bytesRead: bytes,
  points: 1,
});

describe('groupFiles', () => {
  it('groups files of one dropped folder and keeps single files apart', () => {
    const groups = groupFiles([
      file(1, 'mlruns/1/a/metrics/loss', 'loaded'),
      file(2, 'a.csv', 'loaded'),
      file(3, 'mlruns/1/a/params/lr', 'failed'),
      file(4, 'a.csv', 'duplicate'),
    ]);
    expect(groups.map((g) => [g.key, g.folder, g.files.map((f) => f.id)])).toEqual([
      ['mlruns', true, [1, 3]],
      ['a.csv', false, [2]],
      ['a.csv', false, [4]],
    ]);
    expect(groups[0]).toMatchObject({ bytes: 20, points: 2, counts: { loaded: 1, failed: 1 } });
  });
});

describe('groupStatus', () => {
  it('is busy while any file is, failed only when all failed, partial when some did', () => {
    expect(groupStatus({ loaded: 3, reading: 1 })).toBe('reading');
    expect(groupStatus({ failed: 2 })).toBe('failed');
    expect(groupStatus({ loaded: 2, failed: 1 })).toBe('partial');
    expect(groupStatus({ loaded: 2, duplicate: 1 })).toBe('loaded');
    expect(groupStatus({ empty: 1, duplicate: 1 })).toBe('duplicate');
  });
});
