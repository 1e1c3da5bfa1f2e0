// A plain @stomp/stompjs client over TCP with no Switchboard code in its path: the references
// beside which Switchboard is measured (a bare subscriber, a bare publisher), and the consumer
// that sees commands arrive on the broker.

import { Client } from '@stomp/stompjs';
import { TCPWrapper } from '@stomp/tcp-wrapper';
import type { ActiveMqBroker } from '../fixtures/activemq.ts';

export function connectBareStomp(
  broker: Pick<ActiveMqBroker, 'stompPort' | 'user' | 'password'>,
): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client({
      webSocketFactory: () => new TCPWrapper('127.0.0.1', broker.stompPort),
      connectHeaders: { login: broker.user, passcode: broker.password },
      reconnectDelay: 0,
      heartbeatIncoming: 0,
      heartbeatOutgoing: 0,
      onConnect: () => resolve(client),
      onStompError: (frame) => reject(new Error(frame.headers['message'] ?? 'STOMP error')),
      onWebSocketError: () => reject(new Error('socket error')),
    });
    client.activate();
  });
}

/** Publishes a GC event body as GC does: a JMS TextMessage (no content-length) on a topic. */
export function publishText(client: Client, destination: string, body: string): void {
  client.publish({ destination, body, skipContentLengthHeader: true });
}
