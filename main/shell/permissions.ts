// The permission handler's rule: the page may have OS notifications and nothing else (no camera,
// microphone, geolocation, clipboard reads, HID/USB/serial, fullscreen, openExternal, …), and
// only when the request comes from our own app:// origin.

import { isAppUrl } from './app-protocol.ts';

export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications']);

/** `origin` is the request's requestingUrl or the check's requestingOrigin. */
export function isPermissionAllowed(permission: string, origin: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(origin);
}
