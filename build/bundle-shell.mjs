#!/usr/bin/env node
// Bundles the Electron shell with esbuild (`npm run build:main`):
//
//   main/shell/main.ts  -> <out>/main/index.js    ESM, for Electron's main process. Packages stay
//                                                 external (node_modules ship beside it; the
//                                                 keychain binding is native), our TypeScript is
//                                                 inlined (.ts imports, no type stripping needed).
//   preload/bridge.ts   -> <out>/preload/bridge.cjs  CommonJS, one file: a sandboxed preload may
//                                                 require only `electron` and cannot load ESM.
//
// `--out <dir>` (default: out) lets the `_electron` suite build a throwaway copy.

import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const out = resolve(
  outFlag >= 0 && process.argv[outFlag + 1] ? process.argv[outFlag + 1] : join(repo, 'out'),
);

await build({
  entryPoints: [join(repo, 'main/shell/main.ts')],
  outfile: join(out, 'main/index.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

await build({
  entryPoints: [join(repo, 'preload/bridge.ts')],
  outfile: join(out, 'preload/bridge.cjs'),
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'chrome120',
  external: ['electron'],
  sourcemap: false,
  logLevel: 'warning',
});

console.log(`shell bundled into ${out}/main/index.js and ${out}/preload/bridge.cjs`);
