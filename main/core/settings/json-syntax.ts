// Where a JSON text goes wrong, told in words, with line and column. JSON.parse's own message is
// not used: V8 quotes a stretch of the text around the error ("…assword": hunter2}" is not valid
// JSON), and settings.json may hold a secret a deployer pasted by mistake. This scanner quotes at
// most the one character it stopped at. It walks with an explicit stack, so deep nesting cannot
// overflow the call stack.

export interface JsonSyntaxError {
  /** Offset in the text (UTF-16 code units). */
  readonly offset: number;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters from the start of the line. */
  readonly column: number;
  /** What was wrong, e.g. `expected "," or "}", found "x"`. */
  readonly description: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let index = 0;
  const stack: Array<'object' | 'array'> = [];

  const fail = (description: string): JsonSyntaxError => locate(text, index, description);
  const found = (): string => (index >= text.length ? 'the end of the file' : describeCharacter(text, index));
  const skipWhitespace = () => {
    while (index < text.length && WHITESPACE.has(text[index] ?? '')) index++;
  };
  const expected = (what: string): JsonSyntaxError => {
    if (index >= text.length) {
      return fail(`expected ${what}, but the file ends there (was it cut short?)`);
    }
    if (text.startsWith('//', index) || text.startsWith('/*', index)) {
      return fail(`expected ${what}, found a comment; JSON has none (a key such as "//" can hold a note)`);
    }
    return fail(`expected ${what}, found ${found()}`);
  };

  /** Reads a string starting at its opening quote; an error, or undefined after the closing quote. */
  const readString = (): JsonSyntaxError | undefined => {
    index++;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === 0x22) {
        index++;
        return undefined;
      }
      if (code === 0x5c) {
        const escape = text[index + 1];
        if (escape === undefined) break;
        if (escape === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(index + 2, index + 6))) {
            index += 2;
            return fail('expected four hexadecimal digits after \\u');
          }
          index += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(escape)) {
          index++;
          return fail(`expected an escape such as \\n or \\" after a backslash, found ${found()}`);
        }
        index += 2;
        continue;
      }
      if (code < 0x20) {
        return fail(
          code === 0x0a || code === 0x0d
            ? 'a text breaks across lines; JSON writes a line break inside a text as \\n'
            : `a text contains the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}; JSON writes it as an escape`,
        );
      }
      index++;
    }
    return fail('a text has no closing quote before the end of the file (was it cut short?)');
  };

  const readNumber = (): JsonSyntaxError | undefined => {
    const match = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    match.lastIndex = index;
    const result = match.exec(text);
    if (result === null || result[0] === '-' || result[0] === '') return expected('a value');
    index += result[0].length;
    return undefined;
  };

  const readKey = (): JsonSyntaxError | undefined => {
    skipWhitespace();
    if (text[index] !== '"') {
      if (text[index] === '}') {
        return fail('expected a property name in double quotes, found "}" (JSON allows no comma before "}")');
      }
      return expected('a property name in double quotes');
    }
    const error = readString();
    if (error) return error;
    skipWhitespace();
    if (text[index] !== ':') return expected('":" after the property name');
    index++;
    return undefined;
  };

  skipWhitespace();
  // Each turn reads one value, then any closing brackets and the separator that follows it.
  for (;;) {
    skipWhitespace();
    const character = text[index];
    if (character === '{') {
      index++;
      skipWhitespace();
      if (text[index] === '}') {
        index++;
      } else {
        stack.push('object');
        const error = readKey();
        if (error) return error;
        continue;
      }
    } else if (character === '[') {
      index++;
      skipWhitespace();
      if (text[index] === ']') {
        index++;
      } else {
        stack.push('array');
        continue;
      }
    } else if (character === '"') {
      const error = readString();
      if (error) return error;
    } else if (character === '-' || (character !== undefined && character >= '0' && character <= '9')) {
      const error = readNumber();
      if (error) return error;
    } else if (text.startsWith('true', index)) {
      index += 4;
    } else if (text.startsWith('false', index)) {
      index += 5;
    } else if (text.startsWith('null', index)) {
      index += 4;
    } else {
      if (character === ']' && stack.at(-1) === 'array') {
        return fail('expected a value, found "]" (JSON allows no comma before "]")');
      }
      return expected('a value');
    }

    // After a value: close what is complete, then expect a comma or the end.
    for (;;) {
      skipWhitespace();
      const container = stack.at(-1);
      if (container === undefined) {
        return index >= text.length
          ? undefined
          : fail(`expected the end of the file after the settings, found ${found()}`);
      }
      const closer = container === 'object' ? '}' : ']';
      if (text[index] === closer) {
        index++;
        stack.pop();
        continue;
      }
      if (text[index] === ',') {
        index++;
        if (container === 'object') {
          const error = readKey();
          if (error) return error;
        }
        break;
      }
      return expected(`"," or "${closer}"`);
    }
  }
}

function describeCharacter(text: string, index: number): string {
  const code = text.codePointAt(index) ?? 0;
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) {
    return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return JSON.stringify(String.fromCodePoint(code));
}

function locate(text: string, offset: number, description: string): JsonSyntaxError {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 0x0a) {
      line++;
      lineStart = index + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1, description };
}
