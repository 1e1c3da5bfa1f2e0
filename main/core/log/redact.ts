// Redaction: what a log line may hold. Two nets, both always on:
//
// 1. By name: the value of any key named like a credential (password, passcode, secret, token,
//    authorization, cookie, …; any case, any depth, inside arrays and Maps too) becomes
//    '[redacted]', whatever its type. Text shaped like `passcode:…`, `token=…` or a URL's
//    `user:password@` loses the value the same way, which covers raw STOMP frames and query strings.
// 2. By value: every occurrence of a registered secret (the agent password, the broker passcode:
//    whatever the vault currently holds; 3 characters or more) inside any text, key or number is
//    replaced by '[redacted]', as written and as it would look URL-encoded or JSON-escaped.
//
// The result is plain data that JSON.stringify always accepts: cycles become '[circular]', depth
// beyond MAX_DEPTH '[too deep]', Errors { name, message, stack, cause, … }, bigint and symbols
// text, binary data its length. It never throws: a getter that throws reads as '[unreadable]'.

import type { LogEntry, LogLevel } from './logger.ts';

export const REDACTED = '[redacted]';
export const TOO_DEEP = '[too deep]';
export const CIRCULAR = '[circular]';
export const UNREADABLE = '[unreadable]';

/** Levels of nesting kept below the entry itself; deeper values become '[too deep]'. */
export const MAX_DEPTH = 8;
/** Elements kept per array, Map, Set or object; the rest are counted in one '[… N more]' element or key. */
export const MAX_ITEMS = 500;
/** Characters kept per string (after redaction, so a cut can never leave half a secret behind the cut). */
export const MAX_STRING = 16_384;
/** Registered secrets shorter than this are ignored: replacing "ab" everywhere would ruin every line. */
export const MIN_SECRET_LENGTH = 3;

const SECRET_KEY =
  /pass(?:word|wd|code|phrase)|secret|token|authori[sz]ation|cookie|credential|api[-_]?key|private[-_]?key/i;

/** Is this key's value a credential, whatever it holds? */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** `passcode:x`, `password = "x"`, `token=x` in free text (a STOMP frame, a query string, a header dump). */
const SECRET_ASSIGNMENT =
  /((?:pass(?:word|wd|code|phrase)|secret|token|api[-_]?key|authorization)["']?\s*[:=]\s*["']?)([^\s"'&,;]+)/gi;
/** `scheme://user:password@host` */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)([^\s/@]+)(@)/gi;

const LEVELS: ReadonlySet<string> = new Set(['debug', 'info', 'warn', 'error']);

/** The entry with every secret gone; see the module comment. Never throws. */
export function redactEntry(entry: LogEntry, secrets: readonly string[]): LogEntry {
  try {
    const redactor = new Redactor(secrets);
    const out: Record<string, unknown> = {};
    const fields = ownEntries(entry);
    for (const [key, value] of fields) {
      if (key === 'level' || key === 'event') continue;
      redactor.assign(out, key, value, 1, [entry]);
    }
    const level = readField(entry, 'level');
    const event = readField(entry, 'event');
    return {
      ...out,
      level: typeof level === 'string' && LEVELS.has(level) ? (level as LogLevel) : 'error',
      event: typeof event === 'string' ? redactor.text(event) : redactor.text(String(event)),
    };
  } catch {
    return { level: 'error', event: 'log.redaction-failed' };
  }
}

/** Every registered secret removed from one text (for messages built outside a log entry). */
export function redactText(text: string, secrets: readonly string[]): string {
  try {
    return new Redactor(secrets).text(text);
  } catch {
    return REDACTED;
  }
}

class Redactor {
  /** Longest first, so a secret that contains another is replaced whole. */
  readonly #needles: readonly string[];

  constructor(secrets: readonly string[]) {
    const needles = new Set<string>();
    for (const secret of secrets) {
      if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
      needles.add(secret);
      for (const variant of [encodeURIComponentSafe(secret), JSON.stringify(secret).slice(1, -1)]) {
        if (variant !== undefined && variant.length >= MIN_SECRET_LENGTH) needles.add(variant);
      }
    }
    this.#needles = [...needles].sort((a, b) => b.length - a.length);
  }

  /** `text` with every secret occurrence, credential assignment and URL password replaced. */
  text(text: string): string {
    let out = this.#replaceSecrets(text);
    if (SECRET_ASSIGNMENT.test(out)) out = out.replace(SECRET_ASSIGNMENT, `$1${REDACTED}`);
    SECRET_ASSIGNMENT.lastIndex = 0;
    if (URL_PASSWORD.test(out)) out = out.replace(URL_PASSWORD, `$1${REDACTED}$3`);
    URL_PASSWORD.lastIndex = 0;
    return out.length > MAX_STRING
      ? `${out.slice(0, MAX_STRING)}…[${out.length - MAX_STRING} more characters]`
      : out;
  }

  /**
   * Every occurrence of every secret, found in the original text and merged where they overlap
   * or touch, replaced by one marker each: replacing one secret at a time could let a later
   * secret match across an earlier marker, or a marker's own letters.
   */
  #replaceSecrets(text: string): string {
    if (this.#needles.length === 0) return text;
    let spans: Array<[number, number]> | undefined;
    for (const needle of this.#needles) {
      let from = text.indexOf(needle);
      while (from !== -1) {
        (spans ??= []).push([from, from + needle.length]);
        from = text.indexOf(needle, from + 1);
      }
    }
    if (spans === undefined) return text;
    spans.sort((a, b) => a[0] - b[0]);
    let out = '';
    let cursor = 0;
    let start = -1;
    let end = -1;
    for (const [spanStart, spanEnd] of spans) {
      if (start !== -1 && spanStart <= end) {
        end = Math.max(end, spanEnd);
        continue;
      }
      if (start !== -1) {
        out += text.slice(cursor, start) + REDACTED;
        cursor = end;
      }
      start = spanStart;
      end = spanEnd;
    }
    out += text.slice(cursor, start) + REDACTED + text.slice(end);
    return out;
  }

  /** Sets `out[key]` to the redacted `value`, redacting the key too (and keeping it distinct). */
  assign(
    out: Record<string, unknown>,
    key: string,
    value: unknown,
    depth: number,
    ancestors: unknown[],
  ): void {
    let name = this.text(key);
    if (name !== key && Object.hasOwn(out, name)) {
      let suffix = 2;
      while (Object.hasOwn(out, `${name}#${suffix}`)) suffix++;
      name = `${name}#${suffix}`;
    }
    // A credential-named key loses its value; the key's own name is kept (redacted as text).
    let redacted: unknown;
    try {
      redacted = isSecretKey(key) ? REDACTED : this.value(value, depth, ancestors);
    } catch {
      redacted = UNREADABLE; // a revoked Proxy, an exotic object that throws on inspection
    }
    // defineProperty: a key named __proto__ stays a key instead of replacing the prototype.
    Object.defineProperty(out, name, {
      value: redacted,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }

  value(value: unknown, depth: number, ancestors: unknown[]): unknown {
    switch (typeof value) {
      case 'string':
        return this.text(value);
      case 'number':
        return this.#number(value, String(value));
      case 'bigint':
        return this.#number(value, `${value}n`);
      case 'boolean':
      case 'undefined':
        return value;
      case 'symbol':
        return this.text(value.toString());
      case 'function':
        return this.text(`[function ${value.name || 'anonymous'}]`);
      case 'object':
        break;
    }
    if (value === null) return null;
    if (ancestors.includes(value)) return CIRCULAR;
    if (depth > MAX_DEPTH) return TOO_DEEP;
    const path = [...ancestors, value];
    const next = depth + 1;

    if (value instanceof Error) return this.#error(value, depth, path);
    if (value instanceof Date) {
      return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    }
    if (value instanceof URL) return this.text(value.href);
    if (value instanceof RegExp) return this.text(String(value));
    // Raw bytes may be a whole STOMP CONNECT frame, passcode and all: never logged, only measured.
    if (ArrayBuffer.isView(value)) return `[binary, ${value.byteLength} bytes]`;
    if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) {
      return `[binary, ${value.byteLength} bytes]`;
    }
    if (value instanceof Map) {
      const out: Record<string, unknown> = {};
      let count = 0;
      for (const [key, item] of value) {
        if (count++ >= MAX_ITEMS) {
          out[`[… ${value.size - MAX_ITEMS} more]`] = true;
          break;
        }
        this.assign(out, typeof key === 'string' ? key : describeKey(key), item, next, path);
      }
      return out;
    }
    if (value instanceof Set) return this.#array([...value], next, path);
    if (Array.isArray(value)) return this.#array(value, next, path);

    const toJSON = readField(value, 'toJSON');
    if (typeof toJSON === 'function') {
      try {
        return this.value(toJSON.call(value), next, path);
      } catch {
        return UNREADABLE;
      }
    }
    const out: Record<string, unknown> = {};
    const entries = ownEntries(value);
    entries.slice(0, MAX_ITEMS).forEach(([key, item]) => this.assign(out, key, item, next, path));
    if (entries.length > MAX_ITEMS) out[`[… ${entries.length - MAX_ITEMS} more]`] = true;
    return out;
  }

  #number(value: number | bigint, text: string): number | string {
    const redacted = this.#replaceSecrets(text);
    if (redacted !== text) return redacted;
    return typeof value === 'bigint' ? text : value;
  }

  #array(items: readonly unknown[], depth: number, path: unknown[]): unknown[] {
    const out: unknown[] = [];
    const length = items.length;
    for (let index = 0; index < Math.min(length, MAX_ITEMS); index++) {
      let item: unknown;
      try {
        item = this.value(items[index], depth, path);
      } catch {
        item = UNREADABLE;
      }
      out.push(item);
    }
    if (length > MAX_ITEMS) out.push(`[… ${length - MAX_ITEMS} more]`);
    return out;
  }

  #error(error: Error, depth: number, path: unknown[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const name = readField(error, 'name');
    const message = readField(error, 'message');
    const stack = readField(error, 'stack');
    out.name = this.text(typeof name === 'string' ? name : 'Error');
    out.message = this.text(typeof message === 'string' ? message : String(message));
    if (typeof stack === 'string') out.stack = this.text(stack);
    // code, errno, syscall, a broker's error headers: whatever the error carries of its own.
    for (const [key, item] of ownEntries(error)) {
      if (key === 'name' || key === 'message' || key === 'stack') continue;
      this.assign(out, key, item, depth + 1, path);
    }
    const cause = readField(error, 'cause');
    if (cause !== undefined && !Object.hasOwn(out, 'cause')) out.cause = this.value(cause, depth + 1, path);
    if (error instanceof AggregateError && !Object.hasOwn(out, 'errors')) {
      const errors = readField(error, 'errors');
      if (Array.isArray(errors)) out.errors = this.#array(errors, depth + 1, path);
    }
    return out;
  }
}

function ownEntries(value: object): Array<[string, unknown]> {
  let keys: string[];
  try {
    keys = Object.keys(value);
  } catch {
    return [];
  }
  return keys.map((key) => [key, readField(value, key)]);
}

function readField(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return UNREADABLE;
  }
}

function describeKey(key: unknown): string {
  if (typeof key === 'object' && key !== null) return '[object key]';
  try {
    return String(key);
  } catch {
    return UNREADABLE;
  }
}

function encodeURIComponentSafe(text: string): string | undefined {
  try {
    return encodeURIComponent(text);
  } catch {
    return undefined; // a lone surrogate
  }
}
