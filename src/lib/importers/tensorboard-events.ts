/**
 * TensorBoard event files (`events.out.tfevents.*`): TFRecord-framed `Event` protos, read as a
 * stream of chunks. Scalars become points (step, value, wall time); hyperparameters of the hparams
 * plugin become params; the run is the file's folder, so all event files of a run dir merge.
 */

import { UnreadableError } from './shapes/read-shape';
import { CHUNK_BYTES, rawChunks } from './text/chunks';
import { MemoryBlob } from './text/memory-blob';
import { describeHead } from './tfevents/head';
import { eventWarnings, framingWarnings } from './tfevents/describe';
import { EventFileReader } from './tfevents/event-file';
import { eventFileRun, isEventFileName } from './tfevents/run-name';
import { RecordReader } from './tfevents/tfrecord';
import type { Importer, ReadContext, SourceFile } from './types';

/** How much of the file is read at a time; a test may lower it to split records across chunks. */
export const eventFileOptions = { chunkBytes: CHUNK_BYTES };

export const tensorboardEventsImporter: Importer = {
  id: 'tensorboard-events',
  binary: true,
  sniff(probe) {
    const head = describeHead(probe.raw);
    if (isEventFileName(probe.name)) return head.valid ? 0.95 : 0.3;
    return head.valid && head.fileVersion?.startsWith('brain.Event:') ? 0.8 : 0;
  },
  read: readEventFile,
};

async function readEventFile(file: SourceFile, ctx: ReadContext): Promise<void> {
  const { sink, report } = ctx;
  report.format = 'TensorBoard event file';
  report.rowUnit = 'record';
  const head = describeHead(ctx.probe.raw);
  if (!head.valid) throw new UnreadableError(head.problem);

  const run = eventFileRun(file.name);
  let handle = -1;
  const metricOf: number[] = [];
  let hyperparameters = 0;
  const openRun = () => {
    handle = sink.run(run.key, run.name, { createdAt: events.counts.firstWall ?? null });
    if (run.host) sink.meta(handle, 'host', run.host);
    return handle;
  };
  const events = new EventFileReader({
    scalar(tag, step, value, wall) {
      let metric = tag < metricOf.length ? metricOf[tag] : -1;
      if (metric < 0) {
        if (handle < 0) openRun();
        while (metricOf.length <= tag) metricOf.push(-1);
        metric = metricOf[tag] = sink.metric(events.tags.names[tag]);
      }
      sink.point(handle, metric, step, value, undefined, wall);
    },
    sample(tag, step, s) {
      if (handle < 0) openRun();
      sink.sample?.(handle, {
        kind: s.kind,
        // A value of several images (max_outputs > 1): the first keeps the tag, as TensorBoard shows it.
        key: s.index === 0 ? events.tags.names[tag] : `${events.tags.names[tag]}/${s.index}`,
        step,
        mime: s.mime,
        blob: sampleBlob(file.blob, s.fileStart, s.fileEnd, s.mime),
        range: [s.fileStart, s.fileEnd],
      });
    },
    prCurve(tag, step, wall, curve) {
      if (handle < 0) openRun();
      const t = curve.shape[1];
      const row = (i: number) => Float64Array.from(curve.values.subarray(i * t, (i + 1) * t));
      sink.prCurve?.(handle, {
        source: 'tensorboard',
        tag: events.tags.names[tag],
        step,
        wall: wall ?? null,
        tp: row(0),
        fp: row(1),
        tn: row(2),
        fn: row(3),
        precision: row(4),
        recall: row(5),
      });
    },
    hparams(h) {
      if (handle < 0) openRun();
      for (const [key, value] of h.values) sink.param(handle, key, value);
      hyperparameters += h.values.length;
      if (h.nested.length > 0)
        report.warn(
          `Hyperparameters holding a struct or list were not read: ${h.nested.join(', ')}.`,
        );
    },
  });
  const records = new RecordReader(events.record, { size: file.blob.size });
  for await (const chunk of rawChunks(file.blob, ctx, {
    chunkBytes: eventFileOptions.chunkBytes,
  })) {
    records.push(chunk);
    await sink.flush();
  }
  const problems = records.finish();
  report.rowsRead = problems.records;
  if (problems.corrupt.count > 0) {
    report.rejectMany(
      'damaged record (data checksum mismatch)',
      problems.corrupt.indexes.map((i) => i + 1),
      problems.corrupt.count,
    );
  }
  for (const i of problems.damaged.indexes)
    report.reject(i + 1, 'damaged record header: bytes skipped to the next valid record');
  for (const w of [...framingWarnings(problems), ...eventWarnings(events.counts, hyperparameters)])
    report.warn(w);
  const curves = events.counts.prCurves;
  if (curves > 0)
    report.warn(
      `${curves} PR curve${curves === 1 ? '' : 's'} (pr_curves plugin) read: shown under Tracker PR curves, not as metrics.`,
    );
  if (events.counts.scalars === 0)
    report.warn(
      events.counts.samples > 0
        ? `The event file holds no scalars, only ${events.counts.samples} debug samples (shown under Samples).`
        : curves > 0
          ? 'The event file holds no scalars, only PR curves.'
          : 'The event file holds no scalars.',
    );
}

/**
 * The sample's bytes as a real `Blob` the page can show: a slice of the dropped file, or a copy of
 * the bytes when the file was read whole into memory (a `MemoryBlob` cannot leave this worker).
 */
function sampleBlob(blob: Blob, start: number, end: number, mime: string): Blob {
  const whole = blob as unknown;
  if (whole instanceof MemoryBlob) return new Blob([whole.bytes.slice(start, end)], { type: mime });
  return blob.slice(start, end, mime);
}
