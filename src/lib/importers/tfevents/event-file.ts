/**
 * Turns the records of one event file into scalar points: simple values, and one-element tensors
 * of tags the `scalars` plugin owns. Everything else (histograms, images, text, graphs, profiles,
 * hparams summaries) is counted by kind so the report can say what was left out.
 */

import { newCommonEvent, readCommonEvent } from './common-event';
import {
  EVENT_FILE_VERSION,
  EVENT_GRAPH_DEF,
  EVENT_LOG_MESSAGE,
  EVENT_META_GRAPH_DEF,
  EVENT_SESSION_LOG,
  EVENT_SUMMARY,
  EVENT_TAGGED_RUN_METADATA,
  newEventFields,
  readEvent,
} from './event';
import { readSessionHparams, type SessionHparams } from './hparams';
import { DATA_CLASS_SCALAR, readMetadata } from './metadata';
import { utf8, WireError, WireReader } from './protobuf';
import {
  dtypeName,
  readScalarTensor,
  SCALAR_NO_VALUE,
  SCALAR_NOT_ONE_ELEMENT,
  SCALAR_OK,
  type TensorScalar,
} from './tensor';
import {
  newValueFields,
  nextSummaryValue,
  readValue,
  VALUE_AUDIO,
  VALUE_HISTOGRAM,
  VALUE_IMAGE,
  VALUE_NONE,
  VALUE_OLD_HISTOGRAM,
  VALUE_SIMPLE,
  VALUE_TENSOR,
} from './summary';
import { readFloatTensor, type FloatTensor } from './float-tensor';
import { audioValue, imageValue, pluginTensor, type EventSampleKind } from './samples';
import { TAG_HPARAMS, TAG_OTHER, TAG_SCALARS, TagTable } from './tags';

/** Receives a scalar: `tag` is an id of `reader.tags`; `wall` is unix seconds, `undefined` when absent. */
export type ScalarHandler = (
  tag: number,
  step: number,
  value: number,
  wall: number | undefined,
) => void;

/** Receives a debug sample: its bytes are at `[fileStart, fileEnd)` of the event file. */
export type SampleHandler = (
  tag: number,
  step: number,
  sample: {
    kind: EventSampleKind;
    mime: string;
    fileStart: number;
    fileEnd: number;
    index: number;
  },
) => void;

export interface EventFileHandlers {
  scalar: ScalarHandler;
  hparams(h: SessionHparams): void;
  /** Without it, images, audio and text are counted as left out, as before. */
  sample?: SampleHandler;
  /** A `pr_curves` value: a 6×T float tensor (TP, FP, TN, FN, precision, recall by threshold). */
  prCurve?: PrCurveHandler;
}

export type PrCurveHandler = (
  tag: number,
  step: number,
  wall: number | undefined,
  curve: FloatTensor,
) => void;

const SAMPLE_PLUGINS = new Set(['images', 'audio', 'text']);

const EVENT_KINDS: Record<number, string> = {
  [EVENT_GRAPH_DEF]: 'graph',
  [EVENT_LOG_MESSAGE]: 'log message',
  [EVENT_SESSION_LOG]: 'session log',
  [EVENT_TAGGED_RUN_METADATA]: 'run metadata (profile)',
  [EVENT_META_GRAPH_DEF]: 'meta graph',
};

const VALUE_KINDS: Record<number, string> = {
  [VALUE_IMAGE]: 'images',
  [VALUE_HISTOGRAM]: 'histograms',
  [VALUE_OLD_HISTOGRAM]: 'histograms',
  [VALUE_AUDIO]: 'audio',
  [VALUE_TENSOR]: 'tensors without a plugin',
  [VALUE_NONE]: 'values without data',
};

export interface Skipped {
  values: number;
  tags: Set<string>;
}

export interface EventFileCounts {
  events: number;
  scalars: number;
  /** Images, audio clips and texts handed to the sample handler. */
  samples: number;
  /** `pr_curves` values handed to the PR-curve handler. */
  prCurves: number;
  /** Summary values not read, by plugin (or kind when they name none). */
  skippedValues: Map<string, Skipped>;
  /** Events that hold no summary, by kind (graph, session log…). */
  skippedEvents: Map<string, number>;
  /** Scalar-plugin values that were not one number of a known type, by reason. */
  unreadableScalars: Map<string, Skipped>;
  /** Events whose step is not a whole number within ±2^53. */
  badSteps: number;
  malformed: { count: number; firstOffset: number };
  fileVersion: string | null;
  /** Wall time of the first event (the file's creation), unix seconds. */
  firstWall: number | undefined;
}

export class EventFileReader {
  readonly tags = new TagTable();
  readonly counts: EventFileCounts = {
    events: 0,
    scalars: 0,
    samples: 0,
    prCurves: 0,
    skippedValues: new Map(),
    skippedEvents: new Map(),
    unreadableScalars: new Map(),
    badSteps: 0,
    malformed: { count: 0, firstOffset: -1 },
    fileVersion: null,
    firstWall: undefined,
  };
  #handlers: EventFileHandlers;
  #r = new WireReader();
  #event = newEventFields();
  #value = newValueFields();
  #tensor: TensorScalar = { value: 0, dtype: 0 };
  #common = newCommonEvent();
  #fast: boolean;
  /** File offset of `buf[0]` for the record being read: `offset + 12 - start`. */
  #base = 0;

  /** `fastPath: false` reads every record with the general decoder (tests compare the two). */
  constructor(handlers: EventFileHandlers, options: { fastPath?: boolean } = {}) {
    this.#handlers = handlers;
    this.#fast = options.fastPath ?? true;
  }

  /** A `RecordHandler` for `RecordReader`: reads one record's event. */
  readonly record = (buf: Uint8Array, start: number, length: number, offset: number): void => {
    const r = this.#r;
    r.reset(buf, start);
    const common = this.#common;
    if (this.#fast && readCommonEvent(r, start, start + length, this.tags, common)) {
      this.counts.events++;
      this.counts.scalars++;
      this.#handlers.scalar(
        common.tag,
        common.step,
        common.value,
        common.wall > 0 ? common.wall : undefined,
      );
      return;
    }
    this.#base = offset + 12 - start;
    try {
      this.#readEvent(r, start, start + length);
    } catch (error) {
      // Bytes that pass the checksum but are not an Event: out-of-bounds reads throw RangeError.
      if (!(error instanceof WireError || error instanceof RangeError)) throw error;
      const m = this.counts.malformed;
      if (m.count++ === 0) m.firstOffset = offset;
    }
  };

  #readEvent(r: WireReader, start: number, end: number): void {
    const e = this.#event;
    readEvent(r, start, end, e);
    const c = this.counts;
    if (c.events++ === 0) c.firstWall = e.wall > 0 ? e.wall : undefined;
    if (e.what === EVENT_SUMMARY)
      this.#readSummary(r, e.whatStart, e.whatEnd, e.step, e.wall > 0 ? e.wall : undefined);
    else if (e.what === EVENT_FILE_VERSION) c.fileVersion = utf8(r.buf, e.whatStart, e.whatEnd);
    else if (e.what !== 0) {
      const kind = EVENT_KINDS[e.what];
      c.skippedEvents.set(kind, (c.skippedEvents.get(kind) ?? 0) + 1);
    }
  }

  #readSummary(
    r: WireReader,
    start: number,
    end: number,
    step: number,
    wall: number | undefined,
  ): void {
    if (!Number.isSafeInteger(step)) {
      this.counts.badSteps++;
      return;
    }
    const v = this.#value;
    r.pos = start;
    for (
      let valueEnd = nextSummaryValue(r, end);
      valueEnd >= 0;
      valueEnd = nextSummaryValue(r, end)
    ) {
      readValue(r, valueEnd, v);
      const tag = this.tags.intern(r.buf, v.tagStart, v.tagEnd);
      let kind = this.tags.kinds[tag];
      if (kind === undefined) kind = this.#firstSight(r, tag);
      if (v.kind === VALUE_SIMPLE) {
        this.counts.scalars++;
        this.#handlers.scalar(tag, step, v.simple, wall);
      } else if (kind === TAG_SCALARS && v.kind === VALUE_TENSOR) {
        const t = this.#tensor;
        const result = readScalarTensor(r, v.dataStart, v.dataEnd, t);
        if (result === SCALAR_OK) {
          this.counts.scalars++;
          this.#handlers.scalar(tag, step, t.value, wall);
        } else this.#unreadable(tag, result, t.dtype);
      } else if (kind === TAG_HPARAMS) {
        if (v.metaStart >= 0) {
          const meta = readMetadata(r, v.metaStart, v.metaEnd);
          const h =
            meta.contentStart >= 0
              ? readSessionHparams(r, meta.contentStart, meta.contentEnd)
              : null;
          if (h) this.#handlers.hparams(h);
        }
        this.#skip('hparams', tag);
      } else if (
        this.#handlers.prCurve &&
        v.kind === VALUE_TENSOR &&
        this.tags.plugins[tag] === 'pr_curves'
      ) {
        this.#prCurve(r, tag, step, wall);
      } else if (this.#handlers.sample && this.#isSample(v.kind, tag)) {
        this.#samples(r, tag, step, v.kind);
      } else this.#skip(this.tags.plugins[tag] || VALUE_KINDS[v.kind], tag);
      r.pos = valueEnd;
    }
  }

  #prCurve(r: WireReader, tag: number, step: number, wall: number | undefined): void {
    const v = this.#value;
    const t = readFloatTensor(r, v.dataStart, v.dataEnd);
    if (t && t.shape.length === 2 && t.shape[0] === 6 && t.shape[1] > 0) {
      this.counts.prCurves++;
      this.#handlers.prCurve?.(tag, step, wall, t);
    } else this.#skip('pr_curves (not a 6×T float tensor)', tag);
  }

  #isSample(kind: number, tag: number): boolean {
    return (
      kind === VALUE_IMAGE ||
      kind === VALUE_AUDIO ||
      (kind === VALUE_TENSOR && SAMPLE_PLUGINS.has(this.tags.plugins[tag]))
    );
  }

  #samples(r: WireReader, tag: number, step: number, kind: number): void {
    const v = this.#value;
    const found =
      kind === VALUE_IMAGE
        ? imageValue(r, v.dataStart, v.dataEnd)
        : kind === VALUE_AUDIO
          ? audioValue(r, v.dataStart, v.dataEnd)
          : pluginTensor(r, this.tags.plugins[tag], v.dataStart, v.dataEnd);
    const handler = this.#handlers.sample;
    for (const s of found) {
      this.counts.samples++;
      handler?.(tag, step, {
        kind: s.kind,
        mime: s.mime,
        fileStart: this.#base + s.start,
        fileEnd: this.#base + s.end,
        index: s.index,
      });
    }
  }

  /** Decides what a tag is from its first value's metadata (later values may omit it). */
  #firstSight(r: WireReader, tag: number): number {
    const v = this.#value;
    let plugin = '';
    let kind = TAG_OTHER;
    if (v.metaStart >= 0) {
      const meta = readMetadata(r, v.metaStart, v.metaEnd);
      plugin = meta.plugin;
      if (plugin === 'scalars' || (plugin === '' && meta.dataClass === DATA_CLASS_SCALAR))
        kind = TAG_SCALARS;
      else if (plugin === 'hparams') kind = TAG_HPARAMS;
    }
    this.tags.kinds[tag] = kind;
    this.tags.plugins[tag] = plugin;
    return kind;
  }

  #skip(label: string, tag: number): void {
    bump(this.counts.skippedValues, label, this.tags.names[tag]);
  }

  #unreadable(tag: number, result: number, dtype: number): void {
    const reason =
      result === SCALAR_NOT_ONE_ELEMENT
        ? 'a tensor of more than one element'
        : result === SCALAR_NO_VALUE
          ? 'a tensor with no value'
          : `a ${dtypeName(dtype)} tensor`;
    bump(this.counts.unreadableScalars, reason, this.tags.names[tag]);
  }
}

function bump(map: Map<string, Skipped>, label: string, tag: string): void {
  let s = map.get(label);
  if (!s) map.set(label, (s = { values: 0, tags: new Set() }));
  s.values++;
  s.tags.add(tag);
}
