// Every DeskMethod, called with hostile payloads through both bridges to a real desk (the desk
// runtime in demo mode, signed in as supervisor 9001 so that a call that got through would act):
// (a) the browser host's WebSocket (real host, real `ws` client), and (b) the Electron IPC path
// as main/shell/electron-main/desk-ipc.ts runs it (guardDeskCall, then invokeDesk), in Node.
//
// Per method, from one valid example: null, a list, a string, a number, true; each field with
// the wrong type, missing, 60,000 characters long; an extra field at every level; `__proto__`,
// `constructor` and `prototype` as own keys (from JSON text) at every level; a 100,000-character
// string. Each is refused with `invalid-request` naming the field (a frame over 64 KiB closes the
// WebSocket with 1009 instead), nothing reaches the desk (a spy between bridge and desk) nor GC
// (the demo gateway's command counts), and Object.prototype is untouched.
//
// A DeskMethod without an example here fails, naming the method: add one to EXAMPLES.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { invokeDesk } from '../../main/core/desk/api-schemas.ts';
import { openDeskRuntime, type DeskRuntime } from '../../main/runtime/desk-runtime.ts';
import { guardDeskCall, resultForPage, type IpcSenderFacts } from '../../main/shell/ipc-guard.ts';
import { startBrowserHost, type BrowserHost } from '../../main/web/browser-host.ts';
import { DESK_METHODS, type DeskApi, type DeskState, type Result } from '../../preload/contract.ts';
import { untilDesk } from '../support/desk-wait.ts';
import { noKeychainVault } from '../support/no-keychain.ts';

// ---------------------------------------------------------------------------------------------
// One valid payload per method, and which of its fields are required.

interface Example {
  /** JSON-able; undefined: the method takes no argument. */
  readonly payload: unknown;
  /** Dotted paths of the fields that must be there. */
  readonly required: readonly string[];
}

const none: Example = { payload: undefined, required: [] };
const dialogOnly: Example = { payload: { dialogId: '10001' }, required: ['dialogId'] };
const dialogAndTarget: Example = {
  payload: { dialogId: '10001', target: '5002' },
  required: ['dialogId', 'target'],
};
const callback: Example = {
  payload: { dialogId: '10001', callbackTime: '2026-12-01 10:00', callbackNumber: '+441632960555' },
  required: ['dialogId', 'callbackTime', 'callbackNumber'],
};

/** Keyed by name (not Record<DeskMethod, …>): a method added to the contract fails a test here. */
const EXAMPLES: Readonly<Record<string, Example>> = {
  getState: none,
  signIn: {
    payload: {
      agentId: '1001',
      password: 'demo',
      extension: '5001',
      rememberPassword: false,
      mobile: { dialNumber: '+441632960961', mode: 'nailed' },
    },
    required: ['agentId', 'extension', 'mobile.dialNumber', 'mobile.mode'],
  },
  signOut: { payload: { reasonCode: '21' }, required: [] },
  setReady: none,
  setNotReady: { payload: { reasonCode: '1' }, required: [] },
  setWrapUpReason: { payload: { reasonCode: '5', dialogId: '10001' }, required: ['reasonCode'] },
  makeCall: { payload: { number: '+441632960555' }, required: ['number'] },
  answer: dialogOnly,
  hold: dialogOnly,
  retrieve: dialogOnly,
  release: dialogOnly,
  consult: dialogAndTarget,
  completeTransfer: dialogAndTarget,
  completeConference: dialogAndTarget,
  blindTransfer: dialogAndTarget,
  acceptPreview: dialogOnly,
  rejectPreview: dialogOnly,
  closePreview: dialogOnly,
  reclassify: { payload: { dialogId: '10001', value: 'FAX' }, required: ['dialogId', 'value'] },
  scheduleCallback: callback,
  updateCallback: callback,
  cancelCallback: dialogOnly,
  loadSkillGroups: none,
  loadSupervisors: none,
  loadPhonebooks: none,
  loadContacts: { payload: { phonebookId: '2' }, required: ['phonebookId'] },
  searchContacts: { payload: { query: 'smith', limit: 20 }, required: ['query'] },
  loadTeam: { payload: { teamId: 't1' }, required: ['teamId'] },
  forceReady: { payload: { agentId: '1002' }, required: ['agentId'] },
  forceNotReady: { payload: { agentId: '1002', reasonCode: '1' }, required: ['agentId'] },
  forceSignOut: { payload: { agentId: '1002' }, required: ['agentId'] },
  silentMonitor: { payload: { extension: '5002' }, required: ['extension'] },
  endMonitor: dialogOnly,
  bargeIn: dialogOnly,
  dropParticipant: { payload: { dialogId: '10001', extension: '5002' }, required: ['dialogId', 'extension'] },
  watchQueues: { payload: { visible: true }, required: ['visible'] },
  reconnectNow: none,
  getConnectionSetup: none,
  setUpConnection: {
    payload: {
      mode: 'broker',
      brokerUrls: ['stomp+ssl://broker.example.com:61612'],
      brokerUser: 'gcdesk',
      brokerPasscode: 'Passc0de',
      commandQueue: 'Connector1',
      clientDestination: 'switchboard-test',
      caFile: '/etc/ssl/ca.pem',
    },
    required: ['mode', 'brokerUrls'],
  },
};

// ---------------------------------------------------------------------------------------------
// Hostile variants of an example.

interface HostileCase {
  readonly label: string;
  /** The payload as JSON text (so `__proto__` arrives as an own key, as from the wire). */
  readonly json: string;
  /** The field the refusal must name. */
  readonly field: string;
}

type Path = readonly (string | number)[];
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];
const LONG = 'x'.repeat(60_000);
const HUGE = 'y'.repeat(100_000);

function dotted(path: Path): string {
  return path.length === 0 ? 'payload' : path.join('.');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every leaf (string, number, boolean) and every object in the example, by path. */
function walk(value: unknown, path: Path = []): { leaves: [Path, unknown][]; objects: Path[] } {
  const out = { leaves: [] as [Path, unknown][], objects: [] as Path[] };
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const inner = walk(item, [...path, index]);
      out.leaves.push(...inner.leaves);
      out.objects.push(...inner.objects);
    });
  } else if (isObject(value)) {
    out.objects.push(path);
    for (const [key, item] of Object.entries(value)) {
      const inner = walk(item, [...path, key]);
      out.leaves.push(...inner.leaves);
      out.objects.push(...inner.objects);
    }
  } else {
    out.leaves.push([path, value]);
  }
  return out;
}

/** A deep copy with the value at `path` replaced (REMOVE: deleted). */
const REMOVE = Symbol('remove');
function replaced(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path as [string | number, ...Path];
  const copy: Record<string | number, unknown> | unknown[] = Array.isArray(value)
    ? [...value]
    : { ...(value as Record<string, unknown>) };
  const inner = replaced((copy as Record<string | number, unknown>)[head], rest, next);
  if (inner === REMOVE) delete (copy as Record<string | number, unknown>)[head];
  else (copy as Record<string | number, unknown>)[head] = inner;
  return copy;
}

/** JSON text of `value` with an own `key` added to the object at `path` (as JSON.parse makes it). */
function withOwnKey(value: unknown, path: Path, key: string, keyValue: unknown): string {
  const target = path.reduce<unknown>((at, part) => (at as Record<string | number, unknown>)[part], value);
  const marked = replaced(value, path, { ...(target as object), __own_key__: 0 });
  return JSON.stringify(marked).replace(
    '"__own_key__":0',
    `${JSON.stringify(key)}:${JSON.stringify(keyValue)}`,
  );
}

function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return 12_345;
  if (typeof value === 'boolean') return 'yes';
  if (typeof value === 'number') return 'many';
  return 'not an object';
}

function hostileCases(example: Example): HostileCase[] {
  const { payload } = example;
  const cases: HostileCase[] = [
    { label: 'null', json: 'null', field: 'payload' },
    { label: 'a list instead of an object', json: JSON.stringify([payload ?? {}]), field: 'payload' },
    { label: 'an empty list', json: '[]', field: 'payload' },
    { label: 'a string', json: '"10001"', field: 'payload' },
    { label: 'a number', json: '42', field: 'payload' },
    { label: 'true', json: 'true', field: 'payload' },
    { label: `${LONG.length} characters as the payload`, json: JSON.stringify(LONG), field: 'payload' },
  ];
  if (payload === undefined) {
    cases.push({ label: 'an empty object', json: '{}', field: 'payload' });
    cases.push({ label: 'an unexpected field', json: '{"unexpected":1}', field: 'payload' });
    for (const key of PROTOTYPE_KEYS)
      cases.push({ label: `own key ${key}`, json: withOwnKey({}, [], key, { polluted: true }), field: key });
    return cases;
  }
  const { leaves, objects } = walk(payload);
  for (const [path, value] of leaves) {
    cases.push({
      label: `${dotted(path)} of the wrong type`,
      json: JSON.stringify(replaced(payload, path, wrongTypeFor(value))),
      field: dotted(path),
    });
    if (typeof value === 'string')
      cases.push({
        label: `${dotted(path)} ${LONG.length} characters long`,
        json: JSON.stringify(replaced(payload, path, LONG)),
        field: dotted(path),
      });
  }
  for (const field of example.required)
    cases.push({
      label: `${field} missing`,
      json: JSON.stringify(replaced(payload, field.split('.'), REMOVE)),
      field,
    });
  for (const path of objects) {
    cases.push({
      label: `an unexpected field in ${dotted(path)}`,
      json: withOwnKey(payload, path, 'unexpected', 1),
      field: dotted([...path, 'unexpected']),
    });
    for (const key of PROTOTYPE_KEYS)
      cases.push({
        label: `own key ${key} in ${dotted(path)}`,
        json: withOwnKey(payload, path, key, { polluted: true }),
        field: dotted([...path, key]),
      });
  }
  return cases;
}

/** The 100,000-character case: in the first text field, or as the payload itself. */
function hugeJson(example: Example): string {
  const text = walk(example.payload).leaves.find(([, value]) => typeof value === 'string');
  return JSON.stringify(text ? replaced(example.payload, text[0], HUGE) : HUGE);
}

// ---------------------------------------------------------------------------------------------
// The desk, the two bridges, and what reached the desk and GC.

let root: string;
let runtime: DeskRuntime;
let host: BrowserHost;
/** Every call that got past a bridge, as the desk received it. */
const reached: { method: string; payload: unknown }[] = [];
let prototypeBefore: string[];

function spyDesk(desk: DeskRuntime['desk']): DeskApi & { readonly state: DeskState } {
  const spy: Record<string, unknown> = { subscribe: desk.subscribe.bind(desk) };
  Object.defineProperty(spy, 'state', { get: () => desk.state });
  for (const method of DESK_METHODS) {
    spy[method] = (payload: unknown) => {
      reached.push({ method, payload });
      return (desk[method] as (payload: unknown) => Promise<Result<unknown>>).call(desk, payload);
    };
  }
  return spy as unknown as DeskApi & { readonly state: DeskState };
}

/** What GC has been asked, heart-beats aside (the session sends those on its own). */
function commandsAtGc(): Record<string, number> {
  const byCommand = runtime.demoGateway?.peer.stats.byCommand ?? {};
  return Object.fromEntries(
    Object.entries(byCommand).filter(([name]) => name !== 'Hello' && name !== 'Beat'),
  );
}

let gcBefore: Record<string, number>;

/** The IPC handler of main/shell/electron-main/desk-ipc.ts, without Electron: guard, then invoke. */
const OUR_WINDOW: IpcSenderFacts = {
  frameUrl: 'app://switchboard/index.html',
  isMainFrame: true,
  webContentsId: 1,
  ourWebContentsId: 1,
};
async function ipcCall(args: unknown[]): Promise<Result<unknown>> {
  const guarded = guardDeskCall(OUR_WINDOW, args);
  if (!guarded.ok) return guarded.result;
  return resultForPage(guarded.call, await invokeDesk(spyDesk(runtime.desk), guarded.call));
}

interface Answer {
  id?: number;
  result?: Result<unknown>;
}

class Tab {
  readonly answers = new Map<number, Answer>();
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiting = new Map<number, (answer: Answer) => void>();
  #nextId = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Answer;
      if (message.id === undefined) return;
      this.answers.set(message.id, message);
      this.#waiting.get(message.id)?.(message);
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
    );
  }

  static open(): Promise<Tab> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, {
        origin: `http://127.0.0.1:${host.port}`,
      });
      const tab = new Tab(ws);
      ws.once('open', () => resolve(tab));
      ws.once('error', reject);
    });
  }

  /** Sends `{"id":…,"method":…,"payload":<json>}` (payload left out when json is undefined). */
  send(method: string, json: string | undefined, extraEnvelope = ''): number {
    const id = this.#nextId++;
    const payload = json === undefined ? '' : `,"payload":${json}`;
    this.ws.send(`{"id":${id},"method":${JSON.stringify(method)}${payload}${extraEnvelope}}`);
    return id;
  }

  async call(method: string, json: string | undefined, extraEnvelope = ''): Promise<Result<unknown>> {
    const id = this.send(method, json, extraEnvelope);
    const answer =
      this.answers.get(id) ??
      (await new Promise<Answer>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to ${method} ${id}`)), 15_000);
        this.#waiting.set(id, (message) => {
          clearTimeout(timer);
          resolve(message);
        });
      }));
    this.#waiting.delete(id);
    return answer.result as Result<unknown>;
  }

  close(): Promise<unknown> {
    this.ws.close();
    return this.closed;
  }
}

let tab: Tab;

beforeAll(async () => {
  prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  root = await mkdtemp(join(tmpdir(), 'switchboard-bridges-'));
  runtime = await openDeskRuntime({
    userDataDir: root,
    vault: noKeychainVault,
    demo: {
      seed: 5,
      autopilot: false,
      traffic: { meanInterArrivalMs: Infinity, meanPreviewGapMs: Infinity },
    },
  });
  await untilDesk(runtime.desk, (state) => state.connection.status === 'in-service', 'in service');
  // Signed in as a supervisor: a call that slipped through would have something to act on.
  const signedIn = await runtime.desk.signIn({ agentId: '9001', password: 'demo', extension: '5901' });
  expect(signedIn).toEqual({ ok: true, value: undefined });
  await untilDesk(runtime.desk, (state) => state.agent.isSupervisor, 'the supervisor’s AgentInfo');
  // Calls come faster than a person clicks: the rate limit is not what this test is about.
  host = await startBrowserHost({
    desk: spyDesk(runtime.desk),
    rendererDir: join(root, 'no-renderer'),
    log: () => {},
    maxCallsPerSecond: 100_000,
  });
  tab = await Tab.open();
  // What signing in asks GC for has reached it; from here on GC must hear nothing new.
  const afterSignIn = [
    'GetNotReadyReasonCodes',
    'GetLogoutReasonCodes',
    'GetWrapUpReasonCodes',
    'GetPhonebooks',
  ];
  await untilDesk(
    runtime.desk,
    () => afterSignIn.every((name) => (commandsAtGc()[name] ?? 0) > 0),
    'the lookups signing in sends',
  );
  gcBefore = commandsAtGc();
});

afterAll(async () => {
  await tab?.close();
  await host?.stop();
  await runtime?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

function expectRefused(result: Result<unknown> | undefined, field: string, label: string): void {
  expect(result, label).toMatchObject({ ok: false, error: { code: 'invalid-request', field } });
  expect((result as { error: { message: unknown } }).error.message, label).toEqual(expect.any(String));
}

describe('hostile payloads for every DeskMethod, over both bridges', () => {
  it('has a valid example for every DeskMethod, and each passes both guards', () => {
    const missing = DESK_METHODS.filter((method) => !Object.hasOwn(EXAMPLES, method));
    expect(missing, 'DeskMethods without an example in EXAMPLES (add one)').toEqual([]);
    expect(
      Object.keys(EXAMPLES).filter((method) => !(DESK_METHODS as readonly string[]).includes(method)),
    ).toEqual([]);
    for (const method of DESK_METHODS) {
      const example = EXAMPLES[method] as Example;
      const args = example.payload === undefined ? [method] : [method, example.payload];
      expect(guardDeskCall(OUR_WINDOW, args), method).toEqual({
        ok: true,
        call: { method, payload: example.payload },
      });
    }
  });

  it.each(DESK_METHODS.map((method) => [method]))('%s', async (method) => {
    const example = EXAMPLES[method];
    if (!example)
      throw new Error(
        `No valid example for DeskMethod "${method}": add one to EXAMPLES in test/integration/bridge-hostile.test.ts, so its hostile payloads are tested.`,
      );
    const cases = hostileCases(example);
    expect(cases.length).toBeGreaterThanOrEqual(12);
    for (const { label, json, field } of cases) {
      expectRefused(await ipcCall([method, JSON.parse(json)]), field, `IPC ${method}: ${label}`);
      expectRefused(await tab.call(method, json), field, `WebSocket ${method}: ${label}`);
    }

    // IPC: an argument too many. WebSocket: extra and prototype keys on the envelope.
    const payload = example.payload === undefined ? [] : [example.payload];
    expectRefused(
      await ipcCall([method, ...payload, 'extra']),
      'payload',
      `IPC ${method}: an extra argument`,
    );
    expectRefused(
      await ipcCall([method, payload[0], {}, {}]),
      'payload',
      `IPC ${method}: two extra arguments`,
    );
    const validJson = example.payload === undefined ? undefined : JSON.stringify(example.payload);
    for (const key of ['unexpected', ...PROTOTYPE_KEYS])
      expectRefused(
        await tab.call(method, validJson, `,${JSON.stringify(key)}:{"polluted":true}`),
        key,
        `WebSocket ${method}: envelope key ${key}`,
      );

    // 100,000 characters: over the frame cap on the WebSocket (the connection is closed with a
    // reason), over the payload cap on IPC (refused, naming the payload).
    const huge = hugeJson(example);
    expectRefused(await ipcCall([method, JSON.parse(huge)]), 'payload', `IPC ${method}: 100,000 characters`);
    const victim = await Tab.open();
    victim.send(method, huge);
    expect(await victim.closed).toEqual({ code: 1009, reason: expect.stringMatching(/larger than 65536/) });

    expect(reached, `${method}: a hostile call reached the desk`).toEqual([]);
    expect(commandsAtGc(), `${method}: GC was sent a command`).toEqual(gcBefore);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a valid call still goes through both bridges to the desk and on to GC (the counters count)', async () => {
    expect(tab.ws.readyState).toBe(WebSocket.OPEN);
    expect(await ipcCall(['getState'])).toMatchObject({ ok: true });
    expect(await tab.call('getState', undefined)).toMatchObject({ ok: true });
    expect(await tab.call('setNotReady', undefined)).toEqual({ ok: true });
    expect(reached.map((call) => call.method)).toEqual(['getState', 'getState', 'setNotReady']);
    expect(commandsAtGc()['MakeNotReady']).toBe((gcBefore['MakeNotReady'] ?? 0) + 1);
  });
});
