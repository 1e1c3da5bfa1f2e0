// The event catalog: every event Switchboard reads from (and the demo gateway writes to) the
// client topic, in one table. Each entry names its wire spelling, provenance, layout and an
// example, and carries the decode/encode pair for its fields. Layout indexes are positions after
// splitting the text on `#`: [0] receiver, [1] event name, [2…] payload.

import type {
  AgentInfoEvent,
  CallbackEvent,
  ConsultCallEvent,
  ControlEvent,
  ErrorEvent,
  GcEvent,
  GcEventKind,
  InboundCallEvent,
  NewInboundCallEvent,
  PhonebookContactsEvent,
  PhonebooksEvent,
  QueueListEvent,
  ReasonCodesEvent,
  SkillGroupsEvent,
  StateEvent,
  SupervisorsEvent,
  Team,
  TeamPhonebooksEvent,
  TeamUsersListEvent,
  UcceQueueStats,
  UccxQueueStats,
} from './event-types.ts';
import type { Provenance } from './provenance.ts';
import {
  readCallVariables,
  readParticipants,
  recordCodec,
  writeCallVariables,
  writeParticipants,
  type CallVariable,
  type Participant,
  type RecordCodec,
} from './records.ts';
import {
  ITEM_SEPARATOR,
  KEY_SEPARATOR,
  RECORD_SEPARATOR,
  normalizeKey,
  splitKeyedItem,
  valueAfterKey,
} from './wire.ts';

/** A decode function's way of saying which field broke the layout (never thrown). */
export class FieldProblem {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {}
}

/** Thrown only inside encoders and caught by encodeEvent, which turns it into a Result. */
export class EncodeProblem extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export interface EventSpec<E extends GcEvent> {
  readonly wire: string;
  readonly provenance: Provenance;
  readonly summary: string;
  /** The field layout in one line, as PROTOCOL.md and `switchboard decode --help` show it. */
  readonly layout: string;
  readonly example: string;
  readonly note?: string;
  /** `fields` is the whole text split on `#`; [0] is the receiver, [1] the name. */
  decode(fields: readonly string[], receiver: string): E | FieldProblem;
  /** The fields after the name, each already checked to travel intact. */
  encode(event: E): string[];
}

type EventTable = { readonly [K in GcEventKind]: EventSpec<Extract<GcEvent, { kind: K }>> };

// ---------------------------------------------------------------------------------------------
// Field helpers

const at = (fields: readonly string[], index: number): string => fields[index] ?? '';

/** Fields from `start` on; an empty trailing field (a `#` at the end) carries nothing. */
function fieldsFrom(fields: readonly string[], start: number): string[] {
  const rest: string[] = [];
  for (let index = start; index < fields.length; index++) {
    const field = fields[index] as string;
    if (field !== '') rest.push(field);
  }
  return rest;
}

// The seed's empty-result sentinels are NoPhoneBookFound, NoContactFound, NoTeamPhoneBookFound;
// the same shape is accepted for every list so a GC that invents one more loses nothing.
function isSentinel(field: string): boolean {
  return field.length > 7 && /^No[A-Za-z]*Found$/i.test(field);
}

function listFields(fields: readonly string[]): string[] {
  const rest = fieldsFrom(fields, 2);
  return rest.length === 1 && isSentinel(rest[0] as string) ? [] : rest;
}

const NO_FIELD_CHARACTERS = /[#\0]/;
const NO_ITEM_CHARACTERS = /[#,|\0]/;
const NO_VARIABLE_NAME_CHARACTERS = /[#,|=\0]/;

function plain(value: string, field: string): string {
  if (typeof value !== 'string') throw new EncodeProblem(field, 'is not text');
  if (NO_FIELD_CHARACTERS.test(value))
    throw new EncodeProblem(field, 'contains "#" or NUL, which cannot travel');
  return value;
}

function item(value: string, field: string): string {
  if (typeof value !== 'string') throw new EncodeProblem(field, 'is not text');
  if (NO_ITEM_CHARACTERS.test(value)) {
    throw new EncodeProblem(field, 'contains "#", ",", "|" or NUL, which cannot travel inside a record');
  }
  return value;
}

function required(value: string, field: string): string {
  if (value === '') throw new EncodeProblem(field, 'is required');
  return value;
}

/** A positional field written as `Key:value`: readers drop the key, as GC's clients do. */
function keyedField(key: string, value: string, field: string): string {
  return key + KEY_SEPARATOR + plain(value, field);
}

function count(value: number, field: string): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new EncodeProblem(field, 'must be a whole number ≥ 0');
  return String(value);
}

function readCount(value: string, field: string): number | FieldProblem {
  if (value === '') return 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 48 || code > 57) return new FieldProblem(field, `"${value}" is not a whole number`);
  }
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) ? parsed : new FieldProblem(field, `"${value}" is too large`);
}

/** A whole number ≥ 0 ('' reads as 0), or -1 when the text is not one. */
function parseCount(value: string): number {
  if (value === '') return 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 48 || code > 57) return -1;
  }
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) ? parsed : -1;
}

function readBoolean(value: string, field: string): boolean | FieldProblem {
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return new FieldProblem(field, `"${value}" is neither true nor false`);
}

function writeRecord<N extends string>(
  codec: RecordCodec<N>,
  values: Record<N, string>,
  field: string,
): string {
  for (const spec of codec.items) item(values[spec.name], `${field}.${spec.name}`);
  return codec.write(values);
}

function writeVariables(variables: readonly CallVariable[], field: string): string {
  variables.forEach((variable, index) => {
    if (typeof variable.name !== 'string' || NO_VARIABLE_NAME_CHARACTERS.test(variable.name)) {
      throw new EncodeProblem(`${field}[${index}].name`, 'contains "#", ",", "|", "=" or NUL');
    }
    item(variable.value, `${field}[${index}].value`);
  });
  // An empty list and one unnamed empty variable would read back alike.
  if (variables.length === 1 && variables[0]?.name === '' && variables[0]?.value === '') {
    throw new EncodeProblem(field, 'a single unnamed empty variable cannot travel');
  }
  return writeCallVariables(variables);
}

function writeParticipantList(participants: readonly Participant[], field: string): string {
  participants.forEach((participant, index) => {
    item(participant.mediaAddress, `${field}[${index}].mediaAddress`);
    item(participant.state, `${field}[${index}].state`);
    item(participant.tag, `${field}[${index}].tag`);
    item(participant.role, `${field}[${index}].role`);
  });
  if (participants.length === 1) {
    const only = participants[0] as Participant;
    if (only.mediaAddress === '' && only.state === '' && only.tag === '' && only.role === '') {
      throw new EncodeProblem(field, 'a single empty participant cannot travel');
    }
  }
  return writeParticipants(participants);
}

// ---------------------------------------------------------------------------------------------
// Records (key names: seed where it shows them, inferred elsewhere; see PROTOCOL.md)

const teamMemberRecord = recordCodec(
  [
    { name: 'firstName', key: 'FirstName', aliases: ['user_firstName'] },
    { name: 'lastName', key: 'LastName', aliases: ['user_lastName'] },
    { name: 'extension', key: 'Extension', aliases: ['user_extension'] },
    { name: 'loginId', key: 'LoginId', aliases: ['user_loginID', 'loginID', 'login_id', 'id', 'userId'] },
    { name: 'state', key: 'State', aliases: ['user_state'] },
    { name: 'pendingState', key: 'PendingState', aliases: ['user_pendingState'] },
    { name: 'mediaType', key: 'MediaType', aliases: ['user_mediaType'] },
    { name: 'stateChangeTime', key: 'StateChangeTime', aliases: ['user_stateChangeTime'] },
    { name: 'stateChangeLabel', key: 'StateChangeLabel', aliases: ['user_stateChangeLabel'] },
  ] as const,
  (v) => ({
    firstName: v[0] as string,
    lastName: v[1] as string,
    extension: v[2] as string,
    loginId: v[3] as string,
    state: v[4] as string,
    pendingState: v[5] as string,
    mediaType: v[6] as string,
    stateChangeTime: v[7] as string,
    stateChangeLabel: v[8] as string,
  }),
);

const phonebookRecord = recordCodec(
  [
    { name: 'name', key: 'name', aliases: ['phonebook_name'] },
    { name: 'type', key: 'type', aliases: ['phonebook_type'] },
    { name: 'id', key: 'id', aliases: ['phonebook_id'] },
  ] as const,
  (v) => ({ name: v[0] as string, type: v[1] as string, id: v[2] as string }),
);

const contactRecord = recordCodec(
  [
    { name: 'description', key: 'description', aliases: ['contact_description'] },
    { name: 'firstName', key: 'firstName', aliases: ['contact_firstName'] },
    { name: 'lastName', key: 'lastName', aliases: ['contact_lastName'] },
    { name: 'phoneNumber', key: 'phoneNumber', aliases: ['contact_phoneNumber', 'number'] },
    { name: 'id', key: 'id', aliases: ['contact_id'] },
  ] as const,
  (v) => ({
    description: v[0] as string,
    firstName: v[1] as string,
    lastName: v[2] as string,
    phoneNumber: v[3] as string,
    id: v[4] as string,
  }),
);

const skillGroupRecord = recordCodec(
  [
    { name: 'id', key: 'id', aliases: ['skillGroupId'] },
    { name: 'name', key: 'name', aliases: ['skillGroupName'] },
  ] as const,
  (v) => ({ id: v[0] as string, name: v[1] as string }),
);

const supervisorRecord = recordCodec(
  [
    { name: 'loginId', key: 'loginId', aliases: ['id', 'supervisorId'] },
    { name: 'firstName', key: 'firstName' },
    { name: 'lastName', key: 'lastName' },
    { name: 'extension', key: 'extension' },
  ] as const,
  (v) => ({
    loginId: v[0] as string,
    firstName: v[1] as string,
    lastName: v[2] as string,
    extension: v[3] as string,
  }),
);

const ucceQueueRecord = recordCodec([
  { name: 'name', key: 'QueueName', aliases: ['queue_name', 'name'] },
  { name: 'callsInQueue', key: 'CallsInQueue', aliases: ['Number_of_CallsInQueue'] },
  { name: 'agentsReady', key: 'AgentsReady', aliases: ['Number_of_Agents_Ready'] },
  { name: 'agentsNotReady', key: 'AgentsNotReady', aliases: ['Number_of_Agents_NotReady'] },
  { name: 'talkingInbound', key: 'TalkingInbound', aliases: ['number_of_agents_talking_inbound'] },
  { name: 'talkingOutbound', key: 'TalkingOutbound', aliases: ['number_of_agents_talking_outbound'] },
  { name: 'talkingInternal', key: 'TalkingInternal', aliases: ['number_of_agents_talking_internal'] },
  { name: 'wrapUpReady', key: 'WrapUpReady', aliases: ['number_of_agents_in_wrapup_ready_state'] },
  { name: 'wrapUpNotReady', key: 'WrapUpNotReady', aliases: ['number_of_agents_in_wrapup_notready_state'] },
] as const);

const uccxQueueRecord = recordCodec([
  { name: 'name', key: 'QueueName', aliases: ['queue_name', 'name'] },
  { name: 'waitingCalls', key: 'WaitingCalls', aliases: ['queue_1_WaitingCalls'] },
  { name: 'agentsLoggedIn', key: 'AgentsLoggedIn', aliases: ['queue_1_AgentsLoggedIn'] },
  { name: 'agentsInAfterCallWork', key: 'AgentsInAfterCallWork', aliases: ['queue_1_AgentsInAfterCallWork'] },
  { name: 'agentsTalking', key: 'AgentsTalking', aliases: ['queue_1_AgentsTalking'] },
  { name: 'agentsReserved', key: 'AgentsReserved', aliases: ['queue_1_AgentsReserved'] },
  { name: 'handledCalls', key: 'HandledCalls', aliases: ['queue_1_HandledCalls'] },
  { name: 'abandonedCalls', key: 'AbandonedCalls', aliases: ['queue_1_AbandonedCalls'] },
  { name: 'totalCalls', key: 'TotalCalls', aliases: ['queue_1_TotalCalls'] },
  { name: 'longestHandleTime', key: 'LongestHandleTime', aliases: ['queue_1_LongestHandleTime'] },
] as const);

// The catalog keys and the seed's placeholder names (its aliases) of statistics only UCCX sends.
const UCCX_ONLY_KEYS = new Set(
  [
    'WaitingCalls',
    'AgentsLoggedIn',
    'AgentsInAfterCallWork',
    'AgentsTalking',
    'HandledCalls',
    'TotalCalls',
    'queue_1_WaitingCalls',
    'queue_1_AgentsLoggedIn',
    'queue_1_AgentsInAfterCallWork',
    'queue_1_AgentsTalking',
    'queue_1_HandledCalls',
    'queue_1_TotalCalls',
  ].map(normalizeKey),
);

function looksLikeUccx(queueFields: readonly string[]): boolean {
  const first = queueFields[0];
  if (first === undefined) return false;
  // Fast path: the second item's key as Switchboard writes it tells the form at once.
  const comma = first.indexOf(ITEM_SEPARATOR);
  if (comma > 0) {
    if (first.startsWith('WaitingCalls:', comma + 1)) return true;
    if (first.startsWith('CallsInQueue:', comma + 1)) return false;
  }
  for (const part of first.split(ITEM_SEPARATOR)) {
    const { key } = splitKeyedItem(part);
    if (key !== undefined && UCCX_ONLY_KEYS.has(normalizeKey(key))) return true;
  }
  // No known key: fall back to the number of items (UCCE 9, UCCX 10 in the seed's lists).
  return !ucceQueueRecord.hasKnownKey(first) && first.split(ITEM_SEPARATOR).length >= 10;
}

// ReasonCodes lists may carry a `name:` prefix on their first element (GC-REFERENCE §5.4). Only
// list-like prefixes are stripped so a label such as "Break: coffee" keeps its text.
const REASON_LIST_PREFIXES = new Set(
  ['codes', 'ids', 'id', 'code', 'reasonCodes', 'reasonCodeIds', 'labels', 'label', 'values', 'names'].map(
    normalizeKey,
  ),
);

function readReasonList(field: string): string[] {
  if (field === '') return [];
  const parts = field.split(ITEM_SEPARATOR);
  const { key, value } = splitKeyedItem(parts[0] as string);
  if (key !== undefined && REASON_LIST_PREFIXES.has(normalizeKey(key))) parts[0] = value;
  return parts;
}

function writeReasonList(values: readonly string[], field: string): string {
  values.forEach((value, index) => item(value, `${field}[${index}]`));
  const first = values[0];
  if (first !== undefined) {
    const { key } = splitKeyedItem(first);
    if (key !== undefined && REASON_LIST_PREFIXES.has(normalizeKey(key))) {
      throw new EncodeProblem(`${field}[0]`, `begins with "${key}:", which readers take for a list prefix`);
    }
  }
  // One empty element and no elements read back alike.
  if (values.length === 1 && first === '')
    throw new EncodeProblem(field, 'a single empty element cannot travel');
  return values.join(ITEM_SEPARATOR);
}

/** AgentInfo field [6]: the supervisor form's `TotalNumberOfTeams:<n>` (any case). */
function isTeamCountField(field: string): boolean {
  return field.toLowerCase().startsWith('totalnumberofteams');
}

// AgentInfo's team list: `<id>,<name>|<id>,<name>` in the public client; the seed prints
// `<team_1_id><team_1_name>|…` with no separator, so a record without a comma is split after
// its leading digits.
function readTeams(field: string): Team[] {
  if (field === '') return [];
  const teams: Team[] = [];
  for (const record of field.split(RECORD_SEPARATOR)) {
    if (record === '') continue;
    const comma = record.indexOf(ITEM_SEPARATOR);
    if (comma >= 0) {
      teams.push({ id: record.slice(0, comma), name: record.slice(comma + 1) });
      continue;
    }
    let digits = 0;
    while (digits < record.length && record.charCodeAt(digits) >= 48 && record.charCodeAt(digits) <= 57)
      digits++;
    teams.push({ id: record.slice(0, digits), name: record.slice(digits) });
  }
  return teams;
}

function writeTeams(teams: readonly Team[]): string {
  teams.forEach((team, index) => {
    item(team.id, `teams[${index}].id`);
    item(team.name, `teams[${index}].name`);
  });
  if (teams.length === 1 && teams[0]?.id === '' && teams[0]?.name === '') {
    throw new EncodeProblem('teams', 'a single empty team cannot travel');
  }
  return teams.map((team) => team.id + ITEM_SEPARATOR + team.name).join(RECORD_SEPARATOR);
}

function readDialogFields(fields: readonly string[]) {
  return {
    state: at(fields, 2),
    dialogId: valueAfterKey(at(fields, 3)),
    callVariables: readCallVariables(at(fields, 5)),
    startTime: at(fields, 6),
    callType: valueAfterKey(at(fields, 7)),
    queueName: valueAfterKey(at(fields, 8)),
    participants: readParticipants(valueAfterKey(at(fields, 9))),
  };
}

function writeDialogFields(
  event: InboundCallEvent | ConsultCallEvent,
  party: string,
  partyField: string,
): string[] {
  return [
    plain(required(event.state, 'state'), 'state'),
    keyedField('DialogId', required(event.dialogId, 'dialogId'), 'dialogId'),
    plain(party, partyField),
    writeVariables(event.callVariables, 'callVariables'),
    plain(event.startTime, 'startTime'),
    keyedField('CallType', event.callType, 'callType'),
    keyedField('QueueName', event.queueName, 'queueName'),
    'Participants' + KEY_SEPARATOR + writeParticipantList(event.participants, 'participants'),
  ];
}

function checkDialog(state: string, dialogId: string): FieldProblem | undefined {
  if (state === '') return new FieldProblem('state', 'the dialog state is empty');
  if (dialogId === '') return new FieldProblem('dialogId', 'the dialog id is empty');
  return undefined;
}

// Error and Control: `[2]` a code when it looks like one, `[3]` the text for the user.
const CODE_PATTERN = /^[A-Z][A-Z0-9_]*$/;

function readNotice(fields: readonly string[]): { code: string; message: string; detail: string[] } {
  if (fields.length <= 3) {
    const only = at(fields, 2);
    return CODE_PATTERN.test(only)
      ? { code: only, message: '', detail: [] }
      : { code: '', message: only, detail: [] };
  }
  return { code: at(fields, 2), message: at(fields, 3), detail: fields.slice(4) };
}

function writeNotice(event: ErrorEvent | ControlEvent): string[] {
  return [
    plain(event.code, 'code'),
    plain(event.message, 'message'),
    ...event.detail.map((value, index) => plain(value, `detail[${index}]`)),
  ];
}

function readQueues<Q>(
  queueFields: readonly string[],
  codec: RecordCodec<string>,
  build: (values: readonly string[], counts: readonly number[]) => Q,
): Q[] | FieldProblem {
  const queues: Q[] = new Array(queueFields.length);
  // Every item but the name (and UCCX's longest handle time, a duration) is a count.
  const countIndexes = UCCE_OR_UCCX_COUNTS.get(codec) as readonly number[];
  const counts: number[] = new Array(countIndexes.length);
  for (let index = 0; index < queueFields.length; index++) {
    const values = codec.readValues(queueFields[index] as string);
    for (let slot = 0; slot < countIndexes.length; slot++) {
      const position = countIndexes[slot] as number;
      const parsed = parseCount(values[position] as string);
      if (parsed < 0) {
        // The field name is built only on failure: this loop runs for every queue of every update.
        return readCount(
          values[position] as string,
          `queues[${index}].${codec.items[position]?.name}`,
        ) as FieldProblem;
      }
      counts[slot] = parsed;
    }
    queues[index] = build(values, counts);
  }
  return queues;
}

function writeQueue<N extends string>(
  codec: RecordCodec<N>,
  queue: Record<N, string | number>,
  index: number,
) {
  const values = {} as Record<N, string>;
  for (const spec of codec.items) {
    const value = queue[spec.name];
    values[spec.name] =
      typeof value === 'number'
        ? count(value, `queues[${index}].${spec.name}`)
        : item(value, `queues[${index}].${spec.name}`);
  }
  return codec.write(values);
}

const countIndexesOf = (codec: RecordCodec<string>) =>
  codec.items.flatMap((spec, index) =>
    spec.name === 'name' || spec.name === 'longestHandleTime' ? [] : [index],
  );
const UCCE_OR_UCCX_COUNTS = new Map<RecordCodec<string>, readonly number[]>([
  [ucceQueueRecord, countIndexesOf(ucceQueueRecord)],
  [uccxQueueRecord, countIndexesOf(uccxQueueRecord)],
]);

const buildUcceQueue = (values: readonly string[], counts: readonly number[]): UcceQueueStats => ({
  name: values[0] as string,
  callsInQueue: counts[0] as number,
  agentsReady: counts[1] as number,
  agentsNotReady: counts[2] as number,
  talkingInbound: counts[3] as number,
  talkingOutbound: counts[4] as number,
  talkingInternal: counts[5] as number,
  wrapUpReady: counts[6] as number,
  wrapUpNotReady: counts[7] as number,
});

const buildUccxQueue = (values: readonly string[], counts: readonly number[]): UccxQueueStats => ({
  name: values[0] as string,
  waitingCalls: counts[0] as number,
  agentsLoggedIn: counts[1] as number,
  agentsInAfterCallWork: counts[2] as number,
  agentsTalking: counts[3] as number,
  agentsReserved: counts[4] as number,
  handledCalls: counts[5] as number,
  abandonedCalls: counts[6] as number,
  totalCalls: counts[7] as number,
  longestHandleTime: values[9] as string,
});

// ---------------------------------------------------------------------------------------------
// The table

export const EVENTS: EventTable = {
  InService: {
    wire: 'IN_SERVICE',
    provenance: 'client-code',
    summary: 'GC is alive and reaches Finesse: the answer to Hello or Beat.',
    layout: '<receiver>#IN_SERVICE[#<detail>…]',
    example: 'ws-0a1b2c#IN_SERVICE',
    decode: (fields, receiver) => ({ kind: 'InService', receiver, detail: fields.slice(2) }),
    encode: (event) => event.detail.map((value, index) => plain(value, `detail[${index}]`)),
  },
  OutOfService: {
    wire: 'OUT_OF_SERVICE',
    provenance: 'client-code',
    summary: 'GC is up but cannot serve (Finesse unreachable): calls cannot be controlled.',
    layout: '<receiver>#OUT_OF_SERVICE[#<detail>…]',
    example: 'ws-0a1b2c#OUT_OF_SERVICE',
    decode: (fields, receiver) => ({ kind: 'OutOfService', receiver, detail: fields.slice(2) }),
    encode: (event) => event.detail.map((value, index) => plain(value, `detail[${index}]`)),
  },
  AgentInfo: {
    wire: 'AgentInfo',
    provenance: 'seed',
    summary: 'Who the signed-in agent is; the supervisor form adds the supervised teams.',
    layout:
      'agent: <id>#AgentInfo#<first>#<last>#<isSupervisor>#<wrapUpMode>#<teamId>#<fullName>#<loginName>; ' +
      'supervisor: <id>#AgentInfo#<first>#<last>#true#<wrapUpMode>#TotalNumberOfTeams:<n>#<teamId>,<teamName>|…#<teamId>#<fullName>#<loginName>',
    example: '1001#AgentInfo#John#Smith#false#OPTIONAL#5001#John Smith#jsmith',
    note: 'The seed prints the team record as <team_1_id><team_1_name>; the public client splits it on ",". Both are read; "," is written.',
    decode(fields, receiver): AgentInfoEvent | FieldProblem {
      const isSupervisor = readBoolean(at(fields, 4), 'isSupervisor');
      if (isSupervisor instanceof FieldProblem) return isSupervisor;
      // The seed's key is TotalNumberOfTeams; reconstructions from client code show `k:<n>`, so a
      // supervisor's AgentInfo with a `<key>:<number>` at [6] and the longer layout counts too.
      const supervisorForm =
        isTeamCountField(at(fields, 6)) ||
        (isSupervisor && fields.length >= 10 && /^[A-Za-z_]\w*:\d+$/.test(at(fields, 6)));
      // The three trailing fields follow the supervisor form's two team fields.
      const base = supervisorForm ? 8 : 6;
      return {
        kind: 'AgentInfo',
        receiver,
        form: supervisorForm ? 'supervisor' : 'agent',
        firstName: at(fields, 2),
        lastName: at(fields, 3),
        isSupervisor,
        wrapUpMode: at(fields, 5),
        teamId: at(fields, base),
        fullName: at(fields, base + 1),
        loginName: at(fields, base + 2),
        teams: supervisorForm ? readTeams(at(fields, 7)) : [],
      };
    },
    encode(event) {
      const head = [
        plain(event.firstName, 'firstName'),
        plain(event.lastName, 'lastName'),
        event.isSupervisor ? 'true' : 'false',
        plain(event.wrapUpMode, 'wrapUpMode'),
      ];
      const tail = [
        plain(event.teamId, 'teamId'),
        plain(event.fullName, 'fullName'),
        plain(event.loginName, 'loginName'),
      ];
      if (event.form === 'agent') {
        if (event.teams.length > 0)
          throw new EncodeProblem('teams', 'only the supervisor form carries teams');
        // The agent form's team id sits where the supervisor form has its team count.
        if (isTeamCountField(event.teamId))
          throw new EncodeProblem(
            'teamId',
            'begins with "TotalNumberOfTeams", which readers take for the supervisor form',
          );
        return [...head, ...tail];
      }
      return [
        ...head,
        `TotalNumberOfTeams${KEY_SEPARATOR}${event.teams.length}`,
        writeTeams(event.teams),
        ...tail,
      ];
    },
  },
  State: {
    wire: 'State',
    provenance: 'seed',
    summary: 'An agent’s state: the signed-in agent’s own, or a team member’s for a supervisor.',
    layout:
      '<receiver>#State#<state>#<reasonCodeId>#<stateChangeTimeString>#<pendingState>#<stateChangeTime>#<fullName>#<agentId>#<extension>#<reasonLabel>#<fullName>#<loginName>',
    example:
      '1001#State#NOT_READY#-1##READY#2026-11-24 09:15:02#John Smith#1001#5001#Not Ready#John Smith#jsmith',
    decode(fields, receiver): StateEvent | FieldProblem {
      const state = at(fields, 2);
      if (state === '') return new FieldProblem('state', 'the agent state is empty');
      return {
        kind: 'State',
        receiver,
        state,
        reasonCodeId: at(fields, 3),
        stateChangeTimeString: at(fields, 4),
        pendingState: at(fields, 5),
        stateChangeTime: at(fields, 6),
        fullName: at(fields, 7),
        agentId: at(fields, 8) || receiver,
        extension: at(fields, 9),
        reasonLabel: at(fields, 10),
        loginName: at(fields, 12),
      };
    },
    encode: (event) => [
      plain(required(event.state, 'state'), 'state'),
      plain(event.reasonCodeId, 'reasonCodeId'),
      plain(event.stateChangeTimeString, 'stateChangeTimeString'),
      plain(event.pendingState, 'pendingState'),
      plain(event.stateChangeTime, 'stateChangeTime'),
      plain(event.fullName, 'fullName'),
      plain(required(event.agentId, 'agentId'), 'agentId'),
      plain(event.extension, 'extension'),
      plain(event.reasonLabel, 'reasonLabel'),
      plain(event.fullName, 'fullName'),
      plain(event.loginName, 'loginName'),
    ],
  },
  ReasonCodes: {
    wire: 'ReasonCodes',
    provenance: 'client-code',
    summary:
      'The reason codes of one category (NOT_READY, LOGOUT or WrapUp), ids and labels in parallel lists.',
    layout: '<receiver>#ReasonCodes#<category>#<id>,<id>,…#<label>,<label>,…',
    example: '1001#ReasonCodes#NOT_READY#1,2,3#Break,Lunch,Training',
    note: 'Field [2] as the category is inferred; a list-name prefix on the first element (codes:1,2) is accepted.',
    decode(fields, receiver): ReasonCodesEvent | FieldProblem {
      const ids = readReasonList(at(fields, 3));
      const labels = readReasonList(at(fields, 4));
      if (ids.length !== labels.length) {
        return new FieldProblem('labels', `${ids.length} reason code ids but ${labels.length} labels`);
      }
      return {
        kind: 'ReasonCodes',
        receiver,
        category: at(fields, 2),
        codes: ids.map((id, index) => ({ id, label: labels[index] as string })),
      };
    },
    encode: (event) => [
      plain(event.category, 'category'),
      writeReasonList(
        event.codes.map((code) => code.id),
        'codes.id',
      ),
      writeReasonList(
        event.codes.map((code) => code.label),
        'codes.label',
      ),
    ],
  },
  NewInboundCall: {
    wire: 'NewInboundCall',
    provenance: 'client-code',
    summary:
      'A new dialog is offered to the agent (ringing); a consult or transfer leg carries associatedDialogId.',
    layout: '<receiver>#NewInboundCall#<ani>#<name>=<value>|…#DialogId:<dialogId>[#QueueName:<queue>]',
    example:
      '1001#NewInboundCall#03001234567#callVariable1=4471|associatedDialogId=#DialogId:16821223#QueueName:Sales',
    note: 'The queue field [5] is inferred and optional.',
    decode(fields, receiver): NewInboundCallEvent | FieldProblem {
      const dialogId = valueAfterKey(at(fields, 4));
      if (dialogId === '') return new FieldProblem('dialogId', 'the dialog id is empty');
      return {
        kind: 'NewInboundCall',
        receiver,
        ani: at(fields, 2),
        callVariables: readCallVariables(at(fields, 3)),
        dialogId,
        queueName: valueAfterKey(at(fields, 5)),
      };
    },
    encode: (event) => [
      plain(event.ani, 'ani'),
      writeVariables(event.callVariables, 'callVariables'),
      keyedField('DialogId', required(event.dialogId, 'dialogId'), 'dialogId'),
      keyedField('QueueName', event.queueName, 'queueName'),
    ],
  },
  InboundCall: {
    wire: 'InboundCall',
    provenance: 'client-code',
    summary: 'A change of the agent’s dialog: ALERTING, ACTIVE, HELD, DROPPED, FAILED… (outbound calls too).',
    layout:
      '<receiver>#InboundCall#<state>#DialogId:<dialogId>#<fromAddress>#<name>=<value>|…#<startTime>#CallType:<type>#QueueName:<queue>#Participants:<address>,<state>,<tag>,<role>|…',
    example:
      '1001#InboundCall#ACTIVE#DialogId:16821223#03001234567#callVariable1=4471#2026-11-24 09:15:02#CallType:ACD_IN#QueueName:Sales#Participants:5001,ACTIVE,AGENT,|03001234567,ACTIVE,CUSTOMER,',
    note: 'Field [8] is unknown in the sources; Switchboard reads it as the queue name (inferred).',
    decode(fields, receiver): InboundCallEvent | FieldProblem {
      const dialog = readDialogFields(fields);
      return (
        checkDialog(dialog.state, dialog.dialogId) ?? {
          kind: 'InboundCall',
          receiver,
          fromAddress: at(fields, 4),
          ...dialog,
        }
      );
    },
    encode: (event) => writeDialogFields(event, event.fromAddress, 'fromAddress'),
  },
  ConsultCall: {
    wire: 'ConsultCall',
    provenance: 'client-code',
    summary:
      'The consult leg at the agent who started it: INITIATING, INITIATED, ALERTING, ACTIVE, DROPPED, FAILED.',
    layout:
      '<receiver>#ConsultCall#<state>#DialogId:<consultDialogId>#<otherParty>[#<variables>#<startTime>#CallType:<type>#QueueName:<queue>#Participants:…]',
    example: '1001#ConsultCall#ALERTING#DialogId:16821250#5002',
    note: 'Fields after [4] are inferred to follow InboundCall’s layout.',
    decode(fields, receiver): ConsultCallEvent | FieldProblem {
      const dialog = readDialogFields(fields);
      return (
        checkDialog(dialog.state, dialog.dialogId) ?? {
          kind: 'ConsultCall',
          receiver,
          otherParty: at(fields, 4),
          ...dialog,
        }
      );
    },
    encode: (event) => writeDialogFields(event, event.otherParty, 'otherParty'),
  },
  QueueList: {
    wire: 'QueueList',
    provenance: 'seed',
    summary:
      'Queue statistics for a supervisor (UCCE form) or a UCCX agent or supervisor (UCCX form), one queue per field.',
    layout:
      'UCCE: <id>#QueueList#QueueName:<q>,CallsInQueue:<n>,AgentsReady:<n>,AgentsNotReady:<n>,TalkingInbound:<n>,TalkingOutbound:<n>,TalkingInternal:<n>,WrapUpReady:<n>,WrapUpNotReady:<n>#…; ' +
      'UCCX: <id>#QueueList#QueueName:<q>,WaitingCalls:<n>,AgentsLoggedIn:<n>,AgentsInAfterCallWork:<n>,AgentsTalking:<n>,AgentsReserved:<n>,HandledCalls:<n>,AbandonedCalls:<n>,TotalCalls:<n>,LongestHandleTime:<t>#…',
    example:
      '9000#QueueList#QueueName:Sales,CallsInQueue:3,AgentsReady:2,AgentsNotReady:4,TalkingInbound:5,TalkingOutbound:0,TalkingInternal:1,WrapUpReady:1,WrapUpNotReady:0',
    note: 'The seed gives the statistics in this order but its payload is cut off: the keys are inferred; records without keys are read by position.',
    decode(fields, receiver): QueueListEvent | FieldProblem {
      const queueFields = fieldsFrom(fields, 2);
      if (looksLikeUccx(queueFields)) {
        const queues = readQueues(queueFields, uccxQueueRecord, buildUccxQueue);
        return queues instanceof FieldProblem
          ? queues
          : { kind: 'QueueList', receiver, form: 'uccx', queues };
      }
      const queues = readQueues(queueFields, ucceQueueRecord, buildUcceQueue);
      return queues instanceof FieldProblem ? queues : { kind: 'QueueList', receiver, form: 'ucce', queues };
    },
    encode(event) {
      if (event.form === 'uccx') {
        if (event.queues.length === 0)
          throw new EncodeProblem('queues', 'an empty UCCX list reads back as UCCE');
        return event.queues.map((queue, index) => writeQueue(uccxQueueRecord, { ...queue }, index));
      }
      return event.queues.map((queue, index) => writeQueue(ucceQueueRecord, { ...queue }, index));
    },
  },
  TeamUsersList: {
    wire: 'TeamUsersList',
    provenance: 'seed',
    summary: 'The members of a supervisor’s team, one per field; live State events follow.',
    layout:
      '<supervisor>#TeamUsersList#FirstName:<f>,LastName:<l>,Extension:<e>,LoginId:<id>,State:<s>,PendingState:<p>,MediaType:<m>,StateChangeTime:<t>,StateChangeLabel:<label>#…',
    example:
      '9000#TeamUsersList#FirstName:John,LastName:Smith,Extension:5001,LoginId:1001,State:READY,PendingState:,MediaType:voice,StateChangeTime:2026-11-24 09:15:02,StateChangeLabel:',
    note: 'The seed shows FirstName, LastName, Extension; the keys after them are inferred from its field list.',
    decode: (fields, receiver): TeamUsersListEvent => ({
      kind: 'TeamUsersList',
      receiver,
      members: listFields(fields).map((field) => teamMemberRecord.read(field)),
    }),
    encode: (event) =>
      event.members.map((member, index) => writeRecord(teamMemberRecord, member, `members[${index}]`)),
  },
  Phonebooks: {
    wire: 'Phonebooks',
    provenance: 'seed',
    summary: 'The global phonebooks; NoPhoneBookFound when there are none.',
    layout: '<id>#Phonebooks#name:<name>,type:<type>,id:<id>#… | <id>#Phonebooks#NoPhoneBookFound',
    example: '1001#Phonebooks#name:Company,type:GLOBAL,id:1#name:Suppliers,type:GLOBAL,id:2',
    decode: (fields, receiver): PhonebooksEvent => ({
      kind: 'Phonebooks',
      receiver,
      phonebooks: listFields(fields).map((field) => phonebookRecord.read(field)),
    }),
    encode: (event) =>
      event.phonebooks.length === 0
        ? ['NoPhoneBookFound']
        : event.phonebooks.map((book, index) => writeRecord(phonebookRecord, book, `phonebooks[${index}]`)),
  },
  TeamPhonebooks: {
    wire: 'TeamPhoneBooks',
    provenance: 'seed',
    summary: 'A team’s phonebooks; NoTeamPhoneBookFound when there are none.',
    layout:
      '<id>#TeamPhoneBooks#name:<name>,type:<type>,id:<id>#… | <id>#TeamPhoneBooks#NoTeamPhoneBookFound',
    example: '1001#TeamPhoneBooks#name:Sales team,type:TEAM,id:7',
    decode: (fields, receiver): TeamPhonebooksEvent => ({
      kind: 'TeamPhonebooks',
      receiver,
      phonebooks: listFields(fields).map((field) => phonebookRecord.read(field)),
    }),
    encode: (event) =>
      event.phonebooks.length === 0
        ? ['NoTeamPhoneBookFound']
        : event.phonebooks.map((book, index) => writeRecord(phonebookRecord, book, `phonebooks[${index}]`)),
  },
  PhonebookContacts: {
    wire: 'PhonebookContacts',
    provenance: 'seed',
    summary: 'The contacts of the phonebook last asked for; NoContactFound when it is empty.',
    layout:
      '<id>#PhonebookContacts#description:<d>,firstName:<f>,lastName:<l>,phoneNumber:<n>,id:<id>#… | <id>#PhonebookContacts#NoContactFound',
    example:
      '1001#PhonebookContacts#description:Key account,firstName:Ann,lastName:Lee,phoneNumber:+441632960961,id:17',
    note: 'The event does not say which phonebook it answers: the desk pairs it with its request.',
    decode: (fields, receiver): PhonebookContactsEvent => ({
      kind: 'PhonebookContacts',
      receiver,
      contacts: listFields(fields).map((field) => contactRecord.read(field)),
    }),
    encode: (event) =>
      event.contacts.length === 0
        ? ['NoContactFound']
        : event.contacts.map((contact, index) => writeRecord(contactRecord, contact, `contacts[${index}]`)),
  },
  SkillGroups: {
    wire: 'SkillGroups',
    provenance: 'inferred',
    summary: 'The agent’s skill groups, in answer to GETSKILLGROPU.',
    layout: '<id>#SkillGroups#id:<id>,name:<name>#…',
    example: '1001#SkillGroups#id:11,name:Sales_EN#id:12,name:Support_EN',
    note: 'The seed gives no reply layout for GETSKILLGROPU; this one follows the phonebook lists.',
    decode: (fields, receiver): SkillGroupsEvent => ({
      kind: 'SkillGroups',
      receiver,
      skillGroups: listFields(fields).map((field) => skillGroupRecord.read(field)),
    }),
    encode: (event) =>
      event.skillGroups.map((group, index) => writeRecord(skillGroupRecord, group, `skillGroups[${index}]`)),
  },
  Supervisors: {
    wire: 'Supervisors',
    provenance: 'inferred',
    summary: 'The agent’s supervisors, in answer to GETSUPERVISOR.',
    layout: '<id>#Supervisors#loginId:<id>,firstName:<f>,lastName:<l>,extension:<e>#…',
    example: '1001#Supervisors#loginId:9000,firstName:Maria,lastName:Garcia,extension:5900',
    note: 'The seed gives no reply layout for GETSUPERVISOR; this one follows the phonebook lists.',
    decode: (fields, receiver): SupervisorsEvent => ({
      kind: 'Supervisors',
      receiver,
      supervisors: listFields(fields).map((field) => supervisorRecord.read(field)),
    }),
    encode: (event) =>
      event.supervisors.map((supervisor, index) =>
        writeRecord(supervisorRecord, supervisor, `supervisors[${index}]`),
      ),
  },
  Callback: {
    wire: 'Callback',
    provenance: 'inferred',
    summary: 'Confirms a callback was scheduled, updated or cancelled.',
    layout: '<id>#Callback#<SCHEDULED|UPDATED|CANCELLED>#DialogId:<dialogId>#<callbackTime>#<callbackNumber>',
    example: '1001#Callback#SCHEDULED#DialogId:16821223#2026-11-25 10:30:00#+441632960961',
    note: 'The seed lists no reply for the callback commands; this confirmation is Switchboard’s assumption.',
    decode(fields, receiver): CallbackEvent | FieldProblem {
      const dialogId = valueAfterKey(at(fields, 3));
      if (dialogId === '') return new FieldProblem('dialogId', 'the dialog id is empty');
      return {
        kind: 'Callback',
        receiver,
        action: at(fields, 2),
        dialogId,
        callbackTime: at(fields, 4),
        callbackNumber: at(fields, 5),
      };
    },
    encode: (event) => [
      plain(event.action, 'action'),
      keyedField('DialogId', required(event.dialogId, 'dialogId'), 'dialogId'),
      plain(event.callbackTime, 'callbackTime'),
      plain(event.callbackNumber, 'callbackNumber'),
    ],
  },
  Control: {
    wire: 'Control',
    provenance: 'client-code',
    summary: 'A notification for the user (for example after a participant was dropped).',
    layout: '<id>#Control#<code>#<message>[#<detail>…]',
    example: '9000#Control#PARTICIPANT_DROPPED#Participant 5002 was dropped from the call',
    note: 'Only [3] (the text) is attested; [2] as a code is inferred.',
    decode: (fields, receiver): ControlEvent => ({ kind: 'Control', receiver, ...readNotice(fields) }),
    encode: writeNotice,
  },
  Error: {
    wire: 'Error',
    provenance: 'client-code',
    summary: 'GC refused a command or something failed; [3] is the text for the user.',
    layout: '<id>#Error#<code>#<message>[#<detail>…]',
    example: '1001#Error#USER_NOT_FOUND#The agent id 1009 is not known to Finesse',
    note: 'Codes from the docs: MISSING_EXTENSION, WRONG_EXTENSION, LICENSES_EXCEEDED, MISSING_PASSWORD, USER_NOT_FOUND, GENERAL_ERROR, CF_*, MISSING_DIALOG_ID, AUTHORIZATION_FAILURE, NOT_FOUND; their position at [2] is inferred.',
    decode: (fields, receiver): ErrorEvent => ({ kind: 'Error', receiver, ...readNotice(fields) }),
    encode: writeNotice,
  },
};

export const EVENT_KINDS = Object.keys(EVENTS) as GcEventKind[];
