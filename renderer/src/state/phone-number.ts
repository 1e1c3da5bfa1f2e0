// A formatted number ("+44 (0)20 7946 0958", "tel:+1-415-555-0134", "Tel: +1 415.555.0134 ext. 12")
// becomes E.164 through libphonenumber-js, which knows the trunk prefixes and extension marks a
// digit filter gets wrong. What it cannot read as a possible number (an extension, a national
// number without a country code) keeps the digits, and a leading +, of the first number in the
// text. An extension suffix is not dialled: a dial string has no way to carry one.

import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { dialableCharacters } from './dial-string.ts';

const FIRST_NUMBER = /\+?\d[\d\s().\-/]*/;

function possibleNumber(text: string): string | undefined {
  const parsed = parsePhoneNumberFromString(text);
  return parsed?.isPossible() ? parsed.number : undefined;
}

export function normaliseDialString(text: string): string {
  const cleaned = text.trim().replace(/^tel:/i, '');
  const first = FIRST_NUMBER.exec(cleaned)?.[0] ?? '';
  return possibleNumber(cleaned) ?? possibleNumber(first) ?? dialableCharacters(first);
}
