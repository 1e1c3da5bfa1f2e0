// tel:, callto: and sip: links as dialable numbers: RFC 3966 separators and parameters, the
// extension, sip: user parts; everything else refused. Property: parseTelUrl never throws and
// never returns anything but a dial string.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DIALABLE_EXTENSION,
  DIALABLE_NUMBER,
  MAX_TEL_URL_LENGTH,
  parseTelUrl,
  telLinkAction,
  telUrlFromArgv,
} from '../../../main/shell/tel-links.ts';

describe('parseTelUrl accepts', () => {
  it.each([
    ['tel:+442079460958', 'tel', '+442079460958', undefined],
    ['tel:+1-201-555-0123', 'tel', '+12015550123', undefined],
    ['TEL:+1.201.555.0123', 'tel', '+12015550123', undefined],
    ['tel:+1(201)555-0123', 'tel', '+12015550123', undefined],
    ['tel:+44%2020%207946%200958', 'tel', '+442079460958', undefined],
    ['tel:+44 20 7946 0958', 'tel', '+442079460958', undefined],
    ['tel:+1-201-555-0123;ext=1234', 'tel', '+12015550123', '1234'],
    ['tel:+1-201-555-0123;EXT=12-34', 'tel', '+12015550123', '1234'],
    ['tel:7042;phone-context=example.com', 'tel', '7042', undefined],
    ['tel:863-1234;phone-context=+1-914-555', 'tel', '8631234', undefined],
    ['tel:+1-201-555-0123;isub=abc;ext=9', 'tel', '+12015550123', '9'],
    ['tel://+14155550134', 'tel', '+14155550134', undefined],
    ['callto:+14155550134', 'callto', '+14155550134', undefined],
    ['callto://+14155550134', 'callto', '+14155550134', undefined],
    ['callto:+14155550134?call', 'callto', '+14155550134', undefined],
    ['sip:5001@pbx.example.com', 'sip', '5001', undefined],
    ['sip:+1-212-555-1212:1234@gateway.com;user=phone', 'sip', '+12125551212', undefined],
    ['sip:+12125551212;ext=77@gateway.com;user=phone', 'sip', '+12125551212', '77'],
    [
      'sip:+1-212-555-1212;phone-context=example.com@gw.example.com?subject=hello',
      'sip',
      '+12125551212',
      undefined,
    ],
    ['SIP:00442079460958@10.0.0.1:5060', 'sip', '00442079460958', undefined],
  ])('%s', (url, scheme, number, extension) => {
    expect(parseTelUrl(url)).toEqual({ ok: true, link: { scheme, number, extension } });
  });
});

describe('parseTelUrl refuses', () => {
  it.each([
    ['not text', 42],
    ['not text', undefined],
    ['another scheme', 'https://example.com/+14155550134'],
    ['another scheme', 'sms:+14155550134'],
    ['another scheme', 'javascript:alert(1)'],
    ['another scheme', 'file:///etc/passwd'],
    ['no scheme', '+14155550134'],
    ['sips (not registered)', 'sips:5001@pbx.example.com'],
    ['a name', 'sip:alice@example.com'],
    ['a Skype name', 'callto:ada.agent'],
    ['a vanity number', 'tel:+1-800-FLOWERS'],
    ['a sip: link without a user', 'sip:pbx.example.com'],
    ['a sip: link without a host', 'sip:5001@'],
    ['a fragment', 'tel:+14155550134#x'],
    ['an encoded #', 'tel:*123%23'],
    ['a star code', 'tel:*31*5551234'],
    ['no digits', 'tel:'],
    ['only a plus', 'tel:+'],
    ['one digit', 'tel:5'],
    ['a second plus', 'tel:+1+2025550123'],
    ['too many digits', `tel:+${'1'.repeat(32)}`],
    ['bad percent-encoding', 'tel:+1%2'],
    ['double encoding', 'tel:+1%25202025550123'],
    ['a control character', 'tel:+1415\u00005550134'],
    ['an encoded line break', 'tel:+14155550134%0A'],
    ['a bidi override', 'tel:+1415\u202e5550134'],
    ['a zero-width space', 'tel:+1415\u200b5550134'],
    ['an extension with letters', 'tel:+14155550134;ext=abc'],
    ['two extensions', 'tel:+14155550134;ext=1;ext=2'],
    ['too many parameters', `tel:+14155550134${';a=b'.repeat(20)}`],
    ['too long', `tel:+14155550134;x=${'y'.repeat(MAX_TEL_URL_LENGTH)}`],
    ['fullwidth digits', 'tel:＋１４１５５５５０１３４'],
  ])('%s: %s', (_why, url) => {
    const result = parseTelUrl(url);
    expect(result.ok).toBe(false);
  });

  it('says why, without echoing the link', () => {
    const result = parseTelUrl('sip:alice@example.com');
    expect(result).toEqual({ ok: false, reason: 'not a telephone number (letters or a name)' });
  });
});

describe('parseTelUrl properties', () => {
  const dialable = (result: ReturnType<typeof parseTelUrl>) => {
    if (!result.ok) return;
    expect(result.link.number).toMatch(DIALABLE_NUMBER);
    if (result.link.extension !== undefined) expect(result.link.extension).toMatch(DIALABLE_EXTENSION);
    expect(['tel', 'callto', 'sip']).toContain(result.link.scheme);
  };

  it('never throws and never returns a non-dialable string, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => dialable(parseTelUrl(text))),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.anything(), (value) => dialable(parseTelUrl(value))));
  });

  it('never throws and never returns a non-dialable string, for link-shaped text', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '+',
        '-',
        '.',
        '(',
        ')',
        ' ',
        ';',
        '=',
        '@',
        ':',
        '%',
        '#',
        '*',
        '?',
        '/',
        'ext',
        'phone-context',
      ),
      fc.stringMatching(/^[0-9]{1,6}$/),
      fc.stringMatching(/^%[0-9A-Fa-f]{2}$/),
      fc.string({ maxLength: 3 }),
    );
    const link = fc.tuple(
      fc.constantFrom('tel:', 'TEL:', 'callto:', 'callto://', 'sip:', 'Sip:'),
      fc.array(piece, { maxLength: 24 }),
    );
    fc.assert(
      fc.property(link, ([scheme, pieces]) => dialable(parseTelUrl(scheme + pieces.join('')))),
      { numRuns: 5000 },
    );
  });

  it('reads any dial string written with separators back as itself', () => {
    const number = fc.tuple(fc.boolean(), fc.stringMatching(/^[0-9]{2,15}$/));
    const separated = fc.tuple(number, fc.array(fc.constantFrom('-', '.', ' ', '(', ')'), { maxLength: 15 }));
    fc.assert(
      fc.property(separated, ([[plus, digits], separators]) => {
        let text = '';
        [...digits].forEach((digit, index) => (text += digit + (separators[index] ?? '')));
        const result = parseTelUrl(`tel:${plus ? '+' : ''}${encodeURIComponent(text)}`);
        expect(result).toEqual({
          ok: true,
          link: { scheme: 'tel', number: `${plus ? '+' : ''}${digits}`, extension: undefined },
        });
      }),
    );
  });
});

describe('telUrlFromArgv', () => {
  it('finds the link among Chromium switches, the last one winning', () => {
    expect(telUrlFromArgv(['C:\\Switchboard\\Switchboard.exe', '--allow-file-access', 'tel:+1555'])).toBe(
      'tel:+1555',
    );
    expect(telUrlFromArgv(['switchboard', 'callto:+1', 'SIP:5001@pbx'])).toBe('SIP:5001@pbx');
    expect(telUrlFromArgv(['switchboard', '--hidden'])).toBeUndefined();
    expect(telUrlFromArgv(['switchboard', '--url=tel:+1555', 'https://example.com'])).toBeUndefined();
  });
});

describe('telLinkAction', () => {
  const link = { scheme: 'tel' as const, number: '+14155550134', extension: undefined };

  it('puts the number on the dial pad, or calls at once when the setting says so', () => {
    expect(telLinkAction(link, { callImmediately: false })).toEqual({
      kind: 'dial-pad',
      request: { number: '+14155550134', extension: undefined },
    });
    expect(telLinkAction(link, { callImmediately: true })).toEqual({
      kind: 'call',
      call: { method: 'makeCall', payload: { number: '+14155550134' } },
    });
  });

  it('always shows a link with an extension on the dial pad', () => {
    expect(telLinkAction({ ...link, extension: '12' }, { callImmediately: true })).toEqual({
      kind: 'dial-pad',
      request: { number: '+14155550134', extension: '12' },
    });
  });
});
