// Every way the OS keychain can fail, as a code the desk can act on and a sentence an agent can act
// on. Classification is pure and works on the text of the error @napi-rs/keyring throws: the
// binding gives every failure the same `code` ('GenericFailure', the N-API status), so the message
// (keyring-core's Display of its error enum, plus the platform's own words) is all there is.
//
// What @napi-rs/keyring 2.1.2 throws on Linux, observed against real dbus-daemon and
// gnome-keyring-daemon 42.1 processes (see test/integration/vault.test.ts). Entries are pinned to
// the Secret Service store; their calls go through libdbus, findCredentials goes through zbus, so
// the same condition reads differently in the two:
//
//   no DBUS_SESSION_BUS_ADDRESS  Entry: "Platform failure: DBus error: Using X11 for dbus-daemon
//                                autolaunch was disabled at compile time, set your
//                                DBUS_SESSION_BUS_ADDRESS instead"
//                                find:  "zbus error: Failed to connect to address
//                                `unix:path=/run/user/<uid>/bus`: No such file or directory (os error 2)"
//   bus socket missing           Entry: "Platform failure: DBus error: Failed to connect to socket
//                                /nonexistent: No such file or directory"
//   bus socket stale             Entry: "... Failed to connect to socket <path>: Connection refused"
//                                find:  "zbus error: Failed to connect to address `...`: Connection
//                                refused (os error 111)"
//   malformed bus address        Entry: "Platform failure: DBus error: Address does not contain a colon"
//                                find:  "no secret service provider or dbus session found"
//   bus up, no Secret Service    Entry: "Platform failure: DBus error: The name
//                                org.freedesktop.secrets was not provided by any .service files"
//                                find:  "zbus error: org.freedesktop.DBus.Error.ServiceUnknown: The
//                                name org.freedesktop.secrets was not provided by any .service files"
//   collection locked            Entry: "Couldn't access platform storage: Secret Service: unlock
//                                prompt was dismissed" (the unlock prompt could not be shown or
//                                was cancelled; reading or deleting an item that does not exist
//                                succeeds without one)
//                                find:  "zbus error: org.freedesktop.Secret.Error.IsLocked: Cannot
//                                get secret of a locked object"
//   no default collection        Entry set: "Couldn't access platform storage: Secret Service: no
//                                result found" (gnome-keyring without a login keyring, where
//                                creating one needs a prompt)
//   two items match the entry    "Entry is matched by 2 credentials: [Entry { inner: Wrapper {
//                                path: Path(\"/org/freedesktop/secrets/collection/login/6\0\") } }, …]"
//   kernel keyring refused       "Couldn't access platform storage: AccessDenied" (only from the
//                                unpinned auto-fallback, which the vault never uses)
//   native binary missing        import() rejects: "Cannot find native binding. npm has a bug
//                                related to optional dependencies …" (cause: the load errors)
//
// The binding also keeps its first Secret Service connection attempt for the life of the process,
// failure included: see availability() in vault.ts.

export type VaultErrorCode = 'keychain-unavailable' | 'keychain-locked' | 'keychain-failed';

export type VaultError =
  | { readonly code: 'keychain-unavailable'; readonly message: string }
  | { readonly code: 'keychain-locked'; readonly message: string }
  | {
      readonly code: 'keychain-failed';
      readonly message: string;
      /** The keychain's own words, for logs and support; never the secret. */
      readonly detail?: string;
    };

/** What the vault was doing, so the message can say what did not happen. */
export type VaultAction = 'probe' | 'store' | 'read' | 'forget' | 'list';

export interface ClassifyContext {
  readonly action: VaultAction;
  /** What the secret is, in words: 'the agent password'. */
  readonly subject?: string;
  /** The secret being stored, so that it can be scrubbed from the detail should a platform echo it. */
  readonly secret?: string;
}

const WILL_NOT_REMEMBER = 'Switchboard will not remember the password.';

/** The wording of every vault error, in one place. */
export const vaultErrors = {
  noSessionBus: (): VaultError => ({
    code: 'keychain-unavailable',
    message: `No keychain is available (no D-Bus session bus, so no Secret Service): ${WILL_NOT_REMEMBER}`,
  }),
  noSecretService: (): VaultError => ({
    code: 'keychain-unavailable',
    message: `No keychain is available (Secret Service not running): ${WILL_NOT_REMEMBER}`,
  }),
  moduleMissing: (): VaultError => ({
    code: 'keychain-unavailable',
    message: `No keychain is available (the keychain module could not be loaded): ${WILL_NOT_REMEMBER}`,
  }),
  locked: (context: ClassifyContext): VaultError => ({
    code: 'keychain-locked',
    message: `The keychain is locked or refused access: unlock it and try again${notDone(context)}.`,
  }),
  ambiguous: (context: ClassifyContext, detail: string): VaultError => ({
    code: 'keychain-failed',
    message: `More than one keychain entry matches ${context.subject ?? 'this secret'}: remove the extra ones in the system's keychain app and try again.`,
    detail,
  }),
  failed: (context: ClassifyContext, detail?: string): VaultError => ({
    code: 'keychain-failed',
    message: `The keychain could not ${VERB[context.action]} ${context.subject ?? 'the secret'}.`,
    ...(detail === undefined || detail === '' ? {} : { detail }),
  }),
  invalid: (message: string): VaultError => ({ code: 'keychain-failed', message }),
};

const VERB: Record<VaultAction, string> = {
  probe: 'be reached to check',
  store: 'save',
  read: 'read',
  forget: 'remove',
  list: 'list',
};

const PARTICIPLE: Record<VaultAction, string> = {
  probe: 'checked',
  store: 'saved',
  read: 'read',
  forget: 'removed',
  list: 'listed',
};

function notDone(context: ClassifyContext): string {
  return context.subject === undefined ? '' : ` (${context.subject} was not ${PARTICIPLE[context.action]})`;
}

// Ordered: the first rule that matches the error's text (message and causes) decides.
const NO_SESSION_BUS: readonly RegExp[] = [
  /autolaunch/i, // libdbus without DBUS_SESSION_BUS_ADDRESS
  /Failed to connect to (socket|address)/i, // libdbus, zbus: socket missing or refusing
  /Address does not contain a colon/i,
  /Unknown address type/i,
  /no secret service provider or dbus session found/i, // secret-service crate (findCredentials)
  /No DBus session or Secret Service provider found/i, // dbus-secret-service crate
];

const NO_SECRET_SERVICE: readonly RegExp[] = [
  /org\.freedesktop\.secrets was not provided by any \.service files/i,
  /org\.freedesktop\.DBus\.Error\.ServiceUnknown/i,
  /No default store has been set/i,
];

const LOCKED: readonly RegExp[] = [
  /unlock prompt was dismissed/i, // dbus-secret-service: Unlock returned a prompt that did not complete
  /object locked/i, // dbus-secret-service / secret-service crates
  /org\.freedesktop\.Secret\.Error\.IsLocked/i, // zbus (findCredentials)
  /prompt dismissed/i,
];

const NATIVE_MISSING: readonly RegExp[] = [
  /Cannot find native binding/i,
  /Failed to load native binding/i,
  /Cannot find (package|module) '@napi-rs\/keyring/i,
];

/** Turns anything @napi-rs/keyring (or importing it) threw into a VaultError. Never throws. */
export function classifyKeyringError(error: unknown, context: ClassifyContext): VaultError {
  const text = errorText(error);
  const detail = sanitizeDetail(text, context.secret);
  if (NATIVE_MISSING.some((rule) => rule.test(text))) return vaultErrors.moduleMissing();
  if (NO_SECRET_SERVICE.some((rule) => rule.test(text))) return vaultErrors.noSecretService();
  if (NO_SESSION_BUS.some((rule) => rule.test(text))) return vaultErrors.noSessionBus();
  if (LOCKED.some((rule) => rule.test(text))) return vaultErrors.locked(context);
  // keyring-core's Ambiguous: a third-party app wrote a second matching item.
  if (/Entry is matched by \d+ credentials/i.test(text)) return vaultErrors.ambiguous(context, detail);
  // keyring-core's NoStorageAccess: per its documentation "typically … the credential store is
  // locked"; "no result found" (no default collection to create the item in) is the exception.
  if (/Couldn't access platform storage/i.test(text) && !/no result found/i.test(text)) {
    return vaultErrors.locked(context);
  }
  return vaultErrors.failed(context, detail);
}

/** The message and every distinct cause message, joined: the binding wraps the platform error in `cause`. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth += 1) {
    const message =
      current instanceof Error
        ? current.message
        : typeof current === 'string'
          ? current
          : safeString(current);
    if (message !== '' && !parts.some((part) => part.includes(message))) parts.push(message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(' <- ');
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '';
  }
}

const MAX_DETAIL_LENGTH = 600;

/**
 * The keychain's words made safe to log and show: the secret scrubbed (no platform was seen to echo
 * it, but a detail is not the place to find out), control characters dropped, and the length capped.
 */
export function sanitizeDetail(text: string, secret?: string): string {
  let detail = text;
  if (secret !== undefined && secret !== '') detail = detail.split(secret).join('[secret]');
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  detail = detail.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return detail.length > MAX_DETAIL_LENGTH ? `${detail.slice(0, MAX_DETAIL_LENGTH)}…` : detail;
}
