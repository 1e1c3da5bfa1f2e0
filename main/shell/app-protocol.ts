// The renderer's own origin: app://switchboard/…, served from out/renderer and nothing else
// (ARCHITECTURE.md, "Security model"). Not file://: a file:// page shares its origin with every
// file on the disk, and a custom standard scheme gives the page a real origin for CSP 'self' and
// for the IPC sender check.
//
// Pure: the URL -> file decision (reusing the browser host's confinement, main/web/static-files.ts),
// the headers and the scheme's privileges. The glue (electron-main/app-protocol.ts) resolves
// symlinks and checks the real path again before it reads a byte.

import type { CustomScheme } from 'electron';
import { contentTypeFor, resolveStaticPath } from '../web/static-files.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'switchboard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the window loads. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before `ready` (protocol.registerSchemesAsPrivileged). `standard` gives the scheme
 * an origin and relative URL resolution; `secure` makes it a secure context (as https is);
 * fetch is allowed for the page's own assets. No CSP bypass, no service workers. `corsEnabled`
 * stays off: it would let other origins read app:// responses (Electron checks no
 * Access-Control-Allow-Origin on custom schemes; electron/electron#52908), and the page's own
 * module scripts are same-origin, which needs no CORS.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
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
} as const satisfies CustomScheme;

/**
 * Sent as a header with every response (the page's <meta> CSP applies too: both are enforced,
 * so the stricter wins). Nothing remote, no inline script, no eval, no WebSocket: in Electron
 * the page talks to main only through the preload. `style-src 'unsafe-inline'`: Svelte sets
 * style attributes at run time; scripts stay strict.
 */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "worker-src 'self'",
].join('; ');

export const APP_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

export type AppRequestResolution =
  | { readonly ok: true; readonly file: string; readonly headers: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly status: 400 | 403 | 404 | 405; readonly reason: string };

/**
 * Which file under `rendererDir` an app:// request names, with the headers to send. Only GET
 * and HEAD, only the host `switchboard`, no credentials or port; the path goes through the
 * browser host's confinement (decoded once, no `..`, no dot-files, no backslashes or drive
 * letters). The query and fragment are ignored (the page may carry `?lang=`).
 */
export function resolveAppRequest(rendererDir: string, url: string, method = 'GET'): AppRequestResolution {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, reason: 'method not allowed' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return { ok: false, status: 400, reason: 'not an app: URL' };
  if (parsed.hostname !== APP_HOST || parsed.port !== '' || parsed.username !== '' || parsed.password !== '')
    return { ok: false, status: 403, reason: 'unknown host' };
  // `new URL` has already resolved `.`/`..` segments; resolveStaticPath checks what is left
  // (percent-encoded traversal included) against the root.
  const resolved = resolveStaticPath(rendererDir, parsed.pathname === '' ? '/' : parsed.pathname);
  if (!resolved.ok) return resolved;
  return {
    ok: true,
    file: resolved.file,
    headers: { ...APP_SECURITY_HEADERS, 'Content-Type': contentTypeFor(resolved.file) },
  };
}

/** Is this URL a page or asset of ours (for navigation, permission and IPC sender checks)? */
export function isAppUrl(url: string | undefined): boolean {
  if (typeof url !== 'string') return false;
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.hostname === APP_HOST &&
      parsed.port === '' &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}
