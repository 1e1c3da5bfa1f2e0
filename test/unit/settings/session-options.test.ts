import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { GcSession } from '../../../main/core/broker/gc-session.ts';
import { defaultSettings, readCaFile, toSessionOptions } from '../../../main/core/settings/index.ts';

const machine = { hostname: 'ws-7', username: 'bob' };

describe('toSessionOptions', () => {
  it('maps settings and secrets onto GcSessionOptions', () => {
    const settings = defaultSettings(machine);
    settings.broker.urls = ['stomp+ssl://mq.example.com:61612', 'wss://mq2.example.com/stomp'];
    settings.broker.user = 'switchboard';
    settings.broker.commandQueue = '/queue/Connector2';
    settings.broker.heartbeat = { outgoingMs: 0, incomingMs: 20_000 };
    settings.wireNames = {
      commands: { ConferenceCall: 'ConferenceCall' },
      events: { TeamUsersList: 'TeamInfo' },
    };
    expect(toSessionOptions(settings, { passcode: 'p4ss', caPem: 'PEM' })).toEqual({
      brokerUrls: ['stomp+ssl://mq.example.com:61612', 'wss://mq2.example.com/stomp'],
      login: 'switchboard',
      passcode: 'p4ss',
      caPem: 'PEM',
      heartbeat: { outgoingMs: 0, incomingMs: 20_000 },
      backoff: { initialDelayMs: 250, maxDelayMs: 30_000 },
      clientDestination: 'switchboard-ws-7-bob',
      commandQueue: '/queue/Connector2',
      wireNames: { commands: { ConferenceCall: 'ConferenceCall' }, events: { TeamUsersList: 'TeamInfo' } },
    });
  });

  it('leaves out what is not set, and is accepted by GcSession as is', () => {
    const options = toSessionOptions(defaultSettings(machine), {});
    expect(options).not.toHaveProperty('login');
    expect(options).not.toHaveProperty('passcode');
    expect(options).not.toHaveProperty('caPem');
    // Constructing does not connect; it validates the client destination and the wire names.
    const session = new GcSession(options);
    expect(session.clientDestination).toBe('switchboard-ws-7-bob');
  });
});

describe('readCaFile', () => {
  it('reads a PEM, and refuses a missing file or one without a certificate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-ca-'));
    try {
      const pem = join(dir, 'ca.pem');
      const text = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
      await writeFile(pem, text);
      expect(await readCaFile(pem)).toEqual({ ok: true, value: text });

      const der = join(dir, 'ca.der');
      await writeFile(der, Buffer.from([0x30, 0x82, 0x01]));
      expect(await readCaFile(der)).toMatchObject({
        ok: false,
        error: { field: 'broker.caFile', message: expect.stringContaining('holds no PEM certificate') },
      });
      expect(await readCaFile(join(dir, 'missing.pem'))).toMatchObject({
        ok: false,
        error: { field: 'broker.caFile', message: expect.stringContaining('ENOENT') },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
