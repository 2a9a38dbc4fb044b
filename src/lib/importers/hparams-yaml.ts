/**
 * Lightning's `hparams.yaml` (written by `save_hyperparameters()` beside a CSVLogger metrics.csv or
 * a TensorBoard event file): the hyperparameters of the run that is its folder.
 */

import { basename, dirname, folderRunKey } from './paths';
import { UnreadableError } from './shapes/read-shape';
import { readAllText } from './text/chunks';
import type { Importer } from './types';
import { flattenYamlMapping, YamlShapeError } from './yaml/flat-params';

export const hparamsYamlImporter: Importer = {
  id: 'hparams-yaml',
  sniff(probe) {
    if (probe.binary) return 0;
    return basename(probe.name) === 'hparams.yaml' ? 0.9 : 0;
  },
  async read(file, ctx) {
    const text = await readAllText(file.blob, ctx);
    ctx.report.format = 'Lightning hparams.yaml';
    let flat;
    try {
      flat = flattenYamlMapping(text);
    } catch (error) {
      if (error instanceof YamlShapeError) throw new UnreadableError(error.message);
      throw error;
    }
    for (const note of flat.notes) ctx.report.warn(note);
    const dir = dirname(file.name);
    const run = ctx.sink.run(folderRunKey(dir), dir || file.name);
    if (flat.entries.length === 0) ctx.report.warn('The file holds no hyperparameters.');
    for (const { key, value } of flat.entries) ctx.sink.param(run, key, value);
  },
};
