// The demo-or-broker choice, its pure parts: the bridges' schema for getConnectionSetup and
// setUpConnection (shape only, strict, never echoing the passcode), the scrubbing of a refused
// setup's answer, the runtime's checks of what the agent typed (main/runtime/connection-setup.ts)
// and the sign-in view's form (renderer/src/state/connection-form.ts). The model's side is in
// model.test.ts.

import { describe, expect, it } from 'vitest';
import {
  resultForCaller,
  validateDeskCall,
  type ValidDeskCall,
} from '../../../main/core/desk/api-schemas.ts';
import { defaultSettings, type Machine } from '../../../main/core/settings/index.ts';
import { brokerSettings, checkBrokerUrls, formProblem } from '../../../main/runtime/connection-setup.ts';
import type { ConnectionSetupView, ConnectionSlice } from '../../../preload/contract.ts';
import {
  brokerInput,
  connectionProblem,
  fieldInError,
  formFromView,
  splitBrokerUrls,
} from '../../../renderer/src/state/connection-form.ts';

const PASSCODE = 'Pässcode-,#|-with spaces';
const MACHINE: Machine = { hostname: 'ws1', username: 'ana' };

function refusal(method: string, payload: unknown) {
  const result = validateDeskCall(method, payload);
  if (result.ok) throw new Error(`accepted ${method} ${JSON.stringify(payload)}`);
  return result.error;
}

describe('the bridges’ schema', () => {
  it('takes getConnectionSetup without an argument, and either choice for setUpConnection', () => {
    expect(validateDeskCall('getConnectionSetup', undefined).ok).toBe(true);
    expect(refusal('getConnectionSetup', {}).field).toBe('payload');
    expect(validateDeskCall('setUpConnection', { mode: 'demo' }).ok).toBe(true);
    expect(validateDeskCall('setUpConnection', { mode: 'broker', brokerUrls: ['stomp://b:61613'] }).ok).toBe(
      true,
    );
  });

  it('refuses a mode it does not know, extra keys, wrong types and empty lists, naming the field', () => {
    expect(refusal('setUpConnection', { mode: 'cloud' })).toMatchObject({
      field: 'mode',
      message: 'mode must be one of "demo", "broker".',
    });
    expect(refusal('setUpConnection', {}).field).toBe('mode');
    expect(refusal('setUpConnection', undefined).field).toBe('payload');
    // A demo choice carries nothing else: a passcode sent along is refused, not ignored.
    expect(refusal('setUpConnection', { mode: 'demo', brokerPasscode: PASSCODE }).field).toBe(
      'brokerPasscode',
    );
    expect(refusal('setUpConnection', { mode: 'broker' }).field).toBe('brokerUrls');
    expect(refusal('setUpConnection', { mode: 'broker', brokerUrls: [] })).toMatchObject({
      field: 'brokerUrls',
      message: 'brokerUrls needs at least 1 entry.',
    });
    expect(refusal('setUpConnection', { mode: 'broker', brokerUrls: 'stomp://b:61613' }).field).toBe(
      'brokerUrls',
    );
    expect(refusal('setUpConnection', { mode: 'broker', brokerUrls: [61613] }).field).toBe('brokerUrls.0');
    expect(
      refusal('setUpConnection', { mode: 'broker', brokerUrls: Array(17).fill('stomp://b:61613') }).message,
    ).toMatch(/too many entries/);
    expect(
      refusal('setUpConnection', { mode: 'broker', brokerUrls: ['stomp://b:61613'], brokerUser: 7 }).field,
    ).toBe('brokerUser');
    expect(
      refusal('setUpConnection', { mode: 'broker', brokerUrls: ['stomp://b:61613'], isAdmin: true }).field,
    ).toBe('isAdmin');
    expect(
      refusal('setUpConnection', JSON.parse('{"mode":"broker","brokerUrls":["x"],"__proto__":{}}')).field,
    ).toBe('__proto__');
  });

  it('never echoes the passcode in a refusal', () => {
    for (const brokerPasscode of [`${PASSCODE}\n`, PASSCODE.repeat(20)]) {
      const error = refusal('setUpConnection', { mode: 'broker', brokerUrls: ['stomp://b'], brokerPasscode });
      expect(error.field).toBe('brokerPasscode');
      expect(JSON.stringify(error)).not.toContain(PASSCODE);
    }
  });

  it('scrubs the passcode from a refused setup’s answer, wherever it appears', () => {
    const call = {
      method: 'setUpConnection',
      payload: { mode: 'broker', brokerUrls: ['stomp://b:61613'], brokerPasscode: PASSCODE },
    } as ValidDeskCall;
    const answer = resultForCaller(call, {
      ok: false,
      error: { code: `x${PASSCODE}`, message: `refused ${PASSCODE}`, field: PASSCODE },
    });
    expect(JSON.stringify(answer)).not.toContain(PASSCODE);
    expect(answer).toMatchObject({ ok: false, error: { message: expect.stringContaining('refused') } });
    // Nothing to scrub in a success, nor in a demo choice.
    expect(resultForCaller(call, { ok: true, value: undefined })).toEqual({ ok: true, value: undefined });
    const demo = { method: 'setUpConnection', payload: { mode: 'demo' } } as ValidDeskCall;
    const refused = { ok: false as const, error: { code: 'c', message: 'm' } };
    expect(resultForCaller(demo, refused)).toBe(refused);
  });
});

describe('the runtime’s checks of what the agent typed', () => {
  const settings = defaultSettings(MACHINE);
  const broker = (overrides: Record<string, unknown> = {}) =>
    ({ mode: 'broker', brokerUrls: ['stomp+ssl://broker.example.com:61612'], ...overrides }) as const;

  it('says in plain words what is wrong with an address, and refuses an empty or doubled list', () => {
    expect(checkBrokerUrls(['  stomp://a:61613 ', '', 'ws://b:61614/stomp'])).toEqual({
      ok: true,
      value: ['stomp://a:61613', 'ws://b:61614/stomp'],
    });
    const openWire = checkBrokerUrls(['tcp://broker:61616']);
    expect(openWire).toMatchObject({ ok: false, error: { field: 'brokerUrls' } });
    expect(openWire.ok ? '' : openWire.error.message).toMatch(/OpenWire.*stomp:\/\//);
    expect(checkBrokerUrls(['   '])).toMatchObject({ ok: false, error: { field: 'brokerUrls' } });
    const twice = checkBrokerUrls(['stomp://A:61613', 'stomp://a:61613']);
    expect(twice.ok ? '' : twice.error.message).toMatch(/twice/);
    const credentials = checkBrokerUrls(['stomp://gc:secret@broker:61613']);
    expect(credentials.ok ? '' : credentials.error.message).not.toContain('secret');
  });

  it('builds the broker settings on top of what is configured, defaults kept where nothing is typed', () => {
    const built = brokerSettings(settings, broker({ brokerUser: ' gcdesk ', caFile: '' }), MACHINE);
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value.mode).toBe('broker');
    expect(built.value.broker).toMatchObject({
      urls: ['stomp+ssl://broker.example.com:61612'],
      user: 'gcdesk',
      commandQueue: 'Connector1',
      clientDestination: 'switchboard-ws1-ana',
      caFile: undefined,
    });
    // The rest of the settings are untouched.
    expect(built.value.hotkeys).toEqual(settings.hotkeys);
  });

  it('names the form field at fault, in words', () => {
    const queue = brokerSettings(settings, broker({ commandQueue: 'Connector 1' }), MACHINE);
    expect(queue).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'commandQueue' } });
    expect(queue.ok ? '' : queue.error.message).toMatch(/^Command queue: Expected the name of GC/);
    const destination = brokerSettings(settings, broker({ clientDestination: 'a/b' }), MACHINE);
    expect(destination).toMatchObject({ ok: false, error: { field: 'clientDestination' } });
    const ca = brokerSettings(settings, broker({ caFile: 'relative/ca.pem' }), MACHINE);
    expect(ca).toMatchObject({ ok: false, error: { field: 'caFile' } });
    // A passcode needs the user it belongs to.
    expect(brokerSettings(settings, broker({ brokerPasscode: PASSCODE }), MACHINE)).toMatchObject({
      ok: false,
      error: { field: 'brokerUser' },
    });
    expect(formProblem({ field: '', message: 'something odd' })).toEqual({
      code: 'invalid-input',
      message: 'Something odd.',
      field: 'mode',
    });
  });
});

describe('the sign-in view’s broker form', () => {
  const view: ConnectionSetupView = {
    mode: 'broker',
    firstRun: false,
    brokerUrls: ['stomp+ssl://a:61612', 'stomp+ssl://b:61612'],
    brokerUser: 'gcdesk',
    commandQueue: 'Connector1',
    clientDestination: 'switchboard-ws1-ana',
    caFile: '',
    hasPasscode: true,
  };

  it('starts from what is configured, with the passcode empty', () => {
    expect(formFromView(view)).toEqual({
      urls: 'stomp+ssl://a:61612\nstomp+ssl://b:61612',
      user: 'gcdesk',
      passcode: '',
      commandQueue: 'Connector1',
      clientDestination: 'switchboard-ws1-ana',
      caFile: '',
    });
  });

  it('splits the addresses on lines, commas and spaces', () => {
    expect(splitBrokerUrls(' stomp://a:1\n\nstomp://b:2, ws://c:3/  ')).toEqual([
      'stomp://a:1',
      'stomp://b:2',
      'ws://c:3/',
    ]);
  });

  it('sends the passcode only when typed (as typed), and the names only when given', () => {
    const fields = { ...formFromView(view), passcode: ' p w ', commandQueue: ' ', clientDestination: '' };
    expect(brokerInput(fields)).toEqual({
      ok: true,
      input: {
        mode: 'broker',
        brokerUrls: ['stomp+ssl://a:61612', 'stomp+ssl://b:61612'],
        brokerUser: 'gcdesk',
        brokerPasscode: ' p w ',
        caFile: '',
      },
    });
    const kept = brokerInput(formFromView(view));
    expect(kept.ok && 'brokerPasscode' in kept.input).toBe(false);
    expect(brokerInput({ ...fields, urls: ' \n ' })).toEqual({
      ok: false,
      field: 'brokerUrls',
      problem: 'no-urls',
    });
  });

  it('says why the desk is not connected only while it fails, not while it works or first tries', () => {
    const refused = { code: 'auth-failed', message: 'The broker refused the user name or passcode.' };
    const connection = (status: ConnectionSlice['status'], lastError = refused): ConnectionSlice => ({
      status,
      mode: 'broker',
      url: 'stomp://b:61613',
      attempt: 1,
      nextAttemptAt: undefined,
      lastError,
      stale: false,
    });
    expect(connectionProblem(connection('stopped'))).toBe(refused);
    expect(connectionProblem(connection('reconnecting'))).toBe(refused);
    expect(connectionProblem(connection('in-service'))).toBeUndefined();
    expect(connectionProblem(connection('connecting'))).toBeUndefined();
    expect(connectionProblem({ ...connection('stopped'), lastError: undefined })).toBeUndefined();
    expect(connectionProblem(undefined)).toBeUndefined();
  });

  it('knows which of its fields an error is about', () => {
    expect(fieldInError({ code: 'invalid-input', message: 'm', field: 'brokerUrls.3' })).toBe('brokerUrls');
    expect(fieldInError({ code: 'invalid-input', message: 'm', field: 'caFile' })).toBe('caFile');
    expect(fieldInError({ code: 'settings-not-saved', message: 'm' })).toBeUndefined();
    expect(fieldInError(undefined)).toBeUndefined();
  });
});
