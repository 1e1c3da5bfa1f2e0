// What the number fields accept. Typing keeps digits and a leading +; a paste goes through
// libphonenumber-js (phone-number.ts), loaded only when first needed: its metadata is a third of
// the bundle and most sessions never paste a number.
// `#` and `*` are left out on purpose: `#` is a reserved character of the GC wire format.

/** Digits, with one + allowed at the start. */
export function dialableCharacters(text: string): string {
  const trimmed = text.trim();
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

/** A pasted number, formatted any way, as a dial string. */
export async function dialStringFromPaste(text: string): Promise<string> {
  const { normaliseDialString } = await import('./phone-number.ts');
  return normaliseDialString(text);
}
