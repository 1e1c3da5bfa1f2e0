// Electronegativity (Doyensec's scanner for Electron misconfigurations) over the shell's code:
// main/shell, preload and the page's HTML. No finding of high severity and firm (or certain)
// confidence may stand; where the scanner cannot see a setting (the window's options come from a
// function, asserted in window-options.test.ts), the flagged line carries an inline
// `eng-disable CHECK_ID -- why` and every such comment must say why.
//
// Offline: the scanner fetches translations and Electron's release list at run time. The
// translations are replaced by its bundled English ones (a cached module, below), and the
// release check (AvailableSecurityFixesGlobalCheck: "is this Electron current?") is left to
// dependency updates.

import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const requireFromRoot = createRequire(join(root, 'package.json'));
const SCANNED = ['main/shell', 'preload', 'renderer/index.html', 'package.json'];

interface Level {
  readonly value: number;
  readonly name: string;
}
interface Issue {
  readonly id: string;
  readonly file: string;
  readonly location: { readonly line: number; readonly column: number };
  readonly severity: Level;
  readonly confidence: Level;
  readonly sample?: string;
}
interface ScanResult {
  readonly atomicChecks: number;
  readonly globalChecks: number;
  readonly errors: readonly { file: string; message: string; tolerable: boolean }[];
  readonly issues: readonly Issue[];
}
type Run = (options: Record<string, unknown>) => Promise<ScanResult>;

function resolveScanner(): string | undefined {
  try {
    return requireFromRoot.resolve('@doyensec/electronegativity');
  } catch {
    return undefined;
  }
}

const runnerPath = resolveScanner();

/** Its i18n module, minus the download: the English strings it ships, registered as it would. */
function useBundledTranslations(runner: string): void {
  const dist = dirname(runner);
  const file = join(dist, 'locales', 'i18n.js');
  const offline = new Module(file);
  offline.filename = file;
  offline.loaded = true;
  offline.exports = async function i18nOffline(): Promise<void> {
    const i18n = createRequire(runner)('i18n') as {
      configure(options: Record<string, unknown>): void;
      setLocale(locale: string): void;
    };
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: join(dist, 'locales'),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  };
  (requireFromRoot.cache as Record<string, unknown>)[file] = offline;
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

if (!runnerPath) {
  // Only when the package cannot be resolved (the reason shows in the run's output).
  describe('electronegativity', () => {
    it.skip('electronegativity not installed', () => {});
  });
} else {
  scan(runnerPath);
}

function scan(runner: string): void {
  const stage = mkdtempSync(join(tmpdir(), 'switchboard-eng-'));
  afterAll(() => rmSync(stage, { recursive: true, force: true }));
  let result: ScanResult;

  describe('electronegativity over main/shell, preload and the page', () => {
    it('scans every file without a parse error', async () => {
      useBundledTranslations(runner);
      const run = requireFromRoot('@doyensec/electronegativity') as Run;
      for (const path of SCANNED) cpSync(join(root, path), join(stage, path), { recursive: true });
      const electron = requireFromRoot('electron/package.json') as { version: string };
      result = await run({
        input: stage,
        isRelative: true,
        electronVersionOverride: electron.version,
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      });
      expect(result.atomicChecks).toBeGreaterThan(30);
      expect(result.errors.filter((error) => !error.tolerable)).toEqual([]);
    }, 60_000);

    it('finds nothing of high severity and firm confidence that is not justified inline', () => {
      const blocking = result.issues
        .filter((issue) => issue.severity.name === 'HIGH' && issue.confidence.value >= 1)
        .map((issue) => `${issue.id} ${issue.file}:${issue.location.line} ${(issue.sample ?? '').trim()}`);
      expect(blocking).toEqual([]);
    });

    it('has a reason after every eng-disable', () => {
      const unexplained: string[] = [];
      for (const path of SCANNED) {
        for (const file of filesUnder(join(root, path))) {
          readFileSync(file, 'utf8')
            .split('\n')
            .forEach((line, index) => {
              if (!line.includes('eng-disable')) return;
              // `eng-disable CHECK_ID [CHECK_ID …] -- a reason of a few words`
              if (!/eng-disable(?:\s+[A-Z_]+)+\s+--\s+\S+(?:\s+\S+){2,}/.test(line))
                unexplained.push(`${relative(root, file)}:${index + 1}`);
            });
        }
      }
      expect(unexplained).toEqual([]);
    });
  });
}
