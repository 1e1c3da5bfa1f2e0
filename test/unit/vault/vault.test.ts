// What the vault decides before it ever reaches the keychain. Nothing here loads the native module
// or talks to a keychain: every call below is refused by validation first.
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../main/core/log/logger.ts';
import { brokerPasscodeAccount, createKeychainVault } from '../../../main/core/vault/vault.ts';

describe('createKeychainVault refuses what it cannot sensibly store', () => {
  const logs: LogEntry[] = [];
  const vault = createKeychainVault({ service: 'SwitchboardUnitTest', log: (entry) => logs.push(entry) });

  it('needs an account', async () => {
    for (const account of ['', '   ']) {
      expect(await vault.store('agent-password', account, 'secret')).toEqual({
        ok: false,
        error: { code: 'keychain-failed', message: 'A keychain entry needs an account: none was given.' },
      });
      expect((await vault.read('broker-passcode', account)).ok).toBe(false);
      expect((await vault.forget('agent-password', account)).ok).toBe(false);
      expect((await vault.forgetAll(account)).ok).toBe(false);
    }
  });

  it('does not remember an empty secret', async () => {
    expect(await vault.store('agent-password', '1001', '')).toEqual({
      ok: false,
      error: { code: 'keychain-failed', message: 'Nothing to remember: the secret is empty.' },
    });
  });

  it('logged nothing, having touched nothing', () => {
    expect(logs).toEqual([]);
  });
});

describe('brokerPasscodeAccount', () => {
  it('is user@host with the host lower-cased and the user as given', () => {
    expect(brokerPasscodeAccount('Switchboard', 'Broker.Example.COM')).toBe('Switchboard@broker.example.com');
  });
});
