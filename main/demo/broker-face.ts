// Face 1: the simulated contact center as a client of a real ActiveMQ, where the real GC would
// be. It consumes GC's command queue and answers on each client's topic, through the same
// StompSession the desk uses (so TLS, failover and heart-beats behave the same).

import { commandQueueDestination, DEFAULT_COMMAND_QUEUE } from '../core/broker/gc-session.ts';
import { StompSession, type SessionStatus, type StompSessionOptions } from '../core/broker/stomp-session.ts';
import { createGcPeer, type GcPeer, type GcPeerOptions } from './gc-peer.ts';

export interface SimulatorOnBrokerOptions extends GcPeerOptions {
  readonly broker: Omit<StompSessionOptions, 'log'>;
  /** GC's command queue (default Connector1). */
  readonly commandQueue?: string;
}

export class SimulatorOnBroker {
  readonly peer: GcPeer;
  readonly session: StompSession;
  #publishFailures = 0;

  constructor(options: SimulatorOnBrokerOptions) {
    const log = options.log;
    this.session = new StompSession({ ...options.broker, ...(log ? { log } : {}) });
    this.peer = createGcPeer(options, (destination, body) => {
      void this.session.send(destination, { body }).then((result) => {
        if (!result.ok) {
          this.#publishFailures++;
          log?.({ level: 'warn', event: 'sim.publish-failed', destination, error: result.error.message });
        }
      });
    });
    this.session.subscribe(
      commandQueueDestination(options.commandQueue ?? DEFAULT_COMMAND_QUEUE),
      (message) => this.peer.receive(message.headers['type'], message.body),
    );
  }

  get publishFailures(): number {
    return this.#publishFailures;
  }

  /** Connects, then starts traffic; resolves once the command queue is subscribed. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const off = this.session.onStatus((status: SessionStatus) => {
        if (status.state === 'connected') {
          off();
          this.peer.center.start();
          resolve();
        } else if (status.state === 'stopped') {
          off();
          reject(new Error(status.error?.message ?? 'the simulator’s broker session stopped'));
        }
      });
      this.session.start();
    });
  }

  async stop(): Promise<void> {
    this.peer.center.stop();
    await this.session.stop();
  }
}
