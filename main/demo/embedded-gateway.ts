// Face 2: broker and GC in one, for the app's demo mode. A loopback STOMP-over-WebSocket
// endpoint whose GC command queue feeds the simulated contact center, which answers on the
// clients' topics. The desk connects to it with exactly the session code it uses for ActiveMQ.

import { commandQueueDestination, DEFAULT_COMMAND_QUEUE } from '../core/broker/gc-session.ts';
import { createGcPeer, type GcPeer, type GcPeerOptions } from './gc-peer.ts';
import { EmbeddedStompEndpoint, type EmbeddedStompEndpointOptions } from './stomp-endpoint/index.ts';

export interface EmbeddedGatewayOptions extends GcPeerOptions {
  readonly endpoint?: Omit<EmbeddedStompEndpointOptions, 'log'>;
  readonly commandQueue?: string;
}

export class EmbeddedDemoGateway {
  readonly peer: GcPeer;
  readonly endpoint: EmbeddedStompEndpoint;
  readonly #commandQueue: string;
  #url: string | undefined;

  constructor(options: EmbeddedGatewayOptions = {}) {
    const log = options.log;
    this.endpoint = new EmbeddedStompEndpoint({ ...options.endpoint, ...(log ? { log } : {}) });
    this.#commandQueue = commandQueueDestination(options.commandQueue ?? DEFAULT_COMMAND_QUEUE);
    this.peer = createGcPeer(options, (destination, body) => this.endpoint.publish(destination, { body }));
  }

  /** The ws:// URL the desk connects to, once started. */
  get url(): string | undefined {
    return this.#url;
  }

  async start(): Promise<string> {
    const { url } = await this.endpoint.start();
    this.endpoint.handleSends(this.#commandQueue, (send) =>
      this.peer.receive(send.headers['type'], send.body),
    );
    this.peer.center.start();
    this.#url = url;
    return url;
  }

  async stop(): Promise<void> {
    this.peer.center.stop();
    await this.endpoint.stop();
  }
}
