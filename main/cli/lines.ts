// Lines of text from a byte stream, one at a time. Not node:readline: readline has no limit on a
// line's length, and a line longer than V8's largest string (about 512 MiB without a line break)
// throws from inside its 'data' handler, where no caller can catch it. Here an over-long line is
// skipped as it streams by and reported with its first characters.

import { StringDecoder } from 'node:string_decoder';

export type InputLine =
  | { readonly kind: 'line'; readonly number: number; readonly text: string }
  | { readonly kind: 'overlong'; readonly number: number; readonly length: number; readonly head: string };

/**
 * The longest line `switchboard decode` reads. A page of 500 phonebook contacts, the largest
 * event we know, is about 50 kB; 16 MiB leaves room for a 10 MB capture pasted as one line.
 */
export const MAX_LINE_LENGTH = 16 * 1024 * 1024;

/** How many characters of an over-long line are kept to show which line it was. */
const HEAD_LENGTH = 200;

/**
 * Splits `input` at `\n` and drops the `\r` of a `\r\n` ending and a byte-order mark at the start
 * of a line (Windows editors and PowerShell pipes add them; `cat` of several files keeps them).
 * Invalid UTF-8 becomes U+FFFD. Lines longer than `maxLength` characters come back as `overlong`
 * without ever being held whole.
 */
export async function* readLines(
  input: AsyncIterable<Buffer | string>,
  maxLength: number,
): AsyncGenerator<InputLine> {
  const decoder = new StringDecoder('utf8');
  let pieces: string[] = [];
  let length = 0;
  let head: string | undefined; // set once the current line is over-long
  let number = 0;

  function append(piece: string): void {
    if (piece === '') return;
    length += piece.length;
    if (head !== undefined) return;
    if (length > maxLength) {
      head = (pieces.join('') + piece.slice(0, HEAD_LENGTH)).slice(0, HEAD_LENGTH);
      pieces = [];
      return;
    }
    pieces.push(piece);
  }

  function finish(): InputLine {
    number++;
    let line: InputLine;
    if (head !== undefined) {
      line = { kind: 'overlong', number, length, head };
    } else {
      let text = pieces.length === 1 ? (pieces[0] as string) : pieces.join('');
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      line = { kind: 'line', number, text };
    }
    pieces = [];
    length = 0;
    head = undefined;
    return line;
  }

  function* split(text: string): Generator<InputLine> {
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) {
        append(start === 0 ? text : text.slice(start));
        return;
      }
      append(text.slice(start, newline));
      yield finish();
      start = newline + 1;
    }
  }

  for await (const chunk of input) {
    yield* split(typeof chunk === 'string' ? chunk : decoder.write(chunk));
  }
  yield* split(decoder.end());
  if (length > 0 || head !== undefined) yield finish();
}
