// STOMP 1.2 frames on the server side of the embedded endpoint. Bytes are split into frames by
// @stomp/stompjs's own Parser (see connection.ts); this module only turns the parser's raw
// output into a validated client frame, and serializes server frames.
//
// STOMP 1.2 §"Value Encoding": header names and values are escaped (\\ \r \n \c) in every frame
// except CONNECT and CONNECTED; any other escape sequence is a fatal protocol error. STOMP is
// CONNECT's 1.2 alias and is treated exactly like it (no escaping).
// §"Repeated Header Entries": the first occurrence wins.
// §"Header content-length": the body of a frame with a NUL in it can only travel with
// content-length, so every server frame with a body carries one (and MESSAGE always does).
import type { IRawFrameType } from '@stomp/stompjs';

export const CLIENT_COMMANDS = [
  'CONNECT',
  'STOMP',
  'SEND',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'ACK',
  'NACK',
  'BEGIN',
  'COMMIT',
  'ABORT',
  'DISCONNECT',
] as const;
export type ClientCommand = (typeof CLIENT_COMMANDS)[number];
export type ServerCommand = 'CONNECTED' | 'MESSAGE' | 'RECEIPT' | 'ERROR';

const clientCommands: ReadonlySet<string> = new Set(CLIENT_COMMANDS);

export function isClientCommand(command: string): command is ClientCommand {
  return clientCommands.has(command);
}

export interface ClientFrame {
  readonly command: ClientCommand;
  /** Unescaped (except CONNECT/STOMP), first occurrence of each name. */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Uint8Array;
}

/** Why a frame was refused: becomes the ERROR frame's `message` header (short) and body (detail). */
export interface FrameProblem {
  readonly message: string;
  readonly detail: string;
  /** The offending frame's `receipt` header, echoed as `receipt-id` on the ERROR (§ERROR). */
  readonly receiptId?: string;
}

export type DecodeResult =
  { readonly ok: true; readonly frame: ClientFrame } | { readonly ok: false; readonly problem: FrameProblem };

/** Frames that STOMP 1.2 lets a client send with a body; every other client frame MUST NOT have one. */
const MAY_HAVE_BODY: ReadonlySet<ClientCommand> = new Set(['SEND']);

const textDecoder = new TextDecoder();
const NUL = new Uint8Array([0]);

/** Number of bytes the frame occupied on the wire, not counting CRs or EOLs before it (a lower bound). */
export function rawFrameSize(raw: IRawFrameType): number {
  let size = Buffer.byteLength(raw.command ?? '') + 1 + 1 + (raw.binaryBody?.length ?? 0) + 1;
  for (const [name, value] of raw.headers) size += Buffer.byteLength(name) + Buffer.byteLength(value) + 2;
  return size;
}

/** Shortens attacker-supplied text before it is echoed in an ERROR frame or a log entry. */
export function excerpt(text: string, max = 60): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > max ? `${printable.slice(0, max)}…` : printable;
}

export function decodeClientFrame(raw: IRawFrameType): DecodeResult {
  const command = raw.command ?? '';
  const body = raw.binaryBody ?? new Uint8Array(0);
  const escaped = command !== 'CONNECT' && command !== 'STOMP';
  const headers = new Map<string, string>();
  let receiptId: string | undefined;
  const refuse = (message: string, detail: string): DecodeResult => ({
    ok: false,
    problem: receiptId === undefined ? { message, detail } : { message, detail, receiptId },
  });

  // Headers first, so that a refusal of an unknown command can still echo the receipt.
  let badHeader: string | undefined;
  for (const [rawName, rawValue] of raw.headers) {
    if (rawName.includes('\n') || rawName.includes('\r')) {
      badHeader ??= `header line without ':' near "${excerpt(rawName)}"`;
      continue;
    }
    if (rawName === '') {
      badHeader ??= 'header with an empty name';
      continue;
    }
    const name = escaped ? unescapeHeader(rawName) : rawName;
    const value = escaped ? unescapeHeader(rawValue) : rawValue;
    if (name === undefined || value === undefined) {
      badHeader ??= `invalid escape sequence in header "${excerpt(rawName)}" (STOMP 1.2 allows \\\\ \\r \\n \\c)`;
      continue;
    }
    if (!headers.has(name)) headers.set(name, value);
  }
  const receipt = headers.get('receipt');
  if (receipt !== undefined) receiptId = receipt;

  if (!isClientCommand(command)) {
    return refuse('Unknown command', `"${excerpt(command)}" is not a STOMP 1.2 client frame.`);
  }
  if (badHeader !== undefined) return refuse('Malformed frame', `${command}: ${badHeader}.`);

  const contentLength = headers.get('content-length');
  if (
    contentLength !== undefined &&
    (!/^[0-9]+$/.test(contentLength) || Number(contentLength) !== body.length)
  ) {
    return refuse('Malformed frame', `${command}: invalid content-length "${excerpt(contentLength)}".`);
  }
  if (body.length > 0 && !MAY_HAVE_BODY.has(command)) {
    return refuse('Malformed frame', `${command} frames must not have a body.`);
  }
  return { ok: true, frame: { command, headers, body } };
}

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\r': '\\r', '\n': '\\n', ':': '\\c' };

export function escapeHeader(text: string): string {
  return text.replace(/[\\\r\n:]/g, (c) => ESCAPES[c] ?? c);
}

/** Undoes STOMP 1.2 header escaping; undefined for an undefined escape sequence (a fatal error per spec). */
export function unescapeHeader(text: string): string | undefined {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    i++;
    switch (text[i]) {
      case '\\':
        out += '\\';
        break;
      case 'r':
        out += '\r';
        break;
      case 'n':
        out += '\n';
        break;
      case 'c':
        out += ':';
        break;
      default:
        return undefined;
    }
  }
  return out;
}

export type HeaderList = ReadonlyArray<readonly [string, string]>;

/**
 * One server frame as bytes. Header names and values are escaped except on CONNECTED; a body
 * (always on MESSAGE, even empty) travels with content-length, so NULs in it are safe.
 */
export function serializeFrame(command: ServerCommand, headers: HeaderList, body?: Uint8Array): Buffer {
  const escape = command === 'CONNECTED' ? (text: string) => text : escapeHeader;
  const lines: string[] = [command];
  for (const [name, value] of headers) {
    if (name === 'content-length') continue;
    lines.push(`${escape(name)}:${escape(value)}`);
  }
  const withBody = body !== undefined && (body.length > 0 || command === 'MESSAGE');
  if (withBody) lines.push(`content-length:${body.length}`);
  const head = Buffer.from(`${lines.join('\n')}\n\n`, 'utf8');
  return Buffer.concat([head, withBody ? body : new Uint8Array(0), NUL]);
}

export function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

export function decodeUtf8(bytes: Uint8Array): string {
  return textDecoder.decode(bytes);
}
