// STOMP 1.2 §"Heart-beating". CONNECT carries `heart-beat:<cx>,<cy>` (the client can send every
// cx ms; it wants to receive every cy ms), CONNECTED answers with the server's own `<sx>,<sy>`.
// Server → client: none if sx or cy is 0, else every max(sx, cy) ms.
// Client → server: none if cx or sy is 0, else every max(cx, sy) ms.
// An absent header means 0,0: no heart-beats either way.

export interface HeartBeatOffer {
  /** The smallest interval at which this side can send (0: cannot). */
  readonly canSendMs: number;
  /** The interval this side would like to receive at (0: does not want any). */
  readonly wantsReceiveMs: number;
}

export interface NegotiatedHeartBeat {
  /** Server → client interval in ms (0: none). */
  readonly outgoingMs: number;
  /** Client → server interval in ms (0: none); the peer is dropped after twice this of silence. */
  readonly incomingMs: number;
}

/** Bigger values would overflow setInterval (2^31 − 1 ms); a day is already "never" for a demo. */
export const MAX_HEARTBEAT_MS = 86_400_000;

/** Parses a `heart-beat` header value; undefined when it is not two non-negative integers. */
export function parseHeartBeat(value: string | undefined): HeartBeatOffer | undefined {
  if (value === undefined) return { canSendMs: 0, wantsReceiveMs: 0 };
  const match = /^\s*([0-9]{1,15})\s*,\s*([0-9]{1,15})\s*$/.exec(value);
  if (match === null) return undefined;
  return {
    canSendMs: Math.min(Number(match[1]), MAX_HEARTBEAT_MS),
    wantsReceiveMs: Math.min(Number(match[2]), MAX_HEARTBEAT_MS),
  };
}

export function negotiateHeartBeat(client: HeartBeatOffer, server: HeartBeatOffer): NegotiatedHeartBeat {
  const interval = (sender: number, receiver: number): number =>
    sender === 0 || receiver === 0 ? 0 : Math.max(sender, receiver);
  return {
    outgoingMs: interval(server.canSendMs, client.wantsReceiveMs),
    incomingMs: interval(client.canSendMs, server.wantsReceiveMs),
  };
}
