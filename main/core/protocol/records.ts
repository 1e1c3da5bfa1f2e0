// Readers and writers for the structured parts of event fields: `key:value` records, call
// variables and participant lists. Records are read by key where the wire carries a key (keys
// compared case-insensitively, underscores ignored) and by position only where it carries none.

import {
  ITEM_SEPARATOR,
  KEY_SEPARATOR,
  RECORD_SEPARATOR,
  VARIABLE_SEPARATOR,
  normalizeKey,
  splitKeyedItem,
} from './wire.ts';

export interface RecordItemSpec<N extends string = string> {
  /** The property name in the decoded object. */
  readonly name: N;
  /** The key Switchboard writes on the wire. */
  readonly key: string;
  /** Other spellings accepted when reading (the seed's placeholder names, client-code names). */
  readonly aliases?: readonly string[];
}

export interface RecordCodec<N extends string> {
  readonly items: readonly RecordItemSpec<N>[];
  read(text: string): Record<N, string>;
  /** The item values in the spec's order ('' where absent), before they become an object. */
  readValues(text: string): string[];
  write(values: Record<N, string>): string;
  /** True when at least one item of `text` carries a key this record knows. */
  hasKnownKey(text: string): boolean;
}

/**
 * `build` turns the values (in the spec's order) into the object; written as an object literal
 * per record type it gives every decoded record one fixed shape, which keeps long lists (100,000
 * contacts) fast to build and to use.
 */
export function recordCodec<N extends string>(
  items: readonly RecordItemSpec<N>[],
  build?: (values: readonly string[]) => Record<N, string>,
): RecordCodec<N> {
  const indexByNormalizedKey = new Map<string, number>();
  items.forEach((item, index) => {
    indexByNormalizedKey.set(normalizeKey(item.key), index);
    for (const alias of item.aliases ?? []) indexByNormalizedKey.set(normalizeKey(alias), index);
  });
  // Raw keys repeat on every record of a long list: remember how each spelling resolved.
  const indexByRawKey = new Map<string, number>();
  const names = items.map((item) => item.name);
  const prefixes = items.map((item) => item.key + KEY_SEPARATOR);

  function indexOfKey(rawKey: string): number {
    const cached = indexByRawKey.get(rawKey);
    if (cached !== undefined) return cached;
    const index = indexByNormalizedKey.get(normalizeKey(rawKey)) ?? -1;
    if (indexByRawKey.size < 256) indexByRawKey.set(rawKey, index);
    return index;
  }

  function readValues(text: string): string[] {
    // Fast path: every item carries the key Switchboard writes, in order (what GC and the demo
    // send). One scan with startsWith/indexOf, one substring per value.
    const values: string[] = new Array(items.length);
    let position = 0;
    let index = 0;
    for (; index < items.length; index++) {
      const prefix = prefixes[index] as string;
      if (!text.startsWith(prefix, position)) break;
      const start = position + prefix.length;
      const end = text.indexOf(ITEM_SEPARATOR, start);
      const last = index === items.length - 1;
      if (last ? end !== -1 : end === -1) break;
      values[index] = text.slice(start, last ? text.length : end);
      position = end + 1;
    }
    if (index === items.length) return values;
    return readValuesByKey(text.split(ITEM_SEPARATOR));
  }

  function readValuesByKey(parts: string[]): string[] {
    const values: (string | undefined)[] = new Array(items.length);
    let positional: number[] | undefined;
    for (let position = 0; position < parts.length; position++) {
      const part = parts[position] as string;
      const { key, value } = splitKeyedItem(part);
      const index = key === undefined ? -1 : indexOfKey(key);
      if (index >= 0) {
        values[index] = value;
      } else {
        (positional ??= []).push(position);
      }
    }
    if (positional) {
      for (const position of positional) {
        if (position < items.length && values[position] === undefined) {
          // An unknown key is thrown away as GC's own clients do (`Split(':')[1]`).
          values[position] = splitKeyedItem(parts[position] as string).value;
        }
      }
    }
    const result: string[] = new Array(items.length);
    for (let index = 0; index < items.length; index++) result[index] = values[index] ?? '';
    return result;
  }

  function buildGeneric(values: readonly string[]): Record<N, string> {
    const result = {} as Record<N, string>;
    for (let index = 0; index < names.length; index++) result[names[index] as N] = values[index] ?? '';
    return result;
  }

  const toObject = build ?? buildGeneric;

  function write(values: Record<N, string>): string {
    let out = '';
    for (let index = 0; index < items.length; index++) {
      const item = items[index] as RecordItemSpec<N>;
      if (index > 0) out += ITEM_SEPARATOR;
      out += item.key + KEY_SEPARATOR + values[item.name];
    }
    return out;
  }

  function hasKnownKey(text: string): boolean {
    for (const part of text.split(ITEM_SEPARATOR)) {
      const { key } = splitKeyedItem(part);
      if (key !== undefined && indexOfKey(key) >= 0) return true;
    }
    return false;
  }

  return { items, read: (text) => toObject(readValues(text)), readValues, write, hasKnownKey };
}

export interface CallVariable {
  readonly name: string;
  readonly value: string;
}

/** `callVariable1=abc|associatedDialogId=` → ordered name/value pairs (names may repeat on the wire). */
export function readCallVariables(field: string): CallVariable[] {
  if (field === '') return [];
  const variables: CallVariable[] = [];
  for (const item of field.split(RECORD_SEPARATOR)) {
    if (item === '') continue;
    const equals = item.indexOf(VARIABLE_SEPARATOR);
    variables.push(
      equals < 0 ? { name: item, value: '' } : { name: item.slice(0, equals), value: item.slice(equals + 1) },
    );
  }
  return variables;
}

export function writeCallVariables(variables: readonly CallVariable[]): string {
  return variables
    .map((variable) => `${variable.name}${VARIABLE_SEPARATOR}${variable.value}`)
    .join(RECORD_SEPARATOR);
}

export interface Participant {
  /** The participant's media address: an extension or an outside number. */
  readonly mediaAddress: string;
  /** ACTIVE, HELD, … */
  readonly state: string;
  /** Third item; meaning unknown (GC-REFERENCE §5.6); the public client skips participants where it is NULL. */
  readonly tag: string;
  /** Fourth item; SUPERVISOR_BARGE_IN marks a supervisor who barged in. */
  readonly role: string;
}

/** `5001,ACTIVE,x,y|0300123,HELD,x,y` → participants. */
export function readParticipants(field: string): Participant[] {
  if (field === '') return [];
  const participants: Participant[] = [];
  for (const record of field.split(RECORD_SEPARATOR)) {
    if (record === '') continue;
    const [mediaAddress = '', state = '', tag = '', role = ''] = record.split(ITEM_SEPARATOR);
    participants.push({ mediaAddress, state, tag, role });
  }
  return participants;
}

export function writeParticipants(participants: readonly Participant[]): string {
  return participants
    .map((participant) =>
      [participant.mediaAddress, participant.state, participant.tag, participant.role].join(ITEM_SEPARATOR),
    )
    .join(RECORD_SEPARATOR);
}
