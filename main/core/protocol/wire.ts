// The GC text framing shared by commands and events (PROTOCOL.md, "Framing").
//
// Commands: JMSType `<Command>#<id>`, body = parameters joined by `,`.
// Events:   `<receiver>#<EventName>#<field>#<field>…`, inside a field `,` separates items,
//           `|` separates records, `key:value` names an item and `name=value` a call variable.
// GC documents `,` `#` `|` as reserved (deployment guide); a line break or NUL cannot travel
// either: the body goes out without content-length, so a NUL would end the STOMP frame early.

export const FIELD_SEPARATOR = '#';
export const ITEM_SEPARATOR = ',';
export const RECORD_SEPARATOR = '|';
export const KEY_SEPARATOR = ':';
export const VARIABLE_SEPARATOR = '=';

const RESERVED_PARAMETER_PATTERN = /[,#|\r\n\0]/;

/** The first reserved character in `value`, or undefined when the value may travel. */
export function findReservedCharacter(
  value: string,
  pattern: RegExp = RESERVED_PARAMETER_PATTERN,
): string | undefined {
  const match = pattern.exec(value);
  return match ? match[0] : undefined;
}

/** A readable name for a reserved character, for error messages shown to people. */
export function describeCharacter(character: string): string {
  switch (character) {
    case '\r':
      return 'a carriage return';
    case '\n':
      return 'a line break';
    case '\0':
      return 'a NUL character';
    default:
      return `"${character}"`;
  }
}

/**
 * Splits a `key:value` item at its first colon. The key counts only when it looks like a key
 * (letters, digits, `_`, starting with a letter): `StateChangeTime:2022-01-20 10:15:02` has a
 * key, `10:15:02` does not. Values may contain colons (timestamps), keys may not.
 */
export function splitKeyedItem(item: string): { key: string | undefined; value: string } {
  const colon = item.indexOf(KEY_SEPARATOR);
  if (colon <= 0) return { key: undefined, value: item };
  const first = item.charCodeAt(0);
  const startsWithLetter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122);
  if (!startsWithLetter) return { key: undefined, value: item };
  for (let index = 1; index < colon; index++) {
    const code = item.charCodeAt(index);
    const isWordCharacter =
      (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
    if (!isWordCharacter) return { key: undefined, value: item };
  }
  return { key: item.slice(0, colon), value: item.slice(colon + 1) };
}

/** Keys are compared case-insensitively and without underscores: `Number_of_CallsInQueue` = `numberofcallsinqueue`. */
export function normalizeKey(key: string): string {
  const lower = key.toLowerCase();
  return lower.includes('_') ? lower.replaceAll('_', '') : lower;
}

/** The value of a positional `k:value` field: GC writes a key GC's clients throw away. */
export function valueAfterKey(field: string): string {
  return splitKeyedItem(field).value;
}
