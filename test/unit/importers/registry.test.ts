/** Which importer gets a file: the one most sure, or the one whose folder layout the path shows. */

import { afterEach, describe, expect, it, vi } from 'vitest';
import { probeBytes } from '../../../src/lib/engine/probe';
import { IMPORTERS, pickImporter } from '../../../src/lib/importers/registry';

const RUN = 'ed05f9cd599442fe9a0c9222184710b8';
const probe = (name: string, text: string | Uint8Array) => {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return probeBytes(name, bytes.length, bytes);
};

afterEach(() => vi.restoreAllMocks());

describe('picking the importer', () => {
  it("routes an MLflow run's metric, param and tag files by their path, without sniffing the other formats", () => {
    const sniffs = IMPORTERS.filter((i) => i.id !== 'mlflow-store').map((i) =>
      vi.spyOn(i, 'sniff'),
    );
    for (const [path, text] of [
      [`mlruns/1/${RUN}/metrics/val/loss`, '1700000000000 0.5 0\n'],
      [`mlruns/1/${RUN}/params/lr`, '0.001'],
      [`1/${RUN}/tags/mlflow.runName`, 'step,loss'],
    ]) {
      expect(pickImporter(probe(path, text))?.id, path).toBe('mlflow-store');
    }
    for (const sniff of sniffs) expect(sniff).not.toHaveBeenCalled();
  });

  it("still tells a run's meta.yaml by its content", () => {
    const meta = `run_id: ${RUN}\nexperiment_id: '1'\nstatus: 3\n`;
    expect(pickImporter(probe(`mlruns/1/${RUN}/meta.yaml`, meta))?.id).toBe('mlflow-store');
  });

  it('sniffs a binary file at a store path like any other, and nothing takes it', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(pickImporter(probe(`mlruns/1/${RUN}/metrics/loss`, png))).toBeNull();
  });

  it('sniffs a file outside any claimed layout with every importer', () => {
    expect(pickImporter(probe('runs/a/loss.csv', 'step,loss\n1,0.5\n'))?.id).toBe('delimited');
  });
});
