// What the connection indicator shows, as the renderer would show it: the desk's patches applied
// to its first snapshot (as every bridge's far side does), read through the same pure view
// function the UI renders (renderer/src/state/desk-views.ts `connectionHealth`). Each change of
// what is shown is recorded with its time, so a fault test can say what the agent saw at each
// step and when.

import { applyPatch, type DeskApi, type DeskState } from '../../preload/contract.ts';
import { connectionHealth } from '../../renderer/src/state/desk-views.ts';

export type HealthKind = ReturnType<typeof connectionHealth>['kind'];

export interface ShownHealth {
  /** Date.now() when the patch that changed it arrived. */
  readonly at: number;
  readonly kind: HealthKind;
  /** The connection's last error as the UI has it (code and the sentence shown). */
  readonly errorCode: string | undefined;
  readonly errorMessage: string | undefined;
}

export class UiHealth {
  #view: DeskState;
  readonly shown: ShownHealth[] = [];
  readonly #unsubscribe: () => void;
  readonly #waiters = new Set<() => void>();

  constructor(desk: Pick<DeskApi, 'subscribe'> & { readonly state: DeskState }) {
    this.#view = desk.state;
    this.#record();
    this.#unsubscribe = desk.subscribe((patch) => {
      this.#view = applyPatch(this.#view, patch);
      this.#record();
    });
  }

  /** The snapshot the UI holds now. */
  get view(): DeskState {
    return this.#view;
  }

  get current(): ShownHealth {
    return this.shown.at(-1)!;
  }

  /** Index to search from in later waits. */
  mark(): number {
    return this.shown.length;
  }

  /** The first shown health at index ≥ `from` that matches, waiting for it if need be. */
  waitFor(
    predicate: (shown: ShownHealth) => boolean,
    what: string,
    from = 0,
    timeoutMs = 30_000,
  ): Promise<ShownHealth> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.shown.find((shown, index) => index >= from && predicate(shown));
        if (!found) return false;
        done();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `the UI never showed ${what} within ${timeoutMs} ms; it showed ${JSON.stringify(this.kinds(from))}`,
          ),
        );
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
      };
      const wake = (): void => void check();
      this.#waiters.add(wake);
      check();
    });
  }

  /** The kinds shown from `from` on, consecutive repeats once. */
  kinds(from = 0): HealthKind[] {
    const kinds: HealthKind[] = [];
    for (const shown of this.shown.slice(from)) if (kinds.at(-1) !== shown.kind) kinds.push(shown.kind);
    return kinds;
  }

  dispose(): void {
    this.#unsubscribe();
    this.#waiters.clear();
  }

  #record(): void {
    const { connection } = this.#view;
    const kind = connectionHealth(connection, undefined, Date.now()).kind;
    const last = this.shown.at(-1);
    const errorCode = connection.lastError?.code;
    if (last && last.kind === kind && last.errorCode === errorCode) return;
    this.shown.push({ at: Date.now(), kind, errorCode, errorMessage: connection.lastError?.message });
    for (const wake of [...this.#waiters]) wake();
  }
}
