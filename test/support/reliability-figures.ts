// The fault tests write what they measured to test-results/reliability/<name>.json, so that the
// figures in RELIABILITY.md can be refreshed from the last run rather than copied by hand.

import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const RELIABILITY_DIR = join(REPO_ROOT, 'test-results', 'reliability');

/** Writes `figures` (plain JSON) with the time of the run and the machine it ran on. */
export async function writeReliabilityFigures(
  name: string,
  figures: Record<string, unknown>,
): Promise<string> {
  await mkdir(RELIABILITY_DIR, { recursive: true });
  const file = join(RELIABILITY_DIR, `${name}.json`);
  const record = {
    test: name,
    ranAt: new Date().toISOString(),
    node: process.version,
    ...figures,
  };
  await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}
