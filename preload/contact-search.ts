// What a phonebook search finds: part of the contract, because two sides search the same
// contacts and must agree. The page searches what the desk has sent it on every keystroke (a
// round trip to the desk per keystroke cost 4-10 ms before the search had even started); the
// desk searches for the CLI and for callers of DeskApi.searchContacts. Both use this module.
//
// Each contact's searchable text is folded once (lower case, accents removed) and its digits kept
// separately, so a query is one pass of `includes` over prepared strings, stopping at the limit.
//
// Typing refines: "gup" then "gupt" can only find fewer contacts. The index remembers how far the
// last search scanned and what it found there, so a query that can only match a subset of the
// last one's matches checks those, then scans on from where the last one stopped, instead of
// scanning 100,000 contacts again (issue 7: keystroke -> results painted, p95 <= 16 ms). The
// answer is the same contacts in the same order as a full scan; the unit tests hold it to that.

import type { ContactView } from './contract.ts';

interface Prepared {
  readonly contact: ContactView;
  readonly text: string;
  readonly digits: string;
}

interface Term {
  /** The folded word, matched anywhere in the folded names, description and number. */
  readonly word: string;
  /** For a word shaped like a number ("555-01", "(202)"): its digits, matched in the number's digits. */
  readonly digits: string;
}

/** Within contacts [0, scannedTo), exactly those at `found` (ascending) match `terms`. */
interface LastScan {
  readonly terms: readonly Term[];
  readonly found: readonly number[];
  readonly scannedTo: number;
}

/** Text with anything but printable ASCII, tabs and line breaks goes the Unicode way (slower, same result). */
const NOT_ASCII = /[^\t\n\r\u0020-\u007e]/;
const NUMBER_LIKE = /^\+?[\d()\-.]+$/;

/** Lower case, accents removed ("Inés" -> "ines"); plain ASCII skips the Unicode work. */
export function foldText(text: string): string {
  if (!NOT_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function termsOf(query: string): Term[] {
  return foldText(query)
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => ({ word, digits: NUMBER_LIKE.test(word) ? word.replace(/\D/g, '') : '' }));
}

function termMatches(item: Prepared, term: Term): boolean {
  return item.text.includes(term.word) || (term.digits.length >= 2 && item.digits.includes(term.digits));
}

/** Whatever `narrower` matches, `wider` matches too. */
function termImplies(narrower: Term, wider: Term): boolean {
  if (!narrower.word.includes(wider.word)) return false;
  // A match through the digits must be a match of the wider term's digits as well.
  return narrower.digits.length < 2 || (wider.digits.length >= 2 && narrower.digits.includes(wider.digits));
}

/** Every contact the new terms match was matched by the old ones (each old term is implied by a new one). */
function refines(terms: readonly Term[], previous: readonly Term[]): boolean {
  return previous.every((wider) => terms.some((narrower) => termImplies(narrower, wider)));
}

export class ContactIndex {
  #source: readonly (readonly ContactView[])[] = [];
  #prepared: Prepared[] = [];
  #last: LastScan | undefined;

  /** Rebuilds only when the contact lists changed (they are replaced, never mutated). */
  update(lists: readonly (readonly ContactView[])[]): void {
    if (lists.length === this.#source.length && lists.every((list, index) => list === this.#source[index]))
      return;
    this.#source = lists;
    this.#last = undefined;
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

  /**
   * Contacts matching every word of the query (names, description, number; digits ignore
   * formatting), in phonebook order, at most `limit`.
   */
  search(query: string, limit = 50): ContactView[] {
    const terms = termsOf(query);
    if (terms.length === 0) return [];
    const prepared = this.#prepared;
    const matches = (index: number) => terms.every((term) => termMatches(prepared[index] as Prepared, term));
    const found: number[] = [];
    let scannedTo = 0;
    const last = this.#last;
    if (last && refines(terms, last.terms)) {
      // Before last.scannedTo only the last search's matches can match.
      for (const index of last.found) {
        if (found.length >= limit) break;
        scannedTo = index + 1;
        if (matches(index)) found.push(index);
      }
      if (found.length < limit) scannedTo = last.scannedTo;
    }
    while (found.length < limit && scannedTo < prepared.length) {
      if (matches(scannedTo)) found.push(scannedTo);
      scannedTo++;
    }
    this.#last = { terms, found, scannedTo };
    return found.map((index) => (prepared[index] as Prepared).contact);
  }
}
