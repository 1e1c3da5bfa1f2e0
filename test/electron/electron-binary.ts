// Where Electron's binary is, without `require('electron')`: that require downloads the binary
// when it is missing (node_modules/electron/index.js runs install.js), which must never happen
// from a test (and cannot here: the download is from outside the npm registry). Same rules as
// that file otherwise: path.txt names the executable under dist/, ELECTRON_OVERRIDE_DIST_PATH
// moves dist/ elsewhere.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const SKIP_NO_BINARY = 'skipped: Electron binary not installed';

export function electronBinary(
  from: string,
  env: NodeJS.ProcessEnv = process.env,
): { readonly path: string } | { readonly missing: string } {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(from).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const path = join(override, executable ?? 'electron');
    return existsSync(path) ? { path } : { missing: `no binary at ${path}` };
  }
  if (executable === undefined) return { missing: 'node_modules/electron/path.txt is missing' };
  const path = join(packageDir, 'dist', executable);
  return existsSync(path) ? { path } : { missing: `no binary at ${path}` };
}
