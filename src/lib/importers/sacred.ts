/**
 * Sacred's FileStorageObserver run folders, `runs/<id>/`: `config.json` (params), `run.json`
 * (state, project, lineage), `metrics.json` (points), `info.json` (summary), `cout.txt` (captured
 * console output, not loaded). The folder is the run: every file of it merges by its path.
 */

import { basename, dirname, folderRunKey } from './paths';
import { UnreadableError } from './shapes/read-shape';
import { rawChunks, readAllText } from './text/chunks';
import type { Importer, Probe, ReadContext, SourceFile } from './types';
import { flattenJson, JsonObjectError, parseJsonObject, type JsonObject } from './hf/json-object';
import { readInfoJson } from './sacred/info-json';
import { readMetricsJson } from './sacred/metrics-json';
import { readRunJson, runInfoOf } from './sacred/run-json';

const RUN_ID = /^\d+$/;
const METRICS_START = /^\{\s*"(?:[^"\\]|\\.)*"\s*:\s*\{\s*"(steps|timestamps|values)"\s*:/;
const HF_MODEL_CONFIG = /"(architectures|model_type|_name_or_path)"\s*:/;

/** How sure the file is a Sacred run file, from its name, its folder and its first bytes. */
function sniffSacred(probe: Probe): number {
  if (probe.binary) return 0;
  const name = basename(probe.name);
  const inRunDir = RUN_ID.test(basename(dirname(probe.name)));
  const text = probe.headText.trimStart();
  const object = text.startsWith('{');
  switch (name) {
    case 'run.json':
      return object && text.includes('"experiment"') && /"(start_time|heartbeat|status)"/.test(text)
        ? 0.9
        : 0;
    case 'metrics.json':
      if (METRICS_START.test(text)) return 0.9;
      return inRunDir && text.trim() === '{}' ? 0.8 : 0;
    case 'config.json':
      if (!object || !/"seed"\s*:/.test(text) || HF_MODEL_CONFIG.test(text)) return 0;
      return inRunDir ? 0.9 : 0.7;
    case 'info.json':
      return inRunDir && object ? 0.85 : 0;
    case 'cout.txt':
      return inRunDir ? 0.9 : 0;
    default:
      return 0;
  }
}

async function readObject(file: SourceFile, ctx: ReadContext): Promise<JsonObject> {
  const text = await readAllText(file.blob, ctx);
  try {
    return parseJsonObject(text);
  } catch (error) {
    if (error instanceof JsonObjectError) throw new UnreadableError(error.message);
    throw error;
  }
}

export const sacredImporter: Importer = {
  id: 'sacred',
  sniff: sniffSacred,
  async read(file, ctx) {
    const { sink, report } = ctx;
    const name = basename(file.name);
    const dir = dirname(file.name);
    const key = folderRunKey(dir);
    const runName = dir || file.name;
    report.format = `Sacred run ${name}`;
    if (name === 'cout.txt') {
      // Read through anyway: the bytes make the content hash, and progress moves.
      for await (const chunk of rawChunks(file.blob, ctx)) void chunk;
      sink.run(key, runName);
      report.warn(
        'The captured console output (cout.txt) is not loaded: it holds no metrics Lockstep can read.',
      );
      return;
    }
    const content = await readObject(file, ctx);
    if (name === 'run.json') {
      const run = sink.run(key, runName, runInfoOf(content, report));
      readRunJson(content, run, ctx);
    } else if (name === 'metrics.json') {
      readMetricsJson(content, sink.run(key, runName), ctx);
    } else if (name === 'info.json') {
      readInfoJson(content, sink.run(key, runName), ctx);
    } else {
      const run = sink.run(key, runName);
      for (const [k, v] of flattenJson(content, '')) sink.param(run, k, v);
    }
  },
};
