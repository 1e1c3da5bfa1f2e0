// The vault against a real Secret Service: a private dbus-daemon and gnome-keyring-daemon per
// suite (test/fixtures/keyring.ts), the vault in a child process with exactly the environment
// under test (test/fixtures/vault-probe.ts says why), and secret-tool as the independent witness of
// what the keyring really holds.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretKind } from '../../main/core/vault/vault.ts';
import { startPrivateKeyring, type PrivateKeyring } from '../fixtures/keyring.ts';
import type { ProbeOp, ProbeOutput } from '../fixtures/vault-probe.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const probeScript = fileURLToPath(new URL('../fixtures/vault-probe.ts', import.meta.url));

const KINDS: readonly SecretKind[] = ['agent-password', 'broker-passcode'];

/** A service no real entry has, so a test can never touch one even on a developer's own keyring. */
function testService(): string {
  return `SwitchboardTest-${process.pid}-${randomBytes(4).toString('hex')}`;
}

interface VaultResult {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string; detail?: string };
}

interface AvailabilityResult {
  available: boolean;
  error?: { code: string; message: string };
}

async function runVault(env: NodeJS.ProcessEnv, service: string, ops: ProbeOp[]): Promise<ProbeOutput> {
  const child = spawn(process.execPath, ['--import', 'tsx/esm', probeScript], {
    cwd: repoRoot,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(JSON.stringify({ service, ops }));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = stdout.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || line === '')
    throw new Error(`vault probe exited ${code}\nstdout: ${stdout}\nstderr: ${stderr}`);
  return JSON.parse(line) as ProbeOutput;
}

const result = (output: ProbeOutput, index: number): VaultResult => output.results[index] as VaultResult;
const availability = (output: ProbeOutput, index: number): AvailabilityResult =>
  output.results[index] as AvailabilityResult;

/** `secret-tool lookup` against the private bus: the stored secret, or undefined when there is none. */
async function lookup(
  keyring: PrivateKeyring,
  service: string,
  account: string,
): Promise<string | undefined> {
  const found = await keyring.secretTool(['lookup', 'service', service, 'username', account]);
  return found.code === 0 ? found.stdout : undefined;
}

async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path);
    if (bytes.includes(Buffer.from(needle, 'utf8'))) hits.push(path);
  }
  return hits;
}

/** Kernel keys visible to us whose description names the service: what the keyutils fallback would write. */
async function kernelKeysNaming(service: string): Promise<string[]> {
  const keys = await readFile('/proc/keys', 'utf8').catch(() => '');
  return keys.split('\n').filter((line) => line.includes(service));
}

describe('vault against a private Secret Service', () => {
  let keyring: PrivateKeyring;
  beforeAll(async () => {
    keyring = await startPrivateKeyring();
  });
  afterAll(async () => {
    await keyring?.stop();
  });

  it('reports the keychain available', async () => {
    const output = await runVault(keyring.env, testService(), [{ op: 'availability' }]);
    expect(availability(output, 0)).toEqual({ available: true });
  });

  it.each(KINDS)('stores, reads back and forgets the %s, as secret-tool sees it', async (kind) => {
    const service = testService();
    const account = kind === 'agent-password' ? '1001' : 'switchboard@broker.example.com';
    const secret = `s3cret-${randomBytes(6).toString('hex')}`;

    const stored = await runVault(keyring.env, service, [
      { op: 'store', kind, account, secret },
      { op: 'read', kind, account },
    ]);
    expect(result(stored, 0)).toEqual({ ok: true });
    expect(result(stored, 1)).toEqual({ ok: true, value: secret });
    expect(await lookup(keyring, `${service}:${kind}`, account)).toBe(secret);

    // Another process reads it back: it is in the keychain, not in this process.
    const forgotten = await runVault(keyring.env, service, [
      { op: 'read', kind, account },
      { op: 'forget', kind, account },
      { op: 'read', kind, account },
    ]);
    expect(result(forgotten, 0)).toEqual({ ok: true, value: secret });
    expect(result(forgotten, 1)).toEqual({ ok: true });
    expect(result(forgotten, 2)).toEqual({ ok: true });
    expect(result(forgotten, 2).value).toBeUndefined();
    expect(await lookup(keyring, `${service}:${kind}`, account)).toBeUndefined();

    for (const entry of [...stored.logs, ...forgotten.logs])
      expect(JSON.stringify(entry)).not.toContain(secret);
  });

  it('keeps accounts and kinds apart', async () => {
    const service = testService();
    const output = await runVault(keyring.env, service, [
      { op: 'store', kind: 'agent-password', account: '1001', secret: 'first-agent' },
      { op: 'store', kind: 'agent-password', account: '1002', secret: 'second-agent' },
      { op: 'store', kind: 'broker-passcode', account: '1001', secret: 'same-account-other-kind' },
      { op: 'read', kind: 'agent-password', account: '1001' },
      { op: 'read', kind: 'agent-password', account: '1002' },
      { op: 'read', kind: 'broker-passcode', account: '1001' },
      { op: 'forget', kind: 'agent-password', account: '1001' },
      { op: 'read', kind: 'agent-password', account: '1001' },
      { op: 'read', kind: 'agent-password', account: '1002' },
      { op: 'read', kind: 'broker-passcode', account: '1001' },
    ]);
    expect(output.results.slice(0, 3)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(output.results.slice(3, 6)).toEqual([
      { ok: true, value: 'first-agent' },
      { ok: true, value: 'second-agent' },
      { ok: true, value: 'same-account-other-kind' },
    ]);
    expect(output.results.slice(6)).toEqual([
      { ok: true },
      { ok: true },
      { ok: true, value: 'second-agent' },
      { ok: true, value: 'same-account-other-kind' },
    ]);
    expect(await lookup(keyring, `${service}:agent-password`, '1002')).toBe('second-agent');
    expect(await lookup(keyring, `${service}:agent-password`, '1001')).toBeUndefined();
  });

  it('overwrites a stored secret rather than adding a second one', async () => {
    const service = testService();
    const output = await runVault(keyring.env, service, [
      { op: 'store', kind: 'agent-password', account: '1001', secret: 'old' },
      { op: 'store', kind: 'agent-password', account: '1001', secret: 'new' },
      { op: 'read', kind: 'agent-password', account: '1001' },
    ]);
    expect(result(output, 2)).toEqual({ ok: true, value: 'new' });
    const items = await keyring.secretTool(['search', '--all', 'service', `${service}:agent-password`]);
    expect(items.stdout.match(/^secret = /gm)).toHaveLength(1);
  });

  it('round-trips unicode, emoji and a 4 KB secret byte for byte', async () => {
    const service = testService();
    const secrets = {
      unicode: 'pässwörd-Ωμέγα-密码-пароль',
      emoji: '🔑🧑‍💻👩🏽‍🚀 ok',
      long: `${'€'.repeat(1300)}${'🔒'.repeat(50)}x`.slice(0, 4096),
    };
    expect(Buffer.byteLength(secrets.long)).toBeGreaterThanOrEqual(4096);
    const accounts = Object.keys(secrets);
    const output = await runVault(keyring.env, service, [
      ...Object.entries(secrets).map(([account, secret]): ProbeOp => ({
        op: 'store',
        kind: 'agent-password',
        account,
        secret,
      })),
      ...accounts.map((account): ProbeOp => ({ op: 'read', kind: 'agent-password', account })),
    ]);
    expect(output.results.slice(0, 3)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(output.results.slice(3)).toEqual(Object.values(secrets).map((value) => ({ ok: true, value })));
    for (const [account, secret] of Object.entries(secrets)) {
      expect(await lookup(keyring, `${service}:agent-password`, account)).toBe(secret);
    }
  });

  it('forgets idempotently, one account everywhere, and everything of its own service only', async () => {
    const service = testService();
    // Someone else's entry, written by another tool: forgetAll() must leave it alone.
    const foreign = await keyring.secretTool(
      ['store', '--label=other', 'service', `${service}-other:agent-password`, 'username', '1001'],
      'not-ours',
    );
    expect(foreign.code).toBe(0);

    const output = await runVault(keyring.env, service, [
      { op: 'forget', kind: 'agent-password', account: 'never-stored' },
      { op: 'forget', kind: 'agent-password', account: 'never-stored' },
      { op: 'store', kind: 'agent-password', account: '1001', secret: 'a1' },
      { op: 'store', kind: 'broker-passcode', account: '1001', secret: 'b1' },
      { op: 'store', kind: 'agent-password', account: '1002', secret: 'a2' },
      { op: 'store', kind: 'broker-passcode', account: 'user@host', secret: 'b2' },
      { op: 'forgetAll', account: '1001' },
      { op: 'read', kind: 'agent-password', account: '1001' },
      { op: 'read', kind: 'broker-passcode', account: '1001' },
      { op: 'read', kind: 'agent-password', account: '1002' },
      { op: 'forgetAll' },
      { op: 'read', kind: 'agent-password', account: '1002' },
      { op: 'read', kind: 'broker-passcode', account: 'user@host' },
      { op: 'forgetAll' },
    ]);
    expect(output.results.slice(0, 7)).toEqual(Array(7).fill({ ok: true }));
    expect(output.results.slice(7, 10)).toEqual([{ ok: true }, { ok: true }, { ok: true, value: 'a2' }]);
    expect(output.results.slice(10)).toEqual([{ ok: true }, { ok: true }, { ok: true }, { ok: true }]);
    for (const kind of KINDS) {
      const left = await keyring.secretTool(['search', '--all', 'service', `${service}:${kind}`]);
      expect(left.stdout).toBe('');
    }
    expect(await lookup(keyring, `${service}-other:agent-password`, '1001')).toBe('not-ours');
  });

  it('says plainly when another program wrote a second matching entry', async () => {
    const service = testService();
    const stored = await runVault(keyring.env, service, [
      { op: 'store', kind: 'agent-password', account: '1001', secret: 'mine' },
    ]);
    expect(result(stored, 0)).toEqual({ ok: true });
    // A second item whose attributes include ours: the search on service + username now matches
    // two items and keyring-core refuses to guess. (Written before our first store, it would have
    // been the one match, and our store would have overwritten its secret.)
    const extra = await keyring.secretTool(
      [
        'store',
        '--label=dup',
        'service',
        `${service}:agent-password`,
        'username',
        '1001',
        'origin',
        'elsewhere',
      ],
      'other-secret',
    );
    expect(extra.code).toBe(0);
    const output = await runVault(keyring.env, service, [
      { op: 'read', kind: 'agent-password', account: '1001' },
      { op: 'store', kind: 'agent-password', account: '1001', secret: 'mine-again' },
    ]);
    for (const index of [0, 1]) {
      const outcome = result(output, index);
      expect(outcome.ok).toBe(false);
      expect(outcome.error?.code).toBe('keychain-failed');
      expect(outcome.error?.message).toBe(
        "More than one keychain entry matches the agent password: remove the extra ones in the system's keychain app and try again.",
      );
      expect(outcome.error?.detail).toMatch(/^Entry is matched by 2 credentials/);
    }
    expect(JSON.stringify(output)).not.toContain('other-secret');
    expect(JSON.stringify(output)).not.toContain('mine-again');
    await keyring.secretTool(['clear', 'service', `${service}:agent-password`]);
  });
});

describe('where @napi-rs/keyring reads DBUS_SESSION_BUS_ADDRESS', () => {
  // Why the vault runs in child processes here, and what re-probing can and cannot see. Should a
  // new version of the binding re-read the environment, these fail and the docs in vault.ts and
  // vault-probe.ts need updating.
  let keyring: PrivateKeyring;
  beforeAll(async () => {
    keyring = await startPrivateKeyring();
  });
  afterAll(async () => {
    await keyring?.stop();
  });

  it('keeps a first failure for the life of the process, even once a bus is there', async () => {
    const { DBUS_SESSION_BUS_ADDRESS: address, ...withoutBus } = keyring.env;
    const output = await runVault(withoutBus, testService(), [
      { op: 'availability' },
      { op: 'setEnv', name: 'DBUS_SESSION_BUS_ADDRESS', value: address },
      { op: 'availability', refresh: true },
      { op: 'store', kind: 'agent-password', account: '1001', secret: 'late' },
    ]);
    expect(availability(output, 0).error?.code).toBe('keychain-unavailable');
    expect(availability(output, 2)).toEqual(availability(output, 0));
    expect(result(output, 3).error?.code).toBe('keychain-unavailable');
  });

  it('keeps a first connection for the life of the process, whatever the environment says later', async () => {
    const service = testService();
    const output = await runVault(keyring.env, service, [
      { op: 'availability' },
      { op: 'setEnv', name: 'DBUS_SESSION_BUS_ADDRESS', value: 'unix:path=/nonexistent' },
      { op: 'store', kind: 'agent-password', account: '1001', secret: 'kept-connection' },
      { op: 'read', kind: 'agent-password', account: '1001' },
    ]);
    expect(availability(output, 0)).toEqual({ available: true });
    expect(result(output, 3)).toEqual({ ok: true, value: 'kept-connection' });
    expect(await lookup(keyring, `${service}:agent-password`, '1001')).toBe('kept-connection');
  });
});

describe('vault with the login collection locked', () => {
  let keyring: PrivateKeyring;
  beforeAll(async () => {
    keyring = await startPrivateKeyring();
  });
  afterAll(async () => {
    await keyring?.stop();
  });

  it('reports keychain-locked for reads and writes, and still counts the keychain as available', async () => {
    const service = testService();
    const before = await runVault(keyring.env, service, [
      { op: 'store', kind: 'agent-password', account: '1001', secret: 'kept-while-locked' },
    ]);
    expect(result(before, 0)).toEqual({ ok: true });
    await keyring.lock();

    // No prompter is reachable on the private bus, so the unlock prompt is dismissed at once; on a
    // desktop the agent would see the keyring's unlock dialog here.
    const output = await runVault(keyring.env, service, [
      { op: 'availability' },
      { op: 'read', kind: 'agent-password', account: '1001' },
      { op: 'store', kind: 'agent-password', account: '1001', secret: 'new-while-locked' },
      { op: 'forget', kind: 'agent-password', account: '1001' },
    ]);
    // The probe reads an entry that does not exist, which needs no unlock: the keychain is there.
    expect(availability(output, 0)).toEqual({ available: true });
    for (const index of [1, 2, 3]) {
      const outcome = result(output, index);
      expect(outcome.ok).toBe(false);
      expect(outcome.error?.code).toBe('keychain-locked');
      expect(outcome.error?.message).toMatch(
        /^The keychain is locked or refused access: unlock it and try again/,
      );
    }
    expect(result(output, 2).error?.message).toContain('(the agent password was not saved)');
    expect(JSON.stringify(output)).not.toContain('new-while-locked');
    expect(JSON.stringify(output)).not.toContain('kept-while-locked');
  });
});

describe('vault without a keychain', () => {
  let home: string;
  let busOnly: PrivateKeyring;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'switchboard-vault-nokeychain-'));
    await mkdir(join(home, '.local', 'share'), { recursive: true });
    busOnly = await startPrivateKeyring({ secretService: false });
  });
  afterAll(async () => {
    await busOnly?.stop();
    if (home !== undefined) await rm(home, { recursive: true, force: true });
  });

  const noBusEnv = (): NodeJS.ProcessEnv => ({
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_RUNTIME_DIR: join(home, 'runtime'),
  });

  const cases: ReadonlyArray<[string, () => NodeJS.ProcessEnv, RegExp]> = [
    ['no DBUS_SESSION_BUS_ADDRESS at all', noBusEnv, /^No keychain is available \(no D-Bus session bus/],
    [
      'DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent',
      () => ({ ...noBusEnv(), DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' }),
      /^No keychain is available \(no D-Bus session bus/,
    ],
    [
      'a session bus with no Secret Service on it',
      () => ({ ...busOnly.env, HOME: home, XDG_DATA_HOME: join(home, '.local', 'share') }),
      /^No keychain is available \(Secret Service not running\): Switchboard will not remember the password\.$/,
    ],
  ];

  it.each(cases)('%s: unavailable, store refused, nothing written anywhere', async (_label, env, message) => {
    const service = testService();
    const secret = `must-not-land-${randomBytes(6).toString('hex')}`;
    const output = await runVault(env(), service, [
      { op: 'availability' },
      { op: 'store', kind: 'agent-password', account: '1001', secret },
      { op: 'read', kind: 'agent-password', account: '1001' },
      { op: 'forget', kind: 'agent-password', account: '1001' },
      { op: 'forgetAll' },
      { op: 'availability', refresh: true },
    ]);
    const first = availability(output, 0);
    expect(first.available).toBe(false);
    expect(first.error?.code).toBe('keychain-unavailable');
    expect(first.error?.message).toMatch(message);
    expect(first.error?.message).toMatch(/: Switchboard will not remember the password\.$/);
    for (const index of [1, 2, 3, 4])
      expect(result(output, index)).toEqual({ ok: false, error: first.error });
    expect(availability(output, 5)).toEqual(first);

    expect(JSON.stringify(output)).not.toContain(secret);
    expect(await filesContaining(home, secret)).toEqual([]);
    // The binding's unpinned default would fall back to the kernel keyring here; pinned, it does not.
    expect(await kernelKeysNaming(service)).toEqual([]);
  });

  it('treats a missing native binary as unavailable, and loading the vault still works', async () => {
    // NAPI_RS_NATIVE_LIBRARY_PATH is the napi-rs loader's own override: pointed at nothing, the
    // loader finds no binary, exactly as on a platform the package ships none for.
    const output = await runVault(
      { ...noBusEnv(), NAPI_RS_NATIVE_LIBRARY_PATH: join(home, 'missing.node') },
      testService(),
      [
        { op: 'availability' },
        { op: 'store', kind: 'broker-passcode', account: 'user@host', secret: 'nowhere-to-go' },
      ],
    );
    expect(availability(output, 0)).toEqual({
      available: false,
      error: {
        code: 'keychain-unavailable',
        message:
          'No keychain is available (the keychain module could not be loaded): Switchboard will not remember the password.',
      },
    });
    expect(result(output, 1)).toEqual({ ok: false, error: availability(output, 0).error });
    expect(output.logs.some((entry) => String(entry['detail']).includes('Cannot find native binding'))).toBe(
      true,
    );
  });
});
