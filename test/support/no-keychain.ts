// A vault for tests that keep the OS keychain out of the way: it says there is no keychain,
// stores nothing and reads nothing back, as the desk sees a machine without a Secret Service.

import type { Vault } from '../../main/core/vault/index.ts';

export const noKeychainVault: Vault = {
  availability: async () => ({
    available: false,
    error: { code: 'keychain-unavailable', message: 'No keychain in this test.' },
  }),
  store: async () => ({ ok: true, value: undefined }),
  read: async () => ({ ok: true, value: undefined }),
  forget: async () => ({ ok: true, value: undefined }),
  forgetAll: async () => ({ ok: true, value: undefined }),
};
