/**
 * `toStrictJson`'s text alone. This file held a stand-in while `toStrictJson` took the digits of a
 * long fraction for an integer (fixed in d626134); `wandb/json-values.ts` still imports it and can
 * call `toStrictJson` directly, after which this file can go.
 */

import { toStrictJson } from '../json/relaxed';

export function strictJsonText(input: string): string {
  return toStrictJson(input).text;
}
