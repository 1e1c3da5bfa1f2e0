// `switchboard passcode` puts the broker passcode where the desk looks for it: the OS keychain
// (a real gnome-keyring on a private bus), and takes it out again.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateKeyring, type PrivateKeyring } from '../fixtures/keyring.ts';

const bin = fileURLToPath(new URL('../../bin/switchboard.mjs', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
let keyring: PrivateKeyring;

beforeAll(async () => {
  keyring = await startPrivateKeyring();
});

afterAll(async () => {
  await keyring?.stop();
});

function run(args: string[], input: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('switchboard passcode', { timeout: 60_000 }, () => {
  it('stores the passcode under user@host for the desk, and forgets it', async () => {
    const passcode = 'broker-Passcode-7f3a';
    const stored = await run(
      ['passcode', '--broker', 'stomp+ssl://Broker.Example.com:61612', '--user', 'gcdesk', '--stdin'],
      `${passcode}\n`,
      keyring.env,
    );
    expect(stored.code, stored.stderr).toBe(0);
    expect(stored.stdout).not.toContain(passcode);
    const lookup = await keyring.secretTool([
      'lookup',
      'service',
      'Switchboard:broker-passcode',
      'username',
      'gcdesk@broker.example.com',
    ]);
    expect(lookup.stdout).toBe(passcode);

    const forgot = await run(
      ['passcode', '--broker', 'stomp+ssl://broker.example.com:61612', '--user', 'gcdesk', '--forget'],
      '',
      keyring.env,
    );
    expect(forgot.code).toBe(0);
    const gone = await keyring.secretTool([
      'lookup',
      'service',
      'Switchboard:broker-passcode',
      'username',
      'gcdesk@broker.example.com',
    ]);
    expect(gone.stdout).toBe('');
  });

  it('says plainly when there is no keychain, and writes the passcode nowhere', async () => {
    const result = await run(
      ['passcode', '--broker', 'stomp://127.0.0.1:61613', '--user', 'u', '--stdin'],
      'secret-x\n',
      {
        PATH: process.env['PATH'] ?? '',
        HOME: keyring.dir,
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/keychain/i);
    expect(result.stderr).not.toContain('secret-x');
  });

  it('refuses a bad URL or missing options with usage', async () => {
    const result = await run(
      ['passcode', '--broker', 'tcp://broker:61616', '--user', 'u', '--stdin'],
      'x\n',
      keyring.env,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('OpenWire');
  });
});
