// After a full working session with "remember me", the agent password and the broker passcode
// are in the OS keychain (a real gnome-keyring on a private bus) and in no file the app wrote:
// not settings, logs, outbox or anything else in the user-data directory; in no frame the browser
// host sent the page (the session is driven through it, the broker set up from it with the
// passcode typed), and on no line the process printed. Signing in without "remember me" later
// removes the password from the keychain; `switchboard passcode --forget` removes the passcode.

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startPrivateKeyring, type PrivateKeyring } from '../fixtures/keyring.ts';

const script = fileURLToPath(new URL('../fixtures/full-session.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/switchboard.mjs', import.meta.url));
const broker = inject('broker');

let keyring: PrivateKeyring;
let userDataDir: string;
/** Outside the user-data directory: what the fixture saw on the page's WebSocket. */
let framesDir: string;
const password = `Pw-${randomBytes(6).toString('hex')}-ünïcødé`;

beforeAll(async () => {
  keyring = await startPrivateKeyring();
  userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-userdata-'));
  framesDir = await mkdtemp(join(tmpdir(), 'switchboard-frames-'));
});

afterAll(async () => {
  await keyring?.stop();
  await rm(userDataDir, { recursive: true, force: true });
  await rm(framesDir, { recursive: true, force: true });
});

interface SessionRun {
  steps: Record<string, { ok: boolean; value?: unknown }>;
  /** Everything the process printed, both streams. */
  output: string;
}

function runSession(
  phase: 'remember' | 'remembered' | 'no-keychain',
  env: NodeJS.ProcessEnv = keyring.env,
  dataDir: string = userDataDir,
): Promise<SessionRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', script],
      { cwd: root, env, timeout: 90_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${error.message}\n${stderr}`));
        const last = JSON.parse(stdout.trim().split('\n').at(-1) as string) as Pick<SessionRun, 'steps'>;
        resolve({ steps: last.steps, output: `${stdout}\n${stderr}` });
      },
    );
    child.stdin?.end(
      JSON.stringify({
        phase,
        userDataDir: dataDir,
        brokerUrl: broker.stompUrl,
        brokerUser: broker.user,
        brokerPasscode: broker.password,
        queue: `Connector-secrets-${process.pid}`,
        password,
        framesFile: join(framesDir, `${phase}.json`),
      }),
    );
  });
}

async function everyFile(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Every frame the browser host sent the page in one phase. */
async function framesOf(phase: 'remember' | 'remembered'): Promise<string[]> {
  return JSON.parse(await readFile(join(framesDir, `${phase}.json`), 'utf8')) as string[];
}

/** The secret as it would appear in any frame, file or line: raw, or escaped inside JSON. */
function spellings(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), JSON.stringify(JSON.stringify(secret)).slice(1, -1)];
}

function expectNowhereIn(texts: readonly string[], secret: string, where: string): void {
  for (const text of texts)
    for (const spelling of spellings(secret))
      expect(text.includes(spelling), `${where} holds a secret`).toBe(false);
}

async function filesContaining(secret: string, dir: string = userDataDir): Promise<string[]> {
  const found: string[] = [];
  for (const file of await everyFile(dir)) {
    const bytes = await readFile(file);
    if (bytes.includes(Buffer.from(secret)) || bytes.toString('latin1').includes(secret)) found.push(file);
  }
  return found;
}

describe('secrets stay in the keychain', { timeout: 120_000 }, () => {
  it('a full session with "remember me" writes the password and passcode to no file', async () => {
    const { steps, output } = await runSession('remember');
    for (const [name, result] of Object.entries(steps)) expect(result.ok, name).toBe(true);
    expect(steps['setUpConnection']).toEqual({ ok: true });
    expect(steps['connectionSetup']).toMatchObject({
      ok: true,
      value: { mode: 'broker', brokerUser: broker.user, hasPasscode: true },
    });

    // Not in any frame the browser host sent the page, nor on any line the process printed.
    const frames = await framesOf('remember');
    expect(frames.length).toBeGreaterThan(20);
    expect(frames.some((frame) => frame.includes('"signIn":"signed-in"'))).toBe(true);
    expectNowhereIn(frames, password, 'a frame to the page');
    expectNowhereIn(frames, broker.password, 'a frame to the page');
    expectNowhereIn([output], password, 'the process output');
    expectNowhereIn([output], broker.password, 'the process output');

    const files = await everyFile(userDataDir);
    const log = files.find((file) => file.endsWith('switchboard.log'));
    expect(log, 'the session wrote a log').toBeDefined();
    expect(await readFile(log as string, 'utf8')).toContain('runtime.started');
    expect(files.some((file) => file.endsWith('settings.json'))).toBe(true);
    expect(await filesContaining(password)).toEqual([]);
    expect(await filesContaining(broker.password)).toEqual([]);

    const stored = await keyring.secretTool([
      'lookup',
      'service',
      'Switchboard:agent-password',
      'username',
      '1001',
    ]);
    expect(stored.stdout).toBe(password);
    const passcode = await keyring.secretTool([
      'lookup',
      'service',
      'Switchboard:broker-passcode',
      'username',
      `${broker.user}@localhost`,
    ]);
    const passcodeIp = await keyring.secretTool([
      'lookup',
      'service',
      'Switchboard:broker-passcode',
      'username',
      `${broker.user}@127.0.0.1`,
    ]);
    expect([passcode.stdout, passcodeIp.stdout]).toContain(broker.password);
  });

  it('signs in with the remembered password, and forgets it when "remember me" is off', async () => {
    const { steps, output } = await runSession('remembered');
    expect(steps['signInRemembered']?.ok).toBe(true);
    // The remembered password went from the keychain to GC, never to the page.
    const frames = await framesOf('remembered');
    expect(frames.length).toBeGreaterThan(5);
    expectNowhereIn(frames, password, 'a frame to the page');
    expectNowhereIn(frames, broker.password, 'a frame to the page');
    expectNowhereIn([output], password, 'the process output');
    expect(steps['signInForgetting']?.ok).toBe(true);
    expect(steps['afterForget']).toEqual({ ok: true });
    const gone = await keyring.secretTool([
      'lookup',
      'service',
      'Switchboard:agent-password',
      'username',
      '1001',
    ]);
    expect(gone.stdout).toBe('');
    expect(await filesContaining(password)).toEqual([]);
    expect(await filesContaining(broker.password)).toEqual([]);
  });

  it('forgets the broker passcode with switchboard passcode --forget', async () => {
    const lookup = (host: string) =>
      keyring.secretTool([
        'lookup',
        'service',
        'Switchboard:broker-passcode',
        'username',
        `${broker.user}@${host}`,
      ]);
    const host = new URL(broker.stompUrl).hostname;
    expect((await lookup(host)).stdout).toBe(broker.password);
    const forgot = await new Promise<{ code: number | null; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [bin, 'passcode', '--broker', broker.stompUrl, '--user', broker.user, '--forget'],
        { cwd: root, env: keyring.env, timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? (error.code as number) : 0, output: stdout + stderr }),
      );
    });
    expect(forgot.code, forgot.output).toBe(0);
    expect((await lookup(host)).stdout).toBe('');
    expectNowhereIn([forgot.output], broker.password, 'the command output');
  });

  it('without a keychain, says so, does not remember the password, and writes it nowhere', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-nokeychain-'));
    const home = await mkdtemp(join(tmpdir(), 'switchboard-nokeychain-home-'));
    try {
      // No DBUS_SESSION_BUS_ADDRESS at all: no Secret Service can be reached.
      const env = { PATH: process.env['PATH'] ?? '', HOME: home, XDG_RUNTIME_DIR: home };
      const { steps } = await runSession('no-keychain', env, dataDir);
      expect(steps['availability']).toMatchObject({
        available: false,
        error: { code: 'keychain-unavailable' },
      });
      expect(steps['signIn']?.ok).toBe(true);
      expect(JSON.stringify(steps['notices'])).toContain('keychain-unavailable');
      expect(await filesContaining(password, dataDir)).toEqual([]);
      expect(await filesContaining(password, home)).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
      await rm(home, { recursive: true, force: true });
    }
  });
});
