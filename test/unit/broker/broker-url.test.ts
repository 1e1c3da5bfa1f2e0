import { describe, expect, it } from 'vitest';
import { parseBrokerUrl, type BrokerEndpoint } from '../../../main/core/broker/broker-url.ts';

describe('parseBrokerUrl accepts', () => {
  const accepted: [string, Partial<BrokerEndpoint>][] = [
    [
      'stomp://broker.example.com:61613',
      {
        url: 'stomp://broker.example.com:61613',
        scheme: 'stomp',
        transport: 'tcp',
        host: 'broker.example.com',
        port: 61613,
        path: '',
        secure: false,
      },
    ],
    ['stomp://broker', { url: 'stomp://broker:61613', port: 61613 }],
    ['stomp://broker:1234/', { url: 'stomp://broker:1234', port: 1234, path: '' }],
    ['  stomp://broker:1234  ', { url: 'stomp://broker:1234' }],
    ['STOMP://broker:1234', { scheme: 'stomp', url: 'stomp://broker:1234' }],
    [
      'stomp+ssl://broker.example.com',
      {
        scheme: 'stomp+ssl',
        transport: 'tls',
        port: 61612,
        secure: true,
        url: 'stomp+ssl://broker.example.com:61612',
      },
    ],
    ['stomp+ssl://10.0.0.5:7000', { host: '10.0.0.5', port: 7000, transport: 'tls' }],
    ['stomp://[::1]:61613', { host: '::1', port: 61613, url: 'stomp://[::1]:61613' }],
    ['stomp://[::1]', { host: '::1', port: 61613 }],
    ['ws://broker', { scheme: 'ws', transport: 'ws', port: 61614, path: '/', url: 'ws://broker:61614/' }],
    ['ws://broker:80/stomp', { port: 80, path: '/stomp', url: 'ws://broker:80/stomp' }],
    ['wss://broker', { scheme: 'wss', transport: 'wss', port: 61619, secure: true }],
    ['wss://broker:443/mq?x=1', { port: 443, path: '/mq?x=1', url: 'wss://broker:443/mq?x=1' }],
  ];
  it.each(accepted)('%s', (input, expected) => {
    const result = parseBrokerUrl(input);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject(expected);
  });
});

describe('parseBrokerUrl refuses, saying what to write instead', () => {
  const refused: [string, RegExp][] = [
    ['', /empty/],
    ['   ', /empty/],
    ['broker.example.com', /no scheme.*stomp:\/\//],
    ['localhost:61613', /no scheme/],
    ['tcp://broker:61616', /OpenWire, which Switchboard does not speak: use stomp:\/\/host:61613/],
    ['nio://broker:61616', /OpenWire/],
    ['ssl://broker:61617', /OpenWire over TLS.*stomp\+ssl:\/\/host:61612/],
    ['failover:(tcp://a:61616,tcp://b:61616)', /failover.*list each broker/],
    ['amqp://broker:5672', /AMQP/],
    ['mqtt://broker:1883', /MQTT/],
    ['http://broker:8161', /ws:\/\//],
    ['stomp+nio://broker:61613', /server-side connector/],
    ['gopher://broker', /not a broker scheme/],
    ['stomp://user:secret@broker:61613', /must not contain a user name or password/],
    ['stomp://broker:0', /port 0/],
    ['stomp://broker:70000', /port/],
    ['stomp://broker:', /no port number/],
    ['stomp://broker:61613/queue', /path or options/],
    ['stomp://broker:61613?transport.hbGracePeriodMultiplier=1.5', /path or options/],
    ['ws://broker:61614/#frag', /fragment/],
    ['stomp://:61613', /no host name|not a valid address/],
    ['stomp://bro ker:61613', /not a valid address/],
  ];
  it.each(refused)('%j', (input, message) => {
    const result = parseBrokerUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-broker-url');
      expect(result.error.message).toMatch(message);
    }
  });

  it.each([
    'stomp://agent:hunter2@broker:61613',
    'stomp://agent:hunter2@bro ker:99999',
    'ws://agent:hunter2@broker/#x',
  ])('never quotes a password back: %s', (input) => {
    const result = parseBrokerUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).not.toContain('hunter2');
  });
});
