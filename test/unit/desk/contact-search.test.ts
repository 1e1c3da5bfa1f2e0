// The phonebook search (preload/contact-search.ts, part of the contract), which the page runs on every
// keystroke and the desk runs for the CLI: every answer equals a plain full scan written here from
// the rules (fold accents and case, every word somewhere in the names, description or number,
// number-shaped words also in the number's digits, phonebook order, at most the limit), however
// the queries before it went: typed a key at a time, erased, changed, with other limits between.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactView } from '../../../preload/contract.ts';
import { ContactIndex, foldText } from '../../../preload/contact-search.ts';
import { COMPANY_DIRECTORY_ID, createPhonebooks } from '../../../main/demo/sim/phonebooks.ts';
import { createRoster } from '../../../main/demo/sim/roster.ts';

/** The rules, without any of the index's shortcuts. */
function fullScan(lists: readonly (readonly ContactView[])[], query: string, limit = 50): string[] {
  const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const words = fold(query)
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return [];
  const found: string[] = [];
  for (const contact of lists.flat()) {
    const text = fold(
      `${contact.firstName} ${contact.lastName} ${contact.description} ${contact.phoneNumber}`,
    );
    const digits = contact.phoneNumber.replace(/\D/g, '');
    const matches = words.every((word) => {
      const wordDigits = /^\+?[\d()\-.]+$/.test(word) ? word.replace(/\D/g, '') : '';
      return text.includes(word) || (wordDigits.length >= 2 && digits.includes(wordDigits));
    });
    if (matches) found.push(contact.id);
    if (found.length >= limit) break;
  }
  return found;
}

const ids = (contacts: readonly ContactView[]) => contacts.map((contact) => contact.id);

function contact(
  id: string,
  firstName: string,
  lastName: string,
  phoneNumber: string,
  description = '',
): ContactView {
  return { id, firstName, lastName, phoneNumber, description };
}

const hand = [
  contact('a', 'Inés', 'Muñoz', '+34 91 123 4567', 'Cédula Ltd'),
  contact('b', 'Zoë', 'Ødegaard', '+47 22 12 34 56'),
  contact('c', 'Łukasz', 'Żółć', '+48 (22) 555-0101', 'Kraków office'),
  contact('d', '山田', '太郎', '+81 3-1234-5678', '東京'),
  contact('e', 'Ann', 'Lee', '+1 (202) 555-0100', 'Key account'),
  contact('f', '', '', '5551234', ''),
];

const books = createPhonebooks(createRoster({}).teams);
const directory = [books.contacts(COMPANY_DIRECTORY_ID), books.contacts('2'), books.contacts('11')];

describe('the contact search', () => {
  it('answers as a full scan while queries are typed a key at a time over 100,000 contacts', () => {
    const index = new ContactIndex();
    index.update(directory);
    expect(index.size).toBe(100_000 + 40 + 150);
    const queries = [
      'sofia',
      'gupta',
      'helix',
      '7946 12',
      'dvorak-1',
      'ramos acme',
      '555-01',
      'zz',
      '(202) 555',
    ];
    for (const query of queries) {
      for (let length = 1; length <= query.length; length++) {
        const typed = query.slice(0, length);
        expect(ids(index.search(typed)), typed).toEqual(fullScan(directory, typed));
      }
      // Erased a key at a time, then the whole answer with a larger limit.
      for (let length = query.length - 1; length >= 1; length--) {
        const typed = query.slice(0, length);
        expect(ids(index.search(typed)), `erased to ${typed}`).toEqual(fullScan(directory, typed));
      }
      expect(ids(index.search(query, 500)), query).toEqual(fullScan(directory, query, 500));
    }
  });

  it('answers as a full scan whatever came before: refinements, new words, other limits', () => {
    // A slice of the directory keeps the plain scan quick; the index's shortcuts do not depend on size.
    const lists = [directory[0]?.slice(0, 3_000) ?? [], ...directory.slice(1)];
    // Words from the directory's own vocabulary, so that queries find something, and hard ones.
    const word = fc.oneof(
      fc.constantFrom('so', 'sofia', 'gu', 'gupta', 'acme', 'ac', 'helix', 'ramos', 'dvorak-1', 'team'),
      fc.constantFrom('7946', '555-01', '(202)', '12', '1', '+44', '20', '-', '.', 'zz', 'ó'),
      fc.string({ unit: fc.constantFrom('a', 'e', 'o', 's', '5', '0', '1', '-', ' '), maxLength: 4 }),
    );
    const query = fc.array(word, { minLength: 0, maxLength: 3 }).map((words) => words.join(' '));
    const limit = fc.constantFrom(1, 8, 50, 500);
    // Each query is typed a key at a time, each key with its own limit (the phonebook asks for 50,
    // the transfer picker for 8), or pasted whole.
    const typing = fc
      .tuple(query, fc.array(limit, { minLength: 1, maxLength: 6 }), fc.boolean())
      .map(([text, limits, pasted]) =>
        (pasted ? [text] : Array.from({ length: text.length }, (_, at) => text.slice(0, at + 1))).map(
          (typed, at) => [typed, limits[at % limits.length] as number] as const,
        ),
      );
    fc.assert(
      fc.property(fc.array(typing, { minLength: 1, maxLength: 4 }), (queries) => {
        const index = new ContactIndex();
        index.update(lists);
        for (const [text, within] of queries.flat())
          expect(ids(index.search(text, within)), `${text} (${within})`).toEqual(
            fullScan(lists, text, within),
          );
      }),
      { numRuns: 120, seed: 7 },
    );
  });

  it('folds accents, case and number formatting', () => {
    const index = new ContactIndex();
    index.update([hand]);
    for (const query of [
      'ines',
      'INÉS',
      'munoz',
      'zoe',
      'odegaard',
      'lukasz',
      'krakow',
      '山田',
      '東京',
      '2225550101',
      '555 0100',
      '+1',
      '5551234',
      'key acc',
      '  ',
      '',
    ])
      expect(ids(index.search(query)), query).toEqual(fullScan([hand], query));
    expect(ids(index.search('ines munoz'))).toEqual(['a']);
    expect(ids(index.search('(22) 555-0101'))).toEqual(['c']);
    expect(index.search('   ')).toEqual([]);
  });

  it('stops at the limit, and rebuilds only when a list is replaced (forgetting the last scan)', () => {
    const index = new ContactIndex();
    const many = Array.from({ length: 120 }, (_, at) => contact(String(at), 'Sam', `Smith${at}`, '555'));
    index.update([many]);
    expect(index.search('sam', 10)).toHaveLength(10);
    expect(index.search('sam')).toHaveLength(50);
    index.update([many]);
    expect(index.size).toBe(120);
    expect(ids(index.search('sam smith11'))).toEqual([
      '11',
      ...Array.from({ length: 10 }, (_, at) => `11${at}`),
    ]);
    // A new list in front: what the last search scanned no longer says anything.
    const front = [contact('x', 'Sam', 'Smith119', '555')];
    index.update([front, many]);
    expect(index.size).toBe(121);
    expect(ids(index.search('sam smith119'))).toEqual(['x', '119']);
  });

  it('takes plain ASCII the short way, with the same result', () => {
    expect(foldText('Acme Logistics +44 20')).toBe('acme logistics +44 20');
    expect(foldText('Cédula')).toBe('cedula');
  });
});
