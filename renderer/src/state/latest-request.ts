// Requests that overlap where only the newest answer counts (a search asked on every keystroke):
// an answer to an earlier request that arrives after a newer one was asked is dropped.

export type LatestAnswer<T> = { readonly current: true; readonly value: T } | { readonly current: false };

export class LatestRequest {
  #latest = 0;

  /** Marks everything asked before as out of date, without asking anything new. */
  supersede(): void {
    this.#latest++;
  }

  async run<T>(request: () => Promise<T>): Promise<LatestAnswer<T>> {
    const asked = ++this.#latest;
    const value = await request();
    return asked === this.#latest ? { current: true, value } : { current: false };
  }
}
