// The message catalog: messages[locale][key], a direction per locale, and `t` with simple
// `{name}` interpolation (no plurals: messages are phrased so they need none).

import { en, type MessageKey } from './en.ts';
import { he } from './he.ts';

export type { MessageKey } from './en.ts';

export const messages = { en, he } satisfies Record<string, Partial<Record<MessageKey, string>>>;

export type Locale = keyof typeof messages;

export const directions: Readonly<Record<Locale, 'ltr' | 'rtl'>> = { en: 'ltr', he: 'rtl' };

/** The `{name}` parameters of a message, read from the English text. */
type ParamsOf<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamsOf<Rest>
  : never;

/** Keys whose text takes no parameters: what lookup tables (state → text) may hold. */
export type PlainMessageKey = {
  [K in MessageKey]: [ParamsOf<(typeof en)[K]>] extends [never] ? K : never;
}[MessageKey];

export type MessageParams<K extends MessageKey> = Readonly<Record<ParamsOf<(typeof en)[K]>, string | number>>;

/** `t('status.pending', { state })`: the compiler asks for exactly the parameters the text has. */
export type Translate = <K extends MessageKey>(
  key: K,
  ...params: [ParamsOf<(typeof en)[K]>] extends [never] ? [] : [MessageParams<K>]
) => string;

export interface Translator {
  readonly locale: Locale;
  readonly dir: 'ltr' | 'rtl';
  readonly t: Translate;
}

function isLocale(value: string): value is Locale {
  return Object.hasOwn(messages, value);
}

/** Every key present: only complete catalogs are chosen from the browser's language list. */
export function isComplete(locale: Locale): boolean {
  const catalog: Partial<Record<MessageKey, string>> = messages[locale];
  return (Object.keys(en) as MessageKey[]).every((key) => catalog[key] !== undefined);
}

/**
 * An explicit choice (the page's `?lang=`) wins when the catalog exists, complete or not;
 * otherwise the first of the browser's languages with a complete catalog; otherwise English.
 */
export function pickLocale(preferred: readonly string[], explicit?: string | null): Locale {
  if (explicit && isLocale(explicit)) return explicit;
  for (const tag of preferred) {
    const language = tag.toLowerCase().split('-')[0] ?? '';
    if (isLocale(language) && isComplete(language)) return language;
  }
  return 'en';
}

export function interpolate(text: string, params: Readonly<Record<string, string | number>> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function createTranslator(locale: Locale): Translator {
  const catalog: Partial<Record<MessageKey, string>> = messages[locale];
  const t = ((key: MessageKey, params?: Readonly<Record<string, string | number>>) =>
    interpolate(catalog[key] ?? en[key], params)) as Translate;
  return { locale, dir: directions[locale], t };
}
