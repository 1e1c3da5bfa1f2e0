import { describe, expect, it } from 'vitest';
import {
  classifySocketError,
  classifyStompError,
  isFatal,
  type SessionErrorCode,
} from '../../../main/core/broker/errors.ts';

const url = 'stomp+ssl://broker.example.com:61612';

function nodeError(code: string, message = `${code} happened`, extra: object = {}): Error {
  return Object.assign(new Error(message), { code }, extra);
}

describe('classifySocketError', () => {
  const table: [string, SessionErrorCode][] = [
    ['ECONNREFUSED', 'refused'],
    ['EHOSTUNREACH', 'unreachable'],
    ['ENETUNREACH', 'unreachable'],
    ['ENOTFOUND', 'unreachable'],
    ['EAI_AGAIN', 'unreachable'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls-untrusted'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls-untrusted'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls-untrusted'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'tls-untrusted'],
    ['CERT_HAS_EXPIRED', 'tls-untrusted'],
    ['CERT_NOT_YET_VALID', 'tls-untrusted'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls-hostname'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls-handshake'],
    ['EPROTO', 'tls-handshake'],
  ];
  it.each(table)('%s → %s', (code, expected) => {
    const error = classifySocketError(nodeError(code), { url });
    expect(error.code).toBe(expected);
    expect(error.url).toBe(url);
    expect(error.detail).toContain(code);
  });

  it('tells a dropped link from a failed connect for codes that mean either', () => {
    expect(classifySocketError(nodeError('ECONNRESET'), { url, established: true }).code).toBe(
      'connection-lost',
    );
    expect(classifySocketError(nodeError('ECONNRESET'), { url }).code).toBe('connect-failed');
    expect(classifySocketError(nodeError('ETIMEDOUT'), { url }).code).toBe('unreachable');
    expect(classifySocketError(nodeError('ETIMEDOUT'), { url, established: true }).code).toBe(
      'connection-lost',
    );
    expect(classifySocketError(new Error('Unexpected server response: 404'), { url }).code).toBe(
      'connect-failed',
    );
    expect(classifySocketError('not even an Error').code).toBe('connect-failed');
  });

  it('says in plain words what is wrong with the certificate', () => {
    expect(classifySocketError(nodeError('CERT_HAS_EXPIRED'), { url }).message).toBe(
      `The broker at ${url} presented a certificate that has expired (CERT_HAS_EXPIRED). ` +
        "Configure the CA certificate that signed the broker's certificate, or ask the broker's administrator.",
    );
    const hostname = classifySocketError(
      nodeError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames", {
        host: '127.0.0.1',
        cert: { subjectaltname: 'DNS:localhost' },
      }),
      { url: 'stomp+ssl://127.0.0.1:61612' },
    );
    expect(hostname.message).toBe(
      'The broker at stomp+ssl://127.0.0.1:61612 presented a certificate for another host name ' +
        '(it is valid for DNS:localhost, not 127.0.0.1). Connect with a name the certificate lists.',
    );
  });

  it('names a refused port and an unknown host plainly', () => {
    expect(classifySocketError(nodeError('ECONNREFUSED'), { url: 'stomp://a:61613' }).message).toBe(
      'Nothing accepted the connection at stomp://a:61613: the broker may be down, or the port may be wrong.',
    );
    expect(classifySocketError(nodeError('ENOTFOUND'), { url: 'stomp://nosuch:61613' }).message).toMatch(
      /host name in stomp:\/\/nosuch:61613 could not be found/,
    );
  });
});

describe('classifyStompError', () => {
  // What ActiveMQ 5.17 really sends (captured from the integration broker):
  // ERROR message:User name [switchboard] or password is invalid.  content-type:text/plain
  const table: [string, SessionErrorCode][] = [
    ['User name [switchboard] or password is invalid.', 'auth-failed'],
    ['User is not authenticated.', 'auth-failed'],
    [
      'AMQ229031: Unable to validate user from /127.0.0.1:5000. Username: x; SSL certificate subject DN: unavailable',
      'auth-failed',
    ],
    ["Access refused for user 'guest'", 'auth-failed'],
    ['User switchboard is not authorized to write to: queue://Connector1', 'not-authorized'],
    ['User switchboard is not authorized to read from: topic://ws-1', 'not-authorized'],
    ["AMQ229032: User: x does not have permission='SEND' on address Connector1", 'not-authorized'],
    ['Invalid heart-beat header:abc', 'broker-error'],
    ['Not connected.', 'broker-error'],
  ];
  it.each(table)('%s → %s', (message, expected) => {
    const error = classifyStompError({ headers: { message, 'content-type': 'text/plain' }, body: '' }, url);
    expect(error.code).toBe(expected);
    expect(error.detail).toBe(message);
  });

  it('says a refused login in plain words', () => {
    const error = classifyStompError(
      {
        headers: { message: 'User name [agent7] or password is invalid.' },
        body: 'java.lang.SecurityException: …',
      },
      'stomp://broker:61613',
    );
    expect(error.message).toBe('The broker at stomp://broker:61613 refused the user name or password.');
  });

  it('falls back to the body, then to a stated absence of reason', () => {
    expect(classifyStompError({ headers: {}, body: 'Something broke\nat java…' }).detail).toBe(
      'Something broke',
    );
    expect(classifyStompError({ headers: {} }).message).toBe(
      'The broker reported an error: (the broker gave no reason)',
    );
  });
});

describe('isFatal', () => {
  it('stops on what retrying cannot heal, and only that', () => {
    const fatal: SessionErrorCode[] = ['auth-failed', 'tls-untrusted', 'tls-hostname', 'invalid-broker-url'];
    const retried: SessionErrorCode[] = [
      'refused',
      'unreachable',
      'connect-timeout',
      'connect-failed',
      'heartbeat-timeout',
      'connection-lost',
      'broker-error',
      'not-authorized',
      'tls-handshake',
    ];
    for (const code of fatal) expect(isFatal({ code, message: '' })).toBe(true);
    for (const code of retried) expect(isFatal({ code, message: '' })).toBe(false);
  });
});
