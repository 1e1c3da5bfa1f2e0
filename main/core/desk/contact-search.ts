// Search across loaded phonebooks: every keystroke of the agent runs it, over up to 100,000
// contacts. Each contact's searchable text is folded once (lower case, accents removed) and its
// digits kept separately, so a query is one pass of `includes` over prepared strings.

import type { ContactView } from '../../../preload/contract.ts';

interface Prepared {
  readonly contact: ContactView;
  readonly text: string;
  readonly digits: string;
}

export function foldText(text: string): string {
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
    this.#prepared = [];
    for (const list of lists) {
      for (const contact of list) {
        this.#prepared.push({
          contact,
          text: foldText(
            `${contact.firstName} ${contact.lastName} ${contact.description} ${contact.phoneNumber}`,
          ),
          digits: contact.phoneNumber.replace(/\D/g, ''),
        });
      }
    }
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
      let all = true;
      for (const term of terms) {
        if (!(
          item.text.includes(term.word) ||
          (term.digits.length >= 2 && item.digits.includes(term.digits))
        )) {
          all = false;
          break;
        }
      }
      if (all) {
        results.push(item.contact);
        if (results.length >= limit) break;
      }
    }
    return results;
  }
}
