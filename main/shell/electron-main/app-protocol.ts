// Glue: app://switchboard/… served from the renderer directory (main/shell/app-protocol.ts
// decides; this reads the file). The real path is checked against the real root, so a symlink
// inside out/renderer cannot lead out of it.

import { readFile, realpath, stat } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import type { Logger } from '../../core/log/index.ts';
import { isInside } from '../../web/static-files.ts';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  APP_SECURITY_HEADERS,
  resolveAppRequest,
} from '../app-protocol.ts';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

function refusal(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...APP_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

export function setupAppProtocol(session: Session, rendererDir: string, log: Logger): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppRequest(rendererDir, request.url, request.method);
    if (!resolved.ok) {
      log({
        level: 'warn',
        event: 'shell.app-protocol-refused',
        status: resolved.status,
        reason: resolved.reason,
      });
      return refusal(resolved.status, 'Refused.');
    }
    try {
      const [real, realRoot] = await Promise.all([realpath(resolved.file), realpath(rendererDir)]);
      if (!isInside(realRoot, real)) return refusal(404, 'Not found.');
      const info = await stat(real);
      if (!info.isFile()) return refusal(404, 'Not found.');
      const body = request.method === 'HEAD' ? null : await readFile(real);
      return new Response(body, { status: 200, headers: resolved.headers });
    } catch {
      return refusal(404, 'Not found. Has the renderer been built (npm run build:renderer)?');
    }
  });
}
