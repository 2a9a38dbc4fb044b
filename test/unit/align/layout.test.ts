import { describe, expect, it } from 'vitest';
import { alignTables, metricStem } from '../../../src/lib/align/layout';
import type { MetricAlignment } from '../../../src/lib/align/types';

const metric = (name: string, role: MetricAlignment['role'], id: number): MetricAlignment => ({
  metric: name,
  metricId: id,
  role,
  direction: 'max',
  student: null,
  baselines: [],
});

describe('metricStem', () => {
  it('takes role prefixes off, however they are separated', () => {
    expect(metricStem('train/loss')).toBe('loss');
    expect(metricStem('val_loss')).toBe('loss');
    expect(metricStem('downstream/linear_acc')).toBe('acc');
    expect(metricStem('knn_top1')).toBe('top1');
    expect(metricStem('eval')).toBe('eval');
  });
});

describe('alignTables', () => {
  it('pairs each proxy with its target, paired tables first, roleless metrics last', () => {
    const tables = alignTables([
      metric('lr', 'other', 1),
      metric('val/acc', 'target', 2),
      metric('train/loss', 'proxy', 3),
      metric('val/loss', 'target', 4),
      metric('knn_top1', 'proxy', 5),
      metric('linear_top1', 'target', 6),
      metric('gpu_memory', 'resource', 7),
    ]);
    expect(tables.map((t) => [t.title, t.rows.map((r) => r.metric)])).toEqual([
      ['loss', ['train/loss', 'val/loss']],
      ['top1', ['knn_top1', 'linear_top1']],
      ['acc', ['val/acc']],
      ['resources', ['gpu_memory']],
      ['other metrics', ['lr']],
    ]);
  });
});
