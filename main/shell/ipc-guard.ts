// The one check every IPC call from the page goes through (STYLE.md: VS Code's validatedIpcMain):
// who sent it (our window's webContents, its main frame, a page on app://switchboard) and what it
// carries (validateDeskCall: a DeskMethod and exactly the payload that method takes). Pure, so
// every refusal is tested in Node; electron-main/desk-ipc.ts feeds it the event's facts and never
// lets the event itself go anywhere.

import type { DeskError, Result } from '../../preload/contract.ts';
import { resultForCaller, validateDeskCall, type ValidDeskCall } from '../core/desk/api-schemas.ts';
import { isAppUrl } from './app-protocol.ts';

/** The facts about an IPC event's sender that the check needs. */
export interface IpcSenderFacts {
  /** event.senderFrame?.url; undefined when the frame is gone (navigated away or destroyed). */
  readonly frameUrl: string | undefined;
  /** event.senderFrame is the top frame of its page (no iframe may call). */
  readonly isMainFrame: boolean;
  readonly webContentsId: number;
  /** Our window's webContents id; undefined while there is no window. */
  readonly ourWebContentsId: number | undefined;
}

export type SenderCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export function checkIpcSender(sender: IpcSenderFacts): SenderCheck {
  if (sender.ourWebContentsId === undefined || sender.webContentsId !== sender.ourWebContentsId)
    return { ok: false, reason: 'not our window' };
  if (!sender.isMainFrame) return { ok: false, reason: 'not the main frame' };
  if (sender.frameUrl === undefined) return { ok: false, reason: 'the frame is gone' };
  if (!isAppUrl(sender.frameUrl)) return { ok: false, reason: 'not an app:// page' };
  return { ok: true };
}

export type GuardedCall =
  | { readonly ok: true; readonly call: ValidDeskCall }
  | {
      readonly ok: false;
      /** For the log: which check refused it (never a payload value). */
      readonly reason: string;
      /** What the page gets back. */
      readonly result: Result<never>;
    };

const REFUSED_SENDER: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This request did not come from the Switchboard window.' },
};

/**
 * Checks one call: the sender first (a stranger learns nothing about the payload rules), then
 * the arguments: exactly (method) or (method, payload), each validated. Never throws.
 */
export function guardDeskCall(sender: IpcSenderFacts, args: readonly unknown[]): GuardedCall {
  const from = checkIpcSender(sender);
  if (!from.ok) return { ok: false, reason: `sender: ${from.reason}`, result: REFUSED_SENDER };
  if (args.length < 1 || args.length > 2) {
    const error: DeskError = {
      code: 'invalid-request',
      message: 'A call has a method and at most one argument.',
      field: 'payload',
    };
    return { ok: false, reason: 'arity', result: { ok: false, error } };
  }
  const validated = validateDeskCall(args[0], args[1]);
  if (!validated.ok) return { ok: false, reason: `payload: ${validated.error.field}`, result: validated };
  const { ok: _ok, ...call } = validated;
  return { ok: true, call: call as ValidDeskCall };
}

/** What goes back to the page: the desk's result, with the call's secret (password, passcode) scrubbed. */
export function resultForPage(call: ValidDeskCall, result: Result<unknown>): Result<unknown> {
  return resultForCaller(call, result);
}
