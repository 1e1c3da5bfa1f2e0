// Events in both directions: the desk decodes, the demo gateway encodes. decodeEvent never
// throws: whatever arrives comes back as a typed event, an `unknown` event with its raw text, or
// a `malformed` event naming the field that broke the layout.

import type { DecodedEvent, GcEvent, GcEventKind, MalformedEvent } from './event-types.ts';
import { EVENTS, EVENT_KINDS, EncodeProblem, FieldProblem, type EventSpec } from './events.ts';
import { err, ok, type Result } from './result.ts';
import { FIELD_SEPARATOR } from './wire.ts';

export type EventWireNames = Partial<Record<GcEventKind, string>>;

export interface EventEncodeError {
  readonly code: 'unencodable-event';
  readonly kind: string;
  readonly field: string;
  readonly message: string;
}

export interface EventCodec {
  decodeEvent(text: unknown): DecodedEvent;
  encodeEvent(event: GcEvent): Result<string, EventEncodeError>;
  wireName(kind: GcEventKind): string;
}

type AnySpec = EventSpec<GcEvent>;

const RECEIVER_FORBIDDEN = /[#\0]/;

/**
 * The most fields one event may have. The largest real one is a phonebook page: the demo's
 * 100,000-contact directory is 100,002 fields; anything far beyond is refused as malformed.
 */
export const MAX_FIELDS_PER_EVENT = 250_000;

function countFields(text: string): number {
  let count = 1;
  for (let at = text.indexOf(FIELD_SEPARATOR); at >= 0; at = text.indexOf(FIELD_SEPARATOR, at + 1)) {
    if (++count > MAX_FIELDS_PER_EVENT) break;
  }
  return count;
}

/** Text for the `raw` of a malformed event; never throws (String() does for some objects). */
function describeValue(value: unknown): string {
  try {
    return String(value);
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return '[value without a text form]';
    }
  }
}

export function createEventCodec(wireNames: EventWireNames = {}): EventCodec {
  const specByWire = new Map<string, AnySpec>();
  const specByLowerWire = new Map<string, AnySpec>();
  const wireByKind = new Map<GcEventKind, string>();
  for (const kind of EVENT_KINDS) {
    const spec = EVENTS[kind] as AnySpec;
    const wire = wireNames[kind] ?? spec.wire;
    wireByKind.set(kind, wire);
    specByWire.set(wire, spec);
    specByLowerWire.set(wire.toLowerCase(), spec);
  }

  function malformed(name: string, field: string, reason: string, raw: string): MalformedEvent {
    return { kind: 'malformed', name, field, reason, raw };
  }

  function decodeEvent(text: unknown): DecodedEvent {
    if (typeof text !== 'string') {
      return malformed(
        '',
        'body',
        `the message body is ${text === null ? 'null' : typeof text}, not text`,
        describeValue(text),
      );
    }
    // A trailing line break is transport noise (some producers end the text with one).
    let body = text;
    while (body.endsWith('\n') || body.endsWith('\r')) body = body.slice(0, -1);
    if (body.length > MAX_FIELDS_PER_EVENT && countFields(body) > MAX_FIELDS_PER_EVENT) {
      // Hostile input: millions of tiny records would take seconds and gigabytes to build.
      return malformed('', 'body', `more than ${MAX_FIELDS_PER_EVENT} fields`, text.slice(0, 1_000));
    }
    const fields = body.split(FIELD_SEPARATOR);
    if (fields.length < 2)
      return malformed('', 'name', 'no "#" separates the receiver from the event name', text);
    const receiver = fields[0] as string;
    const name = (fields[1] as string).trim();
    if (name === '') return malformed('', 'name', 'the event name is empty', text);
    // Exact spelling first; then any case, since GC's casing is attested for only a few names.
    const spec = specByWire.get(name) ?? specByLowerWire.get(name.toLowerCase());
    if (!spec) return { kind: 'unknown', receiver, name, raw: text };
    try {
      const decoded = spec.decode(fields, receiver);
      return decoded instanceof FieldProblem ? malformed(name, decoded.field, decoded.reason, text) : decoded;
    } catch (error) {
      // Decoders are written not to throw; this keeps the promise if one ever does.
      return malformed(
        name,
        'body',
        `decoder failed: ${error instanceof Error ? error.message : String(error)}`,
        text,
      );
    }
  }

  function encodeEvent(event: GcEvent): Result<string, EventEncodeError> {
    const spec = (EVENTS as Record<string, AnySpec | undefined>)[event.kind];
    if (!spec) {
      return err({
        code: 'unencodable-event',
        kind: String(event.kind),
        field: 'kind',
        message: 'not a catalog event',
      });
    }
    if (typeof event.receiver !== 'string' || RECEIVER_FORBIDDEN.test(event.receiver)) {
      return err({
        code: 'unencodable-event',
        kind: event.kind,
        field: 'receiver',
        message: 'the receiver must be text without "#"',
      });
    }
    try {
      const fields = spec.encode(event);
      const wire = wireByKind.get(event.kind) ?? spec.wire;
      const text =
        fields.length === 0 ? `${event.receiver}#${wire}` : `${event.receiver}#${wire}#${fields.join('#')}`;
      // decodeEvent drops trailing line breaks as transport noise: a last field ending in one
      // would not read back intact.
      if (text.endsWith('\n') || text.endsWith('\r')) {
        return err({
          code: 'unencodable-event',
          kind: event.kind,
          field: `[${fields.length + 1}]`,
          message: `${event.kind}: the last field [${fields.length + 1}] ends with a line break, which readers drop`,
        });
      }
      return ok(text);
    } catch (error) {
      if (error instanceof EncodeProblem) {
        return err({
          code: 'unencodable-event',
          kind: event.kind,
          field: error.field,
          message: `${event.kind}: ${error.field} ${error.reason}`,
        });
      }
      throw error;
    }
  }

  return { decodeEvent, encodeEvent, wireName: (kind) => wireByKind.get(kind) ?? EVENTS[kind].wire };
}
