// The page's contact search (renderer/src/state/contact-index.ts) answers as the desk's own
// (main/core/desk/contact-search.ts, which the CLI uses): the same contacts in the same order for
// every query, over the simulator's 100,000-contact directory and its team books, and over names
// with accents, scripts and formatted numbers.

import { describe, expect, it } from 'vitest';
import type { ContactView } from '../../../preload/contract.ts';
import { ContactIndex as DeskIndex } from '../../../main/core/desk/contact-search.ts';
import { COMPANY_DIRECTORY_ID, createPhonebooks } from '../../../main/demo/sim/phonebooks.ts';
import { createRoster } from '../../../main/demo/sim/roster.ts';
import { ContactIndex as PageIndex, foldText } from '../../../renderer/src/state/contact-index.ts';

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

describe('the page’s contact search', () => {
  it('finds what the desk finds over the 100,000-contact directory and the team books', () => {
    const books = createPhonebooks(createRoster({}).teams);
    const lists = [books.contacts(COMPANY_DIRECTORY_ID), books.contacts('2'), books.contacts('11')];
    const desk = new DeskIndex();
    const page = new PageIndex();
    desk.update(lists);
    page.update(lists);
    expect(page.size).toBe(desk.size);
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
        expect(ids(page.search(typed)), typed).toEqual(ids(desk.search(typed)));
      }
      expect(ids(page.search(query, 500)), query).toEqual(ids(desk.search(query, 500)));
    }
  });

  it('folds accents and formatting as the desk does', () => {
    const desk = new DeskIndex();
    const page = new PageIndex();
    desk.update([hand]);
    page.update([hand]);
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
      expect(ids(page.search(query)), query).toEqual(ids(desk.search(query)));
    expect(ids(page.search('ines munoz'))).toEqual(['a']);
    expect(ids(page.search('(22) 555-0101'))).toEqual(['c']);
    expect(page.search('   ')).toEqual([]);
  });

  it('stops at the limit, and rebuilds only when a list is replaced', () => {
    const page = new PageIndex();
    const many = Array.from({ length: 120 }, (_, index) =>
      contact(String(index), 'Sam', `Smith${index}`, '555'),
    );
    page.update([many]);
    expect(page.search('sam', 10)).toHaveLength(10);
    expect(page.search('sam')).toHaveLength(50);
    page.update([many]);
    expect(page.size).toBe(120);
    page.update([many, hand]);
    expect(page.size).toBe(126);
  });

  it('takes plain ASCII the short way, with the same result', () => {
    expect(foldText('Acme Logistics +44 20')).toBe('acme logistics +44 20');
    expect(foldText('Cédula')).toBe('cedula');
  });
});
