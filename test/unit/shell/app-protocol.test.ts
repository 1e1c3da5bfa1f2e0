// app://switchboard/…: requests map to files under the renderer directory and nowhere else,
// with the right type and the strict CSP on every response; the scheme's privileges.

import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APP_CONTENT_SECURITY_POLICY,
  APP_INDEX_URL,
  APP_SCHEME_PRIVILEGES,
  isAppUrl,
  resolveAppRequest,
} from '../../../main/shell/app-protocol.ts';
import { isInside } from '../../../main/web/static-files.ts';

const root = resolve('/opt/Switchboard/resources/app.asar/out/renderer');

describe('resolveAppRequest', () => {
  it('serves the page and its assets with their types and the security headers', () => {
    const page = resolveAppRequest(root, APP_INDEX_URL);
    expect(page).toEqual({
      ok: true,
      file: join(root, 'index.html'),
      headers: {
        'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Cache-Control': 'no-cache',
        'Content-Type': 'text/html; charset=utf-8',
      },
    });
    expect(resolveAppRequest(root, 'app://switchboard/')).toMatchObject({
      ok: true,
      file: join(root, 'index.html'),
    });
    expect(resolveAppRequest(root, 'app://switchboard/index.html?lang=fr#top')).toMatchObject({ ok: true });
    const script = resolveAppRequest(root, 'app://switchboard/assets/index-abc.js', 'HEAD');
    expect(script).toMatchObject({ ok: true, file: join(root, 'assets', 'index-abc.js') });
    expect(script.ok && script.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    ['a POST', 'app://switchboard/index.html', 'POST', 405],
    ['another host', 'app://evil/index.html', 'GET', 403],
    ['a port', 'app://switchboard:99/index.html', 'GET', 403],
    ['credentials', 'app://a:b@switchboard/index.html', 'GET', 403],
    ['another scheme', 'file:///etc/passwd', 'GET', 400],
    ['not a URL', 'no scheme here', 'GET', 400],
    ['encoded slashes', 'app://switchboard/..%2f..%2fmain%2findex.js', 'GET', 403],
    ['a backslash', 'app://switchboard/assets%5c..%5c..%5csecret', 'GET', 403],
    ['a dot-file', 'app://switchboard/.env', 'GET', 403],
    ['a drive letter', 'app://switchboard/C:%5cWindows%5cwin.ini', 'GET', 403],
    ['a NUL', 'app://switchboard/index.html%00.png', 'GET', 403],
    ['a directory', 'app://switchboard/assets/', 'GET', 404],
  ])('refuses %s', (_name, url, method, status) => {
    const resolved = resolveAppRequest(root, url, method);
    expect(resolved.ok).toBe(false);
    if (!resolved.ok) expect(resolved.status).toBe(status);
  });

  it('lets the URL parser resolve dot segments, which stay inside the root', () => {
    // WHATWG URL (as Chromium) reads `%2e%2e` as `..` and drops it at the root.
    expect(resolveAppRequest(root, 'app://switchboard/%2e%2e/%2e%2e/etc/passwd')).toMatchObject({
      ok: true,
      file: join(root, 'etc', 'passwd'),
    });
    expect(resolveAppRequest(root, 'app://switchboard/assets/../../index.html')).toMatchObject({
      ok: true,
      file: join(root, 'index.html'),
    });
  });

  it('never names a file outside the renderer directory', () => {
    const segment = fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2E%2e',
        '%2f',
        '%5c',
        '\\',
        '',
        'assets',
        'index.html',
        '%00',
        '~',
      ),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const resolved = resolveAppRequest(root, `app://switchboard/${segments.join('/')}`);
        if (resolved.ok) expect(isInside(root, resolved.file)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the CSP', () => {
  it('allows nothing remote, no inline or eval script, no plugins, no framing', () => {
    const directives = new Map(
      APP_CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(APP_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|ws:|\*/);
  });
});

describe('the app scheme', () => {
  it('is standard and secure, and bypasses nothing', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        corsEnabled: false,
        bypassCSP: false,
        allowServiceWorkers: false,
        stream: false,
        codeCache: true,
      },
    });
  });

  it('recognises only our own origin', () => {
    expect(isAppUrl('app://switchboard/index.html')).toBe(true);
    expect(isAppUrl('app://switchboard')).toBe(true);
    for (const url of [
      'app://switchboard.evil/',
      'https://switchboard/',
      'app://x@switchboard/',
      'app:switchboard',
      undefined,
      'not a url',
    ])
      expect(isAppUrl(url), String(url)).toBe(false);
  });
});
