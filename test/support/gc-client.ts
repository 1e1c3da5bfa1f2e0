// A test driver around a real GcSession (no mocks): the same STOMP session, handshake and codec
// the desk uses, against whichever face is under test (ActiveMQ with the simulator as GC, or the
// embedded demo gateway). It records every decoded event and status, waits for them with clear
// failure messages, and refuses to let a send fail quietly.

import {
  commandQueueDestination,
  DEFAULT_COMMAND_QUEUE,
  GcSession,
  type GcSessionStatus,
} from '../../main/core/broker/gc-session.ts';
import type { BoundAgent } from '../../main/core/broker/gc-handshake.ts';
import { StompSession, type SessionLogEntry } from '../../main/core/broker/stomp-session.ts';
import type { Command, CommandName, DecodedEvent } from '../../main/core/protocol/index.ts';

export interface GcClientOptions {
  readonly brokerUrls: readonly string[];
  readonly login?: string;
  readonly passcode?: string;
  readonly clientDestination: string;
  /** GC's command queue (default Connector1). */
  readonly commandQueue?: string;
  /** Bound before start, so Connect goes out as soon as GC says IN_SERVICE. */
  readonly agent?: BoundAgent;
  /** What to wait for before resolving: GC's IN_SERVICE (default), the broker link, or nothing. */
  readonly until?: 'in-service' | 'connected' | 'started';
  readonly timeoutMs?: number;
  readonly log?: (entry: SessionLogEntry) => void;
}

export interface WaitOptions {
  /** Default 15 s: generous for a loaded 2-core machine, short enough to fail a test clearly. */
  readonly timeoutMs?: number;
  /** What is awaited, in words, for the failure message. */
  readonly description: string;
  /** Index in `events` to search from; default the client's cursor (see `mark`). */
  readonly since?: number;
}

type EventOfKind<K extends DecodedEvent['kind']> = Extract<DecodedEvent, { kind: K }>;

export interface GcClient {
  readonly session: GcSession;
  readonly clientDestination: string;
  /** Every event decoded on this client's topic, in arrival order. */
  readonly events: DecodedEvent[];
  /** The raw text of each event, same indexes as `events`. */
  readonly raw: string[];
  readonly statuses: GcSessionStatus[];
  /** Names of the commands sent through `send` (not the handshake's own Hello, Connect, Beat). */
  readonly sent: CommandName[];
  /** Moves the cursor to the end of `events` and returns it: later waits see only newer events. */
  mark(): number;
  /**
   * The first event at or after the cursor (or `since`) that matches, waiting for it if need be.
   * The cursor moves past it, so consecutive waits read the stream in order.
   */
  waitFor<E extends DecodedEvent>(
    predicate: (event: DecodedEvent) => event is E,
    options: WaitOptions,
  ): Promise<E>;
  waitFor(predicate: (event: DecodedEvent) => boolean, options: WaitOptions): Promise<DecodedEvent>;
  /** `waitFor` by kind, with an optional extra condition; the description is built from them. */
  waitForKind<K extends DecodedEvent['kind']>(
    kind: K,
    match?: (event: EventOfKind<K>) => boolean,
    options?: Partial<WaitOptions>,
  ): Promise<EventOfKind<K>>;
  /** The first status with this state at or after index `since` of `statuses` (default 0). */
  waitForStatus(
    state: GcSessionStatus['state'],
    options?: { readonly timeoutMs?: number; readonly since?: number },
  ): Promise<GcSessionStatus>;
  /** Sends through GcSession; throws unless the broker confirmed it with a RECEIPT. */
  send(command: Command): Promise<void>;
  /**
   * Sends a raw frame to GC's command queue, bypassing the codec (malformed or hostile commands),
   * on a second STOMP session opened on first use; throws unless the broker confirmed it.
   */
  sendRaw(type: string, body: string): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const TAIL = 12;

/** Short intervals for tests: the probe answers quickly, heart-beats catch a dead link within seconds. */
const TEST_SESSION = {
  heartbeat: { outgoingMs: 2_000, incomingMs: 2_000 },
  backoff: { initialDelayMs: 100, maxDelayMs: 1_000 },
  connectTimeoutMs: 10_000,
  receiptTimeoutMs: 10_000,
  probeIntervalMs: 250,
  helloIntervalMs: 5_000,
  beatIntervalMs: 5_000,
} as const;

export async function connectGcClient(options: GcClientOptions): Promise<GcClient> {
  const brokerOptions = {
    brokerUrls: options.brokerUrls,
    ...(options.login === undefined ? {} : { login: options.login }),
    ...(options.passcode === undefined ? {} : { passcode: options.passcode }),
    ...(options.log === undefined ? {} : { log: options.log }),
  };
  const session = new GcSession({
    ...TEST_SESSION,
    ...brokerOptions,
    clientDestination: options.clientDestination,
    ...(options.commandQueue === undefined ? {} : { commandQueue: options.commandQueue }),
  });
  const events: DecodedEvent[] = [];
  const raw: string[] = [];
  const statuses: GcSessionStatus[] = [];
  const sent: CommandName[] = [];
  const wakers = new Set<() => void>();
  const wakeAll = (): void => {
    for (const wake of [...wakers]) wake();
  };
  session.onEvent((event, text) => {
    events.push(event);
    raw.push(text);
    wakeAll();
  });
  session.onStatus((status) => {
    statuses.push(status);
    wakeAll();
  });

  let cursor = 0;
  let rawSession: StompSession | undefined;
  let closed = false;

  /** Resolves with `find()`'s first defined answer, re-checked on every event and status. */
  function waitUntil<T>(find: () => T | undefined, timeoutMs: number, explain: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        const found = find();
        if (found === undefined) return false;
        done();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(explain()));
      }, timeoutMs);
      const wake = (): void => void check();
      const done = (): void => {
        clearTimeout(timer);
        wakers.delete(wake);
      };
      wakers.add(wake);
      check();
    });
  }

  const lastEvents = (from: number): string => {
    const start = Math.max(0, events.length - TAIL);
    const lines = raw.slice(start).map((text, offset) => {
      const index = start + offset;
      const shown = text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
      return `  ${index < from ? ' ' : '>'}[${index}] ${shown}`;
    });
    return lines.length === 0 ? '  (none)' : lines.join('\n');
  };

  function waitFor(predicate: (event: DecodedEvent) => boolean, waitOptions: WaitOptions) {
    const from = waitOptions.since ?? cursor;
    const timeoutMs = waitOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return waitUntil(
      () => {
        for (let index = from; index < events.length; index++) {
          const event = events[index] as DecodedEvent;
          if (predicate(event)) {
            cursor = Math.max(cursor, index + 1);
            return event;
          }
        }
        return undefined;
      },
      timeoutMs,
      () =>
        `${options.clientDestination}: no event matching "${waitOptions.description}" ` +
        `within ${timeoutMs} ms (searched from index ${from}; status ${session.status.state}). ` +
        `Last events (> marks those searched):\n${lastEvents(from)}`,
    );
  }

  const client: GcClient = {
    session,
    clientDestination: options.clientDestination,
    events,
    raw,
    statuses,
    sent,
    mark() {
      cursor = events.length;
      return cursor;
    },
    waitFor: waitFor as GcClient['waitFor'],
    waitForKind<K extends DecodedEvent['kind']>(
      kind: K,
      match?: (event: EventOfKind<K>) => boolean,
      waitOptions: Partial<WaitOptions> = {},
    ) {
      return waitFor(
        (event) => event.kind === kind && (match === undefined || match(event as EventOfKind<K>)),
        {
          ...waitOptions,
          description: waitOptions.description ?? (match === undefined ? kind : `${kind} where ${match}`),
        },
      ) as Promise<EventOfKind<K>>;
    },
    waitForStatus(state, waitOptions = {}) {
      const from = waitOptions.since ?? 0;
      const timeoutMs = waitOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      return waitUntil(
        () => statuses.slice(from).find((status) => status.state === state),
        timeoutMs,
        () =>
          `${options.clientDestination}: status never became "${state}" within ${timeoutMs} ms; ` +
          `saw ${JSON.stringify(statuses.slice(from))}`,
      );
    },
    async send(command) {
      const result = await session.send(command);
      if (!result.ok) {
        throw new Error(
          `${options.clientDestination}: ${command.name} was not confirmed by the broker: ` +
            `${result.error.code}: ${result.error.message}`,
        );
      }
      sent.push(command.name);
    },
    async sendRaw(type, body) {
      if (rawSession === undefined) {
        rawSession = new StompSession({ ...TEST_SESSION, ...brokerOptions });
        rawSession.onStatus(wakeAll);
        rawSession.start();
        const link = rawSession;
        await waitUntil(
          () =>
            link.status.state === 'connected' ? true : link.status.state === 'stopped' ? false : undefined,
          DEFAULT_TIMEOUT_MS,
          () => `${options.clientDestination}: the raw STOMP session never connected`,
        );
      }
      const result = await rawSession.send(
        commandQueueDestination(options.commandQueue ?? DEFAULT_COMMAND_QUEUE),
        {
          headers: { type },
          body,
        },
      );
      if (!result.ok) {
        throw new Error(
          `${options.clientDestination}: raw "${type}" was not confirmed: ${result.error.code}: ${result.error.message}`,
        );
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([session.stop(), rawSession?.stop()]);
    },
  };

  if (options.agent !== undefined) session.bindAgent(options.agent);
  session.start();
  const until = options.until ?? 'in-service';
  if (until !== 'started') {
    try {
      await client.waitForStatus(until, { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    } catch (error) {
      await client.close();
      throw error;
    }
  }
  return client;
}

/** Type guard for `waitFor`: `client.waitFor(isKind('State'), …)`. */
export function isKind<K extends DecodedEvent['kind']>(kind: K) {
  return (event: DecodedEvent): event is EventOfKind<K> => event.kind === kind;
}
