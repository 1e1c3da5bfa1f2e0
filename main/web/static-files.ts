// Which file a request path names, confined to the renderer directory: decoded once, every
// segment checked (no `..`, no dot-files, no backslashes, NUL or drive letters), joined, and
// checked again against the root. The caller resolves symlinks and checks once more
// (isInside on real paths). No directory listings: a directory is simply not found.

import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export type StaticResolution =
  | { readonly ok: true; readonly file: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404; readonly reason: string };

export const INDEX_FILE = 'index.html';

/** Is `child` the root itself or somewhere below it (both absolute, already resolved)? */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Maps a request path (as sent: percent-encoded, starting with `/`, no query) to a file under
 * `root`. `/` maps to index.html. Never touches the file system.
 */
export function resolveStaticPath(root: string, rawPath: string): StaticResolution {
  if (!rawPath.startsWith('/')) return { ok: false, status: 400, reason: 'the path must start with /' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400, reason: 'the path is not valid percent-encoding' };
  }
  if (/[\0\\]/.test(decoded) || /[\p{Cc}]/u.test(decoded))
    return { ok: false, status: 403, reason: 'the path holds a forbidden character' };
  const segments = decoded.split('/').filter((segment) => segment !== '');
  for (const segment of segments) {
    if (segment === '..' || segment === '.') return { ok: false, status: 403, reason: 'path traversal' };
    if (segment.startsWith('.')) return { ok: false, status: 403, reason: 'hidden files are not served' };
    if (segment.includes(':'))
      return { ok: false, status: 403, reason: 'the path holds a forbidden character' };
  }
  if (segments.length === 0 || decoded.endsWith('/')) {
    // `/` is the page; any other directory is not listed.
    if (segments.length === 0) return { ok: true, file: join(resolve(root), INDEX_FILE) };
    return { ok: false, status: 404, reason: 'directories are not listed' };
  }
  const base = resolve(root);
  const file = resolve(base, ...segments);
  if (!isInside(base, file) || file === base) return { ok: false, status: 403, reason: 'path traversal' };
  return { ok: true, file };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
