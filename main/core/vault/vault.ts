// Secrets (the agent password when the agent ticks "remember me", the broker passcode) live in the
// OS keychain and nowhere else: macOS Keychain, Windows Credential Manager, the Secret Service on
// Linux (gnome-keyring, KWallet, KeePassXC), through @napi-rs/keyring. There is no fallback: when
// no keychain is reachable the vault says so and the desk asks for the password each time.
//
// Naming. Service `<service>:<kind>` (default `Switchboard:agent-password`,
// `Switchboard:broker-passcode`), account = the agent id for the agent password and `user@host`
// for the broker passcode (brokerPasscodeAccount). Why:
// - the account is the real identity, so an entry reads "Switchboard:agent-password / 1001" in
//   Keychain Access, Seahorse or Credential Manager and a person can find and delete it by hand;
// - one service per kind keeps the kinds apart even if an agent id looked like `user@host`, and
//   lets forgetAll() list every entry of a kind by service alone, without parsing accounts;
// - the same broker user can have a different passcode on another broker (test and production),
//   hence the host; not the port or scheme, since STOMP and STOMP+TLS on one broker share users;
// - on Linux the item carries the two attributes keyring-rs writes, `service` and `username`, so
//   `secret-tool lookup service Switchboard:agent-password username 1001` finds it.
//
// The native module is imported lazily, inside the calls: loading main/core must not fail on a
// machine where the binary is missing, and there that is simply 'keychain-unavailable'.
import type { AsyncEntry, Credential, EntryOptions } from '@napi-rs/keyring';
import type { Logger } from '../log/logger.ts';
import { silentLogger } from '../log/logger.ts';
import { err, ok, type Result } from '../protocol/result.ts';
import {
  classifyKeyringError,
  errorText,
  sanitizeDetail,
  vaultErrors,
  type VaultAction,
  type VaultError,
} from './errors.ts';

export type SecretKind = 'agent-password' | 'broker-passcode';

export const SECRET_KINDS: readonly SecretKind[] = ['agent-password', 'broker-passcode'];

export type VaultAvailability = { available: true } | { available: false; error: VaultError };

export interface Vault {
  /**
   * Probe once (and re-probe on demand with `{ refresh: true }`): can secrets be stored here? The
   * probe reads an entry that does not exist, which reaches the keychain without writing anything
   * and without an unlock prompt. Store, read and forget keep the answer current as they go.
   *
   * Re-probing notices a keychain that went away or came back on the same session bus. It cannot
   * notice a Secret Service that was unreachable the first time this process tried: the binding
   * keeps its first connection attempt for the life of the process, failure included (observed
   * with @napi-rs/keyring 2.1.2), so that case needs a restart of Switchboard.
   */
  availability(options?: { refresh?: boolean }): Promise<VaultAvailability>;
  store(kind: SecretKind, account: string, secret: string): Promise<Result<void, VaultError>>;
  /** `undefined`: nothing stored for this kind and account. */
  read(kind: SecretKind, account: string): Promise<Result<string | undefined, VaultError>>;
  /** Idempotent: forgetting what is not there succeeds. */
  forget(kind: SecretKind, account: string): Promise<Result<void, VaultError>>;
  /** Every kind for this account, or with no account every secret this vault's service holds. */
  forgetAll(account?: string): Promise<Result<void, VaultError>>;
}

export interface KeychainVaultOptions {
  /** Default 'Switchboard'. Tests use their own so they can never touch a real entry. */
  service?: string;
  log?: Logger;
}

/** The account under which a broker passcode is kept: `user@host`, host lower-cased. */
export function brokerPasscodeAccount(user: string, host: string): string {
  return `${user}@${host.toLowerCase()}`;
}

const SUBJECT: Record<SecretKind, string> = {
  'agent-password': 'the agent password',
  'broker-passcode': 'the broker passcode',
};

const SAVED: Record<SecretKind, string> = {
  'agent-password': 'the saved agent passwords',
  'broker-passcode': 'the saved broker passcodes',
};

// On Linux the binding otherwise falls back, silently, from the Secret Service to the kernel
// keyutils keyring, which lives in memory only: "remember me" would seem to work and be gone after
// a reboot, and the agent would never be told. Pinned, a missing Secret Service is an error we can
// report. Other platforms ignore the option.
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

// An account no agent or broker user can have (agent ids are digits, broker users have no spaces).
const PROBE_ACCOUNT = 'switchboard availability probe';

interface KeyringBinding {
  readonly AsyncEntry: typeof AsyncEntry;
  readonly findCredentialsAsync: (service: string) => Promise<Credential[]>;
}

let binding: Promise<KeyringBinding> | undefined;

function loadKeyring(): Promise<KeyringBinding> {
  // A failed import stays failed: Node caches the module's evaluation error, and so do we.
  binding ??= import('@napi-rs/keyring').then((module) => ({
    AsyncEntry: module.AsyncEntry,
    findCredentialsAsync: module.findCredentialsAsync,
  }));
  return binding;
}

interface FailureContext {
  readonly kind?: SecretKind;
  readonly account?: string;
  readonly secret?: string;
}

export function createKeychainVault(options: KeychainVaultOptions = {}): Vault {
  const service = options.service ?? 'Switchboard';
  const log = options.log ?? silentLogger;
  const serviceFor = (kind: SecretKind): string => `${service}:${kind}`;

  let known: VaultAvailability | undefined;
  let probing: Promise<VaultAvailability> | undefined;

  /** What an operation learnt about the keychain: success means it is there, unavailable that it is not. */
  function learn(outcome: Result<unknown, VaultError>): void {
    if (outcome.ok) {
      known = { available: true };
    } else if (outcome.error.code === 'keychain-unavailable') {
      known = { available: false, error: outcome.error };
    }
  }

  /** Classifies and logs a keychain failure; the log line carries the kind and account, never the secret. */
  function fail(action: VaultAction, error: unknown, context: FailureContext = {}): VaultError {
    const { kind, account, secret } = context;
    const vaultError = classifyKeyringError(error, {
      action,
      ...(kind === undefined ? {} : { subject: (action === 'list' ? SAVED : SUBJECT)[kind] }),
      ...(secret === undefined ? {} : { secret }),
    });
    log({
      level: 'warn',
      event: 'vault.failed',
      action,
      ...(kind === undefined ? {} : { kind }),
      ...(account === undefined ? {} : { account }),
      code: vaultError.code,
      detail: sanitizeDetail(errorText(error), secret),
    });
    return vaultError;
  }

  async function entry(kind: SecretKind, account: string): Promise<AsyncEntry> {
    const { AsyncEntry: Entry } = await loadKeyring();
    // The constructor already talks to the Secret Service on Linux, and throws when it cannot.
    return new Entry(serviceFor(kind), account, ENTRY_OPTIONS);
  }

  async function probe(): Promise<VaultAvailability> {
    let result: VaultAvailability;
    try {
      await (await entry('agent-password', PROBE_ACCOUNT)).getPassword();
      result = { available: true };
    } catch (error) {
      result = { available: false, error: fail('probe', error) };
    }
    log({
      level: result.available ? 'info' : 'warn',
      event: 'vault.availability',
      available: result.available,
      ...(result.available ? {} : { code: result.error.code, message: result.error.message }),
    });
    return result;
  }

  async function forget(kind: SecretKind, account: string): Promise<Result<void, VaultError>> {
    const invalid = checkAccount(account);
    if (invalid !== undefined) return err(invalid);
    let outcome: Result<void, VaultError>;
    try {
      const existed = await (await entry(kind, account)).deletePassword();
      log({ level: 'info', event: 'vault.forgot', kind, account, existed });
      outcome = ok(undefined);
    } catch (error) {
      outcome = err(fail('forget', error, { kind, account }));
    }
    learn(outcome);
    return outcome;
  }

  async function accountsOf(kind: SecretKind): Promise<Result<string[], VaultError>> {
    let outcome: Result<string[], VaultError>;
    try {
      const { findCredentialsAsync } = await loadKeyring();
      // The passwords come back too; only the accounts leave this function.
      const credentials = await findCredentialsAsync(serviceFor(kind));
      outcome = ok([...new Set(credentials.map((credential) => credential.account))]);
    } catch (error) {
      outcome = err(fail('list', error, { kind }));
    }
    learn(outcome);
    return outcome;
  }

  return {
    availability(request = {}) {
      if (known !== undefined && request.refresh !== true) return Promise.resolve(known);
      probing ??= probe().then((result) => {
        known = result;
        probing = undefined;
        return result;
      });
      return probing;
    },

    async store(kind, account, secret) {
      const invalid = checkAccount(account) ?? checkSecret(secret);
      if (invalid !== undefined) return err(invalid);
      let outcome: Result<void, VaultError>;
      try {
        await (await entry(kind, account)).setPassword(secret);
        log({ level: 'info', event: 'vault.stored', kind, account });
        outcome = ok(undefined);
      } catch (error) {
        outcome = err(fail('store', error, { kind, account, secret }));
      }
      learn(outcome);
      return outcome;
    },

    async read(kind, account) {
      const invalid = checkAccount(account);
      if (invalid !== undefined) return err(invalid);
      let outcome: Result<string | undefined, VaultError>;
      try {
        const secret = await (await entry(kind, account)).getPassword();
        log({ level: 'debug', event: 'vault.read', kind, account, found: secret !== null });
        outcome = ok(secret ?? undefined);
      } catch (error) {
        outcome = err(fail('read', error, { kind, account }));
      }
      learn(outcome);
      return outcome;
    },

    forget,

    async forgetAll(account) {
      let firstError: VaultError | undefined;
      for (const kind of SECRET_KINDS) {
        const accounts = account === undefined ? await accountsOf(kind) : ok([account]);
        if (!accounts.ok) {
          firstError ??= accounts.error;
          continue;
        }
        for (const each of accounts.value) {
          const outcome = await forget(kind, each);
          if (!outcome.ok) firstError ??= outcome.error;
        }
      }
      return firstError === undefined ? ok(undefined) : err(firstError);
    },
  };
}

function checkAccount(account: string): VaultError | undefined {
  return account.trim() === ''
    ? vaultErrors.invalid('A keychain entry needs an account: none was given.')
    : undefined;
}

function checkSecret(secret: string): VaultError | undefined {
  // An empty password is never worth remembering, and storing one would make "nothing stored"
  // and "stored nothing" look alike to the desk.
  return secret === '' ? vaultErrors.invalid('Nothing to remember: the secret is empty.') : undefined;
}
