// The app killed mid-write (issue 8, "Faults"): a child process writes settings.json, or the
// callback outbox, as fast as it can and is SIGKILLed at a random moment, many times over. After
// each kill the file is read the way the next start of the app reads it:
//
// - settings.json holds exactly one generation the writer saved (the last one it reported, or
//   the one it was writing), never a mix and never a broken file: saveSettings writes a temporary
//   file, fsyncs it and renames it over the old one. A temporary file a kill left behind is
//   removed at the next start.
// - the outbox holds every command whose add was acknowledged and not marked done, nothing it
//   should not (at most the one add in flight), and every line parses.
//
// The kill moments come from a seeded generator, so a failing run can be repeated.

import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackOutbox } from '../../../main/core/desk/callback-outbox.ts';
import type { LogEntry } from '../../../main/core/log/logger.ts';
import { loadSettings, removeLeftoverSaves } from '../../../main/core/settings/index.ts';
import { generationOf, settingsGeneration } from '../../fixtures/settings-generation.ts';
import { writeReliabilityFigures } from '../../support/reliability-figures.ts';

const ROUNDS = 25;
/** The kill comes this long (at most) after the child's first acknowledgement. */
const MAX_KILL_DELAY_MS = 60;
const SEED = 20261124;

const settingsWriter = fileURLToPath(new URL('../../fixtures/settings-writer.ts', import.meta.url));
const outboxWriter = fileURLToPath(new URL('../../fixtures/outbox-crash.ts', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-faults-kill-write-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** mulberry32: small, seeded, good enough to spread kill moments. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface KilledChild {
  /** Complete lines the child printed before it died (a line cut by the kill is dropped). */
  readonly lines: string[];
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Starts `script`, waits for its first line matching `ready`, then SIGKILLs it `delayMs` later. */
function runAndKill(script: string, args: string[], ready: RegExp, delayMs: number): Promise<KilledChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let armed = false;
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!armed && stdout.split('\n').some((line) => ready.test(line))) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (_code, signal) => {
      clearTimeout(giveUp);
      const lines = stdout.split('\n');
      lines.pop(); // after the last newline: empty, or a line the kill cut
      resolve({ lines, signal, stderr });
    });
  });
}

describe('killed mid-write', () => {
  it(`settings.json: ${ROUNDS} kills during saves, never corrupt, never older than the last save reported`, async () => {
    const random = seeded(SEED);
    const file = join(dir, 'settings.json');
    const perRound: { killAfterMs: number; lastReported: number; onDisk: number }[] = [];
    let savesReported = 0;
    let next = 1;
    for (let round = 0; round < ROUNDS; round++) {
      const killAfterMs = Math.floor(random() * MAX_KILL_DELAY_MS);
      const child = await runAndKill(settingsWriter, [file, String(next)], /^saved /, killAfterMs);
      expect(child.signal, child.stderr).toBe('SIGKILL');
      const reported = child.lines.map((line) => Number(/^saved (\d+)$/.exec(line)?.[1]));
      expect(reported.every(Number.isInteger), child.lines.join('|')).toBe(true);
      const lastReported = reported.at(-1) as number;
      savesReported += reported.length;

      const loaded = await loadSettings(file);
      expect(loaded.problems).toEqual([]);
      expect(loaded.source).toBe('file');
      const onDisk = generationOf(loaded.settings) as number;
      // The last save reported, or the one being written when the kill came: nothing older.
      expect([lastReported, lastReported + 1]).toContain(onDisk);
      // And that generation whole, not a mix of two.
      expect(loaded.settings).toEqual(settingsGeneration(onDisk));
      perRound.push({ killAfterMs, lastReported, onDisk });
      next = onDisk + 1;
    }
    // A kill between creating the temporary file and renaming it leaves that file behind, and the
    // next start removes it (RuntimeConnection.load, as the app does).
    const settingsLeftovers = async () =>
      (await readdir(dir)).filter((name) => name.startsWith('.settings.json.'));
    const leftovers = await settingsLeftovers();
    expect((await removeLeftoverSaves(file)).sort()).toEqual([...leftovers].sort());
    expect(await settingsLeftovers()).toEqual([]);
    await writeReliabilityFigures('killed-mid-write-settings', {
      rounds: ROUNDS,
      seed: SEED,
      maxKillDelayMs: MAX_KILL_DELAY_MS,
      savesReported,
      killsLandingMidSave: perRound.filter((r) => r.onDisk === r.lastReported + 1).length,
      corruptFiles: 0,
      temporaryFilesLeftByKills: leftovers.length,
      temporaryFilesAfterNextStart: 0,
      perRound,
    });
  }, 240_000);

  it(`callback outbox: ${ROUNDS} kills during appends and compactions, no acknowledged command lost`, async () => {
    const random = seeded(SEED + 1);
    const file = join(dir, 'callback-outbox.jsonl');
    let pending = new Set<string>(); // what the last reopening found
    let acknowledgedAdds = 0;
    let skippedLines = 0;
    let inFlightAddsFound = 0;
    let inFlightDonesApplied = 0;
    const perRound: { killAfterMs: number; adds: number; dones: number; pendingAfter: number }[] = [];
    const outboxLeftovers = async () =>
      (await readdir(dir)).filter((name) => name.startsWith('callback-outbox.jsonl.tmp-'));
    let leftByKills = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const killAfterMs = Math.floor(random() * MAX_KILL_DELAY_MS);
      const child = await runAndKill(outboxWriter, ['--loop', file, '1001', '5001'], /^added /, killAfterMs);
      expect(child.signal, child.stderr).toBe('SIGKILL');

      // What the child acknowledged, in order.
      const expected = new Set(pending);
      let halfDone: string | undefined;
      let adds = 0;
      let dones = 0;
      for (const line of child.lines) {
        const [word, id] = line.split(' ') as [string, string];
        if (word === 'added') {
          expected.add(id);
          adds++;
        } else if (word === 'doing') {
          halfDone = id;
        } else if (word === 'done') {
          expected.delete(id);
          halfDone = undefined;
          dones++;
        }
      }
      acknowledgedAdds += adds;

      // Every complete line on disk parses (a line cut by the kill would be the last one).
      const text = await readFile(file, 'utf8');
      const segments = text.split('\n');
      const tail = segments.pop() as string;
      for (const line of segments) if (line !== '') expect(() => JSON.parse(line), line).not.toThrow();

      const warnings: LogEntry[] = [];
      leftByKills += (await outboxLeftovers()).length;
      const reopened = await CallbackOutbox.open(file, (entry) => warnings.push(entry));
      const found = new Set(reopened.pending.map((entry) => entry.id));
      await reopened.close();
      // Reopening (the next start) removes what a compaction killed before its rename left.
      expect(await outboxLeftovers()).toEqual([]);
      skippedLines += warnings
        .filter((entry) => entry.event === 'outbox.lines-skipped')
        .reduce((sum, entry) => sum + Number(entry['lines']), 0);
      if (tail !== '')
        expect(warnings).toContainEqual(expect.objectContaining({ event: 'outbox.lines-skipped' }));

      // Nothing acknowledged is lost: every add reported and not reported done is there...
      for (const id of expected) if (id !== halfDone) expect(found.has(id), `added ${id}`).toBe(true);
      if (halfDone !== undefined && !found.has(halfDone)) inFlightDonesApplied++;
      // ...and nothing else, but for the one add that was being written when the kill came.
      const extra = [...found].filter((id) => !expected.has(id));
      expect(extra.length).toBeLessThanOrEqual(1);
      inFlightAddsFound += extra.length;
      perRound.push({ killAfterMs, adds, dones, pendingAfter: found.size });
      pending = found;
    }
    expect(acknowledgedAdds).toBeGreaterThan(ROUNDS);
    await writeReliabilityFigures('killed-mid-write-outbox', {
      rounds: ROUNDS,
      seed: SEED + 1,
      maxKillDelayMs: MAX_KILL_DELAY_MS,
      acknowledgedAdds,
      acknowledgedAddsLost: 0,
      inFlightAddsFoundOnReopen: inFlightAddsFound,
      inFlightDonesAppliedBeforeKill: inFlightDonesApplied,
      tornLinesSkipped: skippedLines,
      temporaryFilesLeftByKills: leftByKills,
      temporaryFilesAfterNextStart: 0,
      perRound,
    });
  }, 240_000);
});
