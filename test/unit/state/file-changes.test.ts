import { describe, expect, it } from 'vitest';
import type { SourceReport } from '../../../src/lib/engine/api';
import { FileChanges } from '../../../src/lib/state/file-changes';

const report = (sourceId: number): SourceReport => ({
  sourceId,
  name: 'a.csv',
  bytes: 10,
  sha256: null,
  status: 'loaded',
  message: 'ok',
  report: null,
  duplicateOf: null,
  children: [],
});

describe('FileChanges', () => {
  it('gathers the events of several messages by file, later fields over earlier ones', () => {
    const changes = new FileChanges();
    changes.add([
      { kind: 'start', key: 1, sourceId: 7, name: 'a.csv' },
      { kind: 'start', key: 2, sourceId: 8, name: 'b.csv' },
    ]);
    changes.add([
      { kind: 'progress', key: 1, sourceId: 7, bytesRead: 5, bytes: 10, points: 3 },
      { kind: 'done', key: 1, report: report(7) },
    ]);
    expect(changes.take()).toEqual([
      [
        1,
        {
          status: 'loaded',
          sourceId: 7,
          bytes: 10,
          bytesRead: 10,
          points: 0,
          report: report(7),
        },
      ],
      [2, { status: 'reading', sourceId: 8 }],
    ]);
  });

  it('starts over empty once taken', () => {
    const changes = new FileChanges();
    changes.add([{ kind: 'start', key: 1, sourceId: 7, name: 'a.csv' }]);
    changes.take();
    expect(changes.take()).toEqual([]);
  });
});
