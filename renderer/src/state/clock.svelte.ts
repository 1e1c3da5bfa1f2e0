// The renderer's one clock for timers: `now` moves once a second, so every timer on screen
// updates together and nothing else needs its own interval.

export class Clock {
  #now = $state(Date.now());
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #read: () => number;

  constructor(read: () => number = Date.now) {
    this.#read = read;
    this.#now = read();
  }

  get now(): number {
    return this.#now;
  }

  start(): void {
    if (this.#timer !== undefined) return;
    this.#now = this.#read();
    this.#timer = setInterval(() => (this.#now = this.#read()), 1000);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
