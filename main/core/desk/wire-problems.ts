// What the desk does with text from the client topic it cannot use: malformed events (a known
// event with a broken layout) and unknown ones (a name not in the catalog). Every one is counted;
// the first of each kind is logged once, with what is wrong, and a summary with the counts goes
// to the log when the desk stops. A broken or hostile producer storming the topic then costs a
// counter increment per event, not a log line (which the redacting file logger would write, and
// rotate the useful lines away with).

import type { DecodedEvent } from '../protocol/index.ts';
import type { Logger } from '../log/logger.ts';

/** Distinct kinds remembered (and logged once each); any further kind is only counted. */
export const MAX_KINDS_LOGGED = 100;
/** Wire text copied into a log line (an event name, a reason quoting a value) is clipped to this. */
const MAX_TEXT = 120;

export interface WireProblemCounts {
  readonly malformed: number;
  readonly unknown: number;
  /** Per kind (`malformed <name>.<field>` or `unknown <name>`), as many as were remembered. */
  readonly byKind: Readonly<Record<string, number>>;
  /** Events of kinds beyond MAX_KINDS_LOGGED: counted above, not by kind. */
  readonly otherKinds: number;
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** One kind per event name and field; list positions do not make a kind (`queues[].callsInQueue`). */
function kindOf(event: Extract<DecodedEvent, { kind: 'malformed' | 'unknown' }>): string {
  return event.kind === 'malformed'
    ? `malformed ${clip(event.name)}.${clip(event.field.replace(/\[\d+\]/g, '[]'))}`
    : `unknown ${clip(event.name)}`;
}

export class WireProblems {
  readonly #log: Logger;
  readonly #byKind = new Map<string, number>();
  #malformed = 0;
  #unknown = 0;
  #otherKinds = 0;

  constructor(log: Logger) {
    this.#log = log;
  }

  /** Counts a decoded event when it is malformed or unknown (anything else is ignored). */
  record(event: DecodedEvent): void {
    if (event.kind !== 'malformed' && event.kind !== 'unknown') return;
    if (event.kind === 'malformed') this.#malformed++;
    else this.#unknown++;
    const kind = kindOf(event);
    const seen = this.#byKind.get(kind);
    if (seen !== undefined) {
      this.#byKind.set(kind, seen + 1);
      return;
    }
    if (this.#byKind.size >= MAX_KINDS_LOGGED) {
      if (this.#otherKinds++ === 0)
        this.#log({
          level: 'warn',
          event: 'desk.wire-problem-kinds',
          message: `more than ${MAX_KINDS_LOGGED} kinds of unusable events: further kinds are counted, not logged`,
        });
      return;
    }
    this.#byKind.set(kind, 1);
    if (event.kind === 'malformed') {
      this.#log({
        level: 'warn',
        event: 'desk.malformed-event',
        name: clip(event.name),
        field: clip(event.field),
        reason: clip(event.reason),
      });
    } else {
      this.#log({ level: 'info', event: 'desk.unknown-event', name: clip(event.name) });
    }
  }

  get counts(): WireProblemCounts {
    return {
      malformed: this.#malformed,
      unknown: this.#unknown,
      byKind: Object.fromEntries(this.#byKind),
      otherKinds: this.#otherKinds,
    };
  }

  /** The totals, once, for the log (when the desk stops); nothing when all was well. */
  logSummary(): void {
    if (this.#malformed === 0 && this.#unknown === 0) return;
    const kinds = [...this.#byKind].sort((a, b) => b[1] - a[1]).slice(0, 20);
    this.#log({
      level: this.#malformed > 0 ? 'warn' : 'info',
      event: 'desk.wire-problems',
      malformed: this.#malformed,
      unknown: this.#unknown,
      kinds: Object.fromEntries(kinds),
      otherKinds: this.#otherKinds,
    });
  }
}
