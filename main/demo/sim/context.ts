// What every part of the simulated contact center shares: the roster, the injected clock and
// randomness, the traffic settings, the sink, and the runtime state of agents, queues, dialogs and
// client bindings. The feature modules (session, agents, routing, calls, campaign, supervisor, …)
// are plain functions that take this context first, so each reads and tests on its own.
//
// They call one another where the domain does (an agent going READY takes a queued call; the end
// of that call sends the agent to wrap-up and back to READY), so some of them import each other.
// That is safe: they export functions and constants, and none reads another while loading.

import type { Logger } from '../../core/log/logger.ts';
import type { SimClock, TimerHandle } from './clock.ts';
import type { EventSink, TrafficOptions } from './contact-center.ts';
import { isLive, partyOf, type Dialog } from './dialogs.ts';
import { createPhonebooks } from './phonebooks.ts';
import type { RandomSource } from './random.ts';
import type { Roster, SimTeam, SimUser } from './roster.ts';

export type AgentStateName =
  | 'LOGOUT'
  | 'NOT_READY'
  | 'READY'
  | 'RESERVED'
  | 'RESERVED_OUTBOUND_PREVIEW'
  | 'TALKING'
  | 'HOLD'
  | 'WORK'
  | 'WORK_READY';

export interface AgentRuntime {
  readonly user: SimUser;
  state: AgentStateName;
  reasonCodeId: string;
  reasonLabel: string;
  pendingState: '' | 'READY' | 'NOT_READY' | 'LOGOUT';
  since: number;
  /** Where the agent goes when the current calls and wrap-up are over. */
  returnState: 'READY' | 'NOT_READY';
  /** The calls in progress handled ACD work (so wrap-up follows). */
  handledAcd: boolean;
  mobile: { dialNumber: string; callByCall: boolean } | undefined;
  wrapUpTimer: TimerHandle | undefined;
  autopilotTimer: TimerHandle | undefined;
  previewTimer: TimerHandle | undefined;
  /** Dialogs the agent took part in recently (callbacks refer to them). */
  recentDialogs: string[];
  callbacks: Map<string, ScheduledCallback>;
  /** Wrap-up reason code per dialog, as the agent recorded it. */
  wrapUpReasons: Map<string, string>;
}

export interface ScheduledCallback {
  readonly dialogId: string;
  callbackTime: string;
  callbackNumber: string;
  dueAt: number;
  timer: TimerHandle | undefined;
}

export interface WaitingCall {
  readonly dialog: Dialog;
  readonly enqueuedAt: number;
  abandonTimer: TimerHandle | undefined;
}

export interface QueueRuntime {
  readonly team: SimTeam;
  waiting: WaitingCall[];
  handled: number;
  abandoned: number;
  total: number;
  longestHandleMs: number;
  arrivalTimer: TimerHandle | undefined;
}

export const IN_CALL_STATES: ReadonlySet<AgentStateName> = new Set([
  'RESERVED',
  'RESERVED_OUTBOUND_PREVIEW',
  'TALKING',
  'HOLD',
]);

export const DIALABLE = /^\+?[0-9][0-9 ()-]{0,30}$/;

export interface SimSettings {
  readonly roster: Roster;
  readonly clock: SimClock;
  readonly random: RandomSource;
  readonly traffic: Required<TrafficOptions>;
  readonly deployment: 'ucce' | 'uccx';
  readonly autopilot: boolean;
  readonly sink: EventSink;
  readonly log: Logger;
}

export class SimContext {
  readonly roster: Roster;
  readonly clock: SimClock;
  readonly random: RandomSource;
  readonly traffic: Required<TrafficOptions>;
  readonly deployment: 'ucce' | 'uccx';
  readonly autopilot: boolean;
  readonly sink: EventSink;
  readonly log: Logger;
  readonly agents = new Map<string, AgentRuntime>();
  readonly queues = new Map<string, QueueRuntime>();
  readonly dialogs = new Map<string, Dialog>();
  /** agentId → client destination, made by Connect (GC publishes an agent's events there). */
  readonly bindings = new Map<string, string>();
  /** supervisorId → teams whose live State events they asked for (getteamusers). */
  readonly teamWatchers = new Map<string, Set<string>>();
  // Destinations that said Hello may be told about refusals before any agent is bound to them.
  readonly destinationSeen = new Set<string>();
  readonly phonebooks: ReturnType<typeof createPhonebooks>;
  inService = true;
  running = false;
  nextDialogId = 16_821_000;

  constructor(settings: SimSettings) {
    this.roster = settings.roster;
    this.clock = settings.clock;
    this.random = settings.random;
    this.traffic = settings.traffic;
    this.deployment = settings.deployment;
    this.autopilot = settings.autopilot;
    this.sink = settings.sink;
    this.log = settings.log;
    this.phonebooks = createPhonebooks(this.roster.teams);
    for (const user of this.roster.users) {
      this.agents.set(user.loginId, {
        user,
        state: 'LOGOUT',
        reasonCodeId: '-1',
        reasonLabel: '',
        pendingState: '',
        since: this.clock.now(),
        returnState: 'NOT_READY',
        handledAcd: false,
        mobile: undefined,
        wrapUpTimer: undefined,
        autopilotTimer: undefined,
        previewTimer: undefined,
        recentDialogs: [],
        callbacks: new Map(),
        wrapUpReasons: new Map(),
      });
    }
    for (const team of this.roster.teams) {
      this.queues.set(team.queue, {
        team,
        waiting: [],
        handled: 0,
        abandoned: 0,
        total: 0,
        longestHandleMs: 0,
        arrivalTimer: undefined,
      });
    }
  }

  agent(agentId: string): AgentRuntime {
    const agent = this.agents.get(agentId);
    if (!agent) throw new RangeError(`unknown agent ${agentId}`);
    return agent;
  }

  dialogsOf(agentId: string): Dialog[] {
    const result: Dialog[] = [];
    for (const dialog of this.dialogs.values()) {
      const party = partyOf(dialog, agentId);
      if (party && isLive(party.state)) result.push(dialog);
    }
    return result;
  }

  consultOf(agentId: string, mainDialogId: string): Dialog | undefined {
    for (const dialog of this.dialogs.values()) {
      if (dialog.consultInitiator === agentId && dialog.associatedDialogId === mainDialogId) return dialog;
    }
    return undefined;
  }

  teamsOf(user: SimUser): SimTeam[] {
    const ids = user.isSupervisor ? user.supervisedTeamIds : [user.teamId];
    return ids.map((id) => this.roster.team(id)).filter((team): team is SimTeam => team !== undefined);
  }

  supervisorsOf(user: SimUser): SimUser[] {
    const team = this.roster.team(user.teamId);
    return (team?.supervisorIds ?? [])
      .map((id) => this.roster.byLoginId(id))
      .filter((supervisor): supervisor is SimUser => supervisor !== undefined);
  }

  membersOf(team: SimTeam): AgentRuntime[] {
    return [...this.agents.values()].filter(
      (agent) => agent.user.teamId === team.id && !agent.user.isSupervisor,
    );
  }
}
