// Who may open a WebSocket to the embedded endpoint. It listens on loopback only, but any web page
// the user opens can still try ws://127.0.0.1:<port>: browsers send an Origin header, so a foreign
// Origin is refused; and a page on an attacker's domain that re-resolves to 127.0.0.1 (DNS
// rebinding) still sends its own Host, so only 127.0.0.1:<port> and localhost:<port> pass.

/** STOMP over WebSocket subprotocols in order of preference (STOMP 1.2 spec, "Protocol Negotiation"). */
export const SUBPROTOCOL_PREFERENCE: readonly string[] = ['v12.stomp', 'v11.stomp', 'v10.stomp'];

/** The subprotocol to answer with, or false for none (a client that offered none still connects). */
export function selectSubprotocol(offered: ReadonlySet<string>): string | false {
  return SUBPROTOCOL_PREFERENCE.find((protocol) => offered.has(protocol)) ?? false;
}

export interface UpgradeRequest {
  readonly host: string | undefined;
  readonly origin: string | undefined;
}

/** Why the upgrade must be refused (HTTP 403), or undefined when it may proceed. */
export function refuseUpgrade(
  request: UpgradeRequest,
  port: number,
  allowedOrigins: ReadonlySet<string>,
): string | undefined {
  const host = request.host?.toLowerCase();
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return 'host-not-allowed';
  if (request.origin !== undefined && !allowedOrigins.has(request.origin)) return 'origin-not-allowed';
  return undefined;
}
