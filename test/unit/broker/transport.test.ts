import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { parseBrokerUrl, type BrokerEndpoint } from '../../../main/core/broker/broker-url.ts';
import {
  openBrokerLink,
  STOMP_WS_SUBPROTOCOLS,
  trustedCertificates,
} from '../../../main/core/broker/transport.ts';
import { freeLoopbackPort } from '../../fixtures/ports.ts';

function endpoint(url: string): BrokerEndpoint {
  const parsed = parseBrokerUrl(url);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

function closed(socket: { onclose: ((ev?: unknown) => unknown) | null | undefined }): Promise<void> {
  return new Promise((resolve) => {
    socket.onclose = () => resolve();
  });
}

describe('trustedCertificates', () => {
  it('keeps the default store when no CA is configured', () => {
    expect(trustedCertificates(undefined)).toBeUndefined();
    expect(trustedCertificates('  ')).toBeUndefined();
  });

  it('adds a configured CA to the bundled roots instead of replacing them', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const ca = trustedCertificates(pem);
    expect(ca).toHaveLength(rootCertificates.length + 1);
    expect(ca?.at(-1)).toBe(pem);
  });
});

describe('openBrokerLink', () => {
  it('keeps the Node error of a refused TCP connection for classification', async () => {
    const port = await freeLoopbackPort();
    const link = openBrokerLink(endpoint(`stomp://127.0.0.1:${port}`));
    await closed(link.socket);
    expect((link.error as NodeJS.ErrnoException | undefined)?.code).toBe('ECONNREFUSED');
  });

  it('offers the STOMP subprotocols over WebSocket', async () => {
    const offered: string[][] = [];
    const server = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      handleProtocols: (protocols) => {
        offered.push([...protocols]);
        return 'v12.stomp';
      },
    });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    try {
      const link = openBrokerLink(endpoint(`ws://127.0.0.1:${address.port}/stomp`));
      await new Promise<void>((resolve) => {
        link.socket.onopen = () => resolve();
      });
      expect(offered).toEqual([[...STOMP_WS_SUBPROTOCOLS]]);
      expect(STOMP_WS_SUBPROTOCOLS).toEqual(['v12.stomp', 'v11.stomp', 'v10.stomp']);
      const done = closed(link.socket);
      link.socket.close();
      await done;
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('never throws: a socket that cannot be created closes with the cause kept', async () => {
    const link = openBrokerLink({ ...endpoint('ws://127.0.0.1:1/'), url: 'ws://in valid' });
    await closed(link.socket);
    expect(link.error).toBeInstanceOf(Error);
  });
});
