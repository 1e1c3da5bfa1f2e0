// `switchboard session`: a desk without a window. Signs in, runs the given actions in order,
// prints one JSON line per decoded event and per change of the agent's state or the connection,
// and exits 0 only if every action succeeded. Support engineers and the scenario tests use it.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DeskState, Result } from '../../preload/contract.ts';
import { Desk } from '../core/desk/desk.ts';
import type { CliIo } from './io.ts';
import { readLines } from './lines.ts';

export const SESSION_USAGE = `Usage: switchboard session --broker <url>[,<url>…] --agent <id> --extension <ext> --password-stdin
         [--client-destination <name>] [--command-queue <name>] [--user <broker user>] [--ca <file.pem>]
         [--mobile --dial-number <n> --mode call-by-call|nailed] -- <action> [<action>…]

Signs in as the agent (the password is read from the first line of stdin; the broker passcode, if
any, from SWITCHBOARD_BROKER_PASSCODE), runs the actions in order, and prints one JSON line per
decoded event and per change of state. Exits 0 only if every action succeeded.

Actions:
  ready | not-ready | not-ready:<code>      agent state
  call:<number>                             make a call (from NOT_READY)
  wait-call                                 wait (up to 60 s) for a ringing call
  answer | hold | retrieve | release         on the current call (answer waits for one to ring)
  consult:<ext> | transfer:<ext> | conference:<ext> | blind-transfer:<number>
  wait-consult                              wait until the consulted party answers
  wait-preview | accept-preview | reject-preview | close-preview
  reclassify:<value>                        on the current call
  wrap-up:<code>                            wrap-up reason for the last call
  schedule-callback:<yyyy-MM-ddTHH:mm>@<number> | update-callback:<…>@<number> | cancel-callback
                                            for the last call
  phonebooks | contacts:<phonebookId> | search:<query>
  team:<teamId> | force-not-ready:<agentId> | force-ready:<agentId> | queues   (supervisors)
  wait:<ms> | wait-state:<STATE>            pause; wait (up to 60 s) for the agent state
  logout | logout:<reasonCode>
`;

type Step = (desk: Desk) => Promise<Result<unknown>>;

const WAIT_LIMIT_MS = 60_000;

function waitFor(desk: Desk, predicate: (state: DeskState) => boolean, what: string): Promise<Result<void>> {
  return new Promise((resolve) => {
    const started = Date.now();
    const poll = () => {
      if (predicate(desk.state)) return resolve({ ok: true, value: undefined });
      if (Date.now() - started > WAIT_LIMIT_MS) {
        return resolve({
          ok: false,
          error: { code: 'timeout', message: `Waited ${WAIT_LIMIT_MS / 1000} s for ${what}.` },
        });
      }
      setTimeout(poll, 25);
    };
    poll();
  });
}

const current = (desk: Desk) =>
  desk.state.dialogs.items.find((dialog) => dialog.kind === 'call') ?? desk.state.dialogs.items[0];
const currentId = (desk: Desk) => current(desk)?.id ?? '';
const lastCallId = (desk: Desk) => current(desk)?.id ?? desk.state.dialogs.lastEnded?.id ?? '';
const preview = (desk: Desk) =>
  desk.state.dialogs.items.find((dialog) => dialog.kind === 'preview')?.id ?? '';

function callbackInput(desk: Desk, value: string) {
  const [time = '', number = ''] = value.split('@');
  return { dialogId: lastCallId(desk), callbackTime: time.replace('T', ' '), callbackNumber: number };
}

/** Turns `name:value` into a step, or undefined for an unknown action. */
export function parseAction(action: string): Step | undefined {
  const colon = action.indexOf(':');
  const name = colon < 0 ? action : action.slice(0, colon);
  const value = colon < 0 ? '' : action.slice(colon + 1);
  const ringing = (desk: Desk) =>
    desk.state.dialogs.items.find((dialog) => dialog.state === 'ALERTING' && dialog.kind !== 'preview');
  switch (name) {
    case 'ready':
      return (desk) => desk.setReady();
    case 'not-ready':
      return (desk) => desk.setNotReady(value ? { reasonCode: value } : {});
    case 'call':
      return (desk) => desk.makeCall({ number: value });
    case 'wait-call':
      return (desk) =>
        waitFor(
          desk,
          (state) => state.dialogs.items.some((d) => d.state === 'ALERTING' && d.kind !== 'preview'),
          'a ringing call',
        );
    case 'answer':
      return async (desk) => {
        const waited = await waitFor(desk, () => ringing(desk) !== undefined, 'a ringing call');
        return waited.ok ? desk.answer({ dialogId: ringing(desk)?.id ?? '' }) : waited;
      };
    case 'hold':
      return (desk) => desk.hold({ dialogId: currentId(desk) });
    case 'retrieve':
      return (desk) => desk.retrieve({ dialogId: currentId(desk) });
    case 'release':
      return (desk) => desk.release({ dialogId: currentId(desk) });
    case 'consult':
      return (desk) => desk.consult({ dialogId: currentId(desk), target: value });
    case 'wait-consult':
      return (desk) =>
        waitFor(
          desk,
          (state) => state.dialogs.items.some((d) => d.kind === 'consult' && d.state === 'ACTIVE'),
          'the consult to be answered',
        );
    case 'transfer':
      return (desk) => desk.completeTransfer({ dialogId: currentId(desk), target: value });
    case 'conference':
      return (desk) => desk.completeConference({ dialogId: currentId(desk), target: value });
    case 'blind-transfer':
      return (desk) => desk.blindTransfer({ dialogId: currentId(desk), target: value });
    case 'wait-preview':
      return (desk) =>
        waitFor(desk, (state) => state.dialogs.items.some((d) => d.kind === 'preview'), 'a preview');
    case 'accept-preview':
      return (desk) => desk.acceptPreview({ dialogId: preview(desk) });
    case 'reject-preview':
      return (desk) => desk.rejectPreview({ dialogId: preview(desk) });
    case 'close-preview':
      return (desk) => desk.closePreview({ dialogId: preview(desk) });
    case 'wrap-up':
      return (desk) => desk.setWrapUpReason({ reasonCode: value });
    case 'reclassify':
      return (desk) => desk.reclassify({ dialogId: lastCallId(desk), value });
    case 'schedule-callback':
      return (desk) => desk.scheduleCallback(callbackInput(desk, value));
    case 'update-callback':
      return (desk) => desk.updateCallback(callbackInput(desk, value));
    case 'cancel-callback':
      return (desk) => desk.cancelCallback({ dialogId: lastCallId(desk) });
    case 'phonebooks':
      return (desk) => desk.loadPhonebooks();
    case 'contacts':
      return (desk) => desk.loadContacts({ phonebookId: value });
    case 'search':
      return (desk) => desk.searchContacts({ query: value });
    case 'team':
      return (desk) => desk.loadTeam({ teamId: value });
    case 'force-ready':
      return (desk) => desk.forceReady({ agentId: value });
    case 'force-not-ready':
      return (desk) => desk.forceNotReady({ agentId: value });
    case 'queues':
      return async (desk) => {
        const result = await desk.watchQueues({ visible: true });
        await desk.watchQueues({ visible: false });
        return result;
      };
    case 'wait': {
      const ms = Number(value);
      if (!Number.isSafeInteger(ms) || ms < 0 || ms > 600_000) return undefined;
      return () => new Promise((resolve) => setTimeout(() => resolve({ ok: true, value: undefined }), ms));
    }
    case 'wait-state':
      return (desk) => waitFor(desk, (state) => state.agent.state === value, `state ${value}`);
    case 'logout':
      return (desk) => desk.signOut(value ? { reasonCode: value } : {});
    default:
      return undefined;
  }
}

/** The password: the first line of stdin (a pipe or a prompt-less terminal), never an argument. */
async function readFirstLine(input: CliIo['stdin']): Promise<string | undefined> {
  for await (const line of readLines(input, 4_096)) {
    return line.kind === 'line' ? line.text : undefined;
  }
  return undefined;
}

export async function runSession(args: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        broker: { type: 'string' },
        agent: { type: 'string' },
        extension: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        'client-destination': { type: 'string' },
        'command-queue': { type: 'string' },
        user: { type: 'string' },
        ca: { type: 'string' },
        mobile: { type: 'boolean' },
        'dial-number': { type: 'string' },
        mode: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.stderr.write(`switchboard session: ${(error as Error).message}\n\n${SESSION_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(SESSION_USAGE);
    return 0;
  }
  const missing = (['broker', 'agent', 'extension'] as const).filter((name) => !values[name]);
  if (missing.length > 0 || !values['password-stdin']) {
    io.stderr.write(
      `switchboard session: needs ${[...missing.map((name) => `--${name}`), ...(values['password-stdin'] ? [] : ['--password-stdin'])].join(', ')}\n\n${SESSION_USAGE}`,
    );
    return 2;
  }
  if (
    values.mobile &&
    (!values['dial-number'] || (values.mode !== 'call-by-call' && values.mode !== 'nailed'))
  ) {
    io.stderr.write('switchboard session: --mobile needs --dial-number and --mode call-by-call|nailed\n');
    return 2;
  }
  const steps: { action: string; step: Step }[] = [];
  for (const action of positionals) {
    const step = parseAction(action);
    if (!step) {
      io.stderr.write(`switchboard session: unknown action "${action}"\n\n${SESSION_USAGE}`);
      return 2;
    }
    steps.push({ action, step });
  }
  const password = await readFirstLine(io.stdin);
  if (!password) {
    io.stderr.write('switchboard session: no password on stdin\n');
    return 2;
  }
  const caPem = values.ca ? await readFile(values.ca, 'utf8') : undefined;
  const passcode = process.env['SWITCHBOARD_BROKER_PASSCODE'];
  const print = (record: Record<string, unknown>) => io.stdout.write(`${JSON.stringify(record)}\n`);

  const dir = await mkdtemp(join(tmpdir(), 'switchboard-session-'));
  const desk = await Desk.create({
    mode: 'broker',
    session: {
      brokerUrls: (values.broker as string).split(',').map((url) => url.trim()),
      ...(values.user ? { login: values.user } : {}),
      ...(passcode ? { passcode } : {}),
      ...(caPem ? { caPem } : {}),
      clientDestination: values['client-destination'] ?? `switchboard-cli-${values.agent}-${process.pid}`,
      ...(values['command-queue'] ? { commandQueue: values['command-queue'] } : {}),
    },
    outboxFile: join(dir, 'outbox.jsonl'),
  });
  desk.observeEvents((event) => print({ type: 'event', event }));
  let lastAgent = '';
  let lastConnection = '';
  desk.subscribe(() => {
    const { agent, connection } = desk.state;
    const agentLine = `${agent.signIn}|${agent.state}|${agent.reasonCodeId}|${agent.pendingState}`;
    if (agentLine !== lastAgent) {
      lastAgent = agentLine;
      print({
        type: 'state',
        signIn: agent.signIn,
        state: agent.state,
        reasonCodeId: agent.reasonCodeId,
        reasonLabel: agent.reasonLabel,
        pendingState: agent.pendingState,
      });
    }
    const connectionLine = `${connection.status}|${connection.stale}`;
    if (connectionLine !== lastConnection) {
      lastConnection = connectionLine;
      print({
        type: 'connection',
        status: connection.status,
        stale: connection.stale,
        ...(connection.lastError ? { error: connection.lastError } : {}),
      });
    }
  });

  let failures = 0;
  try {
    desk.start();
    const connected = await waitFor(
      desk,
      (state) => state.connection.status === 'in-service' || state.connection.status === 'stopped',
      'the connector',
    );
    if (!connected.ok || desk.state.connection.status !== 'in-service') {
      print({
        type: 'action',
        action: 'connect',
        ok: false,
        error: desk.state.connection.lastError ?? (connected.ok ? undefined : connected.error),
      });
      return 1;
    }
    const signIn = await desk.signIn({
      agentId: values.agent as string,
      password,
      extension: values.extension as string,
      ...(values.mobile
        ? {
            mobile: {
              dialNumber: values['dial-number'] as string,
              mode: values.mode as 'call-by-call' | 'nailed',
            },
          }
        : {}),
    });
    print({
      type: 'action',
      action: 'sign-in',
      ok: signIn.ok,
      ...(signIn.ok ? {} : { error: signIn.error }),
    });
    if (!signIn.ok) return 1;
    for (const { action, step } of steps) {
      const result = await step(desk);
      print({
        type: 'action',
        action,
        ok: result.ok,
        ...(result.ok
          ? result.value === undefined
            ? {}
            : { value: result.value }
          : { error: result.error }),
      });
      if (!result.ok) failures++;
    }
    return failures === 0 ? 0 : 1;
  } finally {
    await desk.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
