// The phonebook search: every keystroke asks the store (which searches the contacts it holds),
// and only the answer to the latest query is kept (an earlier, slower answer arriving late is dropped). When the contacts searched change
// (a phonebook loads while the query is typed), refresh() asks again for the same query.

import type { ContactView, Result } from '../../../preload/contract.ts';
import { LatestRequest } from './latest-request.ts';

export type SearchContacts = (query: string) => Promise<Result<readonly ContactView[]>>;

export class ContactSearch {
  readonly #search: SearchContacts;
  readonly #latest = new LatestRequest();
  query = $state('');
  /** Large and replaced whole, never mutated: raw state. */
  results = $state.raw<readonly ContactView[]>([]);
  searching = $state(false);
  failed = $state(false);

  constructor(search: SearchContacts) {
    this.#search = search;
  }

  /** Searches the current query again: what it finds changed (contacts were loaded or replaced). */
  refresh(): Promise<void> {
    return this.query.trim() === '' ? Promise.resolve() : this.search(this.query);
  }

  async search(query: string): Promise<void> {
    this.query = query;
    const trimmed = query.trim();
    if (trimmed === '') {
      this.#latest.supersede();
      this.results = [];
      this.searching = false;
      this.failed = false;
      return;
    }
    this.searching = true;
    const answer = await this.#latest.run(() => this.#search(trimmed));
    if (!answer.current) return;
    this.searching = false;
    this.failed = !answer.value.ok;
    this.results = answer.value.ok ? answer.value.value : [];
  }
}
