// Links that leave the app for the OS browser: https to a public name, nothing else.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_EXTERNAL_URL_LENGTH, checkExternalUrl } from '../../../main/shell/external-links.ts';

describe('checkExternalUrl', () => {
  it('opens https links to public names, as the URL parser writes them', () => {
    expect(checkExternalUrl('https://www.cisco.com/c/en/us/support/')).toEqual({
      ok: true,
      url: 'https://www.cisco.com/c/en/us/support/',
    });
    expect(checkExternalUrl('HTTPS://Example.COM/a b'.replace(' ', '%20'))).toEqual({
      ok: true,
      url: 'https://example.com/a%20b',
    });
    expect(checkExternalUrl('https://xn--bcher-kva.example/')).toMatchObject({ ok: true });
  });

  it.each([
    ['not text', 42, 'not text'],
    ['plain http', 'http://example.com/', 'the scheme http: is not opened'],
    ['file:', 'file:///etc/passwd', 'the scheme file: is not opened'],
    ['smb:', 'smb://host/share', 'the scheme smb: is not opened'],
    ['ms-msdt:', 'ms-msdt:/id PCWDiagnostic', 'control characters or spaces'],
    ['ms-msdt: without spaces', 'ms-msdt:/id', 'the scheme ms-msdt: is not opened'],
    ['javascript:', 'javascript:alert(1)', 'the scheme javascript: is not opened'],
    ['tel:', 'tel:+14155550134', 'the scheme tel: is not opened'],
    ['app:', 'app://switchboard/index.html', 'the scheme app: is not opened'],
    ['credentials', 'https://bank.example@evil.example/', 'credentials in the URL'],
    ['a port', 'https://example.com:8443/', 'a non-default port'],
    ['an IPv4 address', 'https://192.168.1.1/', 'an IP address, not a name'],
    ['a decimal IPv4 address', 'https://3232235777/', 'an IP address, not a name'],
    ['an IPv6 address', 'https://[::1]/', 'an IP address, not a name'],
    ['localhost', 'https://localhost/', 'a local host name'],
    ['a single label', 'https://intranet/', 'a local host name'],
    ['.local', 'https://printer.local/', 'a local host name'],
    ['.internal', 'https://crm.corp.internal/', 'a local host name'],
    ['a line break', 'https://example.com/\nx', 'control characters or spaces'],
    ['a bidi override', 'https://example.com/\u202e', 'control characters or spaces'],
    ['too long', `https://example.com/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`, 'too long'],
    ['not a URL', 'https://', 'not a URL'],
  ])('refuses %s', (_name, url, reason) => {
    expect(checkExternalUrl(url)).toEqual({ ok: false, reason });
  });

  it('keeps to an allow-list when given one', () => {
    const allowedHosts = ['cisco.com'];
    expect(checkExternalUrl('https://www.cisco.com/x', { allowedHosts }).ok).toBe(true);
    expect(checkExternalUrl('https://cisco.com/x', { allowedHosts }).ok).toBe(true);
    expect(checkExternalUrl('https://evilcisco.com/x', { allowedHosts })).toEqual({
      ok: false,
      reason: 'a host not on the allow-list',
    });
  });

  it('only ever passes https URLs, for any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl()), (url) => {
        const checked = checkExternalUrl(url);
        if (checked.ok) expect(new URL(checked.url).protocol).toBe('https:');
      }),
    );
  });
});
