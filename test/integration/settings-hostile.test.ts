// settings.json as a user may leave it: truncated, values of the wrong type, unknown keys, over
// 1 MiB, a pasted passcode. Through the app's own start (openDeskRuntime, as the shell and the
// browser host start a desk; `start:web` for what the user reads): a clear message naming the file
// or the field, defaults for what could not be used, and the file byte for byte as it was while
// and after the app ran. When the agent then saves a connection choice (setUpConnection: how the
// app writes settings.json), the user's text is kept in settings.json.broken-<time> first,
// without a pasted secret.

import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, loadSettings, saveSettings } from '../../main/core/settings/index.ts';
import { LOG_DIR, SETTINGS_FILE, openDeskRuntime } from '../../main/runtime/desk-runtime.ts';
import { untilDesk } from '../support/desk-wait.ts';
import { noKeychainVault } from '../support/no-keychain.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

interface Case {
  readonly label: string;
  readonly content: string;
  /** Each problem the app must report: its field, and words its message must hold. */
  readonly problems: readonly { readonly field: string; readonly message: RegExp }[];
  /** What saving keeps aside: the bytes, the object without secret keys, or nothing (no need). */
  readonly aside: 'bytes' | 'without-secrets' | 'none';
}

const PASTED = 'hunter2-Pasted-Passcode';

const CASES: readonly Case[] = [
  {
    label: 'truncated',
    content: '{\n  "mode": "broker",\n  "broker": {\n    "urls": ["stomp+ssl://mq.example.com:61612"',
    problems: [{ field: '', message: /settings\.json is not valid JSON: at line 4, .*cut short/ }],
    aside: 'bytes',
  },
  {
    label: 'values of the wrong type',
    content: `${JSON.stringify(
      {
        mode: 42,
        broker: { urls: 'stomp://mq:61613', heartbeat: { outgoingMs: 'ten seconds' } },
        agent: { rememberPassword: 'yes' },
        queueStatsRefreshSeconds: 'often',
      },
      null,
      2,
    )}\n`,
    problems: [
      { field: 'mode', message: /found 42/ },
      { field: 'broker.urls', message: /found "stomp:\/\/mq:61613"/ },
      { field: 'broker.heartbeat.outgoingMs', message: /found "ten seconds"/ },
      { field: 'agent.rememberPassword', message: /found "yes"/ },
      { field: 'queueStatsRefreshSeconds', message: /found "often"/ },
    ],
    aside: 'bytes',
  },
  {
    label: 'unknown keys',
    content:
      '{ "//": "floor 2", "mode": "demo", "colour": "blue", "broker": { "urlz": ["stomp://mq:61613"] } }\n',
    problems: [
      { field: 'colour', message: /unknown setting, ignored/ },
      { field: 'broker.urlz', message: /did you mean "urls"/ },
    ],
    aside: 'none',
  },
  {
    label: 'over 1 MiB',
    content: JSON.stringify({ mode: 'broker', notes: 'n'.repeat(1_100_000) }),
    problems: [{ field: '', message: /settings\.json is larger than 1 MiB/ }],
    aside: 'bytes',
  },
  {
    label: 'a wrong value and a pasted passcode',
    content: JSON.stringify({ mode: 'sometimes', broker: { user: 'gc', passcode: PASTED } }),
    problems: [
      { field: 'mode', message: /found "sometimes"/ },
      { field: 'broker.passcode', message: /never read from settings\.json/ },
    ],
    aside: 'without-secrets',
  },
];

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'switchboard-settings-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a hostile settings.json through the app', () => {
  it.each(CASES.map((entry) => [entry.label, entry]))(
    '%s: a clear message, defaults, the file kept as it was; a save keeps a copy',
    async (label, entry) => {
      const dir = join(root, label.replace(/\W+/g, '-'));
      const file = join(dir, SETTINGS_FILE);
      await mkdir(dir);
      await writeFile(file, entry.content);
      const original = await readFile(file);

      const runtime = await openDeskRuntime({ userDataDir: dir, vault: noKeychainVault });
      try {
        // A clear message for each problem, naming the file or the field; defaults for the rest.
        const problems = runtime.settingsProblems;
        for (const expected of entry.problems) {
          const found = problems.find((problem) => problem.field === expected.field);
          expect(
            found,
            `${label}: a problem for "${expected.field}" in ${JSON.stringify(problems)}`,
          ).toBeDefined();
          expect(found?.message).toMatch(expected.message);
          if (expected.field === '') expect(found?.message).toContain(file);
        }
        for (const problem of problems) expect(problem.message).not.toContain(PASTED);
        expect(runtime.settings.mode).toBe('demo');
        expect(runtime.settings.broker.heartbeat).toEqual({ outgoingMs: 10_000, incomingMs: 10_000 });
        expect(runtime.settings.queueStatsRefreshSeconds).toBe(defaultSettings().queueStatsRefreshSeconds);
        expect(runtime.settings.agent.rememberPassword).toBe(defaultSettings().agent.rememberPassword);
        await untilDesk(
          runtime.desk,
          (state) => state.connection.status === 'in-service',
          'the demo in service',
        );
        // The app runs on defaults and has not touched the file.
        expect((await readFile(file)).equals(original), `${label}: the file as the user left it`).toBe(true);
        expect((await readdir(dir)).filter((name) => name.startsWith(SETTINGS_FILE))).toEqual([
          SETTINGS_FILE,
        ]);

        // The agent saves a connection choice: the app writes settings.json.
        expect(await runtime.desk.setUpConnection({ mode: 'demo' })).toEqual({ ok: true, value: undefined });
        const asides = (await readdir(dir)).filter((name) => name.startsWith(`${SETTINGS_FILE}.broken-`));
        if (entry.aside === 'none') {
          expect(asides).toEqual([]);
          // Unknown keys and notes stay in the file itself.
          const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
          expect(saved).toMatchObject({
            '//': 'floor 2',
            colour: 'blue',
            broker: { urlz: ['stomp://mq:61613'] },
          });
        } else {
          expect(asides).toHaveLength(1);
          const kept = await readFile(join(dir, asides[0] as string));
          if (entry.aside === 'bytes') {
            expect(kept.equals(original), `${label}: the copy is the file as the user left it`).toBe(true);
          } else {
            const text = kept.toString('utf8');
            expect(text).not.toContain(PASTED);
            expect(JSON.parse(text)).toEqual({ mode: 'sometimes', broker: { user: 'gc' } });
          }
        }
        const reloaded = await loadSettings(file);
        expect(reloaded.problems.filter((problem) => !/unknown setting/.test(problem.message))).toEqual([]);
        expect(await readFile(file, 'utf8')).not.toContain(PASTED);
      } finally {
        await runtime.stop();
      }
      // The same problems went to the log, fields named, no secret.
      const log = await readFile(join(dir, LOG_DIR, 'switchboard.log'), 'utf8');
      const logged = log
        .split('\n')
        .filter((line) => line.includes('"settings.problem"'))
        .map((line) => JSON.parse(line) as { field: string });
      for (const expected of entry.problems)
        expect(logged.map((line) => line.field)).toContain(expected.field);
      expect(log).not.toContain(PASTED);
    },
  );
});

describe('saving over a file whose only problems are unknown keys', () => {
  it("keeps no copy (nothing of the user's is replaced), however many there are, save after save", async () => {
    const dir = join(root, 'many-unknown');
    await mkdir(dir);
    const file = join(dir, SETTINGS_FILE);
    const unknown = Object.fromEntries(Array.from({ length: 80 }, (_, index) => [`custom${index}`, index]));
    await writeFile(file, JSON.stringify({ mode: 'demo', ...unknown, broker: { futureOption: true } }));
    const loaded = await loadSettings(file);
    expect(loaded.problems.length).toBeGreaterThan(50);
    for (let save = 0; save < 2; save++) expect((await saveSettings(file, loaded.settings)).ok).toBe(true);
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      ...unknown,
      broker: { futureOption: true },
    });
  });
});

describe('npm run start:web with a truncated settings.json', () => {
  it('says what is wrong on stderr, runs on defaults, and leaves the file as it was', async () => {
    const dir = join(root, 'start-web');
    await mkdir(dir);
    const file = join(dir, SETTINGS_FILE);
    const content = CASES[0]?.content as string;
    await writeFile(file, content);
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/web/start-web.ts', '--port', '0'], {
      cwd: repoRoot,
      env: { ...process.env, SWITCHBOARD_USER_DATA: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const started = Date.now();
      while (!/token=/.test(stdout) && child.exitCode === null && Date.now() - started < 30_000)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(stdout, stderr).toMatch(/demo mode/);
      expect(stderr).toContain(file);
      expect(stderr).toMatch(/not valid JSON: at line 4, .*cut short/);
      expect(stderr).toMatch(/default/);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(await readFile(file, 'utf8')).toBe(content);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
