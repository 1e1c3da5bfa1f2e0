// The JSON error locator must agree with JSON.parse on what is valid, and point at the right place.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { findJsonSyntaxError } from '../../../main/core/settings/json-syntax.ts';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('findJsonSyntaxError', () => {
  it('finds nothing wrong in valid JSON', () => {
    fc.assert(
      fc.property(fc.json(), fc.constantFrom(0, 2, '\t'), (text, indent) => {
        expect(findJsonSyntaxError(text)).toBeUndefined();
        expect(findJsonSyntaxError(JSON.stringify(JSON.parse(text), null, indent))).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with JSON.parse on damaged JSON (truncated, a character changed, inserted or removed)', () => {
    const damaged = fc
      .tuple(
        fc.json(),
        fc.nat(),
        fc.constantFrom('truncate', 'replace', 'insert', 'delete'),
        fc.constantFrom(...'{}[]":,\\ 0-1eEtfn.x\n\u0001'),
      )
      .map(([text, at, how, character]) => {
        const index = text.length === 0 ? 0 : at % text.length;
        switch (how) {
          case 'truncate':
            return text.slice(0, index);
          case 'replace':
            return text.slice(0, index) + character + text.slice(index + 1);
          case 'insert':
            return text.slice(0, index) + character + text.slice(index);
          default:
            return text.slice(0, index) + text.slice(index + 1);
        }
      });
    fc.assert(
      fc.property(damaged, (text) => {
        expect(findJsonSyntaxError(text) === undefined).toBe(parses(text));
      }),
      { numRuns: 3_000 },
    );
  });

  it.each([
    ['{"a": 1,}', 1, 9, /no comma before "}"/],
    ['[1, 2,]', 1, 7, /no comma before "]"/],
    ['{\n  "a": tru\n}', 2, 8, /expected a value, found "t"/],
    ['{\n  "a": "x\ny"\n}', 2, 10, /breaks across lines/],
    ['{"a" 1}', 1, 6, /expected ":" after the property name, found "1"/],
    ['{"a": 01}', 1, 8, /expected "," or "}", found "1"/],
    ['{"a": "\\x"}', 1, 9, /escape such as \\n/],
    ['{"a": [1, 2}', 1, 12, /expected "," or "]", found "}"/],
    ['', 1, 1, /file ends there/],
    ['{"a": "b', 1, 9, /no closing quote/],
  ])('%j: line %i, column %i', (text, line, column, description) => {
    const error = findJsonSyntaxError(text);
    expect(error).toMatchObject({ line, column });
    expect(error?.description).toMatch(description);
  });

  it('handles nesting far deeper than the call stack allows', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(199_999);
    expect(findJsonSyntaxError(deep)?.description).toMatch(/ends there/);
    expect(findJsonSyntaxError(`${deep}]`)).toBeUndefined();
  });
});
