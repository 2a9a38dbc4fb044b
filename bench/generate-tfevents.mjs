/**
 * Seeded TensorBoard logdirs for benchmarks: `tfeventsLogdir()` writes `runs` run folders, each
 * with `tags` scalar tags logged at `steps` steps, as real writers do: TFRecord framing with masked
 * CRC-32C, `Event` protos encoded here byte by byte. `style` picks the writer imitated:
 *   'simple'  torch.utils.tensorboard / Lightning / TF1: `simple_value` floats
 *   'tf2'     TF2 / Keras: rank-0 DT_FLOAT tensors, the `scalars` plugin named on each tag's first value
 * With `filesPerRun` > 1 a run's steps are split over that many files (a run resumed several times).
 * Files are reused while their marker (all options and the generator version) matches.
 *
 *   node bench/generate-tfevents.mjs [runs tags steps filesPerRun style]
 *     default: 50 runs × 20 tags × 10,000 steps, 1 file per run, simple (10 M scalars)
 *
 * `bench/scenarios.mjs` can call it like `longCsv`:
 *   const data = await tfeventsLogdir({ runs: 50, tags: 20, steps: 10000 });
 *   return { files: data.files, rows: data.scalars, bytes: data.bytes, input: 'folder-input' };
 *   expect: { status: 'loaded', runs: 50, points: 10_000_000 }
 */

import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, mulberry32 } from './generate.mjs';

/** Bump when the generated content changes, so old logdirs are regenerated. */
const GENERATOR_VERSION = 2;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/** Masked CRC-32C of `buf[start, end)`, as TFRecord stores it. */
export function maskedCrc32c(buf, start, end) {
  let c = ~0;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  const crc = ~c >>> 0;
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}

/** A growable byte buffer with the protobuf writes the generator needs. */
class Out {
  buf = new Uint8Array(1 << 20);
  view = new DataView(this.buf.buffer);
  pos = 0;
  ensure(n) {
    if (this.pos + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
    this.view = new DataView(grown.buffer);
  }
  byte(b) {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }
  varint(v) {
    this.ensure(10);
    while (v >= 128) {
      this.buf[this.pos++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    this.buf[this.pos++] = v;
  }
  bytes(b) {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  double(x) {
    this.ensure(8);
    this.view.setFloat64(this.pos, x, true);
    this.pos += 8;
  }
  float(x) {
    this.ensure(4);
    this.view.setFloat32(this.pos, x, true);
    this.pos += 4;
  }
  /** A length-delimited field whose body `write` appends; bodies here stay below 128 bytes. */
  message(field, write) {
    this.varint((field << 3) | 2);
    this.ensure(1);
    const at = this.pos++;
    write();
    const len = this.pos - at - 1;
    if (len >= 128) throw new Error('message too long for a 1-byte length');
    this.buf[at] = len;
  }
}

const enc = new TextEncoder();
const SCALARS_METADATA = (() => {
  const o = new Out();
  o.message(1, () => o.message(1, () => o.bytes(enc.encode('scalars'))));
  return o.buf.slice(0, o.pos);
})();

/** Appends one TFRecord holding the event `write` encodes. */
function record(out, write) {
  out.ensure(12);
  const start = out.pos;
  out.pos += 12;
  write();
  const len = out.pos - start - 12;
  out.view.setUint32(start, len, true);
  out.view.setUint32(start + 4, 0, true);
  out.view.setUint32(start + 8, maskedCrc32c(out.buf, start, start + 8), true);
  out.ensure(4);
  out.view.setUint32(out.pos, maskedCrc32c(out.buf, start + 12, out.pos), true);
  out.pos += 4;
}

function fileVersionEvent(out, wall) {
  record(out, () => {
    out.byte(0x09);
    out.double(wall);
    out.message(3, () => out.bytes(enc.encode('brain.Event:2')));
  });
}

function scalarEvent(out, wall, step, tagBytes, value, style, first) {
  record(out, () => {
    out.byte(0x09);
    out.double(wall);
    if (step !== 0) {
      out.byte(0x10);
      out.varint(step);
    }
    out.message(5, () =>
      out.message(1, () => {
        out.message(1, () => out.bytes(tagBytes));
        if (style === 'simple') {
          out.byte(0x15);
          out.float(value);
          return;
        }
        if (first) out.message(9, () => out.bytes(SCALARS_METADATA));
        out.message(8, () => {
          out.byte(0x08);
          out.varint(1);
          out.message(2, () => {});
          out.message(4, () => {
            out.ensure(4);
            out.view.setFloat32(out.pos, value, true);
            out.pos += 4;
          });
        });
      }),
    );
  });
}

const TAGS = [
  'train/loss',
  'train/accuracy',
  'val/loss',
  'val/accuracy',
  'learning_rate',
  'grad_norm',
  'train/perplexity',
  'throughput',
];

function tagName(t) {
  return t < TAGS.length ? TAGS[t] : `metrics/extra_${String(t).padStart(3, '0')}`;
}

/**
 * Writes the logdir if missing or stale; returns its folder, its files (absolute paths, in order),
 * the number of scalars and the total bytes.
 * @param {{ runs?: number, tags?: number, steps?: number, filesPerRun?: number, style?: 'simple' | 'tf2', seed?: number }} [options]
 */
export async function tfeventsLogdir(options = {}) {
  const {
    runs = 50,
    tags = 20,
    steps = 10000,
    filesPerRun = 1,
    style = 'simple',
    seed = 20240611,
  } = options;
  const dir = join(
    DATA_DIR,
    `tb-logdir-${runs}x${tags}x${steps}-f${filesPerRun}-${style}-s${seed}`,
  );
  const markerPath = `${dir}.marker.json`;
  const marker = { version: GENERATOR_VERSION, runs, tags, steps, filesPerRun, style, seed };
  const scalars = runs * tags * steps;
  if (existsSync(markerPath)) {
    try {
      const old = JSON.parse(readFileSync(markerPath, 'utf8'));
      const same = Object.entries(marker).every(([k, v]) => old[k] === v);
      if (same && old.files.every((f) => existsSync(f)))
        return { dir, files: old.files, scalars, bytes: old.bytes };
    } catch {
      /* regenerate */
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const started = Date.now();
  process.stdout.write(`generating ${dir} (${scalars.toLocaleString('en-US')} scalars)… `);
  const rand = mulberry32(seed);
  const tagBytes = Array.from({ length: tags }, (_, t) => enc.encode(tagName(t)));
  const files = [];
  let bytes = 0;
  const t0 = 1718000000;
  for (let r = 0; r < runs; r++) {
    const runDir = join(dir, `run_${String(r).padStart(3, '0')}`);
    mkdirSync(runDir, { recursive: true });
    const speed = 2 + 6 * rand();
    const floor = 0.1 + 0.5 * rand();
    for (let f = 0; f < filesPerRun; f++) {
      const from = Math.floor((f * steps) / filesPerRun);
      const to = Math.floor(((f + 1) * steps) / filesPerRun);
      const start = t0 + r * 3600 + from;
      const out = new Out();
      fileVersionEvent(out, start);
      for (let s = from; s < to; s++) {
        const p = s / steps;
        for (let t = 0; t < tags; t++) {
          const base = floor + (2 - floor) * Math.exp(-speed * p * (1 + t / tags));
          const value = base * (1 + 0.05 * (rand() - 0.5));
          scalarEvent(out, start + (s - from) + t * 1e-4, s, tagBytes[t], value, style, s === from);
        }
      }
      const path = join(
        runDir,
        `events.out.tfevents.${start}.bench-host.${1000 + r}.${f}${style === 'tf2' ? '.v2' : ''}`,
      );
      writeFileSync(path, out.buf.subarray(0, out.pos));
      files.push(path);
      bytes += out.pos;
    }
  }
  writeFileSync(markerPath, JSON.stringify({ ...marker, files, bytes }, null, 1));
  console.log(
    `${(bytes / 1e6).toFixed(0)} MB in ${files.length} files, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { dir, files, scalars, bytes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [runs, tags, steps, filesPerRun, style] = process.argv.slice(2);
  const r = await tfeventsLogdir({
    runs: runs ? Number(runs) : undefined,
    tags: tags ? Number(tags) : undefined,
    steps: steps ? Number(steps) : undefined,
    filesPerRun: filesPerRun ? Number(filesPerRun) : undefined,
    style,
  });
  console.log({
    dir: r.dir,
    files: r.files.length,
    scalars: r.scalars,
    bytes: r.bytes,
    size: statSync(r.files[0]).size,
  });
}
