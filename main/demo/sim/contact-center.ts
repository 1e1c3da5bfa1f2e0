// The simulated contact center behind a GC: one object that takes decoded GC commands and
// answers with GC events addressed to client destinations, as the real GC does. It knows the
// roster, agent states, calls, queues, campaigns, callbacks, phonebooks and supervisors. Both
// faces (broker client, embedded endpoint) drive this same object. Time and randomness are
// injected, so a scenario with a seed and a manual clock runs the same way every time.
//
// This class is the coordinator: it owns the shared SimContext and sends each command to the
// feature module that handles it (session, agents, calls, transfers, campaign, callbacks,
// supervisor, directory); routing, traffic and the autopilot run on the context's timers.

import type { Logger } from '../../core/log/logger.ts';
import type { Command, CommandName, GcEvent } from '../../core/protocol/index.ts';
import { makeNotReady, makeReady, updateWrapUpReason } from './agents.ts';
import { startAutopilot } from './autopilot.ts';
import { cancelCallback, scheduleCallback, updateCallback } from './callbacks.ts';
import { answer, holdOrRetrieve, makeCall, release } from './calls.ts';
import { acceptPreview, endPreview, reclassify, reservePreview } from './campaign.ts';
import { realClock, type SimClock } from './clock.ts';
import { SimContext, type AgentStateName } from './context.ts';
import { endDialog } from './dialog-lifecycle.ts';
import {
  sendPhonebookContacts,
  sendPhonebooks,
  sendReasonCodes,
  sendSkillGroups,
  sendSupervisors,
  sendTeamPhonebooks,
} from './directory.ts';
import { withAgent, withDialog } from './guards.ts';
import { refuse, sendDialog, sendState } from './output.ts';
import { seededRandom, unseededRandom, type RandomSource } from './random.ts';
import { LOGOUT_REASONS, NOT_READY_REASONS, WRAP_UP_REASONS } from './reason-codes.ts';
import { createRoster, type Roster, type RosterOptions } from './roster.ts';
import { announceServiceChange, answerHello, connect, login, logout } from './session.ts';
import { bargeIn, dropParticipant, endMonitor, queueList, silentMonitor, teamUsers } from './supervisor.ts';
import { arrive, DEFAULT_TRAFFIC, startTraffic } from './traffic.ts';
import { blindTransfer, completeConsult, startConsult } from './transfers.ts';

export interface TrafficOptions {
  /** Mean gap between calls arriving on each queue (default 45 s; Infinity: no traffic). */
  readonly meanInterArrivalMs?: number;
  /** Mean talk time before the customer hangs up (default 90 s; Infinity: never). */
  readonly meanTalkMs?: number;
  /** Mean time a caller waits in queue before abandoning (default 120 s). */
  readonly meanPatienceMs?: number;
  /** Ringing before a routed call is taken back from the agent (RONA, default 20 s). */
  readonly ringTimeoutMs?: number;
  /** Wrap-up time before the agent moves on (default 20 s). */
  readonly wrapUpMs?: number;
  /** How long an outside number rings before it answers (default 3 s). */
  readonly remoteAnswerMs?: number;
  /** Mean gap between preview reservations per campaign agent (default 5 min; Infinity: off). */
  readonly meanPreviewGapMs?: number;
}

export interface ContactCenterOptions {
  readonly roster?: RosterOptions;
  readonly clock?: SimClock;
  /** Seed for callers, timings and autopilot; without one the center is unseeded. */
  readonly seed?: number;
  readonly random?: RandomSource;
  /** Queue statistics form (UCCE for supervisors only; UCCX for agents and supervisors). */
  readonly deployment?: 'ucce' | 'uccx';
  /** Colleagues nobody signed in as sign in, take calls and wrap up on their own (default true). */
  readonly autopilot?: boolean;
  readonly traffic?: TrafficOptions;
  readonly log?: Logger;
}

/** Where the center's events go: the face publishes them on `/topic/<destination>`. */
export type EventSink = (destination: string, event: GcEvent) => void;

export class ContactCenter {
  readonly roster: Roster;
  readonly #ctx: SimContext;
  /** Events handed to the sink so far. */
  #sent = 0;
  /** Faults scripted for the next command of a name (refuseNext, ignoreNext). */
  readonly #scriptedFaults = new Map<CommandName, { code: string; message: string } | 'ignore'>();

  constructor(options: ContactCenterOptions, sink: EventSink) {
    this.roster = createRoster(options.roster);
    this.#ctx = new SimContext({
      roster: this.roster,
      clock: options.clock ?? realClock(),
      random: options.random ?? (options.seed === undefined ? unseededRandom() : seededRandom(options.seed)),
      traffic: { ...DEFAULT_TRAFFIC, ...options.traffic },
      deployment: options.deployment ?? 'ucce',
      autopilot: options.autopilot ?? true,
      // Counted, so that handle() can tell a command whose answer went nowhere.
      sink: (destination, event) => {
        this.#sent++;
        sink(destination, event);
      },
      log: options.log ?? (() => {}),
    });
  }

  // -------------------------------------------------------------------------------------------
  // Life cycle and scripting hooks

  /** Starts traffic and the autopilot colleagues. */
  start(): void {
    const ctx = this.#ctx;
    if (ctx.running) return;
    ctx.running = true;
    startTraffic(ctx);
    if (ctx.autopilot) startAutopilot(ctx);
  }

  stop(): void {
    const ctx = this.#ctx;
    ctx.running = false;
    for (const queue of ctx.queues.values()) {
      ctx.clock.clearTimeout(queue.arrivalTimer);
      for (const call of queue.waiting) ctx.clock.clearTimeout(call.abandonTimer);
    }
    for (const agent of ctx.agents.values()) {
      ctx.clock.clearTimeout(agent.wrapUpTimer);
      ctx.clock.clearTimeout(agent.autopilotTimer);
      ctx.clock.clearTimeout(agent.previewTimer);
      for (const callback of agent.callbacks.values()) ctx.clock.clearTimeout(callback.timer);
    }
    for (const dialog of ctx.dialogs.values()) {
      ctx.clock.clearTimeout(dialog.hangupTimer);
      ctx.clock.clearTimeout(dialog.ringTimer);
    }
  }

  /** GC losing (or regaining) Finesse: every bound client hears OUT_OF_SERVICE / IN_SERVICE. */
  setInService(inService: boolean): void {
    announceServiceChange(this.#ctx, inService);
  }

  /**
   * Fault injection: the next `name` command, from any client, is answered with this Error event
   * instead of being carried out (for the codes the simulation never reaches on its own, such as
   * LICENSES_EXCEEDED or CF_RESOURCE_BUSY).
   */
  refuseNext(name: CommandName, code: string, message: string): void {
    this.#scriptedFaults.set(name, { code, message });
  }

  /** Fault injection: the next `name` command is lost unanswered, as by a GC losing Finesse mid-request. */
  ignoreNext(name: CommandName): void {
    this.#scriptedFaults.set(name, 'ignore');
  }

  /** A caller arrives on a queue now; returns the dialog id. */
  offerCall(
    queueName: string,
    caller?: { ani?: string; variables?: { name: string; value: string }[] },
  ): string {
    const queue = this.#ctx.queues.get(queueName);
    if (!queue) throw new RangeError(`No queue named ${queueName}`);
    return arrive(this.#ctx, queue, caller).id;
  }

  /** A preview reservation for a READY agent now; returns the dialog id, or undefined if the agent is not READY. */
  offerPreview(
    agentId: string,
    customer?: { number?: string; name?: string; account?: string },
  ): string | undefined {
    const agent = this.#ctx.agents.get(agentId);
    if (!agent || agent.state !== 'READY' || agent.user.isSupervisor) return undefined;
    return reservePreview(this.#ctx, agent, customer ?? {}, false).id;
  }

  /** The outside party of a dialog hangs up now. */
  customerHangup(dialogId: string): void {
    const dialog = this.#ctx.dialogs.get(dialogId);
    if (dialog) endDialog(this.#ctx, dialog);
  }

  /** A read-only view for tests and the load benchmark. */
  snapshot() {
    const ctx = this.#ctx;
    return {
      agents: [...ctx.agents.values()].map((agent) => ({
        loginId: agent.user.loginId,
        state: agent.state,
        reasonCodeId: agent.reasonCodeId,
        pendingState: agent.pendingState,
        bound: ctx.bindings.has(agent.user.loginId),
        callbacks: [...agent.callbacks.values()].map(({ dialogId, callbackTime, callbackNumber }) => ({
          dialogId,
          callbackTime,
          callbackNumber,
        })),
        wrapUpReasons: Object.fromEntries(agent.wrapUpReasons),
      })),
      dialogs: [...ctx.dialogs.values()].map((dialog) => ({
        id: dialog.id,
        callType: dialog.callType,
        queue: dialog.queue,
        parties: dialog.parties.map((party) => ({
          address: party.address,
          state: party.state,
          role: party.role,
        })),
      })),
      queues: [...ctx.queues.values()].map((queue) => ({
        name: queue.team.queue,
        waiting: queue.waiting.length,
        handled: queue.handled,
        abandoned: queue.abandoned,
        total: queue.total,
      })),
    };
  }

  agentState(agentId: string): AgentStateName | undefined {
    return this.#ctx.agents.get(agentId)?.state;
  }

  // -------------------------------------------------------------------------------------------
  // Commands

  /** One decoded command from the command queue. Never throws; every refusal is an Error event. */
  handle(command: Command): void {
    const fault = this.#scriptedFaults.get(command.name);
    if (fault !== undefined) {
      this.#scriptedFaults.delete(command.name);
      this.#ctx.log({ level: 'info', event: 'sim.scripted-fault', command: command.name, id: command.id });
      if (fault !== 'ignore') this.refuse(command.id, fault.code, fault.message);
      return;
    }
    const sent = this.#sent;
    try {
      this.#dispatch(command);
    } catch (error) {
      this.#ctx.log({
        level: 'warn',
        event: 'sim.command-failed',
        command: command.name,
        error: String(error),
      });
      this.refuse(command.id, 'GENERAL_ERROR', `The demo contact center could not process ${command.name}.`);
    }
    // GC answers a successful Connect and a wrap-up reason with silence; any other command that
    // sent nothing was answered to an agent no client is bound to.
    if (this.#sent === sent && command.name !== 'Connect' && command.name !== 'UpdateWrapUpReason') {
      this.#ctx.log({
        level: 'debug',
        event: 'sim.reply-dropped',
        command: command.name,
        id: command.id,
        reason: 'no client is bound to this id',
      });
    }
  }

  /**
   * Answers a command that broke the wire rules (the face could not decode it) with an Error
   * event to the client bound to `id`; with nobody to tell, it is dropped with a log line.
   */
  refuse(id: string, code: string, message: string): void {
    refuse(this.#ctx, id, code, message);
  }

  #dispatch(command: Command): void {
    const ctx = this.#ctx;
    switch (command.name) {
      case 'Hello':
      case 'Beat':
        return answerHello(ctx, command.id);
      case 'Connect':
        return connect(ctx, command);
      case 'Login':
        return login(ctx, command.id, command.password, command.extension, undefined);
      case 'MobileAgentLogin':
        return login(ctx, command.id, command.password, command.extension, {
          dialNumber: command.dialNumber,
          callByCall: command.callByCall,
        });
      case 'Logout':
        return logout(ctx, command.id, '', false);
      case 'LogoutWithReason':
        return logout(ctx, command.id, command.reasonCode, false);
      case 'ForceLogout':
        return logout(ctx, command.id, '', true);
      case 'MakeReady':
        return makeReady(ctx, command.id);
      case 'MakeNotReady':
        return makeNotReady(ctx, command.id, undefined);
      case 'MakeNotReadyWithReason':
        return makeNotReady(ctx, command.id, command.reasonCode);
      case 'GetState':
        return withAgent(ctx, command.id, (agent) => sendState(ctx, agent));
      case 'GetNotReadyReasonCodes':
        return sendReasonCodes(ctx, command.id, 'NOT_READY', NOT_READY_REASONS);
      case 'GetLogoutReasonCodes':
        return sendReasonCodes(ctx, command.id, 'LOGOUT', LOGOUT_REASONS);
      case 'GetWrapUpReasonCodes':
        return sendReasonCodes(ctx, command.id, 'WrapUp', WRAP_UP_REASONS);
      case 'UpdateWrapUpReason':
        return updateWrapUpReason(ctx, command.id, command.dialogId, command.reasonCode);
      case 'MakeCall':
        return makeCall(ctx, command.id, command.number);
      case 'AnswerCall':
        return answer(ctx, command.id, command.dialogId);
      case 'HoldCall':
        return holdOrRetrieve(ctx, command.id, command.dialogId, true);
      case 'RetrieveCall':
        return holdOrRetrieve(ctx, command.id, command.dialogId, false);
      case 'ReleaseCall':
        return release(ctx, command.id, command.dialogId);
      case 'GetDialogState':
        return withDialog(ctx, command.id, command.dialogId, (agent, dialog) =>
          sendDialog(ctx, agent, dialog),
        );
      case 'ConsultCall':
        return startConsult(ctx, command.id, command.extension, command.dialogId);
      case 'TransferCall':
        return completeConsult(ctx, command.id, command.extension, command.dialogId, 'transfer');
      case 'ConferenceCall':
        return completeConsult(ctx, command.id, command.extension, command.dialogId, 'conference');
      case 'BlindTransfer':
        return blindTransfer(ctx, command.id, command.number, command.dialogId);
      case 'AcceptOutboundPreview':
        return acceptPreview(ctx, command.id, command.dialogId);
      case 'RejectOutboundPreview':
        return endPreview(ctx, command.id, command.dialogId, 'REJECT');
      case 'CloseOutboundPreview':
        return endPreview(ctx, command.id, command.dialogId, 'CLOSE');
      case 'ReclassifyCall':
        return reclassify(ctx, command);
      case 'ScheduleCallback':
        return scheduleCallback(ctx, command);
      case 'UpdateCallback':
        return updateCallback(ctx, command);
      case 'CancelCallback':
        return cancelCallback(ctx, command);
      case 'GetSkillGroups':
        return sendSkillGroups(ctx, command.id);
      case 'GetSupervisors':
        return sendSupervisors(ctx, command.id);
      case 'GetPhonebooks':
        return sendPhonebooks(ctx, command.id);
      case 'GetTeamPhonebooks':
        return sendTeamPhonebooks(ctx, command.id, command.teamId);
      case 'GetPhonebookContacts':
        return sendPhonebookContacts(ctx, command.id, command.phonebookId);
      case 'GetQueueList':
        return queueList(ctx, command.id);
      case 'GetTeamUsers':
        return teamUsers(ctx, command.id, command.teamId, command.includeLoggedOut ?? true);
      case 'SilentMonitor':
        return silentMonitor(ctx, command.id, command.extension);
      case 'EndSilentMonitor':
        return endMonitor(ctx, command.id, command.dialogId);
      case 'BargeIn':
        return bargeIn(ctx, command.id, command.extension, command.dialogId);
      case 'DropParticipant':
        return dropParticipant(ctx, command.id, command.extension, command.dialogId);
    }
  }
}
