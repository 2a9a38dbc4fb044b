import { describe, expect, it } from 'vitest';
import { eventFileRun, isEventFileName } from '../../../../src/lib/importers/tfevents/run-name';

describe('eventFileRun', () => {
  it('makes the folder the run, so that all event files of a run dir merge', () => {
    expect(
      eventFileRun('lightning_logs/version_0/events.out.tfevents.1716735746.99c8c45923de.3769.0'),
    ).toEqual({
      key: 'dir:lightning_logs/version_0',
      name: 'lightning_logs/version_0',
      host: '99c8c45923de',
    });
  });

  it('reads the host of TF2 names, dots and the .v2 suffix included', () => {
    expect(
      eventFileRun(
        'logs/train/events.out.tfevents.1644728510.huangyuan3hdeMacBook-Pro.local.73068.0.v2',
      ).host,
    ).toBe('huangyuan3hdeMacBook-Pro.local');
  });

  it('names no host when the name has no pid and counter (TF1 names, profiler files)', () => {
    expect(eventFileRun('logs/events.out.tfevents.1500000000.myhost').host).toBeNull();
    expect(eventFileRun('logs/train/events.out.tfevents.1628697775.profile-empty').host).toBeNull();
  });

  it('names a file dropped on its own by what precedes events.out.tfevents, else by the file name', () => {
    const prefixed =
      'swahili-stt_keras_train_events.out.tfevents.1628697775.DESKTOP-V1DB051.21044.31250.v2';
    expect(eventFileRun(prefixed)).toEqual({
      key: `file:${prefixed}`,
      name: 'swahili-stt_keras_train',
      host: 'DESKTOP-V1DB051',
    });
    expect(eventFileRun('events.out.tfevents.1.h.2.3').name).toBe('events.out.tfevents.1.h.2.3');
  });
});

describe('isEventFileName', () => {
  it('accepts names that contain events.out.tfevents, in the file name only', () => {
    expect(isEventFileName('a/events.out.tfevents.1.h')).toBe(true);
    expect(isEventFileName('run1_events.out.tfevents.1.h.v2')).toBe(true);
    expect(isEventFileName('events.out.tfevents.dir/metrics.csv')).toBe(false);
  });
});
