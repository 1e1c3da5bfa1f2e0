// Commands that wait for GC's reply. GC's replies carry no request id: a command is answered by
// the first event that shows its effect (each request brings its own test), or refused by GC's
// Error, which names no command either, so an Error settles every request then waiting. A request
// also ends when the broker refuses the SEND, when the reply does not come in time, and when the
// link goes down or GC goes out of service (what was asked will not be answered then).

import type { DeskError, Result } from '../../../preload/contract.ts';
import type { GcSendResult } from '../broker/gc-session.ts';
import type { Command, DecodedEvent } from '../protocol/index.ts';
import { fail, ok } from './desk-guards.ts';
import { plainGcError } from './gc-errors.ts';

interface Waiter {
  readonly matches: (event: DecodedEvent) => boolean;
  readonly resolve: (result: Result<void>) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export interface GcRequestsOptions {
  /** Sends one command through the current session (resolves on the broker's receipt). */
  readonly send: (command: Command) => Promise<GcSendResult>;
  /** How long a request waits for GC's reply after the broker confirmed it. */
  readonly replyTimeoutMs: number;
}

export class GcRequests {
  readonly #options: GcRequestsOptions;
  readonly #waiters = new Set<Waiter>();

  constructor(options: GcRequestsOptions) {
    this.#options = options;
  }

  /** Sends a command and waits for GC's reply (`reply` true), an Error event, or the timeout. */
  async request(command: Command, reply: (event: DecodedEvent) => boolean): Promise<Result<void>> {
    let resolve!: (result: Result<void>) => void;
    const answered = new Promise<Result<void>>((settle) => (resolve = settle));
    const waiter: Waiter = {
      matches: reply,
      resolve,
      timer: setTimeout(
        () =>
          this.#settle(
            waiter,
            fail(
              'no-reply',
              `The connector did not answer ${command.name} in time; check your state before retrying.`,
            ),
          ),
        this.#options.replyTimeoutMs,
      ),
    };
    this.#waiters.add(waiter);
    const sent = await this.#options.send(command);
    if (!sent.ok) {
      this.#settle(
        waiter,
        fail(sent.error.code, sent.error.message, 'field' in sent.error ? sent.error.field : undefined),
      );
    }
    return answered;
  }

  /** How many requests are waiting for GC now. */
  get waiting(): number {
    return this.#waiters.size;
  }

  /** Every event from GC, after the desk's state has taken it in (a reply test reads that state). */
  onEvent(event: DecodedEvent): void {
    for (const waiter of [...this.#waiters]) {
      if (event.kind === 'Error') {
        this.#settle(waiter, fail(event.code || 'gc-error', plainGcError(event.code, event.message)));
      } else if (waiter.matches(event)) {
        this.#settle(waiter, ok);
      }
    }
  }

  /** The link went down or GC went out of service: nothing waiting will be answered. */
  failAll(code: 'connection-lost' | 'out-of-service'): void {
    const message =
      code === 'out-of-service'
        ? 'The connector went out of service (it lost Finesse) before it answered; check your state once it is back.'
        : 'The connection was lost before the connector answered; check your state once it is back.';
    this.#failEvery(fail(code, message));
  }

  /** The desk is stopping. */
  stop(): void {
    this.#failEvery(fail('stopped', 'Switchboard is shutting down.'));
  }

  #failEvery(result: { ok: false; error: DeskError }): void {
    for (const waiter of [...this.#waiters]) this.#settle(waiter, result);
  }

  #settle(waiter: Waiter, result: Result<void>): void {
    if (!this.#waiters.delete(waiter)) return;
    clearTimeout(waiter.timer);
    waiter.resolve(result);
  }
}
