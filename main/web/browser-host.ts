// The browser host: the renderer in an ordinary browser tab, talking to the same Desk the
// Electron shell would, over a loopback WebSocket (ARCHITECTURE.md, "Browser host").
//
// - Listens on 127.0.0.1 only (random port by default) and answers only to `Host:
//   127.0.0.1:<port>` or `localhost:<port>` (DNS rebinding).
// - A random token per run. The page is `/?token=<token>`; the page itself, /api and the
//   WebSocket upgrade need it (query `token`: browsers cannot set headers on a WebSocket),
//   compared in constant time; the static assets the page loads do not. The upgrade must also
//   come from this server's own origin.
// - Static files from the renderer directory: confined to it, no listings, correct types,
//   security headers on every response, `no-store` for the page.
// - WebSocket /api: see protocol.ts. Each call goes through validateDeskCall before the desk sees
//   it; sign-in passwords are never logged (only method names are) nor sent back.

import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { DeskApi, DeskPatch, DeskState } from '../../preload/contract.ts';
import { invokeDesk } from '../core/desk/api-schemas.ts';
import type { Logger } from '../core/log/logger.ts';
import {
  CLOSE,
  CallRateLimiter,
  DEFAULT_MAX_CALLS_PER_SECOND,
  MAX_FRAME_BYTES,
  parseInboundFrame,
  refusedFrame,
  resultFrame,
} from './protocol.ts';
import {
  SECURITY_HEADERS,
  generateToken,
  isAllowedHost,
  isAllowedOrigin,
  pathFromTarget,
  tokenFromTarget,
  tokensEqual,
} from './security.ts';
import { INDEX_FILE, contentTypeFor, isInside, resolveStaticPath } from './static-files.ts';

export interface BrowserHostOptions {
  /** The desk; `state`, when present, gives each new connection its snapshot synchronously. */
  readonly desk: DeskApi & { readonly state?: DeskState };
  /** The built renderer (out/renderer). May be missing: the page then says how to build it. */
  readonly rendererDir: string;
  /** Default 0: a free port chosen by the OS. */
  readonly port?: number;
  readonly log: Logger;
  /** Calls per second per connection before it is closed (default 200). */
  readonly maxCallsPerSecond?: number;
  /** Open WebSocket connections (tabs) at once (default 16). */
  readonly maxClients?: number;
  /** Calls waiting for the desk's answer per connection before more are refused (default 64). */
  readonly maxPendingCalls?: number;
}

export interface BrowserHost {
  /** `http://127.0.0.1:<port>/?token=<token>`: what to open in the browser. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** The listening socket's address (always 127.0.0.1). */
  readonly address: AddressInfo;
  stop(): Promise<void>;
}

export const LOOPBACK = '127.0.0.1';
/** Outgoing data a client may leave unread before it is closed (it reconnects for a fresh snapshot). */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** ws's own cap, above ours, so that our check (with a clear reason) runs first. */
const WS_HARD_CAP_BYTES = 1024 * 1024;

interface Client {
  readonly ws: WebSocket;
  readonly limiter: CallRateLimiter;
  /** Patches that arrived before this client's snapshot went out. */
  backlog: string[] | undefined;
  pending: number;
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Switchboard: page not built</title></head>
<body>
<h1>Switchboard's page has not been built yet</h1>
<p>Run <code>npm run build:renderer</code> in the Switchboard folder, then reload this page.</p>
</body>
</html>
`;

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { desk, log } = options;
  const token = generateToken();
  const maxCalls = options.maxCallsPerSecond ?? DEFAULT_MAX_CALLS_PER_SECOND;
  const maxClients = options.maxClients ?? 16;
  const maxPending = options.maxPendingCalls ?? 64;
  const clients = new Set<Client>();
  const indexFile = join(resolve(options.rendererDir), INDEX_FILE);
  let port = 0;
  let stopping = false;

  // --- HTTP

  function send(
    res: ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string | number> = {},
  ): void {
    const bytes = Buffer.from(body, 'utf8');
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'Cache-Control': 'no-store',
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': bytes.length,
      ...headers,
    });
    res.end(res.req.method === 'HEAD' ? undefined : bytes);
  }

  function refuseHttp(res: ServerResponse, status: 401 | 403, reason: string, body: string): void {
    log({ level: 'warn', event: 'web.refused', kind: 'http', status, reason });
    send(res, status, body, { Connection: 'close' });
  }

  function refuseNoToken(res: ServerResponse): void {
    refuseHttp(
      res,
      401,
      'token',
      'Unauthorized: open the address Switchboard printed when it started (it carries the token).',
    );
  }

  async function serveFile(
    res: ServerResponse,
    file: string,
    root: string,
    isIndex: boolean,
    hasToken: boolean,
  ): Promise<void> {
    let real: string;
    let realRoot: string;
    try {
      [real, realRoot] = await Promise.all([realpath(file), realpath(root)]);
    } catch {
      return isIndex ? send(res, 503, NOT_BUILT_PAGE, htmlType) : send(res, 404, 'Not found.');
    }
    // A symlink inside the directory must not lead out of it.
    if (!isInside(realRoot, real)) return send(res, 404, 'Not found.');
    const info = await stat(real).catch(() => undefined);
    if (!info?.isFile())
      return isIndex ? send(res, 503, NOT_BUILT_PAGE, htmlType) : send(res, 404, 'Not found.');
    if (!hasToken) {
      // The page under another spelling (INDEX.HTML on a case-insensitive disk, a hard link, an
      // 8.3 name) is still the page.
      const page = await stat(indexFile).catch(() => undefined);
      if (page && page.dev === info.dev && page.ino === info.ino) return refuseNoToken(res);
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeFor(real),
      'Content-Length': info.size,
      'Cache-Control': isIndex ? 'no-store' : 'no-cache',
    });
    if (res.req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(real);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  const htmlType = { 'Content-Type': 'text/html; charset=utf-8' };

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port))
      return refuseHttp(res, 403, 'host', 'Forbidden: this server answers only on 127.0.0.1 and localhost.');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
    const target = req.url ?? '/';
    const path = pathFromTarget(target);
    const hasToken = tokensEqual(tokenFromTarget(target), token);
    if (path === '/api') {
      if (!hasToken) return refuseHttp(res, 401, 'token', 'Unauthorized: the token is missing or wrong.');
      return send(res, 426, 'Upgrade required: /api is a WebSocket.', { Upgrade: 'websocket' });
    }
    const resolved = resolveStaticPath(options.rendererDir, path);
    if (!resolved.ok) {
      log({ level: 'warn', event: 'web.static-refused', status: resolved.status, reason: resolved.reason });
      return send(res, resolved.status, `${STATUS_CODES[resolved.status] ?? 'Refused'}.`);
    }
    // Pages need the token; the assets they load do not.
    const index = resolved.file === indexFile;
    if ((index || /\.html?$/i.test(resolved.file)) && !hasToken) return refuseNoToken(res);
    await serveFile(res, resolved.file, options.rendererDir, index, hasToken);
  }

  const server: Server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      log({ level: 'error', event: 'web.request-failed', error: errorName(error) });
      if (!res.headersSent) send(res, 500, 'Internal error.');
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  // --- WebSocket

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: WS_HARD_CAP_BYTES,
    perMessageDeflate: false,
    clientTracking: false,
  });

  function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404 | 503, reason: string): void {
    log({ level: 'warn', event: 'web.refused', kind: 'upgrade', status, reason });
    const body = `${STATUS_CODES[status] ?? 'Refused'}: ${reason}\n`;
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
        'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      () => socket.destroy(),
    );
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (stopping) return refuseUpgrade(socket, 503, 'shutting down');
    if (!isAllowedHost(req.headers.host, port)) return refuseUpgrade(socket, 403, 'unexpected Host');
    if (pathFromTarget(req.url) !== '/api') return refuseUpgrade(socket, 404, 'no such endpoint');
    if (!tokensEqual(tokenFromTarget(req.url), token))
      return refuseUpgrade(socket, 401, 'token missing or wrong');
    if (!isAllowedOrigin(req.headers.origin, port)) return refuseUpgrade(socket, 403, 'foreign Origin');
    if (clients.size >= maxClients) return refuseUpgrade(socket, 503, 'too many connections');
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  });

  function sendTo(client: Client, text: string): void {
    const { ws } = client;
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      closeClient(client, CLOSE.tryAgainLater, 'not reading fast enough; reconnect for a fresh snapshot');
      return;
    }
    ws.send(text);
  }

  function closeClient(client: Client, code: number, reason: string): void {
    log({ level: 'warn', event: 'web.client-closing', code, reason });
    client.ws.close(code, reason);
  }

  function onConnection(ws: WebSocket): void {
    const client: Client = { ws, limiter: new CallRateLimiter(maxCalls), backlog: [], pending: 0 };
    clients.add(client);
    log({ level: 'info', event: 'web.client-connected', clients: clients.size });
    ws.on('close', (code) => {
      clients.delete(client);
      log({ level: 'info', event: 'web.client-closed', code, clients: clients.size });
    });
    ws.on('error', (error) => log({ level: 'warn', event: 'web.client-error', error: errorName(error) }));
    ws.on('message', (data, isBinary) => onMessage(client, data, isBinary));
    void sendSnapshot(client);
  }

  async function sendSnapshot(client: Client): Promise<void> {
    let state = desk.state;
    if (state === undefined) {
      const result = await desk.getState().catch(() => undefined);
      if (!result?.ok) {
        closeClient(client, CLOSE.internalError, 'could not read the desk state');
        return;
      }
      state = result.value;
    }
    sendTo(client, JSON.stringify({ snapshot: state }));
    const backlog = client.backlog ?? [];
    client.backlog = undefined;
    for (const patch of backlog) sendTo(client, patch);
  }

  function onMessage(client: Client, data: RawData, isBinary: boolean): void {
    if (client.ws.readyState !== WebSocket.OPEN) return;
    if (isBinary)
      return closeClient(client, CLOSE.unsupportedData, 'binary frames are not accepted: send JSON text');
    const buffer = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(data);
    if (buffer.length > MAX_FRAME_BYTES)
      return closeClient(client, CLOSE.messageTooBig, `frame larger than ${MAX_FRAME_BYTES} bytes`);
    if (!client.limiter.take(Date.now()))
      return closeClient(client, CLOSE.policyViolation, `more than ${maxCalls} calls in a second`);
    // ws has already refused text frames that are not valid UTF-8 (close code 1007).
    const frame = parseInboundFrame(buffer.toString('utf8'));
    if (frame.kind === 'close') return closeClient(client, frame.code, frame.reason);
    if (frame.kind === 'refused') {
      // The field name and the method only: never a value (it may be a password).
      log({
        level: 'warn',
        event: 'web.call-refused',
        method: frame.method ?? '(unknown)',
        field: frame.error.field,
      });
      return sendTo(client, refusedFrame(frame.id, frame.error));
    }
    const { id, call } = frame;
    if (client.pending >= maxPending) {
      return sendTo(
        client,
        refusedFrame(id, {
          code: 'busy',
          message: 'Too many requests are waiting for an answer; try again in a moment.',
        }),
      );
    }
    log({ level: 'debug', event: 'web.call', method: call.method });
    client.pending++;
    void invokeDesk(desk, call, (error) =>
      log({ level: 'error', event: 'web.call-failed', method: call.method, error: errorName(error) }),
    )
      .then((result) => {
        client.pending--;
        sendTo(client, resultFrame(id, call, result));
      })
      .catch((error: unknown) =>
        log({ level: 'error', event: 'web.reply-failed', method: call.method, error: errorName(error) }),
      );
  }

  // One subscription for every tab: each patch is serialized once.
  const unsubscribe = desk.subscribe((patch: DeskPatch) => {
    if (clients.size === 0) return;
    const text = JSON.stringify({ patch });
    for (const client of clients) {
      if (client.backlog) client.backlog.push(text);
      else sendTo(client, text);
    }
  });

  // --- Start and stop

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: LOOPBACK, port: options.port ?? 0, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    unsubscribe();
    throw error;
  }
  server.on('error', (error) => log({ level: 'error', event: 'web.server-error', error: errorName(error) }));
  const address = server.address() as AddressInfo;
  port = address.port;
  const url = `http://${LOOPBACK}:${port}/?token=${token}`;
  log({ level: 'info', event: 'web.started', port });

  let stopped: Promise<void> | undefined;
  async function stop(): Promise<void> {
    stopping = true;
    unsubscribe();
    const closing = [...clients].map(
      (client) =>
        new Promise<void>((resolve) => {
          if (client.ws.readyState === WebSocket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            client.ws.terminate();
            resolve();
          }, 1000);
          client.ws.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          client.ws.close(CLOSE.goingAway, 'Switchboard is shutting down');
        }),
    );
    await Promise.all(closing);
    wss.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    log({ level: 'info', event: 'web.stopped' });
  }

  return {
    url,
    port,
    token,
    address,
    stop() {
      stopped ??= stop();
      return stopped;
    },
  };
}

function errorName(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.name;
  return typeof error;
}
