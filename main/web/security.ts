// The browser host's gatekeeping, as pure functions: the per-run token, the Host check (the
// DNS-rebinding defence: a page on evil.example whose name re-resolves to 127.0.0.1 still sends
// `Host: evil.example`), the Origin check on the WebSocket upgrade (a page from another origin
// can open a WebSocket to loopback; the browser then says where it came from), and the headers
// every response carries.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url (43 characters): the key to this run's page and WebSocket. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first, so neither the length nor a common
 * prefix of the expected token can be learnt from timing.
 */
export function tokensEqual(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || expected.length === 0) return false;
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** The Host header values this server answers to. */
export function allowedHosts(port: number): readonly string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** The origins this server's own page has (as reached through either allowed host). */
export function allowedOrigins(port: number): readonly string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

/** Host must name this server exactly: `127.0.0.1:<port>` or `localhost:<port>` (any case). */
export function isAllowedHost(host: unknown, port: number): boolean {
  if (typeof host !== 'string') return false;
  return allowedHosts(port).includes(host.toLowerCase());
}

/**
 * Origin must be exactly this server's origin. A missing Origin is refused too: every browser
 * sends one on a WebSocket upgrade, so only a non-browser client would leave it out, and such a
 * client can set it anyway.
 */
export function isAllowedOrigin(origin: unknown, port: number): boolean {
  if (typeof origin !== 'string') return false;
  return allowedOrigins(port).includes(origin.toLowerCase());
}

/** Must stay in step with the <meta> CSP in renderer/index.html (ws:// to the same origin is 'self'). */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";

/** Sent with every HTTP response, error pages included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The token from a request target's query (`/api?token=…`), if any. */
export function tokenFromTarget(target: string | undefined): string | undefined {
  if (!target) return undefined;
  const query = target.indexOf('?');
  if (query < 0) return undefined;
  return new URLSearchParams(target.slice(query + 1)).get('token') ?? undefined;
}

/** The path of a request target, as sent (still percent-encoded), without the query. */
export function pathFromTarget(target: string | undefined): string {
  if (!target) return '/';
  const end = target.search(/[?#]/);
  return end < 0 ? target : target.slice(0, end);
}
