// stompjs's Parser taught to take frame bodies in slices (main/core/broker/stompjs-bulk-bodies.ts):
// the frames it delivers must be exactly those sent, however the bytes are cut into chunks:
// bodies ended by NUL or measured by content-length (NULs inside), heart-beat newlines between
// frames, CRLF line ends, a body cut at every boundary, and a 10 MB phonebook in 64 kB reads.

import fc from 'fast-check';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BULK_BODIES } from '../../../main/core/broker/stompjs-bulk-bodies.ts';

interface RawFrame {
  readonly command: string;
  readonly headers: [string, string][];
  readonly binaryBody: Uint8Array;
}

// stompjs's own Parser, the one its Client uses (the module above has taught it at import).
const parserFile = join(
  dirname(createRequire(import.meta.url).resolve('@stomp/stompjs')),
  '..',
  'esm6',
  'parser.js',
);
const { Parser } = (await import(pathToFileURL(parserFile).href)) as {
  Parser: new (
    onFrame: (frame: RawFrame) => void,
    onPing: () => void,
  ) => { parseChunk(chunk: Uint8Array | string, appendMissingNull?: boolean): void };
};

interface Sent {
  readonly command: string;
  readonly headers: [string, string][];
  readonly body: Uint8Array;
  readonly lengthHeader: boolean;
  readonly crlf: boolean;
  readonly pingsAfter: number;
}

function wire(frames: readonly Sent[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const text = (value: string) => parts.push(new TextEncoder().encode(value));
  for (const frame of frames) {
    const eol = frame.crlf ? '\r\n' : '\n';
    const headers = frame.lengthHeader
      ? [...frame.headers, ['content-length', String(frame.body.length)]]
      : frame.headers;
    text(`${frame.command}${eol}${headers.map(([name, value]) => `${name}:${value}${eol}`).join('')}${eol}`);
    parts.push(frame.body);
    text(`\0${'\n'.repeat(frame.pingsAfter)}`);
  }
  const bytes = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

function parse(bytes: Uint8Array, cuts: readonly number[]): { frames: RawFrame[]; pings: number } {
  const frames: RawFrame[] = [];
  let pings = 0;
  const parser = new Parser(
    (frame) => frames.push(frame),
    () => pings++,
  );
  let from = 0;
  for (const cut of [...new Set(cuts)].filter((at) => at > 0 && at < bytes.length).sort((a, b) => a - b)) {
    // A Node Buffer, as a socket delivers it.
    parser.parseChunk(Buffer.from(bytes.subarray(from, cut)));
    from = cut;
  }
  parser.parseChunk(Buffer.from(bytes.subarray(from)));
  return { frames, pings };
}

const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
const sentFrame: fc.Arbitrary<Sent> = fc
  .record({
    command: fc.constantFrom('MESSAGE', 'RECEIPT', 'ERROR'),
    headers: fc.array(fc.tuple(token, fc.stringMatching(/^[\w ./#-]{0,20}$/)), { maxLength: 4 }),
    lengthHeader: fc.boolean(),
    body: fc.uint8Array({ maxLength: 300 }),
    crlf: fc.boolean(),
    pingsAfter: fc.integer({ min: 0, max: 2 }),
  })
  // Without content-length the first NUL ends the body (STOMP 1.2).
  .map((frame) => (frame.lengthHeader ? frame : { ...frame, body: frame.body.map((byte) => byte || 1) }));

describe('stompjs reading bodies in slices', () => {
  it('is in place', () => {
    expect(BULK_BODIES).toBe(true);
  });

  it('delivers exactly the frames sent, however the bytes are cut', () => {
    fc.assert(
      fc.property(
        fc.array(sentFrame, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(4_000), { maxLength: 12 }),
        (sent, cuts) => {
          const bytes = wire(sent);
          const { frames, pings } = parse(bytes, cuts);
          expect(frames.map((frame) => frame.command)).toEqual(sent.map((frame) => frame.command));
          frames.forEach((frame, index) => {
            const expected = sent[index] as Sent;
            expect(Buffer.from(frame.binaryBody).equals(Buffer.from(expected.body))).toBe(true);
            const headers = expected.lengthHeader
              ? [...expected.headers, ['content-length', String(expected.body.length)]]
              : expected.headers;
            expect(frame.headers).toEqual(headers);
          });
          expect(pings).toBe(sent.reduce((count, frame) => count + frame.pingsAfter, 0));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cuts a body at every position', () => {
    const body = new TextEncoder().encode('1001#PhonebookContacts#description:Acme,firstName:Ann');
    for (const lengthHeader of [false, true]) {
      const bytes = wire([
        {
          command: 'MESSAGE',
          headers: [['destination', '/topic/t']],
          body,
          lengthHeader,
          crlf: false,
          pingsAfter: 1,
        },
      ]);
      for (let cut = 1; cut < bytes.length; cut++) {
        const { frames } = parse(bytes, [cut]);
        expect(frames).toHaveLength(1);
        expect(new TextDecoder().decode(frames[0]?.binaryBody)).toBe(new TextDecoder().decode(body));
      }
    }
  });

  it('reads a 10 MB phonebook sent in 64 kB pieces whole', () => {
    const contact =
      'description:Helix Pharma,firstName:Sofia,lastName:Ramos-12,phoneNumber:+44 20 7946 0012,id:1-';
    const body = new TextEncoder().encode(
      `1001#PhonebookContacts#${Array.from({ length: 100_000 }, (_, index) => `${contact}${index}`).join('#')}`,
    );
    const bytes = wire([
      {
        command: 'MESSAGE',
        headers: [['destination', '/topic/t']],
        body,
        lengthHeader: false,
        crlf: false,
        pingsAfter: 0,
      },
      {
        command: 'RECEIPT',
        headers: [['receipt-id', 'r-1']],
        body: new Uint8Array(),
        lengthHeader: false,
        crlf: false,
        pingsAfter: 0,
      },
    ]);
    const cuts = Array.from(
      { length: Math.floor(bytes.length / 65_536) },
      (_, index) => (index + 1) * 65_536,
    );
    const { frames } = parse(bytes, cuts);
    expect(frames.map((frame) => frame.command)).toEqual(['MESSAGE', 'RECEIPT']);
    expect(frames[0]?.binaryBody.length).toBe(body.length);
    expect(Buffer.from(frames[0]?.binaryBody ?? []).equals(Buffer.from(body))).toBe(true);
  });

  it('takes a string chunk as stompjs does (encoded to UTF-8)', () => {
    const frames: RawFrame[] = [];
    const parser = new Parser(
      (frame) => frames.push(frame),
      () => {},
    );
    parser.parseChunk('MESSAGE\ndestination:/topic/t\n\nGrüße, 你好\0');
    expect(new TextDecoder().decode(frames[0]?.binaryBody)).toBe('Grüße, 你好');
  });
});
