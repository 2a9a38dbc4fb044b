/**
 * Sacred's `info.json`, whatever the experiment put in `_run.info`: a scalar at the top level is a
 * summary value; anything nested is kept whole as meta (`info.<key>`, JSON text).
 */

import { isJsonObject, jsonScalar, type JsonObject } from '../hf/json-object';
import type { ReadContext } from '../types';

export function readInfoJson(info: JsonObject, run: number, ctx: ReadContext): void {
  const { sink } = ctx;
  for (const [key, value] of Object.entries(info)) {
    if (Array.isArray(value) || isJsonObject(value))
      sink.meta(run, `info.${key}`, String(jsonScalar(value)));
    else sink.summary(run, key, value);
  }
}
