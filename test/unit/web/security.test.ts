// The browser host's gatekeeping: token generation and constant-time comparison, the Host check
// against DNS rebinding, the exact-Origin check on the WebSocket upgrade, and the headers.

import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  SECURITY_HEADERS,
  generateToken,
  isAllowedHost,
  isAllowedOrigin,
  pathFromTarget,
  tokenFromTarget,
  tokensEqual,
} from '../../../main/web/security.ts';

describe('token', () => {
  it('is 32 random bytes in base64url', () => {
    const token = generateToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(new Set(Array.from({ length: 50 }, generateToken)).size).toBe(50);
  });

  it('compares equal tokens only', () => {
    const token = generateToken();
    expect(tokensEqual(token, token)).toBe(true);
    expect(tokensEqual(`${token}`, token)).toBe(true);
    expect(tokensEqual(token.slice(0, -1), token)).toBe(false);
    expect(tokensEqual(`${token}x`, token)).toBe(false);
    expect(tokensEqual(token.toUpperCase(), token)).toBe(false);
    expect(tokensEqual('', token)).toBe(false);
    expect(tokensEqual(undefined, token)).toBe(false);
    expect(tokensEqual(null, token)).toBe(false);
    expect(tokensEqual(['x'], token)).toBe(false);
    expect(tokensEqual('', '')).toBe(false);
  });

  it('reads the token from a request target', () => {
    expect(tokenFromTarget('/api?token=abc-_1')).toBe('abc-_1');
    expect(tokenFromTarget('/?x=1&token=a%2Bb')).toBe('a+b');
    expect(tokenFromTarget('/api')).toBeUndefined();
    expect(tokenFromTarget('/api?tok=1')).toBeUndefined();
    expect(tokenFromTarget(undefined)).toBeUndefined();
  });

  it('reads the raw path from a request target', () => {
    expect(pathFromTarget('/api?token=1')).toBe('/api');
    expect(pathFromTarget('/assets/a.js')).toBe('/assets/a.js');
    expect(pathFromTarget('/%2e%2e/x?y')).toBe('/%2e%2e/x');
    expect(pathFromTarget(undefined)).toBe('/');
  });
});

describe('Host check (DNS rebinding)', () => {
  it('accepts this server by loopback address or localhost, with the port', () => {
    expect(isAllowedHost('127.0.0.1:4312', 4312)).toBe(true);
    expect(isAllowedHost('localhost:4312', 4312)).toBe(true);
    expect(isAllowedHost('LocalHost:4312', 4312)).toBe(true);
  });

  it('refuses any other name, port or form', () => {
    for (const host of [
      'evil.example:4312',
      'evil.example',
      '127.0.0.1',
      'localhost',
      '127.0.0.1:4313',
      'localhost:43120',
      '127.0.0.2:4312',
      '[::1]:4312',
      '0.0.0.0:4312',
      '127.0.0.1:4312.evil.example',
      'localhost.:4312',
      ' 127.0.0.1:4312',
      '127.0.0.1:4312 ',
      'user@127.0.0.1:4312',
      '',
    ]) {
      expect(isAllowedHost(host, 4312), host).toBe(false);
    }
    expect(isAllowedHost(undefined, 4312)).toBe(false);
    expect(isAllowedHost(['127.0.0.1:4312'], 4312)).toBe(false);
  });
});

describe('Origin check (WebSocket upgrade)', () => {
  it("accepts only this server's own origin", () => {
    expect(isAllowedOrigin('http://127.0.0.1:4312', 4312)).toBe(true);
    expect(isAllowedOrigin('http://localhost:4312', 4312)).toBe(true);
  });

  it('refuses foreign, look-alike, opaque and missing origins', () => {
    for (const origin of [
      'http://evil.example',
      'http://127.0.0.1:4313',
      'https://127.0.0.1:4312',
      'http://127.0.0.1:4312/',
      'http://127.0.0.1:4312.evil.example',
      'http://127.0.0.1',
      'null',
      'file://',
      'chrome-extension://abcdef',
      '',
    ]) {
      expect(isAllowedOrigin(origin, 4312), origin).toBe(false);
    }
    expect(isAllowedOrigin(undefined, 4312)).toBe(false);
  });
});

describe('security headers', () => {
  it('match the CSP in renderer/index.html, without the ws:// wildcard', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
    );
    expect(SECURITY_HEADERS).toMatchObject({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  });
});
