// After a full working session with "remember me", the agent password and the broker passcode
// are in the OS keychain (a real gnome-keyring on a private bus) and in no file the app wrote:
// not settings, logs, outbox or anything else in the user-data directory. Signing in without
// "remember me" later removes the password from the keychain.

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
const broker = inject('broker');

let keyring: PrivateKeyring;
let userDataDir: string;
const password = `Pw-${randomBytes(6).toString('hex')}-ünïcødé`;

beforeAll(async () => {
  keyring = await startPrivateKeyring();
  userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-userdata-'));
});

afterAll(async () => {
  await keyring?.stop();
  await rm(userDataDir, { recursive: true, force: true });
});

function runSession(
  phase: 'remember' | 'remembered' | 'no-keychain',
  env: NodeJS.ProcessEnv = keyring.env,
  dataDir: string = userDataDir,
): Promise<{ steps: Record<string, { ok: boolean; value?: unknown }> }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', script],
      { cwd: root, env, timeout: 90_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${error.message}\n${stderr}`));
        resolve(
          JSON.parse(stdout.trim().split('\n').at(-1) as string) as {
            steps: Record<string, { ok: boolean }>;
          },
        );
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
      }),
    );
  });
}

async function everyFile(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
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
    const { steps } = await runSession('remember');
    for (const [name, result] of Object.entries(steps)) expect(result.ok, name).toBe(true);

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
    const { steps } = await runSession('remembered');
    expect(steps['signInRemembered']?.ok).toBe(true);
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
