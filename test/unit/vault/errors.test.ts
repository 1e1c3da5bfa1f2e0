// Classification of what @napi-rs/keyring 2.1.2 throws, on the messages it really threw against
// real dbus-daemon and gnome-keyring-daemon processes (see main/core/vault/errors.ts for how each
// one was produced; test/integration/vault.test.ts produces most of them again end to end).
import { describe, expect, it } from 'vitest';
import {
  classifyKeyringError,
  errorText,
  sanitizeDetail,
  type VaultErrorCode,
} from '../../../main/core/vault/errors.ts';

/** The shape the binding throws: an Error with code 'GenericFailure' and the platform error as cause. */
function keyringError(message: string, cause?: string): Error {
  const error = Object.assign(new Error(message), { code: 'GenericFailure' });
  if (cause !== undefined) error.cause = new Error(cause);
  return error;
}

const observed: [label: string, error: Error, code: VaultErrorCode, message: RegExp][] = [
  [
    'Entry, no DBUS_SESSION_BUS_ADDRESS',
    keyringError(
      'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead',
      'DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead',
    ),
    'keychain-unavailable',
    /^No keychain is available \(no D-Bus session bus, so no Secret Service\): Switchboard will not remember the password\.$/,
  ],
  [
    'Entry, bus socket missing',
    keyringError(
      'Platform failure: DBus error: Failed to connect to socket /nonexistent: No such file or directory',
      'DBus error: Failed to connect to socket /nonexistent: No such file or directory',
    ),
    'keychain-unavailable',
    /no D-Bus session bus/,
  ],
  [
    'Entry, stale bus socket',
    keyringError(
      'Platform failure: DBus error: Failed to connect to socket /tmp/run/bus: Connection refused',
      'DBus error: Failed to connect to socket /tmp/run/bus: Connection refused',
    ),
    'keychain-unavailable',
    /no D-Bus session bus/,
  ],
  [
    'Entry, malformed bus address',
    keyringError(
      'Platform failure: DBus error: Address does not contain a colon',
      'DBus error: Address does not contain a colon',
    ),
    'keychain-unavailable',
    /no D-Bus session bus/,
  ],
  [
    'findCredentials, no bus at the default address',
    keyringError(
      'zbus error: Failed to connect to address `unix:path=/run/user/0/bus`: No such file or directory (os error 2)',
      'Failed to connect to address `unix:path=/run/user/0/bus`: No such file or directory (os error 2)',
    ),
    'keychain-unavailable',
    /no D-Bus session bus/,
  ],
  [
    'findCredentials, stale bus socket',
    keyringError(
      'zbus error: Failed to connect to address `unix:path=/tmp/run/bus,guid=70d96d3e79fb7183bf77026e6b054c26`: Connection refused (os error 111)',
    ),
    'keychain-unavailable',
    /no D-Bus session bus/,
  ],
  [
    'findCredentials, malformed bus address',
    keyringError('no secret service provider or dbus session found'),
    'keychain-unavailable',
    /no D-Bus session bus/,
  ],
  [
    'Entry, bus without a Secret Service',
    keyringError(
      'Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files',
      'DBus error: The name org.freedesktop.secrets was not provided by any .service files',
    ),
    'keychain-unavailable',
    /^No keychain is available \(Secret Service not running\): Switchboard will not remember the password\.$/,
  ],
  [
    'findCredentials, bus without a Secret Service',
    keyringError(
      'zbus error: org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files',
      'org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files',
    ),
    'keychain-unavailable',
    /Secret Service not running/,
  ],
  [
    'Entry, collection locked',
    keyringError(
      "Couldn't access platform storage: Secret Service: unlock prompt was dismissed",
      'Secret Service: unlock prompt was dismissed',
    ),
    'keychain-locked',
    /^The keychain is locked or refused access: unlock it and try again/,
  ],
  [
    'findCredentials, collection locked',
    keyringError(
      'zbus error: org.freedesktop.Secret.Error.IsLocked: Cannot get secret of a locked object',
      'org.freedesktop.Secret.Error.IsLocked: Cannot get secret of a locked object',
    ),
    'keychain-locked',
    /^The keychain is locked/,
  ],
  [
    'kernel keyring refused (unpinned fallback only)',
    keyringError("Couldn't access platform storage: AccessDenied", 'AccessDenied'),
    'keychain-locked',
    /refused access/,
  ],
  [
    'Entry set, no default collection',
    keyringError(
      "Couldn't access platform storage: Secret Service: no result found",
      'Secret Service: no result found',
    ),
    'keychain-failed',
    /^The keychain could not save the agent password\.$/,
  ],
  [
    'two items match the entry',
    keyringError(
      'Entry is matched by 2 credentials: [Entry { inner: Wrapper { path: Path("/org/freedesktop/secrets/collection/login/6\\0") } }, Entry { inner: Wrapper { path: Path("/org/freedesktop/secrets/collection/login/7\\0") } }]',
    ),
    'keychain-failed',
    /^More than one keychain entry matches the agent password/,
  ],
  [
    'native binary missing',
    Object.assign(
      new Error(
        'Cannot find native binding. npm has a bug related to optional dependencies (https://github.com/npm/cli/issues/4828). Please try `npm i` again after removing both package-lock.json and node_modules directory.',
      ),
      { cause: new Error("Cannot find module '@napi-rs/keyring-wasm32-wasi'") },
    ),
    'keychain-unavailable',
    /^No keychain is available \(the keychain module could not be loaded\)/,
  ],
  [
    'package missing altogether',
    Object.assign(
      new Error("Cannot find package '@napi-rs/keyring' imported from /app/main/core/vault/vault.ts"),
      { code: 'ERR_MODULE_NOT_FOUND' },
    ),
    'keychain-unavailable',
    /the keychain module could not be loaded/,
  ],
];

describe('classifyKeyringError on what @napi-rs/keyring threw', () => {
  it.each(observed)('%s', (_label, error, code, message) => {
    const classified = classifyKeyringError(error, { action: 'store', subject: 'the agent password' });
    expect(classified.code).toBe(code);
    expect(classified.message).toMatch(message);
  });

  it('says which secret was not saved, read or removed when the keychain is locked', () => {
    const locked = keyringError(
      "Couldn't access platform storage: Secret Service: unlock prompt was dismissed",
    );
    expect(classifyKeyringError(locked, { action: 'store', subject: 'the agent password' }).message).toBe(
      'The keychain is locked or refused access: unlock it and try again (the agent password was not saved).',
    );
    expect(classifyKeyringError(locked, { action: 'read', subject: 'the broker passcode' }).message).toBe(
      'The keychain is locked or refused access: unlock it and try again (the broker passcode was not read).',
    );
    expect(classifyKeyringError(locked, { action: 'forget', subject: 'the agent password' }).message).toBe(
      'The keychain is locked or refused access: unlock it and try again (the agent password was not removed).',
    );
    expect(classifyKeyringError(locked, { action: 'probe' }).message).toBe(
      'The keychain is locked or refused access: unlock it and try again.',
    );
  });

  it('keeps the keychain’s words as detail for anything it does not recognise', () => {
    const classified = classifyKeyringError(
      keyringError(
        'Platform failure: DBus error: org.freedesktop.DBus.Error.NoReply: Did not receive a reply',
      ),
      { action: 'read', subject: 'the agent password' },
    );
    expect(classified).toEqual({
      code: 'keychain-failed',
      message: 'The keychain could not read the agent password.',
      detail: 'Platform failure: DBus error: org.freedesktop.DBus.Error.NoReply: Did not receive a reply',
    });
  });

  it('never throws, whatever is thrown at it', () => {
    const hostile = {
      toString() {
        throw new Error('no');
      },
    };
    for (const thrown of [undefined, null, 42, 'text', {}, hostile, Symbol('s')]) {
      expect(classifyKeyringError(thrown, { action: 'read' }).code).toBe('keychain-failed');
    }
  });

  it('never lets the secret into the message or the detail', () => {
    const secret = 'hunter2-🔑';
    // No platform was seen echoing the secret; a hypothetical one must still not leak it.
    const echoing = keyringError(`Platform failure: refused to store '${secret}'`, `refused '${secret}'`);
    const classified = classifyKeyringError(echoing, {
      action: 'store',
      subject: 'the agent password',
      secret,
    });
    expect(JSON.stringify(classified)).not.toContain(secret);
    expect(classified).toMatchObject({
      code: 'keychain-failed',
      detail: expect.stringContaining('[secret]'),
    });
  });
});

describe('errorText and sanitizeDetail', () => {
  it('joins the message with causes that add something', () => {
    const error = keyringError(
      'Platform failure: DBus error: Address does not contain a colon',
      'DBus error: Address does not contain a colon',
    );
    expect(errorText(error)).toBe('Platform failure: DBus error: Address does not contain a colon');
    const chained = Object.assign(new Error('Cannot find native binding.'), {
      cause: Object.assign(new Error("Cannot find module './keyring.wasi.cjs'"), {
        cause: new Error("Cannot find module '/x/keyring.node'"),
      }),
    });
    expect(errorText(chained)).toBe(
      "Cannot find native binding. <- Cannot find module './keyring.wasi.cjs' <- Cannot find module '/x/keyring.node'",
    );
  });

  it('drops control characters, caps the length and scrubs the secret', () => {
    expect(sanitizeDetail('path\u0000 and\nnewline')).toBe('path  and newline');
    expect(sanitizeDetail('x'.repeat(2000))).toHaveLength(601);
    expect(sanitizeDetail('a pw123 b pw123', 'pw123')).toBe('a [secret] b [secret]');
    expect(sanitizeDetail('nothing to scrub', '')).toBe('nothing to scrub');
  });
});
