// decodeEvent against JSON.parse on the same events, measured in the same run.
//
// The mix is what a supervisor's desk sees: mostly State events of team members, calls, queue
// statistics, team lists of 50, phonebook pages of 500 contacts, reason codes and errors. Each
// event is built typed, written to the wire with encodeEvent (the text form) and with
// JSON.stringify (the JSON form, what the desk would parse if GC sent JSON). Rounds alternate
// between the two, after a warm-up, and the median round counts.
//
//   npx tsx test/bench/decode.bench.ts           (the bench runner imports runDecodeFigures)

import { deepStrictEqual } from 'node:assert/strict';

import {
  decodeEvent,
  encodeEvent,
  type Contact,
  type GcEvent,
  type GcEventKind,
  type TeamMember,
} from '../../main/core/protocol/index.ts';
import { isEntryPoint, runAlone, type Figure } from './bench-kit.ts';

export interface DecodeBenchOptions {
  /** Measured rounds per side (after the warm-up); the median is reported. Default 7. */
  readonly rounds?: number;
  /** Minimum length of one round in milliseconds. Default 300. */
  readonly roundMs?: number;
  /** Also measure each event kind on its own (shorter rounds). Default true. */
  readonly byKind?: boolean;
  /** Events in the mix. Default 1000. */
  readonly events?: number;
}

export interface ThroughputComparison {
  readonly decodeEventsPerSecond: number;
  readonly jsonParseEventsPerSecond: number;
  /** decodeEvent / JSON.parse in events per second: ≥ 1 means decodeEvent is as fast or faster. */
  readonly ratio: number;
}

export interface DecodeBenchResult extends ThroughputComparison {
  /** MB (10^6 bytes, UTF-8) of wire text decoded per second. */
  readonly decodeMegabytesPerSecond: number;
  /** MB of JSON text parsed per second. */
  readonly jsonParseMegabytesPerSecond: number;
  readonly events: number;
  readonly textBytes: number;
  readonly jsonBytes: number;
  readonly rounds: number;
  readonly roundMs: number;
  readonly mix: Readonly<Partial<Record<GcEventKind, number>>>;
  readonly byKind?: Readonly<Partial<Record<GcEventKind, ThroughputComparison>>>;
}

// ---------------------------------------------------------------------------------------------
// The event mix

/** A small deterministic generator (mulberry32), so every run decodes the same events. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'John',
  'Ann',
  'Maria',
  'Ahmed',
  'Li',
  'Sofia',
  'Kwame',
  'Olga',
  'Ravi',
  'Emma',
  'Lucas',
  'Aisha',
];
const LAST = [
  'Smith',
  'Lee',
  'Garcia',
  'Khan',
  'Wang',
  'Rossi',
  'Mensah',
  'Ivanova',
  'Patel',
  'Brown',
  'Silva',
];
const STATES = ['READY', 'NOT_READY', 'TALKING', 'WORK', 'RESERVED', 'HOLD', 'LOGOUT'];
const DIALOG_STATES = ['ALERTING', 'ACTIVE', 'HELD', 'DROPPED', 'INITIATING', 'INITIATED'];
const QUEUES = ['Sales', 'Support_EN', 'Support_FR', 'Billing', 'Retention', 'VIP', 'Outbound', 'Callbacks'];
const REASONS = ['Break', 'Lunch', 'Training', 'Meeting', 'Coaching', 'Admin', 'System issue', 'Personal'];

function buildMix(count: number): GcEvent[] {
  const next = random(20261124);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const digits = (length: number) => {
    let out = '';
    for (let index = 0; index < length; index++) out += String(Math.floor(next() * 10));
    return out;
  };
  const time = () =>
    `2026-11-24 ${String(8 + Math.floor(next() * 10)).padStart(2, '0')}:${digits(1)}${digits(1)}:${String(
      Math.floor(next() * 60),
    ).padStart(2, '0')}`;
  const agent = () => String(1001 + Math.floor(next() * 50));

  const state = (): GcEvent => {
    const first = pick(FIRST);
    const last = pick(LAST);
    const current = pick(STATES);
    const id = agent();
    return {
      kind: 'State',
      receiver: '9000',
      state: current,
      reasonCodeId:
        current === 'NOT_READY' ? String(1 + Math.floor(next() * 8)) : current === 'LOGOUT' ? '-1' : '',
      stateChangeTimeString: '',
      pendingState: next() < 0.2 ? 'READY' : '',
      stateChangeTime: time(),
      fullName: `${first} ${last}`,
      agentId: id,
      extension: String(4000 + Number(id)),
      reasonLabel: current === 'NOT_READY' ? pick(REASONS) : '',
      loginName: `${first}.${last}`.toLowerCase(),
    };
  };
  const callVariables = () => [
    { name: 'callVariable1', value: digits(6) },
    { name: 'callVariable2', value: pick(QUEUES) },
    { name: 'callVariable4', value: '' },
    { name: 'associatedDialogId', value: next() < 0.1 ? digits(8) : '' },
  ];
  const inboundCall = (): GcEvent => {
    const ani = '0300' + digits(7);
    return {
      kind: 'InboundCall',
      receiver: agent(),
      state: pick(DIALOG_STATES),
      dialogId: '168' + digits(5),
      fromAddress: ani,
      callVariables: callVariables(),
      startTime: time(),
      callType: 'ACD_IN',
      queueName: pick(QUEUES),
      participants: [
        { mediaAddress: '5' + digits(3), state: 'ACTIVE', tag: 'AGENT', role: '' },
        { mediaAddress: ani, state: 'ACTIVE', tag: 'CUSTOMER', role: '' },
      ],
    };
  };
  const newInboundCall = (): GcEvent => ({
    kind: 'NewInboundCall',
    receiver: agent(),
    ani: '0300' + digits(7),
    callVariables: callVariables(),
    dialogId: '168' + digits(5),
    queueName: pick(QUEUES),
  });
  const statistic = () => Math.floor(next() * 12);
  const queueList = (): GcEvent => ({
    kind: 'QueueList',
    receiver: '9000',
    form: 'ucce',
    queues: QUEUES.map((name) => ({
      name,
      callsInQueue: statistic(),
      agentsReady: statistic(),
      agentsNotReady: statistic(),
      talkingInbound: statistic(),
      talkingOutbound: statistic(),
      talkingInternal: statistic(),
      wrapUpReady: statistic(),
      wrapUpNotReady: statistic(),
    })),
  });
  const member = (index: number): TeamMember => ({
    firstName: pick(FIRST),
    lastName: pick(LAST),
    extension: String(5001 + index),
    loginId: String(1001 + index),
    state: pick(STATES),
    pendingState: '',
    mediaType: 'voice',
    stateChangeTime: time(),
    stateChangeLabel: next() < 0.3 ? pick(REASONS) : '',
  });
  const teamUsersList = (): GcEvent => ({
    kind: 'TeamUsersList',
    receiver: '9000',
    members: Array.from({ length: 50 }, (_, index) => member(index)),
  });
  const contact = (index: number): Contact => ({
    description: next() < 0.5 ? 'Key account' : `Customer ${index}`,
    firstName: pick(FIRST),
    lastName: pick(LAST),
    phoneNumber: '+4416329' + digits(5),
    id: String(index + 1),
  });
  const phonebookContacts = (): GcEvent => ({
    kind: 'PhonebookContacts',
    receiver: '1001',
    contacts: Array.from({ length: 500 }, (_, index) => contact(index)),
  });
  const reasonCodes = (): GcEvent => ({
    kind: 'ReasonCodes',
    receiver: agent(),
    category: pick(['NOT_READY', 'LOGOUT', 'WrapUp']),
    codes: REASONS.map((label, index) => ({ id: String(index + 1), label })),
  });
  const error = (): GcEvent => ({
    kind: 'Error',
    receiver: agent(),
    code: pick(['GENERAL_ERROR', 'CF_RESOURCE_BUSY', 'MISSING_DIALOG_ID', 'NOT_FOUND']),
    message: 'The request could not be completed: ' + pick(['resource busy', 'no such dialog', 'try again']),
    detail: [],
  });

  // Per thousand events.
  const shares: [number, () => GcEvent][] = [
    [800, state],
    [60, inboundCall],
    [20, newInboundCall],
    [40, queueList],
    [10, teamUsersList],
    [4, phonebookContacts],
    [16, reasonCodes],
    [50, error],
  ];
  const events: GcEvent[] = [];
  for (const [share, make] of shares) {
    const n = Math.max(1, Math.round((share * count) / 1000));
    for (let index = 0; index < n; index++) events.push(make());
  }
  // Interleave the kinds as a live topic would.
  for (let index = events.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [events[index], events[other]] = [events[other] as GcEvent, events[index] as GcEvent];
  }
  return events;
}

interface Corpus {
  readonly kinds: readonly GcEventKind[];
  readonly texts: readonly string[];
  readonly jsons: readonly string[];
  readonly textBytes: number;
  readonly jsonBytes: number;
}

function corpus(events: readonly GcEvent[]): Corpus {
  const texts: string[] = [];
  const jsons: string[] = [];
  for (const event of events) {
    const encoded = encodeEvent(event);
    if (!encoded.ok) throw new Error(`the bench mix does not encode: ${encoded.error.message}`);
    texts.push(encoded.value);
    jsons.push(JSON.stringify(event));
    // Both forms must mean the same event, or the comparison means nothing.
    deepStrictEqual(decodeEvent(encoded.value), JSON.parse(JSON.stringify(event)));
  }
  const bytes = (list: readonly string[]) => list.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  return {
    kinds: events.map((event) => event.kind),
    texts,
    jsons,
    textBytes: bytes(texts),
    jsonBytes: bytes(jsons),
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring

let sink = 0;

/** Runs `parse` over `inputs` until at least `ms` have passed; returns events per second. */
function round(parse: (text: string) => { kind: string }, inputs: readonly string[], ms: number): number {
  let done = 0;
  const start = performance.now();
  let elapsed: number;
  do {
    for (let index = 0; index < inputs.length; index++) {
      sink += parse(inputs[index] as string).kind.length;
    }
    done += inputs.length;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (done * 1000) / elapsed;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

const parseJson = (text: string) => JSON.parse(text) as { kind: string };

function compare(texts: readonly string[], jsons: readonly string[], rounds: number, ms: number) {
  const decoded: number[] = [];
  const parsed: number[] = [];
  for (let warmUp = 0; warmUp < 2; warmUp++) {
    round(decodeEvent, texts, ms);
    round(parseJson, jsons, ms);
  }
  for (let index = 0; index < rounds; index++) {
    // Alternate which side goes first, so drift (thermal, GC debt) falls on both.
    if (index % 2 === 0) {
      decoded.push(round(decodeEvent, texts, ms));
      parsed.push(round(parseJson, jsons, ms));
    } else {
      parsed.push(round(parseJson, jsons, ms));
      decoded.push(round(decodeEvent, texts, ms));
    }
  }
  const decodeEventsPerSecond = median(decoded);
  const jsonParseEventsPerSecond = median(parsed);
  return {
    decodeEventsPerSecond,
    jsonParseEventsPerSecond,
    ratio: decodeEventsPerSecond / jsonParseEventsPerSecond,
  };
}

export async function runDecodeBench(options: DecodeBenchOptions = {}): Promise<DecodeBenchResult> {
  const rounds = options.rounds ?? 7;
  const roundMs = options.roundMs ?? 300;
  const mixed = corpus(buildMix(options.events ?? 1000));
  const mix: Partial<Record<GcEventKind, number>> = {};
  for (const kind of mixed.kinds) mix[kind] = (mix[kind] ?? 0) + 1;

  const overall = compare(mixed.texts, mixed.jsons, rounds, roundMs);
  const perEvent = mixed.kinds.length;

  let byKind: Partial<Record<GcEventKind, ThroughputComparison>> | undefined;
  if (options.byKind ?? true) {
    byKind = {};
    for (const kind of Object.keys(mix) as GcEventKind[]) {
      const texts = mixed.texts.filter((_, index) => mixed.kinds[index] === kind);
      const jsons = mixed.jsons.filter((_, index) => mixed.kinds[index] === kind);
      byKind[kind] = compare(texts, jsons, 3, Math.max(50, roundMs / 3));
    }
  }
  // Yield once so a runner collecting several benches stays responsive.
  await new Promise((resolve) => setImmediate(resolve));
  if (sink === -1) console.log(sink);

  return {
    ...overall,
    decodeMegabytesPerSecond: (overall.decodeEventsPerSecond * mixed.textBytes) / perEvent / 1e6,
    jsonParseMegabytesPerSecond: (overall.jsonParseEventsPerSecond * mixed.jsonBytes) / perEvent / 1e6,
    events: perEvent,
    textBytes: mixed.textBytes,
    jsonBytes: mixed.jsonBytes,
    rounds,
    roundMs,
    mix,
    ...(byKind ? { byKind } : {}),
  };
}

export function formatDecodeBench(result: DecodeBenchResult): string {
  const number = (value: number) => Math.round(value).toLocaleString('en-US');
  const mix = Object.entries(result.mix)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  const lines = [
    `decode bench: ${result.events} events (${mix})`,
    `  wire text ${(result.textBytes / 1e3).toFixed(1)} kB, JSON ${(result.jsonBytes / 1e3).toFixed(1)} kB; ` +
      `median of ${result.rounds} alternating rounds of ≥ ${result.roundMs} ms after a warm-up`,
    `  decodeEvent (wire text)  ${number(result.decodeEventsPerSecond).padStart(10)} events/s  ${result.decodeMegabytesPerSecond.toFixed(1).padStart(7)} MB/s`,
    `  JSON.parse  (JSON form)  ${number(result.jsonParseEventsPerSecond).padStart(10)} events/s  ${result.jsonParseMegabytesPerSecond.toFixed(1).padStart(7)} MB/s`,
    `  ratio decodeEvent / JSON.parse: ${result.ratio.toFixed(2)} (target ≥ 1.00: ${result.ratio >= 1 ? 'met' : 'NOT met'})`,
  ];
  if (result.byKind) {
    lines.push('  by kind (events/s)          decodeEvent     JSON.parse   ratio');
    for (const [kind, comparison] of Object.entries(result.byKind)) {
      lines.push(
        `    ${kind.padEnd(22)} ${number(comparison.decodeEventsPerSecond).padStart(14)} ${number(comparison.jsonParseEventsPerSecond).padStart(14)}   ${comparison.ratio.toFixed(2)}`,
      );
    }
  }
  return lines.join('\n');
}

/** The figure for BENCHMARKS.md: decodeEvent against JSON.parse of the same events, same run. */
export async function runDecodeFigures(options: DecodeBenchOptions = {}): Promise<Figure[]> {
  const result = await runDecodeBench(options);
  console.log(formatDecodeBench(result));
  const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')} events/s`;
  return [
    {
      id: 'decode',
      figure: 'decode: decodeEvent vs JSON.parse of the same events as JSON',
      budget: 'ratio ≥ 1',
      reference: `JSON.parse: ${perSecond(result.jsonParseEventsPerSecond)}`,
      measured: `decodeEvent: ${perSecond(result.decodeEventsPerSecond)}, ratio ${result.ratio.toFixed(2)}`,
      met: result.ratio >= 1,
      how:
        `A supervisor’s mix of ${result.events} events, each written as wire text (encodeEvent) and as JSON; ` +
        `alternating rounds of ≥ ${result.roundMs} ms after a warm-up, median of ${result.rounds}.`,
      data: { ...result },
    },
  ];
}

if (isEntryPoint(import.meta.url)) await runAlone(() => runDecodeFigures());
