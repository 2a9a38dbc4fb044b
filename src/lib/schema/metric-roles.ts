/** A first guess at a metric's role and direction from its name; the user can change both. */

export type MetricRole = 'proxy' | 'target' | 'resource' | 'other';
export type Direction = 'max' | 'min';

const LOWER_IS_BETTER =
  /(loss|perplexity|ppl|error|err\b|wer|cer|mse|mae|rmse|nll|_time|time_|latency|runtime|duration|memory|mem_|fid)/i;
const HIGHER_IS_BETTER =
  /(acc|f1|auc|bleu|rouge|map\b|precision|recall|iou|dice|ssim|psnr|score|reward|return|top[-_]?\d)/i;
const TARGET =
  /^(eval|test|val|valid|validation|downstream|linear)[_/.\-\s]|(^|[_/.])(downstream|linear)/i;
const RESOURCE =
  /(_time|time_|latency|runtime|duration|memory|mem_|gpu|cpu|throughput|samples_per_second|steps_per_second|flops|params?_count|model_size)/i;
const PROXY = /^(train|training)[_/.\-\s]|^loss$|^knn|[_/.]knn/i;

/** Whether a metric or summary key measures cost (time, memory, throughput, size) rather than quality. */
export function isResourceName(name: string): boolean {
  return RESOURCE.test(name);
}

export function guessMetricRole(name: string): { role: MetricRole; direction: Direction } {
  const direction: Direction = LOWER_IS_BETTER.test(name)
    ? 'min'
    : HIGHER_IS_BETTER.test(name)
      ? 'max'
      : 'max';
  if (RESOURCE.test(name)) return { role: 'resource', direction };
  if (TARGET.test(name)) return { role: 'target', direction };
  if (PROXY.test(name)) return { role: 'proxy', direction };
  return { role: 'other', direction };
}
