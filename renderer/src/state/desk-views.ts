// What the desk shows, computed from DeskState: plain functions, so they are tested in Node and
// DeskStore wraps each one in a $derived.

import type {
  AgentSlice,
  ConnectionSlice,
  DeskState,
  DialogView,
  DialogsSlice,
  ReasonCodeView,
} from '../../../preload/contract.ts';
import type { BridgeLinkState } from '../bridge/web-socket-desk-api.ts';

export type AgentTone = 'ready' | 'not-ready' | 'call' | 'reserved' | 'work' | 'off';

export interface AgentStatus {
  readonly state: string;
  readonly tone: AgentTone;
  /** The not-ready (or logout) reason as the contact center words it. */
  readonly reasonLabel: string;
  readonly pendingState: string;
  /** When the current state began (epoch ms): the status timer counts from here. */
  readonly since: number | undefined;
}

export function isSignedIn(agent: AgentSlice): boolean {
  return agent.signIn === 'signed-in' || agent.signIn === 'signing-out';
}

export function agentTone(state: string): AgentTone {
  switch (state) {
    case 'READY':
      return 'ready';
    case 'NOT_READY':
      return 'not-ready';
    case 'TALKING':
    case 'HOLD':
      return 'call';
    case 'WORK':
    case 'WORK_READY':
      return 'work';
    case 'LOGOUT':
    case '':
      return 'off';
    default:
      return state.startsWith('RESERVED') ? 'reserved' : 'off';
  }
}

export function agentStatus(agent: AgentSlice): AgentStatus {
  return {
    state: agent.state,
    tone: agentTone(agent.state),
    reasonLabel: agent.reasonLabel,
    pendingState: agent.pendingState,
    since: agent.stateSince,
  };
}

/** The `r` key and the main button: not ready when ready, ready otherwise. */
export function readyToggle(agent: AgentSlice): 'ready' | 'not-ready' {
  return agent.state === 'READY' ? 'not-ready' : 'ready';
}

/** Calls may be made only from these states (the desk refuses the others). */
export function canMakeCall(agent: AgentSlice): boolean {
  return agent.state === 'NOT_READY' || agent.state === 'WORK' || agent.state === 'WORK_READY';
}

/** A call ringing for me (a preview reservation is not a call to answer). */
export function ringingCall(dialogs: DialogsSlice): DialogView | undefined {
  return dialogs.items.find((dialog) => dialog.kind === 'call' && dialog.state === 'ALERTING');
}

/** The customer's call in progress: answered, held, or an outbound one being dialled. */
export function activeCall(dialogs: DialogsSlice): DialogView | undefined {
  return dialogs.items.find((dialog) => dialog.kind === 'call' && dialog.state !== 'ALERTING');
}

/** The consult leg I started (there is at most one). */
export function consultLeg(dialogs: DialogsSlice): DialogView | undefined {
  return dialogs.items.find((dialog) => dialog.kind === 'consult');
}

export function previewDialog(dialogs: DialogsSlice): DialogView | undefined {
  return dialogs.items.find((dialog) => dialog.kind === 'preview');
}

export interface WrapUpView {
  readonly reasons: readonly ReasonCodeView[];
  /** The call the reason is for: the last one that ended. */
  readonly dialogId: string | undefined;
  /** The reason already recorded for that call, if any. */
  readonly chosenLabel: string | undefined;
}

/** The wrap-up picker shows while the agent is in wrap-up and the center has wrap-up reasons. */
export function wrapUpNeeded(agent: AgentSlice, dialogs: DialogsSlice): WrapUpView | undefined {
  if (agent.state !== 'WORK' && agent.state !== 'WORK_READY') return undefined;
  if (agent.reasonCodes.wrapUp.length === 0) return undefined;
  const dialogId = dialogs.lastEnded?.id;
  const chosen = dialogs.wrapUp && dialogs.wrapUp.dialogId === dialogId ? dialogs.wrapUp.label : undefined;
  return { reasons: agent.reasonCodes.wrapUp, dialogId, chosenLabel: chosen };
}

export interface CallTimes {
  /** Since the call was answered (or, not yet answered, since it started). */
  readonly talkMs: number;
  /** All time on hold, the current hold included. */
  readonly holdMs: number;
}

export function callTimes(dialog: DialogView, now: number): CallTimes {
  const current = dialog.heldAt === undefined ? 0 : Math.max(0, now - dialog.heldAt);
  return {
    talkMs: Math.max(0, now - (dialog.answeredAt ?? dialog.startedAt)),
    holdMs: dialog.heldMs + current,
  };
}

export type ConnectionHealth =
  | { readonly kind: 'connected' | 'connecting' | 'out-of-service' | 'stale' | 'stopped' }
  | { readonly kind: 'reconnecting' | 'bridge-lost'; readonly seconds: number };

function secondsUntil(at: number | undefined, now: number): number {
  return at === undefined ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * One line about the connection, worst first: the host link (browser only), then the desk's
 * broker link, then whether what is shown is fresh.
 */
export function connectionHealth(
  connection: ConnectionSlice,
  link: BridgeLinkState | undefined,
  now: number,
): ConnectionHealth {
  // Trying again after a loss is still lost: the snapshot on screen is from before it.
  if (link && (link.status === 'lost' || (link.status === 'connecting' && link.attempt > 0)))
    return { kind: 'bridge-lost', seconds: secondsUntil(link.nextAttemptAt, now) };
  switch (connection.status) {
    case 'reconnecting':
      return { kind: 'reconnecting', seconds: secondsUntil(connection.nextAttemptAt, now) };
    case 'out-of-service':
      return { kind: 'out-of-service' };
    case 'stopped':
      return { kind: 'stopped' };
    case 'idle':
    case 'connecting':
    case 'connected':
      return { kind: 'connecting' };
    case 'in-service':
      return connection.stale ? { kind: 'stale' } : { kind: 'connected' };
  }
}

export function noticesNewestFirst(state: DeskState): DeskState['notices']['items'] {
  return [...state.notices.items].reverse();
}
