// Temporary files a writer left behind when its process was killed between creating them and
// renaming them into place (settings.json's saves, the callback outbox's compactions). Nothing is
// lost when that happens, the real file is whole, but each kill would leave one more file in the
// user's data folder; the next start removes them. A temporary file's name carries the pid of the
// process that wrote it, and one whose process is still running (the CLI saving settings while
// the app starts) is left alone: its rename is still to come.

import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log/logger.ts';

/** The process exists (signal 0 checks without signalling; EPERM: it exists, owned by someone else). */
function processIsRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Escapes a file name for use inside a RegExp. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes the files in `directory` whose whole name matches `pattern`, whose first capture group
 * is the pid of the process that wrote them, when that process is gone. Returns the names removed.
 * Never throws: a file that cannot be removed is logged and left.
 */
export async function removeLeftoverTemporaries(
  directory: string,
  pattern: RegExp,
  log: Logger = () => {},
): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || processIsRunning(pid)) continue;
    try {
      await unlink(join(directory, name));
      removed.push(name);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT')
        log({ level: 'warn', event: 'files.leftover-not-removed', name, error: code ?? String(error) });
    }
  }
  if (removed.length > 0)
    log({ level: 'info', event: 'files.leftovers-removed', directory, files: removed.length });
  return removed;
}
