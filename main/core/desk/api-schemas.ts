// The payload schema of every DeskApi method: what a bridge (the browser host's WebSocket, the
// Electron shell's IPC) accepts from the page before anything reaches the Desk. The page is
// untrusted input as far as main is concerned, so each call is checked here for shape (strict
// objects, bounded strings, no control characters, booleans where booleans) and the Desk then
// checks it for meaning (is there such a call, is the agent signed in, …).
//
// validateDeskCall never throws and never echoes a value back in its messages (a refused sign-in
// must not carry the password into an error); it names the field at fault instead.

import { z } from 'zod';
import { redactText } from '../log/redact.ts';
import {
  DESK_METHODS,
  type DeskApi,
  type DeskError,
  type DeskMethod,
  type Result,
} from '../../../preload/contract.ts';

/** Serialized size above which a payload is refused outright (the bridges' frame cap too). */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
/** Nesting deeper than this is refused before the schemas see it (the deepest schema is 2). */
export const MAX_PAYLOAD_DEPTH = 16;
/** Keys refused anywhere in a payload: they can reach or replace an object's prototype. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const LIMITS = {
  id: 64,
  number: 64,
  query: 200,
  password: 256,
  callbackTime: 32,
  value: 64,
  searchLimit: 500,
  brokerUrl: 300,
  brokerUrls: 16,
  brokerUser: 256,
  /** Command queue and client destination: names, checked for meaning by the runtime. */
  destination: 200,
  path: 4_096,
} as const;

/** C0 and C1 control characters (line breaks, NUL, ESC, DEL, …) and the Unicode line separators. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const NO_CONTROL = /^[^\p{Cc}\u2028\u2029]*$/u;

function text(max: number) {
  return z.string().max(max).regex(NO_CONTROL);
}

/** Agent, dialog, phonebook and team ids; reason codes. */
const id = text(LIMITS.id);
/** Phone numbers, extensions, transfer and consult targets. */
const number = text(LIMITS.number);
const dialogOnly = z.strictObject({ dialogId: id });
const dialogAndTarget = z.strictObject({ dialogId: id, target: number });
const callback = z.strictObject({
  dialogId: id,
  callbackTime: text(LIMITS.callbackTime),
  callbackNumber: number,
});
/** Methods that take no argument: the payload must be absent. */
const none = z.undefined();
/** The shape only; whether the addresses and names make sense is the runtime's check. */
const connectionSetup = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('demo') }),
  z.strictObject({
    mode: z.literal('broker'),
    brokerUrls: z.array(text(LIMITS.brokerUrl)).min(1).max(LIMITS.brokerUrls).readonly(),
    brokerUser: text(LIMITS.brokerUser).optional(),
    brokerPasscode: text(LIMITS.password).optional(),
    commandQueue: text(LIMITS.destination).optional(),
    clientDestination: text(LIMITS.destination).optional(),
    caFile: text(LIMITS.path).optional(),
  }),
]);

/**
 * One schema per DeskMethod. `satisfies Record<DeskMethod, …>` makes the compiler refuse a
 * method without a schema and a schema naming no method; SchemasMatchTheContract below checks
 * each schema against the DeskApi method's parameter.
 */
export const DESK_SCHEMAS = {
  getState: none,
  signIn: z.strictObject({
    agentId: id,
    password: text(LIMITS.password).optional(),
    extension: number,
    rememberPassword: z.boolean().optional(),
    mobile: z.strictObject({ dialNumber: number, mode: z.enum(['call-by-call', 'nailed']) }).optional(),
  }),
  signOut: z.strictObject({ reasonCode: id.optional() }).optional(),
  setReady: none,
  setNotReady: z.strictObject({ reasonCode: id.optional() }).optional(),
  setWrapUpReason: z.strictObject({ reasonCode: id, dialogId: id.optional() }),
  makeCall: z.strictObject({ number }),
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
  reclassify: z.strictObject({ dialogId: id, value: text(LIMITS.value) }),
  scheduleCallback: callback,
  updateCallback: callback,
  cancelCallback: dialogOnly,
  loadSkillGroups: none,
  loadSupervisors: none,
  loadPhonebooks: none,
  loadContacts: z.strictObject({ phonebookId: id }),
  searchContacts: z.strictObject({
    query: text(LIMITS.query),
    limit: z.number().int().min(1).max(LIMITS.searchLimit).optional(),
  }),
  loadTeam: z.strictObject({ teamId: id }),
  forceReady: z.strictObject({ agentId: id }),
  forceNotReady: z.strictObject({ agentId: id, reasonCode: id.optional() }),
  forceSignOut: z.strictObject({ agentId: id }),
  silentMonitor: z.strictObject({ extension: number }),
  endMonitor: dialogOnly,
  bargeIn: dialogOnly,
  dropParticipant: z.strictObject({ dialogId: id, extension: number }),
  watchQueues: z.strictObject({ visible: z.boolean() }),
  reconnectNow: none,
  getConnectionSetup: none,
  setUpConnection: connectionSetup,
} as const satisfies Record<DeskMethod, z.ZodType>;

type Schemas = typeof DESK_SCHEMAS;

/** The validated argument of one method. */
export type DeskPayload<M extends DeskMethod> = z.output<Schemas[M]>;

// Compile-time: what a schema lets through is what the Desk's method takes, everything the
// method's type allows can be expressed through the schema, and both name the same fields at
// every depth (an optional field missing from a strict schema would otherwise go unnoticed). A
// schema out of step with preload/contract.ts breaks `tsc`.
type Param<M extends DeskMethod> = Parameters<DeskApi[M]>[0];
type Assert<T extends true> = T;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type FieldPaths<T> = T extends readonly unknown[]
  ? never
  : T extends object
    ? { [K in keyof T & string]-?: K | `${K}.${FieldPaths<NonNullable<T[K]>>}` }[keyof T & string]
    : never;
type Fits = {
  [M in DeskMethod]: [DeskPayload<M>] extends [Param<M>]
    ? [Param<M>] extends [z.input<Schemas[M]>]
      ? Equal<FieldPaths<NonNullable<Param<M>>>, FieldPaths<NonNullable<DeskPayload<M>>>>
      : false
    : false;
};
export type SchemasMatchTheContract = Assert<Fits[DeskMethod]>;

/** A call that passed validation: narrow on `method` to get the payload's type. */
export type ValidDeskCall = { [M in DeskMethod]: { method: M; payload: DeskPayload<M> } }[DeskMethod];

export type DeskCallValidation =
  | ({ ok: true } & ValidDeskCall)
  | { ok: false; error: DeskError & { code: 'invalid-request'; field: string } };

const METHODS: ReadonlySet<string> = new Set(DESK_METHODS);

export function isDeskMethod(value: unknown): value is DeskMethod {
  return typeof value === 'string' && METHODS.has(value);
}

function refuse(field: string, message: string): Extract<DeskCallValidation, { ok: false }> {
  return { ok: false, error: { code: 'invalid-request', message, field } };
}

/** A name fit to go back in an error: bounded and printable (a key is the caller's text). */
function fieldName(path: readonly PropertyKey[]): string {
  const name = path
    .map((part) => (typeof part === 'symbol' ? '[symbol]' : String(part)))
    .join('.')
    .replace(new RegExp(CONTROL.source, 'gu'), '?');
  return name === '' ? 'payload' : name.length > 80 ? `${name.slice(0, 77)}...` : name;
}

/**
 * Refuses what the schemas should never have to look at: a prototype key at any depth, nesting
 * beyond MAX_PAYLOAD_DEPTH. Iterative, so a deeply nested payload cannot exhaust the stack, and
 * each object is visited once, so a cyclic one ends (JSON.stringify then refuses it).
 */
function findHazard(payload: unknown): { field: string; message: string } | undefined {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: payload, path: [] }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: PropertyKey[] };
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (path.length >= MAX_PAYLOAD_DEPTH)
      return { field: fieldName(path), message: `Nested more than ${MAX_PAYLOAD_DEPTH} levels deep.` };
    for (const key of Reflect.ownKeys(value)) {
      const keyPath = [...path, key];
      if (typeof key === 'string' && FORBIDDEN_KEYS.has(key))
        return { field: fieldName(keyPath), message: `The key "${key}" is not allowed.` };
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      // Getters are not data: never run them (a JSON payload has none).
      if (descriptor && 'value' in descriptor) stack.push({ value: descriptor.value, path: keyPath });
    }
  }
  return undefined;
}

function serializedBytes(payload: unknown): number | 'unserializable' {
  try {
    const json = JSON.stringify(payload);
    return json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
  } catch {
    return 'unserializable';
  }
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  undefined: 'nothing (this method takes no argument)',
};

/** Is the field at this path absent (as opposed to present with the wrong type)? */
function isAbsent(payload: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return payload === undefined;
  let parent: unknown = payload;
  for (const key of path.slice(0, -1)) {
    if (typeof parent !== 'object' || parent === null || !Object.hasOwn(parent, key)) return true;
    parent = (parent as Record<PropertyKey, unknown>)[key];
  }
  const last = path[path.length - 1] as PropertyKey;
  return typeof parent === 'object' && parent !== null && !Object.hasOwn(parent, last);
}

function describeIssue(issue: z.core.$ZodIssue, payload: unknown): { field: string; message: string } {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const first = issue.keys[0] ?? '';
      const field = fieldName([...issue.path, first]);
      const more = issue.keys.length > 1 ? ` (and ${issue.keys.length - 1} more)` : '';
      return { field, message: `${field} is not a field this call takes${more}.` };
    }
    case 'invalid_type': {
      const field = fieldName(issue.path);
      if (issue.path.length > 0 && isAbsent(payload, issue.path))
        return { field, message: `${field} is required.` };
      return { field, message: `${field} must be ${TYPE_NAMES[issue.expected] ?? issue.expected}.` };
    }
    case 'too_big': {
      const field = fieldName(issue.path);
      if (issue.origin === 'array')
        return { field, message: `${field} has too many entries (at most ${String(issue.maximum)}).` };
      return issue.origin === 'string'
        ? { field, message: `${field} is too long (at most ${String(issue.maximum)} characters).` }
        : { field, message: `${field} must be at most ${String(issue.maximum)}.` };
    }
    case 'too_small': {
      const field = fieldName(issue.path);
      if (issue.origin === 'array')
        return { field, message: `${field} needs at least ${String(issue.minimum)} entry.` };
      return issue.origin === 'string'
        ? { field, message: `${field} is too short.` }
        : { field, message: `${field} must be at least ${String(issue.minimum)}.` };
    }
    case 'invalid_format': {
      const field = fieldName(issue.path);
      return { field, message: `${field} must not contain control characters or line breaks.` };
    }
    case 'invalid_value': {
      const field = fieldName(issue.path);
      const options = issue.values.map((value) => JSON.stringify(value)).join(', ');
      return { field, message: `${field} must be one of ${options}.` };
    }
    case 'invalid_union': {
      // A discriminated union (setUpConnection's mode) names the values it knows.
      const field = fieldName(issue.path);
      const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : [];
      return options.length > 0
        ? {
            field,
            message: `${field} must be one of ${options.map((value) => JSON.stringify(value)).join(', ')}.`,
          }
        : { field, message: `${field} is not valid.` };
    }
    default: {
      const field = fieldName(issue.path);
      return { field, message: `${field} is not valid.` };
    }
  }
}

/**
 * Checks one call from a page: the method is a DeskMethod, the payload has exactly the shape the
 * method takes. Never throws. On refusal the error names the field (`method`, `payload`, or the
 * path of the field inside the payload, e.g. `mobile.dialNumber`).
 */
export function validateDeskCall(method: unknown, payload: unknown): DeskCallValidation {
  try {
    if (!isDeskMethod(method)) {
      return refuse(
        'method',
        typeof method === 'string' ? 'There is no such method.' : 'The method must be a method name.',
      );
    }
    const hazard = findHazard(payload);
    if (hazard) return refuse(hazard.field, hazard.message);
    const bytes = serializedBytes(payload);
    if (bytes === 'unserializable') return refuse('payload', 'The payload is not plain JSON.');
    if (bytes > MAX_PAYLOAD_BYTES)
      return refuse('payload', `The payload is larger than ${MAX_PAYLOAD_BYTES} bytes.`);
    const parsed = DESK_SCHEMAS[method].safeParse(payload);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      if (!first) return refuse('payload', 'The payload is not valid.');
      const { field, message } = describeIssue(first, payload);
      return refuse(field, message);
    }
    return { ok: true, method, payload: parsed.data } as DeskCallValidation;
  } catch {
    return refuse('payload', 'The payload could not be checked.');
  }
}

/**
 * Calls the Desk with a validated call. Never rejects: a Desk that throws (it should not) becomes
 * an `internal-error` result rather than a crashed bridge.
 */
export async function invokeDesk(
  desk: DeskApi,
  call: ValidDeskCall,
  onError: (error: unknown) => void = () => {},
): Promise<Result<unknown>> {
  try {
    const method = desk[call.method] as (payload: unknown) => Promise<Result<unknown>>;
    return await method.call(desk, call.payload);
  } catch (error) {
    onError(error);
    return {
      ok: false,
      error: { code: 'internal-error', message: 'Switchboard could not do that; see the log for details.' },
    };
  }
}

/** The secret a call carries: the agent's password, the broker passcode. */
function secretIn(call: ValidDeskCall): string | undefined {
  if (call.method === 'signIn') return call.payload.password;
  if (call.method === 'setUpConnection' && call.payload.mode === 'broker') return call.payload.brokerPasscode;
  return undefined;
}

/**
 * What a bridge sends back for a call. A refused sign-in's error never carries the password typed
 * (the desk's messages do not hold it; this keeps it so if one ever did), nor a refused connection
 * setup the broker passcode. Both bridges, IPC and
 * the browser host's WebSocket, answer through this.
 */
export function resultForCaller(call: ValidDeskCall, result: Result<unknown>): Result<unknown> {
  const password = secretIn(call);
  if (result.ok || !password) return result;
  const clean = (text: string) => redactText(text, [password]).split(password).join('[redacted]');
  const { code, message, field } = result.error;
  return {
    ok: false,
    error: {
      code: clean(code),
      message: clean(message),
      ...(field === undefined ? {} : { field: clean(field) }),
    },
  };
}
