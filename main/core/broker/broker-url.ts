// Broker addresses as a deployer writes them in settings, checked before any socket is opened.
//
// Switchboard speaks STOMP only. ActiveMQ serves several protocols, each on its own connector,
// and its documentation shows OpenWire URLs (tcp://, ssl://, nio://, failover:) first, so those
// are the most likely mistakes: they get a message that names the STOMP equivalent.
import { isIP } from 'node:net';
import type { Result } from '../protocol/result.ts';

export type BrokerScheme = 'stomp' | 'stomp+ssl' | 'ws' | 'wss';

export interface BrokerEndpoint {
  /** Normalised address for logs and status, e.g. `stomp+ssl://broker.example.com:61612`. */
  readonly url: string;
  readonly scheme: BrokerScheme;
  /** `tcp`/`tls`: raw STOMP over a socket; `ws`/`wss`: STOMP over WebSocket. */
  readonly transport: 'tcp' | 'tls' | 'ws' | 'wss';
  /** Host name or IP address, without the brackets of an IPv6 literal. */
  readonly host: string;
  readonly port: number;
  /** WebSocket request path and query (`/` when none was given); empty for stomp and stomp+ssl. */
  readonly path: string;
  readonly secure: boolean;
}

export interface BrokerUrlError {
  readonly code: 'invalid-broker-url';
  readonly message: string;
}

/**
 * ActiveMQ's documented default ports per connector (activemq.xml as shipped: stomp 61613,
 * stomp+ssl 61612, ws 61614; the secure WebSocket example uses 61619).
 */
export const DEFAULT_PORTS: Readonly<Record<BrokerScheme, number>> = {
  stomp: 61613,
  'stomp+ssl': 61612,
  ws: 61614,
  wss: 61619,
};

const TRANSPORT: Readonly<Record<BrokerScheme, BrokerEndpoint['transport']>> = {
  stomp: 'tcp',
  'stomp+ssl': 'tls',
  ws: 'ws',
  wss: 'wss',
};

const EXAMPLE = 'stomp://broker.example.com:61613';

/** Schemes people paste from ActiveMQ's configuration or client docs, with what to write instead. */
const FOREIGN_SCHEMES: Readonly<Record<string, string>> = {
  tcp: 'is OpenWire, which Switchboard does not speak: use stomp://host:61613',
  nio: 'is OpenWire, which Switchboard does not speak: use stomp://host:61613',
  auto: "is ActiveMQ's auto-detecting connector, which Switchboard does not use: use stomp://host:61613",
  ssl: 'is OpenWire over TLS, which Switchboard does not speak: use stomp+ssl://host:61612',
  'nio+ssl': 'is OpenWire over TLS, which Switchboard does not speak: use stomp+ssl://host:61612',
  failover:
    'is an OpenWire failover URL: list each broker on its own instead, e.g. stomp://a:61613 then stomp://b:61613',
  'stomp+nio': 'names a server-side connector; a client connects to it with stomp://host:port',
  'stomp+nio+ssl': 'names a server-side connector; a client connects to it with stomp+ssl://host:port',
  'stomp+ws': 'is not a scheme Switchboard knows: use ws://host:61614',
  amqp: 'is AMQP, which Switchboard does not speak: use stomp://host:61613',
  'amqp+ssl': 'is AMQP, which Switchboard does not speak: use stomp+ssl://host:61612',
  mqtt: 'is MQTT, which Switchboard does not speak: use stomp://host:61613',
  'mqtt+ssl': 'is MQTT, which Switchboard does not speak: use stomp+ssl://host:61612',
  http: 'is not a broker connector Switchboard can use: use ws://host:61614 or stomp://host:61613',
  https: 'is not a broker connector Switchboard can use: use wss://host:61619 or stomp+ssl://host:61612',
  vm: "is ActiveMQ's in-process transport, which Switchboard cannot reach: use stomp://host:61613",
};

function isBrokerScheme(value: string): value is BrokerScheme {
  return Object.hasOwn(DEFAULT_PORTS, value);
}

function invalid(message: string): { ok: false; error: BrokerUrlError } {
  return { ok: false, error: { code: 'invalid-broker-url', message } };
}

/** The explicit port in an authority (`host:1234`, `[::1]:1234`), or undefined when none is written. */
function explicitPort(authority: string): string | undefined {
  // An IPv6 literal ends in `]`, so its own colons never match: only a port after the bracket does.
  return /:(\d*)$/.exec(authority)?.[1];
}

export function parseBrokerUrl(input: string): Result<BrokerEndpoint, BrokerUrlError> {
  const url = input.trim();
  if (url === '') return invalid(`The broker address is empty: write it like ${EXAMPLE}.`);

  const schemeMatch = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  const rawScheme = schemeMatch?.[1]?.toLowerCase();
  // `localhost:61613` parses as scheme "localhost"; treat anything not followed by // as schemeless.
  if (
    rawScheme === undefined ||
    (!url.slice(rawScheme.length + 1).startsWith('//') && rawScheme !== 'failover')
  ) {
    return invalid(`"${url}" has no scheme: write the broker address like ${EXAMPLE}.`);
  }
  if (!isBrokerScheme(rawScheme)) {
    const hint = FOREIGN_SCHEMES[rawScheme];
    return invalid(
      hint === undefined
        ? `${rawScheme}:// is not a broker scheme Switchboard knows: use stomp://, stomp+ssl://, ws:// or wss://.`
        : `${rawScheme}://… ${hint}.`,
    );
  }
  const scheme = rawScheme;

  // WHATWG URL drops a port that equals the scheme's default (80 for ws, 443 for wss), so read
  // what was written rather than trusting parsed.port.
  const authority = /^[^:]+:\/\/([^/?#]*)/.exec(url)?.[1] ?? '';
  if (authority.includes('@')) {
    // Credentials in a URL end up in settings files and logs; the passcode belongs in the keychain.
    // Checked first, so that no later message quotes the address with its password.
    return invalid(
      `The broker address must not contain a user name or password: write ${scheme}://host:port and enter the credentials separately.`,
    );
  }
  const writtenPort = explicitPort(authority);
  let port: number;
  if (writtenPort === undefined || writtenPort === '') {
    if (writtenPort === '') return invalid(`"${url}" has a colon but no port number after the host.`);
    port = DEFAULT_PORTS[scheme];
  } else {
    port = Number(writtenPort);
    if (!Number.isInteger(port) || port < 1 || port > 65_535) {
      return invalid(`"${url}" has port ${writtenPort}; a port is a number from 1 to 65535.`);
    }
  }

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return invalid(
      `"${url}" is not a valid address: write it like ${scheme}://host:${DEFAULT_PORTS[scheme]}.`,
    );
  }

  if (parsed.username !== '' || parsed.password !== '') {
    return invalid(
      `The broker address must not contain a user name or password: write ${scheme}://host:port and enter the credentials separately.`,
    );
  }

  const host = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  if (host === '')
    return invalid(`"${url}" has no host name: write it like ${scheme}://host:${DEFAULT_PORTS[scheme]}.`);

  if (parsed.hash !== '') return invalid(`"${url}" has a #fragment, which a broker address cannot use.`);

  const webSocket = scheme === 'ws' || scheme === 'wss';
  let path = '';
  if (webSocket) {
    path = `${parsed.pathname === '' ? '/' : parsed.pathname}${parsed.search}`;
  } else if ((parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search !== '') {
    // ActiveMQ's `?transport.x=y` options configure the broker's listener, not a client.
    return invalid(
      `"${url}" has a path or options; a ${scheme}:// address is only ${scheme}://host:port (broker options belong in activemq.xml).`,
    );
  }

  const hostForUrl = isIP(host) === 6 ? `[${host}]` : host;
  return {
    ok: true,
    value: {
      url: `${scheme}://${hostForUrl}:${port}${webSocket ? path : ''}`,
      scheme,
      transport: TRANSPORT[scheme],
      host,
      port,
      path,
      secure: scheme === 'stomp+ssl' || scheme === 'wss',
    },
  };
}
