// A workaround for how @stomp/stompjs (7.x) reads frames: its Parser takes every incoming byte
// through a function call and collects a frame's body in a plain array of numbers, one element
// per byte. GC answers GetPhonebookContacts with one message for the whole phonebook: 10 MB for
// the simulator's 100,000-contact directory. Read that way it holds the desk's event loop for
// ~750 ms and takes ~200 MB of memory at its peak, which the process then keeps: the desk
// measured 480 MB resident with the directory loaded against a 150 MB budget (issue 7, memory
// benchmark, test/bench/memory.bench.ts).
//
// Here the Parser keeps its own state machine for commands, headers and the byte that ends a
// body, but takes the body itself in slices of the incoming chunk (up to the NUL, or the
// content-length), joined once at the end: the same frames, the same bytes, without the per-byte
// array. The Parser is internal to stompjs (not exported), so it is reached by its file and its
// methods are checked before anything is changed; if they are not what this was written against,
// nothing is changed and stompjs reads as before (BULK_BODIES says which).

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface ParserInternals {
  _onByte: (byte: number) => void;
  _token: number[];
  _bodyBytesRemaining: number;
  readonly _encoder: { encode(input: string): Uint8Array };
  _collectBodyNullTerminated(byte: number): void;
  _collectBodyFixedSize(byte: number): void;
  _consumeTokenAsRaw(): Uint8Array;
  parseChunk(segment: string | ArrayBuffer | Uint8Array, appendMissingNULLonIncoming?: boolean): void;
}

/** The body slices of the frame being read, per parser. */
const bodySlices = new WeakMap<ParserInternals, Uint8Array[]>();

function keepSlice(parser: ParserInternals, chunk: Uint8Array, from: number, to: number): void {
  if (to <= from) return;
  let slices = bodySlices.get(parser);
  if (!slices) bodySlices.set(parser, (slices = []));
  // Bytes the state machine collected one by one come first.
  if (parser._token.length > 0) {
    slices.push(Uint8Array.from(parser._token));
    parser._token = [];
  }
  slices.push(chunk.subarray(from, to));
}

/** Teaches `prototype` (stompjs's Parser.prototype) to take bodies in slices. */
export function takeBodiesInSlices(prototype: ParserInternals): boolean {
  const methods = [
    'parseChunk',
    '_collectBodyNullTerminated',
    '_collectBodyFixedSize',
    '_consumeTokenAsRaw',
    '_retrievedBody',
    '_initState',
  ];
  if (!methods.every((name) => typeof (prototype as unknown as Record<string, unknown>)[name] === 'function'))
    return false;
  const consumeTokenAsRaw = prototype._consumeTokenAsRaw;

  prototype._consumeTokenAsRaw = function (this: ParserInternals): Uint8Array {
    const slices = bodySlices.get(this);
    if (!slices || slices.length === 0) return consumeTokenAsRaw.call(this);
    bodySlices.delete(this);
    if (this._token.length > 0) slices.push(Uint8Array.from(this._token));
    this._token = [];
    const joined = new Uint8Array(slices.reduce((length, slice) => length + slice.length, 0));
    let at = 0;
    for (const slice of slices) {
      joined.set(slice, at);
      at += slice.length;
    }
    return joined;
  };

  prototype.parseChunk = function (
    this: ParserInternals,
    segment: string | ArrayBuffer | Uint8Array,
    appendMissingNULLonIncoming = false,
  ): void {
    // As stompjs does: bytes of our own (a copy of a Node Buffer, a view of a fresh ArrayBuffer).
    let chunk = typeof segment === 'string' ? this._encoder.encode(segment) : new Uint8Array(segment);
    if (appendMissingNULLonIncoming && chunk[chunk.length - 1] !== 0) {
      const withNull = new Uint8Array(chunk.length + 1);
      withNull.set(chunk, 0);
      chunk = withNull;
    }
    let index = 0;
    while (index < chunk.length) {
      if (this._onByte === prototype._collectBodyNullTerminated) {
        const end = chunk.indexOf(0, index);
        keepSlice(this, chunk, index, end === -1 ? chunk.length : end);
        if (end === -1) return;
        index = end;
      } else if (this._onByte === prototype._collectBodyFixedSize && this._bodyBytesRemaining > 0) {
        const take = Math.min(this._bodyBytesRemaining, chunk.length - index);
        keepSlice(this, chunk, index, index + take);
        this._bodyBytesRemaining -= take;
        index += take;
        if (index >= chunk.length) return;
      }
      // Everything else, and the byte that ends a body, through stompjs's own state machine.
      this._onByte(chunk[index] as number);
      index++;
    }
  };
  return true;
}

async function loadAndTeach(): Promise<boolean> {
  try {
    // The CommonJS entry sits in bundles/; the ES modules stompjs is imported as sit in esm6/.
    const main = createRequire(import.meta.url).resolve('@stomp/stompjs');
    const parserFile = join(dirname(main), '..', 'esm6', 'parser.js');
    const module = (await import(pathToFileURL(parserFile).href)) as {
      Parser?: { prototype: ParserInternals };
    };
    return module.Parser ? takeBodiesInSlices(module.Parser.prototype) : false;
  } catch {
    return false;
  }
}

/** Whether stompjs now reads bodies in slices (false: as it always did). */
export const BULK_BODIES: boolean = await loadAndTeach();
