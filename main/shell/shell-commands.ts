// What a tray menu item, a notification button or a global shortcut asks for: a desk call (the
// same ValidDeskCall the IPC bridge hands to invokeDesk) or something the window does. The pure
// modules decide which; electron-main/commands.ts carries it out.

import type { DeskState } from '../../preload/contract.ts';
import type { ValidDeskCall } from '../core/desk/api-schemas.ts';
import { isOnline, isSignedIn, isWrapUp, liveCall, ringingCall } from './desk-glance.ts';

export type ShellCommand =
  | { readonly kind: 'desk'; readonly call: ValidDeskCall }
  | { readonly kind: 'show-window' }
  | { readonly kind: 'hide-window' }
  | { readonly kind: 'quit' };

export function deskCommand(call: ValidDeskCall): ShellCommand {
  return { kind: 'desk', call };
}

/** READY may be chosen from these states (GC refuses it from the others). */
export function canGoReady(agentState: string): boolean {
  return agentState === 'NOT_READY' || isWrapUp(agentState);
}

/** NOT_READY (or another not-ready reason) may be chosen from these states. */
export function canGoNotReady(agentState: string): boolean {
  return agentState === 'READY' || agentState === 'NOT_READY' || isWrapUp(agentState);
}

/** The answer-or-hang-up key: answer the ringing call, else hang up the live one, else nothing. */
export function answerOrReleaseCommand(state: DeskState): ShellCommand | undefined {
  if (!isOnline(state.connection) || !isSignedIn(state.agent)) return undefined;
  const ringing = ringingCall(state);
  if (ringing) return deskCommand({ method: 'answer', payload: { dialogId: ringing.id } });
  const live = liveCall(state);
  if (live) return deskCommand({ method: 'release', payload: { dialogId: live.id } });
  return undefined;
}

/** The ready key: not ready when ready, ready from not ready or wrap-up, nothing on a call. */
export function toggleReadyCommand(state: DeskState): ShellCommand | undefined {
  if (!isOnline(state.connection) || !isSignedIn(state.agent)) return undefined;
  const agentState = state.agent.state;
  if (agentState === 'READY') return deskCommand({ method: 'setNotReady', payload: {} });
  if (canGoReady(agentState)) return deskCommand({ method: 'setReady', payload: undefined });
  return undefined;
}
