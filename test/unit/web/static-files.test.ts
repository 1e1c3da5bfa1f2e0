// Path confinement for the renderer's static files: request paths map to files under the root
// and nowhere else, whatever encoding or separators they use.

import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, isInside, resolveStaticPath } from '../../../main/web/static-files.ts';

const root = resolve('/srv/switchboard/renderer');

describe('resolveStaticPath', () => {
  it('maps / to index.html and paths to files under the root', () => {
    expect(resolveStaticPath(root, '/')).toEqual({ ok: true, file: join(root, 'index.html') });
    expect(resolveStaticPath(root, '/index.html')).toEqual({ ok: true, file: join(root, 'index.html') });
    expect(resolveStaticPath(root, '/assets/index-abc.js')).toEqual({
      ok: true,
      file: join(root, 'assets', 'index-abc.js'),
    });
    expect(resolveStaticPath(root, '/assets//a%20b.css')).toEqual({
      ok: true,
      file: join(root, 'assets', 'a b.css'),
    });
  });

  it('refuses traversal however it is spelled', () => {
    for (const path of [
      '/../etc/passwd',
      '/assets/../../etc/passwd',
      '/%2e%2e/etc/passwd',
      '/%2E%2E%2Fetc%2Fpasswd',
      '/..%2f..%2fetc%2fpasswd',
      '/assets/%2e%2e/%2e%2e/secret',
      '/..',
      '/./index.html',
    ]) {
      const result = resolveStaticPath(root, path);
      expect(result.ok, path).toBe(false);
      if (!result.ok) expect(result.status, path).toBe(403);
    }
  });

  it('refuses backslashes, NUL, control characters, drive letters and dot-files', () => {
    for (const path of [
      '/..\\..\\windows\\win.ini',
      '/%5c..%5csecret',
      '/index.html%00.js',
      '/a%0ab',
      '/C:/Windows/win.ini',
      '/c%3a%5cwindows',
      '/.git/config',
      '/.env',
      '/assets/.hidden',
    ]) {
      const result = resolveStaticPath(root, path);
      expect(result.ok, path).toBe(false);
      if (!result.ok) expect(result.status, path).toBe(403);
    }
  });

  it('refuses bad encoding and paths that do not start with /', () => {
    expect(resolveStaticPath(root, '/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
    expect(resolveStaticPath(root, 'index.html')).toMatchObject({ ok: false, status: 400 });
    expect(resolveStaticPath(root, '//evil.example/x')).toMatchObject({ ok: true });
  });

  it('lists no directories', () => {
    expect(resolveStaticPath(root, '/assets/')).toMatchObject({ ok: false, status: 404 });
  });

  it('never resolves outside the root (property)', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E.', '.%2e', '%2f', '%5c', 'assets', 'a', '', '%00', 'C:', '~'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const result = resolveStaticPath(root, `/${segments.join('/')}`);
        if (result.ok) {
          expect(isInside(root, result.file)).toBe(true);
          expect(result.file.startsWith(root + sep)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isInside', () => {
  it('knows a sibling with a common prefix is outside', () => {
    expect(isInside(root, join(root, 'a'))).toBe(true);
    expect(isInside(root, root)).toBe(true);
    expect(isInside(root, `${root}-evil${sep}a`)).toBe(false);
    expect(isInside(root, resolve(root, '..'))).toBe(false);
    expect(isInside(root, join(root, '..file'))).toBe(true);
  });
});

describe('contentTypeFor', () => {
  it('gives the right types, and octet-stream for the unknown', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/a.exe')).toBe('application/octet-stream');
    expect(contentTypeFor('/x/noext')).toBe('application/octet-stream');
  });
});
