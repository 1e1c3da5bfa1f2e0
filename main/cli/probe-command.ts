// `switchboard probe`: for deployers. Checks, step by step, that a workstation reaches the
// broker and GC: the URL, name resolution, the TCP connection, the TLS handshake (certificate
// and host name), the STOMP login, and GC's answer to Hello; prints the time each step took.

import { lookup } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import { connect as connectTcp } from 'node:net';
import { connect as connectTls, rootCertificates, type PeerCertificate } from 'node:tls';
import { parseArgs } from 'node:util';
import { parseBrokerUrl, type BrokerEndpoint } from '../core/broker/broker-url.ts';
import { classifySocketError } from '../core/broker/errors.ts';
import { GcSession, type GcSessionStatus } from '../core/broker/gc-session.ts';
import type { CliIo } from './io.ts';

export const PROBE_USAGE = `Usage: switchboard probe --broker <url> [--user <name>] [--ca <file.pem>]
         [--client-destination <name>] [--command-queue <name>] [--timeout <seconds>]

Checks the way from this workstation to the Generic Connector, step by step, and prints one JSON
line per step with the time it took: url, dns, tcp, tls (stomp+ssl:// and wss://), stomp (login
and subscription) and gc (Hello answered by IN_SERVICE). The broker passcode, if any, comes from
SWITCHBOARD_BROKER_PASSCODE. Exits 0 when every step passed, 1 at the first that failed.
`;

interface StepLine {
  readonly step: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly detail?: unknown;
  readonly error?: { readonly code: string; readonly message: string };
}

async function timed(step: string, run: () => Promise<unknown>): Promise<StepLine> {
  const started = performance.now();
  try {
    const detail = await run();
    return {
      step,
      ok: true,
      ms: Math.round(performance.now() - started),
      ...(detail === undefined ? {} : { detail }),
    };
  } catch (error) {
    const failure = error as { code?: string; message?: string };
    return {
      step,
      ok: false,
      ms: Math.round(performance.now() - started),
      error: { code: failure.code ?? 'failed', message: failure.message ?? String(error) },
    };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(Object.assign(new Error(`${what} took longer than ${ms / 1000} s`), { code: 'timeout' })),
      ms,
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function tcpStep(endpoint: BrokerEndpoint, timeoutMs: number): Promise<string> {
  return withTimeout(
    new Promise((resolve, reject) => {
      const socket = connectTcp({ host: endpoint.host, port: endpoint.port });
      socket.once('connect', () => {
        const address = `${socket.remoteAddress}:${socket.remotePort}`;
        socket.destroy();
        resolve(address);
      });
      socket.once('error', (error) => reject(classifySocketError(error, { url: endpoint.url })));
    }),
    timeoutMs,
    'the TCP connection',
  );
}

function tlsStep(endpoint: BrokerEndpoint, caPem: string | undefined, timeoutMs: number) {
  return withTimeout(
    new Promise<{ subject: string; issuer: string; validTo: string; protocol: string | null }>(
      (resolve, reject) => {
        const isIp = /^[\d.]+$|:/.test(endpoint.host);
        const socket = connectTls({
          host: endpoint.host,
          port: endpoint.port,
          ...(isIp ? {} : { servername: endpoint.host }),
          ...(caPem ? { ca: [...rootCertificates, caPem] } : {}),
          rejectUnauthorized: true,
        });
        socket.once('secureConnect', () => {
          const certificate: PeerCertificate = socket.getPeerCertificate();
          const detail = {
            subject: String(certificate.subject?.CN ?? ''),
            issuer: String(certificate.issuer?.CN ?? ''),
            validTo: certificate.valid_to ?? '',
            protocol: socket.getProtocol(),
          };
          socket.end();
          resolve(detail);
        });
        socket.once('error', (error) => reject(classifySocketError(error, { url: endpoint.url })));
      },
    ),
    timeoutMs,
    'the TLS handshake',
  );
}

function sessionStep(session: GcSession, until: GcSessionStatus['state'][], timeoutMs: number, what: string) {
  return withTimeout(
    new Promise<string>((resolve, reject) => {
      const check = (status: GcSessionStatus) => {
        if (until.includes(status.state)) {
          off();
          resolve(status.state);
        } else if (status.state === 'stopped' || (status.state === 'reconnecting' && status.lastError)) {
          off();
          const error = status.state === 'stopped' ? status.error : status.lastError;
          reject(
            Object.assign(new Error(error?.message ?? 'the session stopped'), {
              code: error?.code ?? 'stopped',
            }),
          );
        }
      };
      const off = session.onStatus(check);
      check(session.status);
    }),
    timeoutMs,
    what,
  );
}

export async function runProbe(args: readonly string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        broker: { type: 'string' },
        user: { type: 'string' },
        ca: { type: 'string' },
        'client-destination': { type: 'string' },
        'command-queue': { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    io.stderr.write(`switchboard probe: ${(error as Error).message}\n\n${PROBE_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(PROBE_USAGE);
    return 0;
  }
  if (!values.broker) {
    io.stderr.write(`switchboard probe: --broker is required\n\n${PROBE_USAGE}`);
    return 2;
  }
  const timeoutMs = Math.max(1, Number(values.timeout ?? 10)) * 1_000;
  const print = (line: StepLine) => io.stdout.write(`${JSON.stringify(line)}\n`);
  const run = async (line: Promise<StepLine>): Promise<boolean> => {
    const result = await line;
    print(result);
    return result.ok;
  };

  const parsed = parseBrokerUrl(values.broker);
  const urlLine: StepLine = parsed.ok
    ? {
        step: 'url',
        ok: true,
        ms: 0,
        detail: { transport: parsed.value.transport, host: parsed.value.host, port: parsed.value.port },
      }
    : { step: 'url', ok: false, ms: 0, error: parsed.error };
  print(urlLine);
  if (!parsed.ok) return 1;
  const endpoint = parsed.value;

  let caPem: string | undefined;
  if (values.ca) {
    try {
      caPem = await readFile(values.ca, 'utf8');
    } catch (error) {
      print({ step: 'ca', ok: false, ms: 0, error: { code: 'ca-file', message: (error as Error).message } });
      return 1;
    }
  }
  if (
    !(await run(
      timed('dns', async () => (await lookup(endpoint.host, { all: true })).map((entry) => entry.address)),
    ))
  )
    return 1;
  if (!(await run(timed('tcp', () => tcpStep(endpoint, timeoutMs))))) return 1;
  if (endpoint.secure && !(await run(timed('tls', () => tlsStep(endpoint, caPem, timeoutMs))))) return 1;

  const passcode = process.env['SWITCHBOARD_BROKER_PASSCODE'];
  const session = new GcSession({
    brokerUrls: [values.broker],
    ...(values.user ? { login: values.user } : {}),
    ...(passcode ? { passcode } : {}),
    ...(caPem ? { caPem } : {}),
    clientDestination: values['client-destination'] ?? `switchboard-probe-${process.pid}`,
    ...(values['command-queue'] ? { commandQueue: values['command-queue'] } : {}),
    probeIntervalMs: 1_000,
    connectTimeoutMs: timeoutMs,
  });
  try {
    session.start();
    if (
      !(await run(
        timed('stomp', () =>
          sessionStep(session, ['connected', 'in-service', 'out-of-service'], timeoutMs, 'the STOMP login'),
        ),
      ))
    ) {
      return 1;
    }
    const gc = await timed('gc', async () => {
      const state = await sessionStep(
        session,
        ['in-service', 'out-of-service'],
        timeoutMs,
        'GC’s answer to Hello',
      );
      if (state === 'out-of-service') {
        throw Object.assign(
          new Error('GC answered OUT_OF_SERVICE: it is running but cannot reach Finesse.'),
          { code: 'out-of-service' },
        );
      }
      return state;
    });
    print(gc);
    return gc.ok ? 0 : 1;
  } finally {
    await session.stop();
  }
}
