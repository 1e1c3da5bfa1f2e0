// Search over the contacts the page already has (the phonebooks slice holds every loaded
// phonebook's contacts), answered in the same task as the keystroke: a round trip to the desk per
// keystroke cost 4-10 ms before the search had even started, and then another frame to paint
// (issue 7: keystroke -> results painted, p95 ≤ 16 ms over 100,000 contacts). The rules are the
// desk's own (main/core/desk/contact-search.ts, which the CLI's search uses), so both find the
// same contacts in the same order; test/unit/renderer/contact-index.test.ts holds them together.
//
// Each contact's searchable text is folded once (lower case, accents removed) and its digits kept
// separately, so a query is one pass of `includes` over prepared strings, stopping at the limit.

import type { ContactView } from '../../../preload/contract.ts';

interface Prepared {
  readonly contact: ContactView;
  readonly text: string;
  readonly digits: string;
}

/** Text with anything but printable ASCII, tabs and line breaks goes the Unicode way (slower, same result). */
const NOT_ASCII = /[^\t\n\r\u0020-\u007e]/;

/** Lower case, accents removed ("Inés" -> "ines"); plain ASCII skips the Unicode work. */
export function foldText(text: string): string {
  if (!NOT_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export class ContactIndex {
  #source: readonly (readonly ContactView[])[] = [];
  #prepared: Prepared[] = [];

  /** Rebuilds only when the contact lists changed (they are replaced, never mutated). */
  update(lists: readonly (readonly ContactView[])[]): void {
    if (lists.length === this.#source.length && lists.every((list, index) => list === this.#source[index]))
      return;
    this.#source = lists;
    const prepared: Prepared[] = [];
    for (const list of lists) {
      for (const contact of list) {
        prepared.push({
          contact,
          text: foldText(
            `${contact.firstName} ${contact.lastName} ${contact.description} ${contact.phoneNumber}`,
          ),
          digits: contact.phoneNumber.replace(/\D/g, ''),
        });
      }
    }
    this.#prepared = prepared;
  }

  get size(): number {
    return this.#prepared.length;
  }

  /** Contacts matching every word of the query (names, description, number; digits ignore formatting). */
  search(query: string, limit = 50): ContactView[] {
    const terms = foldText(query)
      .split(/\s+/)
      .filter((word) => word !== '')
      .map((word) => ({ word, digits: /^\+?[\d()\-.]+$/.test(word) ? word.replace(/\D/g, '') : '' }));
    if (terms.length === 0) return [];
    const results: ContactView[] = [];
    for (const item of this.#prepared) {
      const matches = terms.every(
        (term) =>
          item.text.includes(term.word) || (term.digits.length >= 2 && item.digits.includes(term.digits)),
      );
      if (matches) {
        results.push(item.contact);
        if (results.length >= limit) break;
      }
    }
    return results;
  }
}
