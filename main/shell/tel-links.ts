// tel:, callto: and sip: links, from a browser, a CRM or the OS (argv on Windows and Linux, the
// open-url event on macOS), as a number the desk can dial. Anything else is refused: another
// scheme, a name instead of a number (sip:alice@example.com, callto:skype.name), letters, `*`
// or `#` (not dialable here; `#` is reserved on the GC wire), control or invisible characters,
// bad percent-encoding, oversized input. Never throws.
//
// tel: follows RFC 3966: visual separators `-` `.` `(` `)` are dropped (and spaces, which real
// links carry), parameters come after `;` (`;ext=` is kept, `;phone-context=` and `;isub=` are
// read past). sip: follows RFC 3261: the user part of user[:password]@host[;params][?headers] is
// read as a telephone subscriber (sip:+1-212-555-1212;phone-context=x@gw;user=phone).

import type { DialRequest } from '../../preload/ipc-channels.ts';
import type { ValidDeskCall } from '../core/desk/api-schemas.ts';

export type TelScheme = 'tel' | 'callto' | 'sip';

export interface TelLink {
  readonly scheme: TelScheme;
  /** A dial string: DIALABLE_NUMBER. */
  readonly number: string;
  /** Digits only, when the link had `;ext=`. */
  readonly extension: string | undefined;
}

export type TelLinkParse =
  { readonly ok: true; readonly link: TelLink } | { readonly ok: false; readonly reason: string };

export const MAX_TEL_URL_LENGTH = 2048;
/** What parseTelUrl ever returns as a number: digits, one leading `+` at most, 2 to 31 digits. */
export const DIALABLE_NUMBER = /^\+?[0-9]{2,31}$/;
export const DIALABLE_EXTENSION = /^[0-9]{1,16}$/;
const MAX_PARAMETERS = 16;
const SCHEMES: ReadonlySet<string> = new Set<TelScheme>(['tel', 'callto', 'sip']);

/** C0/C1 controls, format characters (bidi overrides, zero-width), line and paragraph separators. */
const HOSTILE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** RFC 3966 visual separators, and the spaces that links copied from documents carry. */
const SEPARATORS = /[-.() \u00a0]/g;

function refuse(reason: string): TelLinkParse {
  return { ok: false, reason };
}

function dialString(text: string): string | undefined {
  const compact = text.replace(SEPARATORS, '');
  return DIALABLE_NUMBER.test(compact) ? compact : undefined;
}

export function parseTelUrl(url: unknown): TelLinkParse {
  if (typeof url !== 'string') return refuse('not text');
  if (url.length > MAX_TEL_URL_LENGTH) return refuse('too long');
  if (HOSTILE.test(url)) return refuse('control or invisible characters');
  const colon = url.indexOf(':');
  const scheme = colon > 0 ? url.slice(0, colon).toLowerCase() : '';
  if (!SCHEMES.has(scheme)) return refuse('not a tel:, callto: or sip: link');
  let rest = url.slice(colon + 1);
  // `tel://…` and `callto://…` are wrong but common; `sip://` is not SIP at all.
  if (scheme !== 'sip' && rest.startsWith('//')) rest = rest.slice(2);
  // A raw `#` would start a fragment; RFC 3966 has it percent-encoded, and it is not dialable here.
  if (rest.includes('#')) return refuse('contains #');
  // sip: headers and callto:'s `?call` are not part of the number.
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return refuse('bad percent-encoding');
  }
  if (HOSTILE.test(decoded)) return refuse('control or invisible characters');
  if (decoded.includes('#') || decoded.includes('%')) return refuse('contains # or %');

  let subscriber = decoded;
  if (scheme === 'sip') {
    const at = decoded.indexOf('@');
    if (at <= 0) return refuse('a sip: link without a user part');
    if (decoded.slice(at + 1).trim() === '') return refuse('a sip: link without a host');
    const user = decoded.slice(0, at);
    // user[:password]; RFC 3261 allows `;` parameters inside a telephone-subscriber user part.
    const password = user.indexOf(':');
    subscriber = password >= 0 ? user.slice(0, password) : user;
  }

  const [numberPart = '', ...parameters] = subscriber.split(';');
  if (parameters.length > MAX_PARAMETERS) return refuse('too many parameters');
  let extension: string | undefined;
  for (const parameter of parameters) {
    const equals = parameter.indexOf('=');
    const name = (equals >= 0 ? parameter.slice(0, equals) : parameter).trim().toLowerCase();
    if (name !== 'ext') continue;
    if (extension !== undefined) return refuse('more than one extension');
    const value = (equals >= 0 ? parameter.slice(equals + 1) : '').replace(SEPARATORS, '');
    if (!DIALABLE_EXTENSION.test(value)) return refuse('the extension is not digits');
    extension = value;
  }
  const number = dialString(numberPart);
  if (number === undefined) {
    return refuse(
      /[a-z]/i.test(numberPart) ? 'not a telephone number (letters or a name)' : 'not a dialable number',
    );
  }
  return { ok: true, link: { scheme: scheme as TelScheme, number, extension } };
}

const LINK_ARGUMENT = /^(tel|callto|sip):/i;

/**
 * The link a launch was given, on Windows and Linux (the OS passes it as an argument; Chromium may
 * add switches around it). Switches are never links; the last link-looking argument wins.
 */
export function telUrlFromArgv(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const argument of argv) {
    if (typeof argument === 'string' && !argument.startsWith('-') && LINK_ARGUMENT.test(argument))
      found = argument;
  }
  return found;
}

export type TelLinkAction =
  | { readonly kind: 'call'; readonly call: Extract<ValidDeskCall, { method: 'makeCall' }> }
  | { readonly kind: 'dial-pad'; readonly request: DialRequest };

/**
 * Call at once (telLinks.callImmediately) or put the number on the dial pad for the agent to
 * check. A link with an extension always goes to the dial pad: the desk cannot key an extension
 * after the call connects, so the agent needs to see it.
 */
export function telLinkAction(link: TelLink, settings: { readonly callImmediately: boolean }): TelLinkAction {
  if (settings.callImmediately && link.extension === undefined)
    return { kind: 'call', call: { method: 'makeCall', payload: { number: link.number } } };
  return { kind: 'dial-pad', request: { number: link.number, extension: link.extension } };
}
