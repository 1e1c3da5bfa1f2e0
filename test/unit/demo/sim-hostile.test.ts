// Hostile and malformed commands never crash the simulated contact center: fast-check feeds the
// GC peer (createGcPeer(...).receive, exactly what both faces call per command-queue message)
// with arbitrary text, with the catalog's wire names over mutated bodies, and with random walks of
// valid commands against signed-in agents while a ManualClock jumps forward.
//
// Properties, checked after every message:
// - receive() never throws;
// - every message yields at least one event (a reply or a GC Error) to a destination some message
//   named, or a log line saying why it was dropped, counted through the peer's stats and a
//   captured log; Connect, whose success GC answers with silence, must then have bound the agent;
// - the center's snapshot stays consistent: every agent state is a known GC state, and once the
//   clock has passed every ring timeout no dialog is left without a live party.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../main/core/log/logger.ts';
import {
  COMMAND_NAMES,
  COMMANDS,
  KNOWN_AGENT_STATES,
  type Command,
  type CommandName,
  type ParameterSpec,
} from '../../../main/core/protocol/index.ts';
import { createGcPeer, type GcPeer } from '../../../main/demo/gc-peer.ts';
import { ManualClock } from '../../../main/demo/sim/clock.ts';
import type { ContactCenterOptions } from '../../../main/demo/sim/contact-center.ts';
import { scriptedSimOptions } from '../../support/scenarios.ts';

/** Log events that explain a message answered with no event at all. */
const DROP_EXPLANATIONS: ReadonlySet<string> = new Set([
  'sim.command-dropped',
  'sim.refusal-dropped',
  'sim.login-without-connect',
  'sim.reply-dropped',
]);
const KNOWN_STATES: ReadonlySet<string> = new Set(KNOWN_AGENT_STATES);
/** Longer than every timer that ends a ringing or dialling leg (ring 20 s, far end 3 s, wrap-up 20 s). */
const PAST_ALL_RING_TIMEOUTS_MS = 60_000;
const SIGNED_IN = [
  ['1001', '5001'],
  ['1004', '5004'],
  ['9001', '5901'],
] as const;

interface Published {
  readonly destination: string;
  readonly body: string;
}

/** A peer with a captured log and outbox, three people signed in, and a checker per message. */
function hostileCenter(options: Partial<ContactCenterOptions> = {}, startReady = false) {
  const clock = new ManualClock();
  const logs: LogEntry[] = [];
  const published: Published[] = [];
  const peer: GcPeer = createGcPeer(
    { ...scriptedSimOptions(7, clock), ...options, log: (entry) => logs.push(entry) },
    (destination, body) => published.push({ destination, body }),
  );
  peer.center.start();
  /** Destinations some message named: Hello/Beat ids and Connect bodies. GC may answer there. */
  const named = new Set<string>();

  /** Feeds one message and checks what it caused; returns why it failed, or undefined. */
  function receive(type: string | undefined, body: string | undefined): string | undefined {
    const decoded =
      typeof type === 'string' && type !== '' ? peer.codec.decodeCommand(type, body ?? '') : undefined;
    if (decoded?.ok) {
      const command = decoded.value;
      if (command.name === 'Hello' || command.name === 'Beat') named.add(command.id);
      if (command.name === 'Connect') named.add(command.clientDestination);
    }
    const before = { ...peer.stats };
    const logsBefore = logs.length;
    const publishedBefore = published.length;
    peer.receive(type, body);

    const stats = peer.stats;
    if (stats.commands !== before.commands + 1) return 'stats.commands did not count the message';
    if (stats.dropped > before.dropped !== (typeof type !== 'string' || type === '')) {
      return 'stats.dropped disagrees with the message having no type';
    }
    if (decoded !== undefined && stats.refused > before.refused !== !decoded.ok) {
      return 'stats.refused disagrees with the codec';
    }
    const events = stats.events - before.events;
    if (events !== published.length - publishedBefore)
      return 'stats.events disagrees with what was published';
    for (const { destination } of published.slice(publishedBefore)) {
      const name = destination.replace(/^\/topic\//, '');
      if (!named.has(name)) return `an event went to ${destination}, which no message named`;
    }
    const newLogs = logs.slice(logsBefore);
    const unencodable = newLogs.find((entry) => entry.event === 'sim.event-unencodable');
    if (unencodable !== undefined) return `an event could not be encoded: ${String(unencodable['error'])}`;
    if (events > 0) return undefined;
    const explanation = newLogs.find(
      (entry) => DROP_EXPLANATIONS.has(entry.event) && typeof entry['reason'] === 'string',
    );
    if (explanation?.event === 'sim.reply-dropped') {
      // Its reason says nobody is bound to the id: check that it is so.
      const id = String(explanation['id']);
      if (peer.center.snapshot().agents.some((agent) => agent.loginId === id && agent.bound)) {
        return `sim.reply-dropped for ${id}, who is bound`;
      }
    }
    if (explanation !== undefined) return undefined;
    if (decoded?.ok && decoded.value.name === 'Connect') {
      const id = decoded.value.id;
      if (peer.center.snapshot().agents.some((agent) => agent.loginId === id && agent.bound))
        return undefined;
    }
    // A wrap-up reason is accepted in silence too (GC documents no response): the log says so.
    if (decoded?.ok && decoded.value.name === 'UpdateWrapUpReason') {
      if (newLogs.some((entry) => entry.event === 'sim.wrap-up-reason')) return undefined;
    }
    return 'no event and no log line saying why it was dropped';
  }

  function receiveOk(type: string | undefined, body: string | undefined): void {
    const problem = receive(type, body);
    if (problem !== undefined)
      throw new Error(
        `${problem}: type ${JSON.stringify(type)?.slice(0, 120)} body ${JSON.stringify(body)?.slice(0, 120)}`,
      );
  }

  for (const [agentId, extension] of SIGNED_IN) {
    receiveOk(`Hello#hostile-${agentId}`, '');
    receiveOk(`Connect#${agentId}`, `hostile-${agentId},demo`);
    receiveOk(`Login#${agentId}`, `demo,${extension}`);
    if (startReady && agentId !== '9001') receiveOk(`MakeReady#${agentId}`, '');
  }

  /** Known GC states only; with `settled`, no dialog is left without a live party. */
  function inconsistency(settled: boolean): string | undefined {
    const snapshot = peer.center.snapshot();
    for (const agent of snapshot.agents) {
      if (!KNOWN_STATES.has(agent.state)) return `agent ${agent.loginId} is in unknown state ${agent.state}`;
    }
    if (settled) {
      for (const dialog of snapshot.dialogs) {
        if (!dialog.parties.some((party) => party.state !== 'DROPPED' && party.state !== 'FAILED')) {
          return `dialog ${dialog.id} (${dialog.callType}) has no live party: ${JSON.stringify(dialog.parties)}`;
        }
      }
    }
    return undefined;
  }

  return { peer, clock, logs, published, receive, receiveOk, inconsistency };
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const RESERVED = [',', '#', '|', '\r', '\n', '\0', ':', '='];
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(...RESERVED, '', ' ', '1001', '5001', '16821000', 'demo', 'READY'),
  },
);
/** Up to 10,000 characters, mostly short; the long ones made of repeats so they generate fast. */
const hostileText = fc.oneof(
  { weight: 10, arbitrary: fc.array(piece, { maxLength: 6 }).map((pieces) => pieces.join('')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('x', '#', ',', '|', 'é', '😀', '\u0000', '1001,'),
        fc.integer({ min: 1_000, max: 10_000 }),
      )
      .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length)),
  },
);

const WIRE_NAMES = COMMAND_NAMES.map((name) => COMMANDS[name].wire);
const caseVariant = (wire: string) =>
  fc.constantFrom(wire, wire.toLowerCase(), wire.toUpperCase(), ` ${wire}`, `${wire} `);
const ids = fc.oneof(
  fc.constantFrom('1001', '1004', '9001', '1002', '9002', '4242', '', 'hostile-1001', '0', '-1', '1001 '),
  hostileText,
);
const validValues = fc.constantFrom(
  'demo',
  '5001',
  '5004',
  '5901',
  '16821000',
  '16821001',
  '16821002',
  '1',
  '21',
  '101',
  '2026-11-24 09:00:00',
  '+441632960001',
  'true',
  'REJECT',
  'ACCEPT',
  'CLOSE',
  'VOICE',
);
const parameter = fc.oneof({ weight: 3, arbitrary: validValues }, { weight: 2, arbitrary: hostileText });
/** A wire name from the catalog (in some casing), an id, and 0 to 6 parameters: missing, extra, hostile. */
const catalogMessage = fc
  .tuple(
    fc.constantFrom(...WIRE_NAMES).chain(caseVariant),
    ids,
    fc.array(parameter, { maxLength: 6 }),
    fc.constantFrom('#', '##', '#'),
  )
  .map(([wire, id, params, hash]) => ({ type: `${wire}${hash}${id}`, body: params.join(',') }));

// Random walks of valid commands. Choices are resolved against the center at the time of the
// step: the acting agent is mostly one of the signed-in people, and dialog ids are mostly ones
// that agent is on, so walks reach holds, consults, conferences and transfers.
const AGENT_IDS = ['1001', '1004', '9001', '1001', '1004', '9001', '1002', '4242'];
const POOLS: Readonly<Record<string, readonly string[]>> = {
  clientDestination: ['hostile-1001', 'hostile-1004', 'hostile-9001', 'hostile-new'],
  password: ['demo', 'demo', 'wrong'],
  sso: ['SSO'],
  extension: ['5001', '5004', '5901', '5001', '5004', '5002', '5999', '+441632960001'],
  number: ['5001', '5004', '5901', '5002', '+44 20 7946 0999', '0001234', 'abc'],
  dialNumber: ['+441632960961', 'abc'],
  reasonCode: ['1', '2', '6', '21', '22', '31', '32767', '99'],
  teamId: ['101', '102', '103', '999'],
  // '1' is the 100,000-contact directory: kept out of the walk to keep runs fast.
  phonebookId: ['2', '11', '12', '13', 'nope'],
  callbackTime: [
    '2026-11-24 09:00:00',
    '2026-11-24 08:00:30',
    '2026-11-25 10:30',
    '2020-01-01 00:00:00',
    'tomorrow',
    '2026-02-30 10:00',
  ],
  callbackNumber: ['+441632960555', '5004', 'abc'],
  value: ['VOICE', 'fax', 'X'],
};
const UNKNOWN_DIALOGS = ['1', '16820999', '99999999', 'abc'];

/** Call control is where the state lives: those commands come up more often. */
const CALL_CONTROL: readonly CommandName[] = [
  'MakeReady',
  'MakeNotReady',
  'MakeCall',
  'AnswerCall',
  'AnswerCall',
  'HoldCall',
  'RetrieveCall',
  'ReleaseCall',
  'ConsultCall',
  'ConsultCall',
  'TransferCall',
  'ConferenceCall',
  'BlindTransfer',
  'AcceptOutboundPreview',
  'RejectOutboundPreview',
  'CloseOutboundPreview',
  'SilentMonitor',
  'BargeIn',
  'DropParticipant',
  'ScheduleCallback',
];

type Step =
  | {
      readonly kind: 'command';
      readonly name: CommandName;
      readonly agent: number;
      readonly picks: readonly number[];
    }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'offer-call'; readonly queue: number }
  | { readonly kind: 'offer-preview'; readonly agent: number }
  | { readonly kind: 'hang-up'; readonly pick: number }
  | { readonly kind: 'in-service'; readonly inService: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 16,
    arbitrary: fc.record({
      kind: fc.constant('command' as const),
      name: fc.oneof(fc.constantFrom(...COMMAND_NAMES), fc.constantFrom(...CALL_CONTROL)),
      agent: fc.nat(),
      picks: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 3_000 }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 40_000 }) },
      ),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('offer-call' as const), queue: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('offer-preview' as const), agent: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hang-up' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('in-service' as const), inService: fc.boolean() }) },
);
const walk = fc.array(step, { minLength: 10, maxLength: 80, size: 'max' });

const at = <T>(items: readonly T[], index: number): T => items[index % items.length] as T;

/** The command a step stands for, resolved against the center now. */
function commandFor(
  center: GcPeer['center'],
  name: CommandName,
  agentPick: number,
  picks: readonly number[],
): Command {
  const spec = COMMANDS[name];
  const params: readonly ParameterSpec[] = spec.params;
  const snapshot = center.snapshot();
  const dialogs = snapshot.dialogs;
  const bound = new Set(snapshot.agents.filter((agent) => agent.bound).map((agent) => agent.loginId));
  // Mostly, a command about a dialog comes from a signed-in person on it.
  const onDialogs = dialogs.flatMap((dialog) =>
    dialog.parties.flatMap((party) => {
      const user = center.roster.byExtension(party.address);
      const live = party.state !== 'DROPPED' && party.state !== 'FAILED';
      return user && live && bound.has(user.loginId) ? [{ id: user.loginId, dialogId: dialog.id }] : [];
    }),
  );
  const takesDialog = params.some((param) => param.kind !== 'literal' && param.name === 'dialogId');
  const party =
    takesDialog && agentPick % 5 !== 0 && onDialogs.length > 0 ? at(onDialogs, agentPick) : undefined;
  const id =
    party?.id ??
    (spec.target === 'clientDestination'
      ? at(POOLS['clientDestination'] ?? [], agentPick)
      : at(AGENT_IDS, agentPick));
  const command: Record<string, unknown> = { name, id };
  params.forEach((param, index) => {
    if (param.kind === 'literal') return;
    const pick = picks[index] ?? 0;
    if (param.kind === 'boolean') {
      if (!param.optional || pick % 3 !== 0) command[param.name] = pick % 2 === 0;
      return;
    }
    if (param.optional && pick % 2 === 0) return;
    if (param.name === 'dialogId') {
      const pool = party
        ? [party.dialogId]
        : pick % 3 !== 0 && dialogs.length > 0
          ? dialogs.map((dialog) => dialog.id)
          : UNKNOWN_DIALOGS;
      command[param.name] = at(pool, pick);
      return;
    }
    command[param.name] = at(POOLS[param.name] ?? ['x'], pick);
  });
  return command as unknown as Command;
}

// ---------------------------------------------------------------------------------------------

describe('the simulated contact center under hostile input', () => {
  it('survives arbitrary type headers and bodies, explaining every message it does not answer', () => {
    const hostile = hostileCenter();
    fc.assert(
      fc.property(
        fc.option(hostileText, { nil: undefined }),
        fc.option(hostileText, { nil: undefined }),
        (type, body) => {
          expect(hostile.receive(type, body)).toBeUndefined();
          expect(hostile.inconsistency(false)).toBeUndefined();
        },
      ),
      { numRuns: 1_000 },
    );
  }, 30_000);

  it('survives the catalog wire names with mutated bodies: reserved characters, huge, unicode, missing, extra', () => {
    fc.assert(
      fc.property(fc.array(catalogMessage, { minLength: 1, maxLength: 25 }), (messages) => {
        const hostile = hostileCenter();
        for (const { type, body } of messages) {
          expect(hostile.receive(type, body), `${type.slice(0, 80)} / ${body.slice(0, 80)}`).toBeUndefined();
          expect(hostile.inconsistency(false)).toBeUndefined();
        }
        hostile.clock.advance(PAST_ALL_RING_TIMEOUTS_MS);
        expect(hostile.inconsistency(true)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  }, 30_000);

  it('stays consistent under random walks of valid commands, scripted calls and a jumping clock', () => {
    fc.assert(
      fc.property(walk, fc.boolean(), fc.boolean(), (steps, liveTraffic, startReady) => {
        const hostile = hostileCenter(
          liveTraffic
            ? {
                autopilot: true,
                traffic: {
                  meanInterArrivalMs: 20_000,
                  meanTalkMs: 30_000,
                  meanPatienceMs: 60_000,
                  meanPreviewGapMs: 90_000,
                },
              }
            : {},
          startReady,
        );
        const { peer, clock } = hostile;
        for (const current of steps) {
          switch (current.kind) {
            case 'command': {
              const command = commandFor(peer.center, current.name, current.agent, current.picks);
              const encoded = peer.codec.encodeCommand(command);
              if (!encoded.ok)
                throw new Error(`the walk built an unencodable command: ${encoded.error.message}`);
              expect(
                hostile.receive(encoded.value.type, encoded.value.body),
                JSON.stringify(command),
              ).toBeUndefined();
              break;
            }
            case 'advance':
              clock.advance(current.ms);
              break;
            case 'offer-call':
              peer.center.offerCall(at(['Sales', 'Sales', 'Sales', 'Support', 'Billing'], current.queue));
              break;
            case 'offer-preview':
              peer.center.offerPreview(at(AGENT_IDS, current.agent));
              break;
            case 'hang-up': {
              const dialogs = peer.center.snapshot().dialogs;
              if (dialogs.length > 0) peer.center.customerHangup(at(dialogs, current.pick).id);
              break;
            }
            case 'in-service':
              peer.center.setInService(current.inService);
              break;
          }
          expect(hostile.inconsistency(false)).toBeUndefined();
        }
        peer.center.setInService(true);
        clock.advance(PAST_ALL_RING_TIMEOUTS_MS);
        expect(hostile.inconsistency(true)).toBeUndefined();
        peer.center.stop();
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});
