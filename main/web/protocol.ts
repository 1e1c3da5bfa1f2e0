// The browser host's WebSocket protocol (JSON text frames), as pure functions.
//
//   client -> server  { "id": <integer >= 0>, "method": "<DeskMethod>", "payload": <argument> }
//                     (payload left out for methods without an argument)
//   server -> client  { "snapshot": <DeskState> }           first, once, on connect
//                     { "patch": <DeskPatch> }              every desk patch after that
//                     { "id": <same>, "result": <Result> }  the answer to each call, in any order
//
// A call that fails validation is answered `{ id, result: { ok: false, error: { code:
// 'invalid-request', message, field } } }` and never reaches the desk. What cannot be answered
// (not JSON, no usable id, a binary or oversized frame, a flood) closes the connection with a
// close code and a reason.

import type { DeskError, DeskMethod, Result } from '../../preload/contract.ts';
import {
  FORBIDDEN_KEYS,
  isDeskMethod,
  resultForCaller,
  validateDeskCall,
  type ValidDeskCall,
} from '../core/desk/api-schemas.ts';

/** Frames larger than this (bytes) close the connection. */
export const MAX_FRAME_BYTES = 64 * 1024;
/** More calls than this in any one-second window close the connection. */
export const DEFAULT_MAX_CALLS_PER_SECOND = 200;

/** Close codes (RFC 6455 section 7.4.1) used by the host. */
export const CLOSE = {
  goingAway: 1001,
  unsupportedData: 1003,
  invalidPayload: 1007,
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
  tryAgainLater: 1013,
} as const;

export interface Closing {
  readonly kind: 'close';
  readonly code: number;
  /** At most 123 bytes (the limit of a close frame's reason). */
  readonly reason: string;
}

export type InboundFrame =
  | { readonly kind: 'call'; readonly id: number; readonly call: ValidDeskCall }
  | {
      readonly kind: 'refused';
      readonly id: number;
      /** The method, when it was a valid name (for the log; never the payload). */
      readonly method: DeskMethod | undefined;
      readonly error: DeskError & { readonly field: string };
    }
  | Closing;

const ENVELOPE_KEYS: ReadonlySet<string> = new Set(['id', 'method', 'payload']);

function close(code: number, reason: string): Closing {
  return { kind: 'close', code, reason };
}

/** Parses one text frame from a client. Never throws. */
export function parseInboundFrame(text: string): InboundFrame {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return close(CLOSE.invalidPayload, 'malformed JSON: each frame must be one JSON object');
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message))
    return close(CLOSE.policyViolation, 'each frame must be a JSON object {id, method, payload}');
  const record = message as Record<string, unknown>;
  const id = Object.hasOwn(record, 'id') ? record['id'] : undefined;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0)
    return close(CLOSE.policyViolation, 'each call needs an "id": a non-negative integer');
  const method = Object.hasOwn(record, 'method') ? record['method'] : undefined;
  const payload = Object.hasOwn(record, 'payload') ? record['payload'] : undefined;
  const knownMethod = isDeskMethod(method) ? method : undefined;
  for (const key of Object.keys(record)) {
    if (!ENVELOPE_KEYS.has(key)) {
      const message = FORBIDDEN_KEYS.has(key)
        ? `The key "${key}" is not allowed.`
        : 'A call has only "id", "method" and "payload".';
      return {
        kind: 'refused',
        id,
        method: knownMethod,
        error: { code: 'invalid-request', message, field: key.length > 80 ? `${key.slice(0, 77)}...` : key },
      };
    }
  }
  const validated = validateDeskCall(method, payload);
  if (!validated.ok) return { kind: 'refused', id, method: knownMethod, error: validated.error };
  const { ok: _ok, ...call } = validated;
  return { kind: 'call', id, call: call as ValidDeskCall };
}

/**
 * What goes back for a call. Every occurrence of the call's secret (signIn's password,
 * setUpConnection's broker passcode) in the result is replaced (the desk's messages never hold it;
 * this keeps it so if one ever did).
 */
export function resultFrame(id: number, call: ValidDeskCall, result: Result<unknown>): string {
  return JSON.stringify({ id, result: resultForCaller(call, result) });
}

export function refusedFrame(id: number, error: DeskError): string {
  return JSON.stringify({ id, result: { ok: false, error } });
}

/**
 * Sliding one-second window: allows `limit` calls in any window of `windowMs`. A ring of the last
 * `limit` call times; a call is refused when the one `limit` calls ago is still inside the window.
 */
export class CallRateLimiter {
  readonly #times: number[];
  readonly #windowMs: number;
  #next = 0;

  constructor(limit: number, windowMs = 1000) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
    this.#times = new Array<number>(limit).fill(Number.NEGATIVE_INFINITY);
    this.#windowMs = windowMs;
  }

  /** Records a call at `now` (ms); false when it is one too many. */
  take(now: number): boolean {
    const oldest = this.#times[this.#next] ?? Number.NEGATIVE_INFINITY;
    if (now - oldest < this.#windowMs) return false;
    this.#times[this.#next] = now;
    this.#next = (this.#next + 1) % this.#times.length;
    return true;
  }
}
