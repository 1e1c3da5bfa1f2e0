// How a problem message shows what it found: a primitive, clipped to about 100 characters; a list
// or an object described, never printed (it could hold anything, a pasted secret included).

const FOUND_MAX = 100;

/** What was found, for a message: a primitive, clipped; a list or an object described, never printed. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    if (value === '') return 'an empty text';
    return JSON.stringify(value.length > FOUND_MAX ? `${value.slice(0, FOUND_MAX)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return value.length === 0
      ? 'an empty list'
      : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}
