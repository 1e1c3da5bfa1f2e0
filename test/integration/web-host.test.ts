// The browser host against a real Desk in demo mode (openDeskRuntime with a fresh user-data
// directory: demo mode by default, so the embedded demo gateway answers; no ActiveMQ needed),
// with a real `ws` client, fetch and raw http.request:
// - only loopback, only with the token, only this server's Host and Origin;
// - static files confined to their directory, with the security headers;
// - a client gets a snapshot, signs in as 1001/demo/5001, and sees the patches (so does a
//   second tab); invalid payloads are refused naming the field and never reach the desk;
// - the password is never logged by the host nor sent back;
// - malformed, binary, oversized frames and floods close the connection with a reason;
// - `start:web` (main/web/start-web.ts) prints the address and stops cleanly on SIGTERM.

import { spawn } from 'node:child_process';
import { link, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LogEntry } from '../../main/core/log/index.ts';
import type { Vault } from '../../main/core/vault/index.ts';
import { openDeskRuntime, type DeskRuntime } from '../../main/runtime/desk-runtime.ts';
import { startBrowserHost, type BrowserHost } from '../../main/web/browser-host.ts';
import {
  DESK_METHODS,
  applyPatch,
  type DeskApi,
  type DeskPatch,
  type DeskState,
  type Result,
} from '../../preload/contract.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const WRONG_PASSWORD = `Wrong-${process.pid}-pässwörd`;
const SECRET_FILE_TEXT = 'TOP SECRET: outside the renderer directory';

let root: string;
let userDataDir: string;
let staticDir: string;
let runtime: DeskRuntime;
let host: BrowserHost;
const hostLog: LogEntry[] = [];
/** Every call that reached the desk, as the desk received it. */
const seen: { method: string; payload: unknown }[] = [];
/** Every text frame any test client received. */
const received: string[] = [];

/** The keychain stays out of this test: a vault in memory. */
function memoryVault(): Vault {
  const entries = new Map<string, string>();
  const ok = <T>(value: T) => ({ ok: true as const, value });
  return {
    availability: async () => ({ available: true }),
    store: async (kind, account, secret) => (entries.set(`${kind}/${account}`, secret), ok(undefined)),
    read: async (kind, account) => ok(entries.get(`${kind}/${account}`)),
    forget: async (kind, account) => (entries.delete(`${kind}/${account}`), ok(undefined)),
    forgetAll: async () => (entries.clear(), ok(undefined)),
  };
}

/** The real desk, recording what reaches it. */
function spyDesk(desk: DeskRuntime['desk']): DeskApi & { readonly state: DeskState } {
  const spy: Record<string, unknown> = {
    subscribe: (onPatch: (patch: DeskPatch) => void) => desk.subscribe(onPatch),
  };
  Object.defineProperty(spy, 'state', { get: () => desk.state });
  for (const method of DESK_METHODS) {
    spy[method] = (payload: unknown) => {
      seen.push({ method, payload });
      return (desk[method] as (payload: unknown) => Promise<Result<unknown>>).call(desk, payload);
    };
  }
  return spy as unknown as DeskApi & { readonly state: DeskState };
}

async function until(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET with the path sent exactly as given (fetch would normalise `..`) and any Host. */
function rawGet(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method,
        headers: { host: `127.0.0.1:${host.port}`, ...headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function origin(): string {
  return `http://127.0.0.1:${host.port}`;
}

/** The WebSocket address; `null`: without a token. */
function apiUrl(token: string | null = host.token, path = '/api'): string {
  return `ws://127.0.0.1:${host.port}${path}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
}

/** Tries an upgrade: 101 when it opened (then closed), else the HTTP status the server answered. */
function upgradeStatus(
  url: string,
  options: ConstructorParameters<typeof WebSocket>[2] = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.on('error', (error) => reject(error));
  });
}

interface Message {
  id?: number;
  result?: Result<unknown> & { error?: { code: string; message: string; field?: string } };
  snapshot?: DeskState;
  patch?: DeskPatch;
}

class TestClient {
  readonly messages: Message[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #nextId = 1;
  #listeners = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = String(data);
      received.push(text);
      this.messages.push(JSON.parse(text) as Message);
      for (const listener of this.#listeners) listener();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
    );
  }

  static open(url = apiUrl(), wsOrigin = origin()): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { origin: wsOrigin });
      const client = new TestClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  waitFor(predicate: (message: Message) => boolean, what: string, timeoutMs = 15_000): Promise<Message> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.messages.find(predicate);
        if (!found) return false;
        this.#listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.#listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      if (!check()) this.#listeners.add(check);
    });
  }

  sendRaw(text: string): number {
    const id = this.#nextId++;
    this.ws.send(text.replace('"$ID"', String(id)));
    return id;
  }

  async call(method: string, payload?: unknown): Promise<NonNullable<Message['result']>> {
    const id = this.#nextId++;
    this.ws.send(JSON.stringify({ id, method, payload }));
    const reply = await this.waitFor((message) => message.id === id, `the answer to ${method}`);
    return reply.result as NonNullable<Message['result']>;
  }

  /** The snapshot with every patch received since applied, as the renderer keeps it. */
  state(): DeskState {
    let state: DeskState | undefined;
    for (const message of this.messages) {
      if (message.snapshot) state = message.snapshot;
      else if (message.patch && state) state = applyPatch(state, message.patch);
    }
    if (!state) throw new Error('no snapshot yet');
    return state;
  }

  close(): Promise<{ code: number; reason: string }> {
    this.ws.close();
    return this.closed;
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'switchboard-web-'));
  userDataDir = join(root, 'user-data');
  staticDir = join(root, 'renderer');
  await mkdir(userDataDir);
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(
    join(staticDir, 'index.html'),
    '<!doctype html><title>Switchboard test page</title><script type="module" src="./assets/app.js"></script>',
  );
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log("switchboard");\n');
  await writeFile(join(staticDir, 'assets', 'style.css'), 'body { margin: 0 }\n');
  await writeFile(join(root, 'secret.txt'), SECRET_FILE_TEXT);
  // A symlink out of the directory, and the page under another name.
  await symlink(join(root, 'secret.txt'), join(staticDir, 'assets', 'leak.txt'));
  await link(join(staticDir, 'index.html'), join(staticDir, 'assets', 'page-copy.txt'));

  runtime = await openDeskRuntime({ userDataDir, vault: memoryVault(), logLevel: 'debug' });
  expect(runtime.settings.mode).toBe('demo');
  await until(() => runtime.desk.state.connection.status === 'in-service', 'the demo gateway in service');
  host = await startBrowserHost({
    desk: spyDesk(runtime.desk),
    rendererDir: staticDir,
    log: (entry) => hostLog.push(entry),
  });
});

afterAll(async () => {
  await host?.stop();
  await runtime?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('listening', () => {
  it('listens on 127.0.0.1 only, on a random port, and prints a URL with a 32-byte token', async () => {
    expect(host.address.address).toBe('127.0.0.1');
    expect(host.address.family).toBe('IPv4');
    expect(host.port).toBeGreaterThan(0);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((info) => info && !info.internal)
      .map((info) => info?.address as string);
    for (const address of [...others, '::1']) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port: host.port });
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
      });
      expect(reached, address).toBe(false);
    }
  });
});

describe('HTTP', () => {
  it('serves the page only with the token', async () => {
    expect((await fetch(`http://127.0.0.1:${host.port}/`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${host.port}/?token=wrong`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${host.port}/?token=${host.token.slice(0, -1)}`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${host.port}/index.html`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${host.port}/%69ndex.html`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${host.port}/INDEX.HTML`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${host.port}/assets/page-copy.txt`)).status).toBe(401);
    expect(
      (await fetch(`http://127.0.0.1:${host.port}/assets/page-copy.txt?token=${host.token}`)).status,
    ).toBe(200);
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Switchboard test page');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
    );
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const viaLocalhost = await fetch(`http://localhost:${host.port}/?token=${host.token}`).catch(
      () => undefined,
    );
    if (viaLocalhost) expect(viaLocalhost.status).toBe(200);
  });

  it('serves static assets without the token, with their types and the security headers', async () => {
    const script = await fetch(`http://127.0.0.1:${host.port}/assets/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(script.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(script.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await script.text()).toContain('switchboard');
    const style = await fetch(`http://127.0.0.1:${host.port}/assets/style.css`);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const head = await rawGet('/assets/app.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('lists no directories and answers 404 for what is not there', async () => {
    expect((await fetch(`http://127.0.0.1:${host.port}/assets/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${host.port}/assets`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${host.port}/nope.js`)).status).toBe(404);
  });

  it('refuses path traversal, and symlinks out of the directory', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
    ]) {
      const response = await rawGet(path);
      expect(response.status, path).toBe(403);
      expect(response.body).not.toContain('TOP SECRET');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
    const leak = await rawGet('/assets/leak.txt');
    expect(leak.status).toBe(404);
    expect(leak.body).not.toContain('TOP SECRET');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    for (const hostHeader of [`evil.example:${host.port}`, 'evil.example', `127.0.0.1:${host.port + 1}`]) {
      const response = await rawGet(`/?token=${host.token}`, { host: hostHeader });
      expect(response.status, hostHeader).toBe(403);
      expect(response.body).not.toContain('Switchboard test page');
    }
    expect((await rawGet('/assets/app.js', { host: 'evil.example' })).status).toBe(403);
    expect((await rawGet(`/?token=${host.token}`, { host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('answers only GET and HEAD, and /api only as a WebSocket', async () => {
    expect((await rawGet(`/?token=${host.token}`, {}, 'POST')).status).toBe(405);
    expect((await rawGet('/api')).status).toBe(401);
    expect((await rawGet(`/api?token=${host.token}`)).status).toBe(426);
  });

  it('says to build the renderer when its directory is missing', async () => {
    const bare = await startBrowserHost({
      desk: runtime.desk,
      rendererDir: join(root, 'not-built'),
      log: () => {},
    });
    try {
      expect((await fetch(`http://127.0.0.1:${bare.port}/`)).status).toBe(401);
      const response = await fetch(bare.url);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await response.text()).toContain('npm run build:renderer');
    } finally {
      await bare.stop();
    }
  });
});

describe('WebSocket upgrade', () => {
  it('refuses no token, a wrong token, a foreign Origin, no Origin, a foreign Host, another path', async () => {
    expect(await upgradeStatus(apiUrl(null), { origin: origin() })).toBe(401);
    expect(await upgradeStatus(apiUrl('wrong'), { origin: origin() })).toBe(401);
    expect(await upgradeStatus(apiUrl(`${host.token}x`), { origin: origin() })).toBe(401);
    expect(await upgradeStatus(apiUrl(), { origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(apiUrl(), { origin: `http://127.0.0.1:${host.port + 1}` })).toBe(403);
    expect(await upgradeStatus(apiUrl(), { origin: 'null' })).toBe(403);
    expect(await upgradeStatus(apiUrl(), {})).toBe(403);
    expect(
      await upgradeStatus(apiUrl(), { origin: origin(), headers: { host: `evil.example:${host.port}` } }),
    ).toBe(403);
    expect(await upgradeStatus(apiUrl(host.token, '/other'), { origin: origin() })).toBe(404);
    expect(await upgradeStatus(apiUrl(), { origin: origin() })).toBe(101);
    expect(seen).toEqual([]);
  });
});

describe('the desk over the WebSocket', () => {
  let tab1: TestClient;
  let tab2: TestClient;

  afterAll(async () => {
    await tab1?.close();
    await tab2?.close();
  });

  it('sends a snapshot first', async () => {
    tab1 = await TestClient.open();
    tab2 = await TestClient.open(apiUrl(), `http://localhost:${host.port}`);
    for (const tab of [tab1, tab2]) {
      await tab.waitFor((message) => message.snapshot !== undefined, 'the snapshot');
      const first = tab.messages[0];
      expect(first?.snapshot?.connection.status).toBe('in-service');
      expect(first?.snapshot?.connection.mode).toBe('demo');
      expect(first?.snapshot?.agent.signIn).toBe('signed-out');
    }
  });

  it('refuses invalid payloads naming the field, and the desk never sees them', async () => {
    const before = seen.length;
    const extra = await tab1.call('answer', { dialogId: '1', extra: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-request', field: 'extra' } });
    const wrongType = await tab1.call('watchQueues', { visible: 'yes' });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'invalid-request', field: 'visible' } });
    const missing = await tab1.call('makeCall', {});
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid-request', field: 'number' } });
    const unknown = await tab1.call('subscribe', undefined);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-request', field: 'method' } });

    const protoId = tab1.sendRaw(
      '{"id":"$ID","method":"makeCall","payload":{"number":"1","__proto__":{"x":1}}}',
    );
    const proto = await tab1.waitFor((message) => message.id === protoId, 'the __proto__ answer');
    expect(proto.result).toMatchObject({ ok: false, error: { code: 'invalid-request', field: '__proto__' } });
    const nestedId = tab1.sendRaw(
      '{"id":"$ID","method":"signIn","payload":{"agentId":"1001","extension":"5001","mobile":{"dialNumber":"1","mode":"nailed","constructor":{}}}}',
    );
    const nested = await tab1.waitFor((message) => message.id === nestedId, 'the constructor answer');
    expect(nested.result).toMatchObject({ ok: false, error: { field: 'mobile.constructor' } });
    const envelopeId = tab1.sendRaw('{"id":"$ID","method":"setReady","__proto__":{}}');
    const envelope = await tab1.waitFor((message) => message.id === envelopeId, 'the envelope answer');
    expect(envelope.result).toMatchObject({ ok: false, error: { field: '__proto__' } });

    expect(seen.slice(before)).toEqual([]);
    expect(tab1.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('signs in as 1001 / demo / 5001, and every tab sees the patches', async () => {
    const wrong = await tab1.call('signIn', { agentId: '1001', password: WRONG_PASSWORD, extension: '5001' });
    // Refused by the (simulated) connector, not by the schema: it reached the desk.
    expect(wrong).toMatchObject({ ok: false });
    expect(wrong.error?.code).not.toBe('invalid-request');
    await until(() => runtime.desk.state.agent.signIn === 'signed-out', 'the failed sign-in to settle');

    const result = await tab1.call('signIn', { agentId: '1001', password: 'demo', extension: '5001' });
    expect(result).toEqual({ ok: true });
    expect(seen.filter((call) => call.method === 'signIn')).toHaveLength(2);
    for (const tab of [tab1, tab2]) {
      await tab.waitFor(
        (message) => message.patch?.slices.agent?.signIn === 'signed-in',
        'a signed-in patch',
      );
      await until(() => tab.state().agent.agentId === '1001', 'the agent in the tab state');
      const state = tab.state();
      expect(state.agent.signIn).toBe('signed-in');
      expect(state.agent.extension).toBe('5001');
    }
    const state = await tab2.call('getState');
    expect(state).toMatchObject({ ok: true, value: { agent: { signIn: 'signed-in', agentId: '1001' } } });
  });

  it('a tab opened later starts from a snapshot that is already signed in', async () => {
    const late = await TestClient.open();
    try {
      const first = await late.waitFor((message) => message.snapshot !== undefined, 'the snapshot');
      expect(first.snapshot?.agent.signIn).toBe('signed-in');
      expect(late.messages[0]).toBe(first);
    } finally {
      await late.close();
    }
  });

  it('never logs the password nor sends it to any client', async () => {
    const logged = JSON.stringify(hostLog);
    expect(logged).not.toContain(WRONG_PASSWORD);
    expect(logged).not.toContain('"demo"');
    expect(
      hostLog.filter((entry) => entry.event === 'web.call' && entry['method'] === 'signIn'),
    ).toHaveLength(2);
    for (const entry of hostLog) expect(Object.keys(entry)).not.toContain('payload');
    expect(received.length).toBeGreaterThan(0);
    for (const text of received) {
      expect(text).not.toContain(WRONG_PASSWORD);
      expect(text).not.toMatch(/"password"/i);
    }
    // Nor does anything the runtime wrote (its log sinks redact what the desk was told is secret).
    const files = (await readdir(userDataDir, { recursive: true, withFileTypes: true })).filter((entry) =>
      entry.isFile(),
    );
    for (const file of files) {
      const text = await readFile(join(file.parentPath, file.name), 'utf8');
      expect(text, file.name).not.toContain(WRONG_PASSWORD);
    }
  });
});

describe('protocol violations close the connection with a reason', () => {
  it('malformed JSON', async () => {
    const client = await TestClient.open();
    client.ws.send('{"id":1,"method":');
    expect(await client.closed).toEqual({ code: 1007, reason: expect.stringMatching(/malformed JSON/) });
  });

  it('a call without a usable id', async () => {
    const client = await TestClient.open();
    client.ws.send('{"method":"getState"}');
    expect(await client.closed).toEqual({ code: 1008, reason: expect.stringMatching(/id/) });
  });

  it('a binary frame', async () => {
    const client = await TestClient.open();
    client.ws.send(Buffer.from('{"id":1,"method":"getState"}'));
    expect(await client.closed).toEqual({ code: 1003, reason: expect.stringMatching(/binary/) });
  });

  it('a frame over 64 KiB', async () => {
    const client = await TestClient.open();
    const before = seen.length;
    client.ws.send(
      JSON.stringify({ id: 1, method: 'searchContacts', payload: { query: 'x'.repeat(70_000) } }),
    );
    expect(await client.closed).toEqual({ code: 1009, reason: expect.stringMatching(/65536/) });
    expect(seen.length).toBe(before);
  });

  it('more than 200 calls in a second', async () => {
    const client = await TestClient.open();
    for (let id = 1; id <= 260; id++) client.ws.send(JSON.stringify({ id, method: 'getState' }));
    expect(await client.closed).toEqual({ code: 1008, reason: expect.stringMatching(/200 calls/) });
    expect(client.messages.filter((message) => message.id !== undefined).length).toBeLessThanOrEqual(200);
  });
});

describe('npm run start:web', () => {
  it('prints the address, serves it, and stops cleanly on SIGTERM', async () => {
    const dataDir = join(root, 'start-web-data');
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/web/start-web.ts', '--port', '0'], {
      cwd: repoRoot,
      env: { ...process.env, SWITCHBOARD_USER_DATA: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await until(() => /token=[\w-]{43}/.test(stdout) || child.exitCode !== null, 'the printed URL', 30_000);
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}/.exec(stdout)?.[0];
      expect(url, `${stdout}\n${stderr}`).toBeDefined();
      const page = await fetch(url as string);
      // 200 when out/renderer is built, 503 (saying how to build it) when not.
      expect([200, 503]).toContain(page.status);
      expect((await fetch(new URL('/', url).href)).status).toBe(401);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout).toContain('Stopped.');
      expect((await readdir(dataDir)).sort()).toContain('logs');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
