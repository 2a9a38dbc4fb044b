import { describe, expect, it } from 'vitest';
import { parseSamplePath } from '../../../src/lib/samples/sample-path';
import { splitSamples, splitSamplesInTasks } from '../../../src/lib/samples/collect-samples';

const brief = (path: string) => {
  const p = parseSamplePath(path);
  return p && { kind: p.kind, key: p.key, step: p.step, run: p.run.runKey };
};

describe('parseSamplePath', () => {
  it("reads W&B media names: key, step, and the run's id as the W&B importers key it", () => {
    expect(
      brief(
        'wandb/run-20231211_140152-5milpyx4/files/media/images/val_examples_1200_0a1b2c3d4e5f.png',
      ),
    ).toEqual({ kind: 'image', key: 'val_examples', step: 1200, run: 'wandb:5milpyx4' });
    expect(
      brief('run-20231211_140152-abc/files/media/images/val/recon_7_ffeedd001122.jpg'),
    ).toEqual({ kind: 'image', key: 'val/recon', step: 7, run: 'wandb:abc' });
    expect(brief('x/run-20231211_140152-abc/files/media/audio/speech_30_abcdef1234.wav')).toEqual({
      kind: 'audio',
      key: 'speech',
      step: 30,
      run: 'wandb:abc',
    });
  });

  it('reads step folders, with the run above the samples folder', () => {
    expect(brief('exp/baseline/samples/step_500/cat.png')).toEqual({
      kind: 'image',
      key: 'cat',
      step: 500,
      run: 'dir:exp/baseline',
    });
    expect(brief('runB/iter-20/val/grid.webp')).toEqual({
      kind: 'image',
      key: 'val/grid',
      step: 20,
      run: 'dir:runB',
    });
  });

  it('reads ClearML-style and plain names: the iteration is the last number after a separator', () => {
    expect(brief('lr0.1/debug_samples/Validation_image 3_000120.jpeg')).toEqual({
      kind: 'image',
      key: 'Validation_image 3',
      step: 120,
      run: 'dir:lr0.1',
    });
    expect(brief('runA/pred_step100.png')).toEqual({
      kind: 'image',
      key: 'pred',
      step: 100,
      run: 'dir:runA',
    });
    expect(brief('runA/step_40_mask.png')?.key).toBe('mask');
    expect(brief('img_2024_100.png')).toEqual({
      kind: 'image',
      key: 'img_2024',
      step: 100,
      run: 'dir:',
    });
    expect(brief('runA/samples/generation_9.txt')).toEqual({
      kind: 'text',
      key: 'generation',
      step: 9,
      run: 'dir:runA',
    });
  });

  it('is not a sample without an iteration, a known extension, or (for text) a samples folder', () => {
    expect(parseSamplePath('runA/resnet50.png')).toBeNull();
    expect(parseSamplePath('runA/logo.png')).toBeNull();
    expect(parseSamplePath('runA/metrics_10.csv')).toBeNull();
    expect(parseSamplePath('runA/notes_10.txt')).toBeNull();
    expect(parseSamplePath('runA/step_10/metrics.csv')).toBeNull();
    expect(parseSamplePath('runA/sample_99999999999999999999.png')).toBeNull();
  });

  it('keeps hostile names as plain text keys', () => {
    expect(brief('r/<img src=x onerror=alert(1)>_5.png')?.key).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('splitSamples', () => {
  it('sets samples apart and leaves every other file for the importers, in order', () => {
    const blob = new Blob(['x']);
    const files = [
      'a/metrics.csv',
      'a/samples/x_1.png',
      'a/events.out.tfevents.1.h',
      'a/y_2.wav',
    ].map((name) => ({ name, blob }));
    const { samples, rest } = splitSamples(files);
    expect(samples.map((s) => [s.file, s.key, s.step, s.mime])).toEqual([
      ['a/samples/x_1.png', 'x', 1, 'image/png'],
      ['a/y_2.wav', 'y', 2, 'audio/wav'],
    ]);
    expect(rest.map((f) => f.name)).toEqual(['a/metrics.csv', 'a/events.out.tfevents.1.h']);
  });
});

describe('splitSamplesInTasks', () => {
  it('splits a large drop as splitSamples does, a slice of paths per task', async () => {
    const blob = new Blob([]);
    const files = Array.from({ length: 950 }, (_, i) => ({
      name:
        i % 3 === 0
          ? `exp/run${i % 4}/metrics_${i}.csv`
          : `exp/run${i % 4}/samples/step_${i}/cat.png`,
      blob,
    }));
    let settled = false;
    const split = splitSamplesInTasks(files, 100).then((r) => {
      settled = true;
      return r;
    });
    // Ten slices: the first in this task, the others each in a task of its own, after this one.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(settled).toBe(false);
    const sliced = await split;
    expect(sliced).toEqual(splitSamples(files));
    expect(sliced.samples).toHaveLength(633);
    expect(sliced.rest.map((f) => f.name)).toEqual(
      files.filter((_, i) => i % 3 === 0).map((f) => f.name),
    );
  });
});
