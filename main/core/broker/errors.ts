// Every way the broker session can fail, as a code the desk can act on and a sentence an agent or
// a deployer can act on. Classification is pure: socket errors by Node's `err.code`, STOMP ERROR
// frames by the broker's `message` header.

export type SessionErrorCode =
  | 'invalid-broker-url'
  | 'not-connected'
  | 'receipt-timeout'
  | 'connection-lost'
  | 'auth-failed'
  | 'not-authorized'
  | 'tls-untrusted'
  | 'tls-hostname'
  | 'tls-handshake'
  | 'refused'
  | 'unreachable'
  | 'connect-timeout'
  | 'connect-failed'
  | 'heartbeat-timeout'
  | 'broker-error'
  | 'invalid-frame'
  | 'stopped';

export interface SessionError {
  readonly code: SessionErrorCode;
  /** Plain words for the person who can fix it; never a secret. */
  readonly message: string;
  /** The broker address involved, when there is one. */
  readonly url?: string;
  /** The technical cause (Node error code and text, or the broker's own words), for logs and support. */
  readonly detail?: string;
}

/**
 * Errors that retrying cannot heal: a wrong password or an untrusted certificate stays wrong, and
 * retrying forever would hammer the broker (ActiveMQ logs a WARN per failed login) for nothing.
 */
const FATAL_CODES: ReadonlySet<SessionErrorCode> = new Set([
  'invalid-broker-url',
  'auth-failed',
  'tls-untrusted',
  'tls-hostname',
]);

export function isFatal(error: SessionError): boolean {
  return FATAL_CODES.has(error.code);
}

function make(code: SessionErrorCode, message: string, url?: string, detail?: string): SessionError {
  return {
    code,
    message,
    ...(url === undefined ? {} : { url }),
    ...(detail === undefined ? {} : { detail }),
  };
}

const at = (url: string | undefined): string => (url === undefined ? 'The broker' : `The broker at ${url}`);
const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/** Errors the session raises itself, worded once here. */
export const sessionErrors = {
  notConnected: (): SessionError =>
    make('not-connected', 'Not connected to the broker: the message was not sent. Try again once connected.'),
  stopped: (): SessionError => make('stopped', 'The broker session was stopped: the message was not sent.'),
  receiptTimeout: (url: string, timeoutMs: number): SessionError =>
    make(
      'receipt-timeout',
      `${at(url)} did not confirm the message within ${seconds(timeoutMs)}; it may or may not have arrived, so it was not sent again.`,
      url,
    ),
  connectionLost: (url: string, detail?: string): SessionError =>
    make('connection-lost', `The connection to the broker at ${url} was lost.`, url, detail),
  closedBeforeConnected: (url: string): SessionError =>
    make(
      'connect-failed',
      `${at(url)} closed the connection before the STOMP handshake completed: is this a STOMP port?`,
      url,
    ),
  cutByStop: (url: string): SessionError =>
    make(
      'stopped',
      `The broker session was stopped before ${url} confirmed the message; it may or may not have arrived.`,
      url,
    ),
  connectTimeout: (url: string, timeoutMs: number): SessionError =>
    make(
      'connect-timeout',
      `${at(url)} did not complete the connection within ${seconds(timeoutMs)}: is this a STOMP port, and is the broker overloaded?`,
      url,
    ),
  heartbeatTimeout: (url: string, silentForMs: number): SessionError =>
    make(
      'heartbeat-timeout',
      `${at(url)} went silent (no heart-beat for about ${seconds(silentForMs)}): the connection is treated as lost.`,
      url,
    ),
  invalidFrame: (reason: string): SessionError =>
    make('invalid-frame', `The message was not sent: ${reason}`),
  invalidBrokerUrl: (message: string, url?: string): SessionError => make('invalid-broker-url', message, url),
} as const;

// OpenSSL's X509_V_ERR_* names, as Node reports them in err.code when it rejects a certificate chain.
const UNTRUSTED_REASONS: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'a certificate that has expired',
  CERT_NOT_YET_VALID: "a certificate that is not valid yet (check this computer's clock)",
  CERT_REVOKED: 'a revoked certificate',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'a self-signed certificate that is not trusted here',
  SELF_SIGNED_CERT_IN_CHAIN: 'a certificate from an authority (CA) that is not trusted here',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'a certificate from an authority (CA) that is not trusted here',
  UNABLE_TO_GET_ISSUER_CERT: 'a certificate from an authority (CA) that is not trusted here',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'a certificate from an authority (CA) that is not trusted here',
  CERT_UNTRUSTED: 'a certificate that is not trusted here',
  CERT_REJECTED: 'a certificate that is not trusted here',
  CERT_SIGNATURE_FAILURE: 'a certificate with an invalid signature',
  CERT_CHAIN_TOO_LONG: 'a certificate chain that is too long',
  INVALID_CA: 'a certificate chain with an invalid authority (CA)',
  INVALID_PURPOSE: 'a certificate that is not meant for a server',
  PATH_LENGTH_EXCEEDED: 'a certificate chain that is too long',
  UNABLE_TO_DECRYPT_CERT_SIGNATURE: 'a certificate with an unreadable signature',
  UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: 'a certificate whose issuer key cannot be read',
  ERROR_IN_CERT_NOT_BEFORE_FIELD: 'a certificate with an invalid validity date',
  ERROR_IN_CERT_NOT_AFTER_FIELD: 'a certificate with an invalid validity date',
};

const HOSTNAME_CODES: ReadonlySet<string> = new Set([
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  'IP_ADDRESS_MISMATCH',
]);

const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'EAI_NODATA',
]);

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : String(err);
}

export interface SocketErrorContext {
  /** The broker address the socket was for. */
  readonly url?: string;
  /** Whether the STOMP connection had been established before the error (a drop, not a failed connect). */
  readonly established?: boolean;
}

/** Classifies an error emitted by the underlying Node socket (net, tls or ws) by its `code`. */
export function classifySocketError(err: unknown, context: SocketErrorContext = {}): SessionError {
  const { url, established = false } = context;
  const code = errorCode(err);
  const text = errorText(err);
  const detail = code === undefined ? text : `${code}: ${text}`;

  if (code !== undefined) {
    const untrusted = UNTRUSTED_REASONS[code];
    if (untrusted !== undefined) {
      return make(
        'tls-untrusted',
        `${at(url)} presented ${untrusted} (${code}). Configure the CA certificate that signed the broker's certificate, or ask the broker's administrator.`,
        url,
        detail,
      );
    }
    if (HOSTNAME_CODES.has(code)) {
      // Node's ERR_TLS_CERT_ALTNAME_INVALID carries the name it checked (`host`) and the certificate.
      const { host, cert } = err as { host?: unknown; cert?: { subjectaltname?: unknown } };
      const names = typeof cert?.subjectaltname === 'string' ? cert.subjectaltname : undefined;
      const which =
        names !== undefined && typeof host === 'string'
          ? `it is valid for ${names}, not ${host}`
          : ((err as { reason?: unknown }).reason ?? text);
      return make(
        'tls-hostname',
        `${at(url)} presented a certificate for another host name (${String(which)}). Connect with a name the certificate lists.`,
        url,
        detail,
      );
    }
    if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO') {
      return make(
        'tls-handshake',
        `The secure (TLS) handshake with ${url ?? 'the broker'} failed (${code}): is this the broker's stomp+ssl port?`,
        url,
        detail,
      );
    }
    if (code === 'ECONNREFUSED') {
      return make(
        'refused',
        `Nothing accepted the connection at ${url ?? 'the broker address'}: the broker may be down, or the port may be wrong.`,
        url,
        detail,
      );
    }
    if (code === 'ENOTFOUND' || code === 'EAI_NONAME') {
      return make(
        'unreachable',
        `The host name in ${url ?? 'the broker address'} could not be found (${code}): check the address and the network.`,
        url,
        detail,
      );
    }
    if (UNREACHABLE_CODES.has(code) || (code === 'ETIMEDOUT' && !established)) {
      return make(
        'unreachable',
        `${at(url)} cannot be reached (${code}): check the network connection.`,
        url,
        detail,
      );
    }
  }
  if (established)
    return make('connection-lost', `The connection to ${url ?? 'the broker'} was lost.`, url, detail);
  return make(
    'connect-failed',
    `Could not connect to ${url ?? 'the broker'} (${code ?? text}).`,
    url,
    detail,
  );
}

/** The parts of a STOMP ERROR frame that classification reads (stompjs's IFrame fits). */
export interface StompErrorFrame {
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
}

// ActiveMQ 5.x puts the Java exception's message into the ERROR frame's `message` header
// (ProtocolConverter.handleException). Authentication (SimpleAuthenticationBroker and
// JaasAuthenticationBroker) says "User name [<user>] or password is invalid." and then closes the
// socket; authorisation (AuthorizationBroker) says "User <user> is not authorized to write to:
// queue://X" and keeps the connection open. The other patterns are what ActiveMQ Artemis
// (AMQ229031 / AMQ229032) and RabbitMQ say for the same two cases.
const AUTH_FAILED_PATTERNS: readonly RegExp[] = [
  /password is invalid/i,
  /\bnot authenticated\b/i,
  /unable to validate user/i,
  /\bAMQ229031\b/,
  /access refused/i,
  /authentication failed/i,
  /bad credentials/i,
];
const NOT_AUTHORIZED_PATTERNS: readonly RegExp[] = [
  /\bis not authorized to\b/i,
  /does not have permission/i,
  /\bAMQ229032\b/,
];

/** Classifies a STOMP ERROR frame: a refused login, a refused destination, or any other broker error. */
export function classifyStompError(frame: StompErrorFrame, url?: string): SessionError {
  const firstBodyLine = frame.body?.split('\n', 1)[0]?.trim();
  const said = frame.headers['message']?.trim() || firstBodyLine || '(the broker gave no reason)';
  const detail = said;
  if (AUTH_FAILED_PATTERNS.some((pattern) => pattern.test(said))) {
    return make('auth-failed', `${at(url)} refused the user name or password.`, url, detail);
  }
  if (NOT_AUTHORIZED_PATTERNS.some((pattern) => pattern.test(said))) {
    return make(
      'not-authorized',
      `The broker does not allow this user to use that destination (${said}).`,
      url,
      detail,
    );
  }
  return make('broker-error', `${at(url)} reported an error: ${said}`, url, detail);
}
