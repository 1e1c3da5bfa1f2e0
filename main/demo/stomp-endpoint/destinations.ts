// Where messages go. Destinations are matched exactly (no wildcards). `/topic/…` fans out to
// every subscription; anything else is a queue (ActiveMQ's default for an unprefixed name):
// one subscription per message, round-robin, and while a queue has no subscriber its messages
// wait in a bounded buffer (oldest dropped first, with a warn log).
import type { HeaderList } from './frames.ts';

export type AckMode = 'auto' | 'client' | 'client-individual';

/** One message as stored and delivered; message-id is assigned once, at publish. */
export interface StoredMessage {
  readonly messageId: string;
  readonly destination: string;
  /** Headers passed through to MESSAGE frames (never destination/message-id/subscription/ack). */
  readonly headers: HeaderList;
  readonly body: Uint8Array;
}

export interface Subscriber {
  readonly id: string;
  readonly destination: string;
  readonly ack: AckMode;
  /** Hands the message to the connection; false when it can no longer take messages. */
  deliver(message: StoredMessage): boolean;
}

export interface BufferLimits {
  /** Messages kept per subscriber-less queue. */
  readonly messagesPerQueue: number;
  /** Body bytes kept across all subscriber-less queues. */
  readonly totalBytes: number;
}

export type RouterLog = (level: 'warn', event: string, fields: Record<string, unknown>) => void;

export function isTopic(destination: string): boolean {
  return destination.startsWith('/topic/');
}

interface QueueBuffer {
  readonly messages: StoredMessage[];
  /** Index of the oldest message still buffered (shifting arrays of 10 000 is O(n)). */
  head: number;
}

export class DestinationRouter {
  readonly #subscribers = new Map<string, Subscriber[]>();
  readonly #cursor = new Map<string, number>();
  readonly #buffers = new Map<string, QueueBuffer>();
  #bufferedBytes = 0;
  readonly #limits: BufferLimits;
  readonly #log: RouterLog;

  constructor(limits: BufferLimits, log: RouterLog) {
    this.#limits = limits;
    this.#log = log;
  }

  /** Adds a subscriber; a queue's buffered messages go to it at once, oldest first. */
  subscribe(subscriber: Subscriber): void {
    const list = this.#subscribers.get(subscriber.destination);
    if (list === undefined) this.#subscribers.set(subscriber.destination, [subscriber]);
    else list.push(subscriber);
    if (!isTopic(subscriber.destination)) this.#flush(subscriber.destination);
  }

  unsubscribe(subscriber: Subscriber): void {
    const list = this.#subscribers.get(subscriber.destination);
    if (list === undefined) return;
    const index = list.indexOf(subscriber);
    if (index < 0) return;
    list.splice(index, 1);
    if (list.length === 0) {
      this.#subscribers.delete(subscriber.destination);
      this.#cursor.delete(subscriber.destination);
    } else {
      const cursor = this.#cursor.get(subscriber.destination) ?? 0;
      this.#cursor.set(subscriber.destination, index < cursor ? cursor - 1 : cursor % list.length);
    }
  }

  subscriberCount(destination: string): number {
    return this.#subscribers.get(destination)?.length ?? 0;
  }

  bufferedCount(destination: string): number {
    const buffer = this.#buffers.get(destination);
    return buffer === undefined ? 0 : buffer.messages.length - buffer.head;
  }

  route(message: StoredMessage): void {
    if (isTopic(message.destination)) {
      // A copy: a delivery that fails may unsubscribe (connection closing) while we iterate.
      for (const subscriber of [...(this.#subscribers.get(message.destination) ?? [])])
        subscriber.deliver(message);
      return;
    }
    if (!this.#deliverToOne(message)) this.#buffer(message);
  }

  #deliverToOne(message: StoredMessage): boolean {
    for (;;) {
      const list = this.#subscribers.get(message.destination);
      if (list === undefined || list.length === 0) return false;
      const cursor = (this.#cursor.get(message.destination) ?? 0) % list.length;
      const subscriber = list[cursor];
      if (subscriber === undefined) return false;
      this.#cursor.set(message.destination, (cursor + 1) % list.length);
      if (subscriber.deliver(message)) return true;
      // The connection could not take it: it is going away, so take it out of the rotation.
      this.unsubscribe(subscriber);
    }
  }

  #buffer(message: StoredMessage): void {
    let buffer = this.#buffers.get(message.destination);
    if (buffer === undefined) {
      buffer = { messages: [], head: 0 };
      this.#buffers.set(message.destination, buffer);
    }
    buffer.messages.push(message);
    this.#bufferedBytes += message.body.length;
    let dropped = 0;
    while (
      buffer.messages.length - buffer.head > this.#limits.messagesPerQueue ||
      (this.#bufferedBytes > this.#limits.totalBytes && buffer.head < buffer.messages.length)
    ) {
      const oldest = buffer.messages[buffer.head];
      buffer.head++;
      if (oldest !== undefined) this.#bufferedBytes -= oldest.body.length;
      dropped++;
    }
    if (buffer.head > 1024 && buffer.head * 2 > buffer.messages.length) {
      buffer.messages.splice(0, buffer.head);
      buffer.head = 0;
    }
    if (buffer.head === buffer.messages.length) this.#buffers.delete(message.destination);
    if (dropped > 0) {
      this.#log('warn', 'queue-buffer-overflow', {
        destination: message.destination,
        dropped,
        buffered: buffer.messages.length - buffer.head,
      });
    }
  }

  #flush(destination: string): void {
    const buffer = this.#buffers.get(destination);
    if (buffer === undefined) return;
    this.#buffers.delete(destination);
    for (let i = buffer.head; i < buffer.messages.length; i++) {
      const message = buffer.messages[i];
      if (message === undefined) continue;
      this.#bufferedBytes -= message.body.length;
      // Re-routed one by one: round-robin if more subscribers arrive meanwhile, back into a
      // fresh buffer if the subscriber vanished.
      this.route(message);
    }
  }

  clear(): void {
    this.#subscribers.clear();
    this.#cursor.clear();
    this.#buffers.clear();
    this.#bufferedBytes = 0;
  }
}
