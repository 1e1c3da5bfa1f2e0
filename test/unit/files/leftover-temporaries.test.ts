// Temporary files left by a writer killed before its rename are removed at the next start, and
// only those: not a temporary file whose writer is still running (its rename is still to come),
// not anything else in the folder.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackOutbox } from '../../../main/core/desk/callback-outbox.ts';
import type { LogEntry } from '../../../main/core/log/logger.ts';
import { removeLeftoverSaves } from '../../../main/core/settings/index.ts';

let dir: string;
let living: ChildProcess;
let deadPid: number;

/** A process that has exited: its pid names a writer that is gone. */
async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-leftovers-'));
  living = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
  deadPid = await exitedPid();
});

afterAll(async () => {
  living.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

async function makeFiles(names: readonly string[]): Promise<void> {
  for (const name of names) await writeFile(join(dir, name), 'x');
}

describe('leftover temporary files', () => {
  it('settings: removes the saves of a writer that is gone, keeps a running writer’s and all else', async () => {
    const livePid = living.pid as number;
    await makeFiles([
      'settings.json',
      `.settings.json.${deadPid}.0123456789ab.tmp`,
      `.settings.json.${livePid}.0123456789ab.tmp`,
      `.settings.json.${process.pid}.0123456789ab.tmp`,
      `.settings.json.${deadPid}.not-hex.tmp`,
      `.other.json.${deadPid}.0123456789ab.tmp`,
      `settings.json.${deadPid}.0123456789ab.tmp`,
    ]);
    const log: LogEntry[] = [];
    const removed = await removeLeftoverSaves(join(dir, 'settings.json'), (entry) => log.push(entry));
    expect(removed).toEqual([`.settings.json.${deadPid}.0123456789ab.tmp`]);
    const left = await readdir(dir);
    expect(left).not.toContain(`.settings.json.${deadPid}.0123456789ab.tmp`);
    for (const kept of [
      'settings.json',
      `.settings.json.${livePid}.0123456789ab.tmp`,
      `.settings.json.${process.pid}.0123456789ab.tmp`,
      `.settings.json.${deadPid}.not-hex.tmp`,
      `.other.json.${deadPid}.0123456789ab.tmp`,
      `settings.json.${deadPid}.0123456789ab.tmp`,
    ])
      expect(left).toContain(kept);
    expect(log).toContainEqual(expect.objectContaining({ event: 'files.leftovers-removed', files: 1 }));
  });

  it('callback outbox: opening it removes a killed compaction’s file, not a running one’s', async () => {
    const livePid = living.pid as number;
    await makeFiles([
      `callback-outbox.jsonl.tmp-${deadPid}`,
      `callback-outbox.jsonl.tmp-${livePid}`,
      `callback-outbox.jsonl.tmp-${deadPid}x`,
      `other.jsonl.tmp-${deadPid}`,
    ]);
    const outbox = await CallbackOutbox.open(join(dir, 'callback-outbox.jsonl'));
    await outbox.close();
    const left = await readdir(dir);
    expect(left).not.toContain(`callback-outbox.jsonl.tmp-${deadPid}`);
    expect(left).toContain(`callback-outbox.jsonl.tmp-${livePid}`);
    expect(left).toContain(`callback-outbox.jsonl.tmp-${deadPid}x`);
    expect(left).toContain(`other.jsonl.tmp-${deadPid}`);
    expect(left).toContain('callback-outbox.jsonl');
  });

  it('a folder that is not there is nothing to clean', async () => {
    await expect(removeLeftoverSaves(join(dir, 'missing', 'settings.json'))).resolves.toEqual([]);
  });
});
