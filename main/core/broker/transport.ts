// The sockets stompjs runs on (its `webSocketFactory`), one per connection attempt:
//   stomp://      TCP, through @stomp/tcp-wrapper's TCPWrapper
//   stomp+ssl://  TLS, through the same TCPWrapper with its socket swapped for tls.connect()
//   ws:// wss://  the `ws` package's WebSocket, offering the STOMP subprotocols
// Each link remembers the first error its Node socket emitted, because stompjs reports only that
// the socket closed; the session needs `err.code` to tell a refused port from an untrusted
// certificate from a wrong host name.
import { createConnection, isIP, type Socket } from 'node:net';
import { connect as connectTls, rootCertificates } from 'node:tls';
import { StompSocketState, type IStompSocket } from '@stomp/stompjs';
import { TCPWrapper } from '@stomp/tcp-wrapper';
import WebSocket from 'ws';
import type { BrokerEndpoint } from './broker-url.ts';

/** STOMP over WebSocket subprotocol names (STOMP 1.2 spec, "Protocol Negotiation"; what ActiveMQ's ws connector accepts). */
export const STOMP_WS_SUBPROTOCOLS: readonly string[] = ['v12.stomp', 'v11.stomp', 'v10.stomp'];

export interface TransportOptions {
  /** An extra CA certificate (PEM) to trust besides the default store, for brokers with a private CA. */
  readonly caPem?: string;
}

export interface BrokerLink {
  readonly socket: IStompSocket;
  /** The first error the underlying socket emitted, if any; classify it with classifySocketError. */
  readonly error: Error | undefined;
}

/**
 * The `ca` option for a TLS connection, or undefined for Node's default store. Node's `ca` replaces
 * the default store instead of adding to it, so a configured CA travels with the bundled roots:
 * otherwise configuring a private CA would silently stop publicly-signed brokers from verifying.
 */
export function trustedCertificates(caPem: string | undefined): string[] | undefined {
  if (caPem === undefined || caPem.trim() === '') return undefined;
  return [...rootCertificates, caPem];
}

/**
 * TCPWrapper opens its socket in its constructor through `getSocket(port, host)`, before a
 * subclass could store options; a class made per link closes over them instead.
 */
function tcpWrapperOver(
  open: (port: number, host: string) => Socket,
): new (host: string, port: number) => TCPWrapper {
  return class extends TCPWrapper {
    protected override getSocket(port: number, host: string): Socket {
      return open(port, host);
    }
  };
}

/**
 * Stands in for a socket that could not even be created (e.g. `ws` rejecting a URL, or a CA that
 * is not PEM): it closes on the next turn, after stompjs has attached its handlers, so the failure
 * flows through the same path as a refused connection instead of throwing inside stompjs.
 */
class NeverOpenedSocket implements IStompSocket {
  readonly url: string;
  readonly readyState = StompSocketState.CLOSED;
  onclose: ((ev?: unknown) => unknown) | null = null;
  onerror: ((ev: unknown) => unknown) | null = null;
  onmessage: ((ev: unknown) => unknown) | null = null;
  onopen: ((ev?: unknown) => unknown) | null = null;

  constructor(url: string) {
    this.url = url;
    setImmediate(() =>
      this.onclose?.({ code: 1006, reason: 'socket could not be created', wasClean: false }),
    );
  }

  close(): void {}
  send(): void {}
  terminate(): void {}
}

function createSocket(
  endpoint: BrokerEndpoint,
  options: TransportOptions,
  remember: (error: Error) => void,
): IStompSocket {
  const watch = (socket: Socket): Socket => {
    socket.once('error', remember);
    return socket;
  };
  switch (endpoint.transport) {
    case 'tcp': {
      const Wrapper = tcpWrapperOver((port, host) => watch(createConnection({ port, host, noDelay: true })));
      return new Wrapper(endpoint.host, endpoint.port);
    }
    case 'tls': {
      // TCPWrapper reports "open" on the TCP connect, before the handshake; stompjs then writes
      // CONNECT (with the passcode) at once. Node holds written data until the peer is verified
      // and drops it if verification fails (checked on Node 20 for TLS 1.2 and 1.3, untrusted
      // chain and wrong host name alike), so the passcode never reaches an unverified peer.
      const ca = trustedCertificates(options.caPem);
      const Wrapper = tcpWrapperOver((port, host) =>
        watch(
          connectTls({
            host,
            port,
            // SNI must be a DNS name (RFC 6066 §3); for an IP, Node checks the IP SANs against `host`.
            ...(isIP(host) === 0 ? { servername: host } : {}),
            ...(ca === undefined ? {} : { ca }),
            // Explicit, so NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment cannot turn checks off.
            rejectUnauthorized: true,
          }).setNoDelay(true),
        ),
      );
      return new Wrapper(endpoint.host, endpoint.port);
    }
    case 'ws':
    case 'wss': {
      const ca = endpoint.transport === 'wss' ? trustedCertificates(options.caPem) : undefined;
      const ws = new WebSocket(endpoint.url, [...STOMP_WS_SUBPROTOCOLS], {
        ...(ca === undefined ? {} : { ca }),
        rejectUnauthorized: true,
        // STOMP frames are small; compression costs more than it saves and is a known memory sink in ws.
        perMessageDeflate: false,
      });
      ws.on('error', remember);
      return ws;
    }
  }
}

/** Opens the socket for one connection attempt to `endpoint`. Never throws. */
export function openBrokerLink(endpoint: BrokerEndpoint, options: TransportOptions = {}): BrokerLink {
  let error: Error | undefined;
  const remember = (cause: Error): void => {
    error ??= cause;
  };
  let socket: IStompSocket;
  try {
    socket = createSocket(endpoint, options, remember);
  } catch (cause) {
    remember(cause instanceof Error ? cause : new Error(String(cause)));
    socket = new NeverOpenedSocket(endpoint.url);
  }
  return {
    socket,
    get error() {
      return error;
    },
  };
}

/** What a bare TCP connection to a broker's port found. */
export type PortProbe = 'accepting' | 'refused' | 'no-answer';

/**
 * Connects to the endpoint's host and port and hangs up at once, without TLS or STOMP: the
 * cheapest way to learn that a broker that refused connections (its port closed: stopped or
 * restarting) accepts them again. 'no-answer': a timeout or any other error.
 */
export function probePort(endpoint: BrokerEndpoint, timeoutMs: number): Promise<PortProbe> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: endpoint.host, port: endpoint.port });
    const done = (result: PortProbe): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done('no-answer'), timeoutMs);
    socket.once('connect', () => done('accepting'));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(error.code === 'ECONNREFUSED' ? 'refused' : 'no-answer'),
    );
  });
}
