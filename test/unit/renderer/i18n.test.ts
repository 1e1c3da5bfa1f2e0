// The message catalog (renderer/src/i18n): lookup with `{name}` interpolation, English as the
// fallback, a direction per locale, and the choice of locale.

import { describe, expect, it } from 'vitest';
import { agentStateText, callStateText } from '../../../renderer/src/i18n/agent-state.ts';
import { en } from '../../../renderer/src/i18n/en.ts';
import { errorText } from '../../../renderer/src/i18n/errors.ts';
import {
  createTranslator,
  directions,
  interpolate,
  isComplete,
  messages,
  pickLocale,
} from '../../../renderer/src/i18n/index.ts';

describe('t', () => {
  const { t } = createTranslator('en');

  it('looks a message up and fills its parameters', () => {
    expect(t('incoming.answer')).toBe('Answer');
    expect(t('health.reconnecting', { seconds: 4 })).toBe('Connection lost. Reconnecting in 4 s');
    expect(t('status.agent', { name: 'Priya Adeyemi', extension: '5001' })).toBe(
      'Priya Adeyemi, extension 5001',
    );
  });

  it('asks the compiler for exactly the parameters a message has', () => {
    // @ts-expect-error a message with a parameter needs it
    expect(t('status.pending')).toBe('Next: {state}');
    // @ts-expect-error a message without parameters takes none
    expect(t('incoming.answer', { x: 1 })).toBe('Answer');
  });

  it('inserts parameters as they are, once: a value that looks like a parameter stays text', () => {
    expect(interpolate('{a} and {b}', { a: '{b}', b: 'B' })).toBe('{b} and B');
    expect(interpolate('{missing}', {})).toBe('{missing}');
    expect(interpolate('{toString}', {})).toBe('{toString}');
  });
});

describe('locales', () => {
  it('each have a direction; the right-to-left stub proves the shape', () => {
    expect(directions.en).toBe('ltr');
    expect(directions.he).toBe('rtl');
    expect(createTranslator('he').dir).toBe('rtl');
  });

  it('fall back to English for keys a catalog lacks', () => {
    const { t } = createTranslator('he');
    expect(t('status.goReady')).toBe(messages.he['status.goReady']);
    expect(t('incoming.answer')).toBe('Answer');
  });

  it('English is complete and has no empty message', () => {
    expect(isComplete('en')).toBe(true);
    expect(Object.values(en).every((text) => text.trim() !== '')).toBe(true);
    expect(isComplete('he')).toBe(false);
  });

  it('are chosen from ?lang= first, then the browser’s complete ones, else English', () => {
    expect(pickLocale(['he-IL', 'en-US'], 'he')).toBe('he');
    expect(pickLocale(['he-IL', 'en-US'])).toBe('en');
    expect(pickLocale(['fr-FR'], 'xx')).toBe('en');
    expect(pickLocale(['EN-gb'])).toBe('en');
    expect(pickLocale([], '__proto__')).toBe('en');
  });
});

describe('wire words', () => {
  const { t } = createTranslator('en');

  it('name known states and show unknown ones as GC sent them', () => {
    expect(agentStateText(t, 'WORK_READY')).toBe('Wrap-up, then ready');
    expect(agentStateText(t, 'BRAND_NEW_STATE')).toBe('BRAND_NEW_STATE');
    expect(agentStateText(t, 'constructor')).toBe('constructor');
    expect(callStateText(t, 'HELD')).toBe('On hold');
  });

  it('show the desk’s own words, and word the bridge’s error here', () => {
    expect(errorText(t, { code: 'not-allowed', message: 'Go not ready before making a call.' })).toBe(
      'Go not ready before making a call.',
    );
    expect(errorText(t, { code: 'bridge-lost', message: 'internal' })).toBe(en['error.bridge-lost']);
  });
});
