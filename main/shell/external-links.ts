// Which links leave the app for the OS browser (shell.openExternal). The window itself never
// navigates and never opens another window; a link the page tries to follow lands here.
//
// Decision: https: only, to a public DNS name on the default port, and, when the caller gives an
// allow-list, only to those hosts (and their subdomains). Refused: every other scheme (file:,
// smb:, ms-msdt:, javascript:, … are how openExternal turns into code execution), plain http:
// (a desk has no reason to send an agent to an unencrypted page), user:password@ URLs (they
// disguise the real host), IP literals, localhost and single-label or .local/.internal names
// (the page must not reach into the agent's LAN through the browser), over-long URLs.

export const MAX_EXTERNAL_URL_LENGTH = 2048;

export type ExternalLinkCheck =
  { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

const PRIVATE_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa', '.lan', '.intranet'];

function refuse(reason: string): ExternalLinkCheck {
  return { ok: false, reason };
}

function isIpLiteral(hostname: string): boolean {
  return hostname.startsWith('[') || /^[0-9.]+$/.test(hostname) || /^0x/i.test(hostname);
}

function matchesAllowList(hostname: string, allowedHosts: readonly string[]): boolean {
  return allowedHosts.some((allowed) => {
    const host = allowed.toLowerCase();
    return hostname === host || hostname.endsWith(`.${host}`);
  });
}

/** Checks a URL for shell.openExternal; on success, the URL as the URL parser wrote it back. */
export function checkExternalUrl(
  url: unknown,
  options: { readonly allowedHosts?: readonly string[] } = {},
): ExternalLinkCheck {
  if (typeof url !== 'string') return refuse('not text');
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return refuse('too long');
  if (/[\p{Cc}\p{Cf}\s]/u.test(url)) return refuse('control characters or spaces');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('not a URL');
  }
  if (parsed.protocol !== 'https:') return refuse(`the scheme ${parsed.protocol} is not opened`);
  if (parsed.username !== '' || parsed.password !== '') return refuse('credentials in the URL');
  if (parsed.port !== '') return refuse('a non-default port');
  const hostname = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (hostname === '' || isIpLiteral(hostname)) return refuse('an IP address, not a name');
  if (hostname === 'localhost' || !hostname.includes('.')) return refuse('a local host name');
  if (PRIVATE_SUFFIXES.some((suffix) => hostname.endsWith(suffix))) return refuse('a local host name');
  if (options.allowedHosts && !matchesAllowList(hostname, options.allowedHosts))
    return refuse('a host not on the allow-list');
  return { ok: true, url: parsed.href };
}
