// The event codec against the whole catalog: each layout decodes, trailing fields may be
// missing, names and keys are read in any case, broken layouts come back as `malformed` naming
// the field, and encodeEvent refuses whatever could not travel intact.

import { describe, expect, it } from 'vitest';
import {
  EVENTS,
  EVENT_KINDS,
  createCodec,
  decodeEvent,
  encodeEvent,
  type GcEvent,
  type GcEventKind,
} from '../../../main/core/protocol/index.ts';

type EventOf<K extends GcEventKind> = Extract<GcEvent, { kind: K }>;

interface LayoutCase<K extends GcEventKind> {
  /** Every field of the layout present. */
  readonly full: string;
  readonly fullEvent: EventOf<K>;
  /** The same event with its optional trailing fields cut off. */
  readonly short: string;
  readonly shortEvent: EventOf<K>;
}

const emptyMember = {
  firstName: '',
  lastName: '',
  extension: '',
  loginId: '',
  state: '',
  pendingState: '',
  mediaType: '',
  stateChangeTime: '',
  stateChangeLabel: '',
};

const LAYOUTS: { readonly [K in GcEventKind]: LayoutCase<K> } = {
  InService: {
    full: 'ws-0a1b2c#IN_SERVICE#Finesse 12.5#primary',
    fullEvent: { kind: 'InService', receiver: 'ws-0a1b2c', detail: ['Finesse 12.5', 'primary'] },
    short: 'ws-0a1b2c#IN_SERVICE',
    shortEvent: { kind: 'InService', receiver: 'ws-0a1b2c', detail: [] },
  },
  OutOfService: {
    full: 'ws-0a1b2c#OUT_OF_SERVICE#Finesse unreachable',
    fullEvent: { kind: 'OutOfService', receiver: 'ws-0a1b2c', detail: ['Finesse unreachable'] },
    short: 'ws-0a1b2c#OUT_OF_SERVICE',
    shortEvent: { kind: 'OutOfService', receiver: 'ws-0a1b2c', detail: [] },
  },
  AgentInfo: {
    full: '9000#AgentInfo#Maria#Garcia#true#REQUIRED#TotalNumberOfTeams:1#5001,Sales#5001#Maria Garcia#mgarcia',
    fullEvent: {
      kind: 'AgentInfo',
      receiver: '9000',
      form: 'supervisor',
      firstName: 'Maria',
      lastName: 'Garcia',
      isSupervisor: true,
      wrapUpMode: 'REQUIRED',
      teamId: '5001',
      fullName: 'Maria Garcia',
      loginName: 'mgarcia',
      teams: [{ id: '5001', name: 'Sales' }],
    },
    short: '1001#AgentInfo#John#Smith#false',
    shortEvent: {
      kind: 'AgentInfo',
      receiver: '1001',
      form: 'agent',
      firstName: 'John',
      lastName: 'Smith',
      isSupervisor: false,
      wrapUpMode: '',
      teamId: '',
      fullName: '',
      loginName: '',
      teams: [],
    },
  },
  State: {
    full: '9000#State#TALKING#12#x#NOT_READY#2022-01-20 10:15:02#Ann Lee#1002#5002#Coaching#Ann Lee#alee',
    fullEvent: {
      kind: 'State',
      receiver: '9000',
      state: 'TALKING',
      reasonCodeId: '12',
      stateChangeTimeString: 'x',
      pendingState: 'NOT_READY',
      stateChangeTime: '2022-01-20 10:15:02',
      fullName: 'Ann Lee',
      agentId: '1002',
      extension: '5002',
      reasonLabel: 'Coaching',
      loginName: 'alee',
    },
    // Without field [8] the event is about the receiver itself.
    short: '1001#State#READY',
    shortEvent: {
      kind: 'State',
      receiver: '1001',
      state: 'READY',
      reasonCodeId: '',
      stateChangeTimeString: '',
      pendingState: '',
      stateChangeTime: '',
      fullName: '',
      agentId: '1001',
      extension: '',
      reasonLabel: '',
      loginName: '',
    },
  },
  ReasonCodes: {
    full: '1001#ReasonCodes#WrapUp#21,22#Sale: closed,No sale',
    fullEvent: {
      kind: 'ReasonCodes',
      receiver: '1001',
      category: 'WrapUp',
      codes: [
        { id: '21', label: 'Sale: closed' },
        { id: '22', label: 'No sale' },
      ],
    },
    short: '1001#ReasonCodes#NOT_READY',
    shortEvent: { kind: 'ReasonCodes', receiver: '1001', category: 'NOT_READY', codes: [] },
  },
  NewInboundCall: {
    full: '1001#NewInboundCall#03001234567#callVariable1=4471|associatedDialogId=16821200#DialogId:16821223#QueueName:Sales',
    fullEvent: {
      kind: 'NewInboundCall',
      receiver: '1001',
      ani: '03001234567',
      callVariables: [
        { name: 'callVariable1', value: '4471' },
        { name: 'associatedDialogId', value: '16821200' },
      ],
      dialogId: '16821223',
      queueName: 'Sales',
    },
    short: '1001#NewInboundCall###DialogId:16821223',
    shortEvent: {
      kind: 'NewInboundCall',
      receiver: '1001',
      ani: '',
      callVariables: [],
      dialogId: '16821223',
      queueName: '',
    },
  },
  InboundCall: {
    full: '1001#InboundCall#HELD#DialogId:16821223#03001234567#callVariable1=4471|user.order=A=1#2022-01-20 10:15:02#CallType:ACD_IN#QueueName:Sales#Participants:5001,HELD,AGENT,|03001234567,ACTIVE,CUSTOMER,',
    fullEvent: {
      kind: 'InboundCall',
      receiver: '1001',
      state: 'HELD',
      dialogId: '16821223',
      fromAddress: '03001234567',
      callVariables: [
        { name: 'callVariable1', value: '4471' },
        { name: 'user.order', value: 'A=1' },
      ],
      startTime: '2022-01-20 10:15:02',
      callType: 'ACD_IN',
      queueName: 'Sales',
      participants: [
        { mediaAddress: '5001', state: 'HELD', tag: 'AGENT', role: '' },
        { mediaAddress: '03001234567', state: 'ACTIVE', tag: 'CUSTOMER', role: '' },
      ],
    },
    short: '1001#InboundCall#ALERTING#DialogId:16821223',
    shortEvent: {
      kind: 'InboundCall',
      receiver: '1001',
      state: 'ALERTING',
      dialogId: '16821223',
      fromAddress: '',
      callVariables: [],
      startTime: '',
      callType: '',
      queueName: '',
      participants: [],
    },
  },
  ConsultCall: {
    full: '1001#ConsultCall#ACTIVE#DialogId:16821250#5002#callVariable1=4471#2022-01-20 10:16:40#CallType:CONSULT#QueueName:#Participants:5001,ACTIVE,AGENT,|5002,ACTIVE,AGENT,',
    fullEvent: {
      kind: 'ConsultCall',
      receiver: '1001',
      state: 'ACTIVE',
      dialogId: '16821250',
      otherParty: '5002',
      callVariables: [{ name: 'callVariable1', value: '4471' }],
      startTime: '2022-01-20 10:16:40',
      callType: 'CONSULT',
      queueName: '',
      participants: [
        { mediaAddress: '5001', state: 'ACTIVE', tag: 'AGENT', role: '' },
        { mediaAddress: '5002', state: 'ACTIVE', tag: 'AGENT', role: '' },
      ],
    },
    short: '1001#ConsultCall#INITIATING#DialogId:16821250',
    shortEvent: {
      kind: 'ConsultCall',
      receiver: '1001',
      state: 'INITIATING',
      dialogId: '16821250',
      otherParty: '',
      callVariables: [],
      startTime: '',
      callType: '',
      queueName: '',
      participants: [],
    },
  },
  QueueList: {
    full: '9000#QueueList#QueueName:Sales,CallsInQueue:3,AgentsReady:2,AgentsNotReady:4,TalkingInbound:5,TalkingOutbound:0,TalkingInternal:1,WrapUpReady:1,WrapUpNotReady:0',
    fullEvent: {
      kind: 'QueueList',
      receiver: '9000',
      form: 'ucce',
      queues: [
        {
          name: 'Sales',
          callsInQueue: 3,
          agentsReady: 2,
          agentsNotReady: 4,
          talkingInbound: 5,
          talkingOutbound: 0,
          talkingInternal: 1,
          wrapUpReady: 1,
          wrapUpNotReady: 0,
        },
      ],
    },
    short: '9000#QueueList#QueueName:Sales,CallsInQueue:3',
    shortEvent: {
      kind: 'QueueList',
      receiver: '9000',
      form: 'ucce',
      queues: [
        {
          name: 'Sales',
          callsInQueue: 3,
          agentsReady: 0,
          agentsNotReady: 0,
          talkingInbound: 0,
          talkingOutbound: 0,
          talkingInternal: 0,
          wrapUpReady: 0,
          wrapUpNotReady: 0,
        },
      ],
    },
  },
  TeamUsersList: {
    full: '9000#TeamUsersList#FirstName:Ann,LastName:Lee,Extension:5002,LoginId:1002,State:NOT_READY,PendingState:READY,MediaType:voice,StateChangeTime:2022-01-20 10:15:02,StateChangeLabel:Lunch',
    fullEvent: {
      kind: 'TeamUsersList',
      receiver: '9000',
      members: [
        {
          firstName: 'Ann',
          lastName: 'Lee',
          extension: '5002',
          loginId: '1002',
          state: 'NOT_READY',
          pendingState: 'READY',
          mediaType: 'voice',
          stateChangeTime: '2022-01-20 10:15:02',
          stateChangeLabel: 'Lunch',
        },
      ],
    },
    short: '9000#TeamUsersList#FirstName:Ann,LastName:Lee',
    shortEvent: {
      kind: 'TeamUsersList',
      receiver: '9000',
      members: [{ ...emptyMember, firstName: 'Ann', lastName: 'Lee' }],
    },
  },
  Phonebooks: {
    full: '1001#Phonebooks#name:Company,type:GLOBAL,id:1',
    fullEvent: {
      kind: 'Phonebooks',
      receiver: '1001',
      phonebooks: [{ name: 'Company', type: 'GLOBAL', id: '1' }],
    },
    short: '1001#Phonebooks',
    shortEvent: { kind: 'Phonebooks', receiver: '1001', phonebooks: [] },
  },
  TeamPhonebooks: {
    full: '1001#TeamPhoneBooks#name:Sales team,type:TEAM,id:7#name:Support team,type:TEAM,id:8',
    fullEvent: {
      kind: 'TeamPhonebooks',
      receiver: '1001',
      phonebooks: [
        { name: 'Sales team', type: 'TEAM', id: '7' },
        { name: 'Support team', type: 'TEAM', id: '8' },
      ],
    },
    short: '1001#TeamPhoneBooks#name:Sales team',
    shortEvent: {
      kind: 'TeamPhonebooks',
      receiver: '1001',
      phonebooks: [{ name: 'Sales team', type: '', id: '' }],
    },
  },
  PhonebookContacts: {
    full: '1001#PhonebookContacts#description:Key account,firstName:Ann,lastName:Lee,phoneNumber:+441632960961,id:17',
    fullEvent: {
      kind: 'PhonebookContacts',
      receiver: '1001',
      contacts: [
        {
          description: 'Key account',
          firstName: 'Ann',
          lastName: 'Lee',
          phoneNumber: '+441632960961',
          id: '17',
        },
      ],
    },
    short: '1001#PhonebookContacts#description:,firstName:Ann',
    shortEvent: {
      kind: 'PhonebookContacts',
      receiver: '1001',
      contacts: [{ description: '', firstName: 'Ann', lastName: '', phoneNumber: '', id: '' }],
    },
  },
  SkillGroups: {
    full: '1001#SkillGroups#id:11,name:Sales_EN#id:12,name:Support_EN',
    fullEvent: {
      kind: 'SkillGroups',
      receiver: '1001',
      skillGroups: [
        { id: '11', name: 'Sales_EN' },
        { id: '12', name: 'Support_EN' },
      ],
    },
    short: '1001#SkillGroups',
    shortEvent: { kind: 'SkillGroups', receiver: '1001', skillGroups: [] },
  },
  Supervisors: {
    full: '1001#Supervisors#loginId:9000,firstName:Maria,lastName:Garcia,extension:5900',
    fullEvent: {
      kind: 'Supervisors',
      receiver: '1001',
      supervisors: [{ loginId: '9000', firstName: 'Maria', lastName: 'Garcia', extension: '5900' }],
    },
    short: '1001#Supervisors#loginId:9000',
    shortEvent: {
      kind: 'Supervisors',
      receiver: '1001',
      supervisors: [{ loginId: '9000', firstName: '', lastName: '', extension: '' }],
    },
  },
  Callback: {
    full: '1001#Callback#SCHEDULED#DialogId:16821223#2026-11-25 10:30:00#+441632960961',
    fullEvent: {
      kind: 'Callback',
      receiver: '1001',
      action: 'SCHEDULED',
      dialogId: '16821223',
      callbackTime: '2026-11-25 10:30:00',
      callbackNumber: '+441632960961',
    },
    short: '1001#Callback#CANCELLED#DialogId:16821223',
    shortEvent: {
      kind: 'Callback',
      receiver: '1001',
      action: 'CANCELLED',
      dialogId: '16821223',
      callbackTime: '',
      callbackNumber: '',
    },
  },
  Control: {
    full: '9000#Control#PARTICIPANT_DROPPED#Participant 5002 was dropped#16821223#5002',
    fullEvent: {
      kind: 'Control',
      receiver: '9000',
      code: 'PARTICIPANT_DROPPED',
      message: 'Participant 5002 was dropped',
      detail: ['16821223', '5002'],
    },
    short: '9000#Control',
    shortEvent: { kind: 'Control', receiver: '9000', code: '', message: '', detail: [] },
  },
  Error: {
    full: '1001#Error#WRONG_EXTENSION#Extension 5009 is not yours: login refused#Login',
    fullEvent: {
      kind: 'Error',
      receiver: '1001',
      code: 'WRONG_EXTENSION',
      message: 'Extension 5009 is not yours: login refused',
      detail: ['Login'],
    },
    short: '1001#Error',
    shortEvent: { kind: 'Error', receiver: '1001', code: '', message: '', detail: [] },
  },
};

/** Replaces field [1] (the event name) of `text`. */
function withName(text: string, name: string): string {
  const fields = text.split('#');
  fields[1] = name;
  return fields.join('#');
}

describe('every event kind', () => {
  it('has a layout case here', () => {
    expect(Object.keys(LAYOUTS).sort()).toEqual([...EVENT_KINDS].sort());
  });

  describe.each(EVENT_KINDS)('%s', (kind) => {
    const layout = LAYOUTS[kind];
    const wire = EVENTS[kind].wire;

    it('decodes its full layout', () => {
      expect(decodeEvent(layout.full)).toEqual(layout.fullEvent);
    });

    it('defaults missing trailing fields to empty values', () => {
      expect(decodeEvent(layout.short)).toEqual(layout.shortEvent);
    });

    it('reads its name in any case', () => {
      for (const name of [wire.toLowerCase(), wire.toUpperCase(), ` ${wire} `]) {
        expect(decodeEvent(withName(layout.full, name)), name).toEqual(layout.fullEvent);
      }
    });

    it('ignores a trailing line break added by the transport', () => {
      expect(decodeEvent(`${layout.full}\r\n`)).toEqual(layout.fullEvent);
    });

    it('encodes its decoded layout and reads it back', () => {
      for (const event of [layout.fullEvent, layout.shortEvent]) {
        const encoded = encodeEvent(event);
        expect(encoded.ok).toBe(true);
        if (encoded.ok) {
          expect(encoded.value.split('#')[1]).toBe(wire);
          expect(decodeEvent(encoded.value)).toEqual(event);
        }
      }
    });
  });
});

describe('event names', () => {
  it('reads teamphonebooks, TEAMPHONEBOOKS and TeamPhonebooks as TeamPhoneBooks', () => {
    for (const name of ['teamphonebooks', 'TEAMPHONEBOOKS', 'TeamPhonebooks']) {
      expect(decodeEvent(`1001#${name}#NoTeamPhoneBookFound`)).toEqual({
        kind: 'TeamPhonebooks',
        receiver: '1001',
        phonebooks: [],
      });
    }
  });

  it('keeps an unknown event whole', () => {
    const raw = '1001#DialogState#ACTIVE#k:16821223';
    expect(decodeEvent(raw)).toStrictEqual({ kind: 'unknown', receiver: '1001', name: 'DialogState', raw });
    expect(decodeEvent('#NOT_RECHEABLE')).toStrictEqual({
      kind: 'unknown',
      receiver: '',
      name: 'NOT_RECHEABLE',
      raw: '#NOT_RECHEABLE',
    });
  });
});

describe('records', () => {
  it('reads keys in any case and any order', () => {
    expect(
      decodeEvent(
        '9000#TeamUsersList#lastName:Lee,firstName:Ann,STATE:READY,loginid:1002,EXTENSION:5002,stateChangeTime:2022-01-20 10:15:02',
      ),
    ).toEqual({
      kind: 'TeamUsersList',
      receiver: '9000',
      members: [
        {
          ...emptyMember,
          firstName: 'Ann',
          lastName: 'Lee',
          extension: '5002',
          loginId: '1002',
          state: 'READY',
          stateChangeTime: '2022-01-20 10:15:02',
        },
      ],
    });
    expect(decodeEvent('1001#PhonebookContacts#ID:17,PhoneNumber:+4416,LastName:Lee,FirstName:Ann')).toEqual({
      kind: 'PhonebookContacts',
      receiver: '1001',
      contacts: [{ description: '', firstName: 'Ann', lastName: 'Lee', phoneNumber: '+4416', id: '17' }],
    });
    expect(decodeEvent('1001#Phonebooks#ID:1,TYPE:GLOBAL,NAME:Company')).toEqual({
      kind: 'Phonebooks',
      receiver: '1001',
      phonebooks: [{ name: 'Company', type: 'GLOBAL', id: '1' }],
    });
    expect(decodeEvent('1001#SkillGroups#name:Sales_EN,id:11')).toEqual({
      kind: 'SkillGroups',
      receiver: '1001',
      skillGroups: [{ id: '11', name: 'Sales_EN' }],
    });
    expect(decodeEvent('1001#Supervisors#extension:5900,LOGINID:9000')).toEqual({
      kind: 'Supervisors',
      receiver: '1001',
      supervisors: [{ loginId: '9000', firstName: '', lastName: '', extension: '5900' }],
    });
  });

  it('reads the seed’s placeholder names as keys', () => {
    expect(
      decodeEvent(
        '9000#TeamUsersList#user_firstName:Ann,user_lastName:Lee,user_extension:5002,user_loginID:1002,user_state:READY',
      ),
    ).toEqual({
      kind: 'TeamUsersList',
      receiver: '9000',
      members: [
        {
          ...emptyMember,
          firstName: 'Ann',
          lastName: 'Lee',
          extension: '5002',
          loginId: '1002',
          state: 'READY',
        },
      ],
    });
    expect(
      decodeEvent(
        '9000#QueueList#queue_name:Sales,Number_of_CallsInQueue:3,Number_of_Agents_Ready:2,Number_of_Agents_NotReady:4,number_of_agents_talking_inbound:5,number_of_agents_talking_outbound:0,number_of_agents_talking_internal:1,number_of_agents_in_wrapup_ready_state:1,number_of_agents_in_wrapup_notready_state:0',
      ),
    ).toEqual(LAYOUTS.QueueList.fullEvent);
  });

  it('reads a UCCX queue keyed with the seed’s placeholder names as UCCX', () => {
    expect(
      decodeEvent(
        '9000#QueueList#queue_name:CSQ_Sales,queue_1_WaitingCalls:2,queue_1_AgentsLoggedIn:9,queue_1_AgentsInAfterCallWork:1,queue_1_AgentsTalking:5,queue_1_AgentsReserved:1,queue_1_HandledCalls:120,queue_1_AbandonedCalls:7,queue_1_TotalCalls:129,queue_1_LongestHandleTime:00:14:31',
      ),
    ).toEqual({
      kind: 'QueueList',
      receiver: '9000',
      form: 'uccx',
      queues: [
        {
          name: 'CSQ_Sales',
          waitingCalls: 2,
          agentsLoggedIn: 9,
          agentsInAfterCallWork: 1,
          agentsTalking: 5,
          agentsReserved: 1,
          handledCalls: 120,
          abandonedCalls: 7,
          totalCalls: 129,
          longestHandleTime: '00:14:31',
        },
      ],
    });
  });

  it('reads an item with an unknown key by its position', () => {
    expect(decodeEvent('1001#Phonebooks#k:Company,k:GLOBAL,k:1')).toEqual({
      kind: 'Phonebooks',
      receiver: '1001',
      phonebooks: [{ name: 'Company', type: 'GLOBAL', id: '1' }],
    });
    expect(decodeEvent('1001#PhonebookContacts#k:VIP,k:Ann,k:Lee,k:+4416,k:17')).toEqual({
      kind: 'PhonebookContacts',
      receiver: '1001',
      contacts: [{ description: 'VIP', firstName: 'Ann', lastName: 'Lee', phoneNumber: '+4416', id: '17' }],
    });
    // Known keys are read by key, unknown ones by their own position.
    expect(decodeEvent('1001#Phonebooks#label:Company,category:GLOBAL,ID:9')).toEqual({
      kind: 'Phonebooks',
      receiver: '1001',
      phonebooks: [{ name: 'Company', type: 'GLOBAL', id: '9' }],
    });
  });

  it('keeps colons inside values', () => {
    expect(decodeEvent('9000#TeamUsersList#FirstName:Ann,StateChangeTime:2022-01-20 10:15:02')).toMatchObject(
      {
        members: [{ firstName: 'Ann', stateChangeTime: '2022-01-20 10:15:02' }],
      },
    );
    expect(
      decodeEvent('9000#TeamUsersList#k:Ann,k:Lee,k:,k:1002,k:READY,k:,k:,k:2022-01-20 10:15:02'),
    ).toMatchObject({ members: [{ firstName: 'Ann', stateChangeTime: '2022-01-20 10:15:02' }] });
    expect(decodeEvent('1001#Phonebooks#name:Ops: night shift,type:GLOBAL,id:3')).toMatchObject({
      phonebooks: [{ name: 'Ops: night shift' }],
    });
    expect(decodeEvent('1001#State#READY####2022-01-20 10:15:02')).toMatchObject({
      stateChangeTime: '2022-01-20 10:15:02',
    });
    expect(decodeEvent('1001#InboundCall#ACTIVE#DialogId:1#x##2022-01-20 10:15:02')).toMatchObject({
      startTime: '2022-01-20 10:15:02',
    });
    expect(decodeEvent('1001#Callback#SCHEDULED#DialogId:1#2026-11-25 10:30:00#+44')).toMatchObject({
      callbackTime: '2026-11-25 10:30:00',
    });
    expect(decodeEvent('1001#Error#GENERAL_ERROR#Finesse said: 503: busy')).toMatchObject({
      message: 'Finesse said: 503: busy',
    });
    expect(decodeEvent('1001#NewInboundCall#0300##DialogId:abc:def')).toMatchObject({ dialogId: 'abc:def' });
  });

  it('strips a list-name prefix from the first reason code only when it names a list', () => {
    expect(decodeEvent('1001#ReasonCodes#NOT_READY#ids:1,2#labels:Break: coffee,Lunch')).toMatchObject({
      codes: [
        { id: '1', label: 'Break: coffee' },
        { id: '2', label: 'Lunch' },
      ],
    });
    expect(decodeEvent('1001#ReasonCodes#NOT_READY#1,2#Break: coffee,Lunch')).toMatchObject({
      codes: [
        { id: '1', label: 'Break: coffee' },
        { id: '2', label: 'Lunch' },
      ],
    });
  });

  it('reads the sentinels in any case, as the public client does', () => {
    expect(decodeEvent('1001#PhonebookContacts#nocontactfound')).toMatchObject({ contacts: [] });
    expect(decodeEvent('1001#TeamPhoneBooks#NOTEAMPHONEBOOKFOUND')).toMatchObject({ phonebooks: [] });
    expect(decodeEvent('1001#Phonebooks#NoPhoneBookFound#')).toMatchObject({ phonebooks: [] });
  });

  it('splits the seed’s team records after their leading digits', () => {
    expect(
      decodeEvent(
        '9000#AgentInfo#M#G#true#NOT_ALLOWED#TotalNumberOfTeams:3#12Sales EN|7Support|Ops#12#M G#mg',
      ),
    ).toMatchObject({
      form: 'supervisor',
      teams: [
        { id: '12', name: 'Sales EN' },
        { id: '7', name: 'Support' },
        { id: '', name: 'Ops' },
      ],
    });
  });
});

describe('malformed events', () => {
  it.each([
    ['an empty State state', '1001#State##8', 'State', 'state'],
    ['a non-boolean isSupervisor', '1001#AgentInfo#John#Smith#yes#OPTIONAL', 'AgentInfo', 'isSupervisor'],
    ['a missing isSupervisor', '1001#AgentInfo#John#Smith', 'AgentInfo', 'isSupervisor'],
    [
      'ReasonCodes with more ids than labels',
      '1001#ReasonCodes#NOT_READY#1,2,3#Break,Lunch',
      'ReasonCodes',
      'labels',
    ],
    ['ReasonCodes with labels but no ids', '1001#ReasonCodes#NOT_READY##Break', 'ReasonCodes', 'labels'],
    [
      'a non-numeric queue count',
      '9000#QueueList#Sales,three,2,4,5,0,1,1,0',
      'QueueList',
      'queues[0].callsInQueue',
    ],
    [
      'a negative count in the second queue',
      '9000#QueueList#QueueName:A,CallsInQueue:1#QueueName:B,AgentsReady:-2',
      'QueueList',
      'queues[1].agentsReady',
    ],
    [
      'a non-numeric UCCX count',
      '9000#QueueList#QueueName:CSQ,WaitingCalls:2,TotalCalls:lots',
      'QueueList',
      'queues[0].totalCalls',
    ],
    [
      'a NewInboundCall without dialog id',
      '1001#NewInboundCall#0300##DialogId:',
      'NewInboundCall',
      'dialogId',
    ],
    ['a NewInboundCall cut before its dialog id', '1001#NewInboundCall#0300', 'NewInboundCall', 'dialogId'],
    ['an InboundCall with an empty dialog id', '1001#InboundCall#ACTIVE#k:#0300', 'InboundCall', 'dialogId'],
    ['an InboundCall without a state', '1001#InboundCall##DialogId:1', 'InboundCall', 'state'],
    ['a ConsultCall with an empty dialog id', '1001#ConsultCall#ALERTING##5002', 'ConsultCall', 'dialogId'],
    ['a Callback with an empty dialog id', '1001#Callback#SCHEDULED#DialogId:#x#y', 'Callback', 'dialogId'],
  ])('%s → malformed naming %s', (_label, raw, name, field) => {
    expect(decodeEvent(raw)).toStrictEqual({
      kind: 'malformed',
      name,
      field,
      reason: expect.any(String),
      raw,
    });
  });

  it.each([
    ['text without #', 'State'],
    ['an empty text', ''],
    ['an empty event name', '1001#'],
    ['a blank event name', '1001#  #x'],
  ])('%s → malformed naming the name', (_label, raw) => {
    expect(decodeEvent(raw)).toStrictEqual({
      kind: 'malformed',
      name: '',
      field: 'name',
      reason: expect.any(String),
      raw,
    });
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['an object', { text: '1001#State#READY' }],
    ['an array', ['1001', 'State', 'READY']],
    ['a boolean', true],
    ['a symbol', Symbol('event')],
    ['a bigint', 10n],
    ['an object without prototype', Object.create(null) as unknown],
    [
      'an object whose toString throws',
      {
        toString() {
          throw new Error('no text here');
        },
      },
    ],
  ])('%s → malformed body, never a throw', (_label, input) => {
    let decoded: unknown;
    expect(() => {
      decoded = decodeEvent(input);
    }).not.toThrow();
    expect(decoded).toMatchObject({ kind: 'malformed', name: '', field: 'body', raw: expect.any(String) });
  });
});

describe('wire-name overrides', () => {
  it('writes and reads the overridden name', () => {
    const codec = createCodec({ events: { TeamPhonebooks: 'TeamPhonebooks' } });
    const event = { kind: 'TeamPhonebooks', receiver: '1001', phonebooks: [] } as const;
    expect(codec.encodeEvent(event)).toEqual({ ok: true, value: '1001#TeamPhonebooks#NoTeamPhoneBookFound' });
    expect(codec.decodeEvent('1001#TeamPhonebooks#name:Sales team,type:TEAM,id:7')).toEqual({
      kind: 'TeamPhonebooks',
      receiver: '1001',
      phonebooks: [{ name: 'Sales team', type: 'TEAM', id: '7' }],
    });
    expect(codec.eventWireName('TeamPhonebooks')).toBe('TeamPhonebooks');
    expect(codec.eventWireName('Phonebooks')).toBe('Phonebooks');
    // The default codec keeps the catalog's spelling.
    expect(encodeEvent(event)).toEqual({ ok: true, value: '1001#TeamPhoneBooks#NoTeamPhoneBookFound' });
  });

  it('no longer knows the catalog spelling once the override is a different word', () => {
    const codec = createCodec({ events: { Callback: 'CallbackStatus' } });
    expect(codec.decodeEvent('1001#CallbackStatus#SCHEDULED#DialogId:1')).toMatchObject({
      kind: 'Callback',
      dialogId: '1',
    });
    expect(codec.decodeEvent('1001#Callback#SCHEDULED#DialogId:1')).toMatchObject({
      kind: 'unknown',
      name: 'Callback',
    });
    expect(
      codec.encodeEvent({
        kind: 'Callback',
        receiver: '1001',
        action: 'SCHEDULED',
        dialogId: '1',
        callbackTime: '',
        callbackNumber: '',
      }),
    ).toEqual({ ok: true, value: '1001#CallbackStatus#SCHEDULED#DialogId:1##' });
  });
});

// ---------------------------------------------------------------------------------------------
// encodeEvent refusals

type Path = readonly (string | number)[];

/** Every string leaf of `value` with its path (the discriminators kind and form excluded). */
function stringPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringPaths(item, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      path.length === 0 && (key === 'kind' || key === 'form') ? [] : stringPaths(item, [...path, key]),
    );
  }
  return [];
}

function setPath<T>(value: T, path: Path, replace: (old: string) => string): T {
  const [head, ...rest] = path;
  if (head === undefined) return replace(value as string) as T;
  if (Array.isArray(value)) {
    return value.map((item, index) => (index === head ? setPath(item, rest, replace) : item)) as T;
  }
  const record = value as Record<string, unknown>;
  return { ...record, [head]: setPath(record[head], rest, replace) } as T;
}

/** `members[0].firstName`; ReasonCodes name its lists `codes.id[0]` / `codes.label[0]`. */
function fieldName(kind: GcEventKind, path: Path): string {
  if (kind === 'ReasonCodes' && path[0] === 'codes') return `codes.${String(path[2])}[${String(path[1])}]`;
  return path.reduce<string>(
    (name, part) => (typeof part === 'number' ? `${name}[${part}]` : name === '' ? part : `${name}.${part}`),
    '',
  );
}

/** Events with one element in every list, so every field has a path. */
const FULL_EVENTS: readonly GcEvent[] = [
  ...EVENT_KINDS.map((kind) => LAYOUTS[kind].fullEvent),
  {
    kind: 'QueueList',
    receiver: '9000',
    form: 'uccx',
    queues: [
      {
        name: 'CSQ',
        waitingCalls: 1,
        agentsLoggedIn: 2,
        agentsInAfterCallWork: 3,
        agentsTalking: 4,
        agentsReserved: 5,
        handledCalls: 6,
        abandonedCalls: 7,
        totalCalls: 8,
        longestHandleTime: '00:01:02',
      },
    ],
  },
];

/** Lists whose elements are records: `,` and `|` inside their values would break them. */
const RECORD_LISTS = new Set([
  'teams',
  'codes',
  'members',
  'phonebooks',
  'contacts',
  'skillGroups',
  'supervisors',
  'queues',
  'participants',
  'callVariables',
]);

/** Strings that sit inside a record (Error, Control and the service events carry plain lists). */
function isRecordItem(kind: GcEventKind, path: Path): boolean {
  if (kind === 'Error' || kind === 'Control' || kind === 'InService' || kind === 'OutOfService') return false;
  return RECORD_LISTS.has(String(path[0])) && typeof path[1] === 'number';
}

describe('encodeEvent refusals', () => {
  const cases = FULL_EVENTS.flatMap((event) =>
    stringPaths(event).map((path) => ({
      event,
      path,
      label: `${event.kind}${'form' in event ? ` (${event.form})` : ''} ${fieldName(event.kind, path)}`,
    })),
  );

  it.each(cases)('refuses # and NUL in $label', ({ event, path }) => {
    for (const character of ['#', '\0']) {
      for (const place of [(old: string) => `${old}${character}`, (old: string) => `${character}${old}`]) {
        const result = encodeEvent(setPath(event, path, place));
        expect(result, JSON.stringify(character)).toStrictEqual({
          ok: false,
          error: {
            code: 'unencodable-event',
            kind: event.kind,
            field: fieldName(event.kind, path),
            message: expect.any(String),
          },
        });
      }
    }
  });

  const recordCases = cases.filter(({ event, path }) => isRecordItem(event.kind, path));
  it.each(recordCases)('refuses , and | inside the record value $label', ({ event, path }) => {
    for (const character of [',', '|']) {
      const result = encodeEvent(setPath(event, path, (old) => `a${character}${old}`));
      expect(result, character).toMatchObject({
        ok: false,
        error: { code: 'unencodable-event', kind: event.kind, field: fieldName(event.kind, path) },
      });
    }
  });

  it('refuses = in a call variable name', () => {
    const event = LAYOUTS.NewInboundCall.fullEvent;
    expect(encodeEvent({ ...event, callVariables: [{ name: 'a=b', value: 'c' }] })).toMatchObject({
      ok: false,
      error: { field: 'callVariables[0].name' },
    });
  });

  const fieldCases = cases.filter(({ event, path }) => !isRecordItem(event.kind, path));
  it.each(fieldCases)('lets , | : = travel inside the plain field $label', ({ event, path }) => {
    const changed = setPath(event, path, (old) => `${old || 'x'}, a|b: c=d`);
    const encoded = encodeEvent(changed);
    expect(encoded.ok).toBe(true);
    if (encoded.ok) expect(decodeEvent(encoded.value)).toEqual(changed);
  });

  it.each([
    ['State', 'state', { ...LAYOUTS.State.fullEvent, state: '' }],
    ['State', 'agentId', { ...LAYOUTS.State.fullEvent, agentId: '' }],
    ['NewInboundCall', 'dialogId', { ...LAYOUTS.NewInboundCall.fullEvent, dialogId: '' }],
    ['InboundCall', 'state', { ...LAYOUTS.InboundCall.fullEvent, state: '' }],
    ['InboundCall', 'dialogId', { ...LAYOUTS.InboundCall.fullEvent, dialogId: '' }],
    ['ConsultCall', 'state', { ...LAYOUTS.ConsultCall.fullEvent, state: '' }],
    ['ConsultCall', 'dialogId', { ...LAYOUTS.ConsultCall.fullEvent, dialogId: '' }],
    ['Callback', 'dialogId', { ...LAYOUTS.Callback.fullEvent, dialogId: '' }],
  ] as const)('refuses an empty required %s.%s', (kind, field, event) => {
    expect(encodeEvent(event)).toStrictEqual({
      ok: false,
      error: { code: 'unencodable-event', kind, field, message: expect.any(String) },
    });
  });

  it('refuses what would read back as something else', () => {
    const refusals: [GcEvent, string][] = [
      [{ ...LAYOUTS.QueueList.fullEvent, form: 'uccx', queues: [] }, 'queues'],
      [{ ...LAYOUTS.AgentInfo.shortEvent, teams: [{ id: '1', name: 'A' }] }, 'teams'],
      [{ ...LAYOUTS.AgentInfo.fullEvent, teams: [{ id: '', name: '' }] }, 'teams'],
      [{ ...LAYOUTS.NewInboundCall.fullEvent, callVariables: [{ name: '', value: '' }] }, 'callVariables'],
      [
        {
          ...LAYOUTS.InboundCall.fullEvent,
          participants: [{ mediaAddress: '', state: '', tag: '', role: '' }],
        },
        'participants',
      ],
      [{ ...LAYOUTS.ReasonCodes.fullEvent, codes: [{ id: '', label: 'Break' }] }, 'codes.id'],
      [{ ...LAYOUTS.ReasonCodes.fullEvent, codes: [{ id: '1', label: '' }] }, 'codes.label'],
      [{ ...LAYOUTS.ReasonCodes.fullEvent, codes: [{ id: 'codes:1', label: 'Break' }] }, 'codes.id[0]'],
      [{ ...LAYOUTS.ReasonCodes.fullEvent, codes: [{ id: '1', label: 'Labels:Break' }] }, 'codes.label[0]'],
    ];
    for (const [event, field] of refusals) {
      expect(encodeEvent(event), field).toMatchObject({ ok: false, error: { kind: event.kind, field } });
    }
  });

  it('refuses counts that are not whole numbers ≥ 0', () => {
    const ucce = LAYOUTS.QueueList.fullEvent;
    const queue = ucce.form === 'ucce' ? ucce.queues[0] : undefined;
    if (ucce.form !== 'ucce' || !queue) throw new Error('the QueueList layout is not a UCCE list of queues');
    for (const callsInQueue of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(
        encodeEvent({ ...ucce, queues: [{ ...queue, callsInQueue }] }),
        String(callsInQueue),
      ).toMatchObject({ ok: false, error: { field: 'queues[0].callsInQueue' } });
    }
  });

  it('refuses # and NUL in the receiver', () => {
    for (const receiver of ['10#01', '10\u000001']) {
      expect(encodeEvent({ ...LAYOUTS.Error.fullEvent, receiver })).toMatchObject({
        ok: false,
        error: { field: 'receiver' },
      });
    }
  });

  it('refuses an event that is not in the catalog', () => {
    expect(encodeEvent({ kind: 'Nope', receiver: '1' } as unknown as GcEvent)).toMatchObject({
      ok: false,
      error: { field: 'kind' },
    });
  });

  it('never garbles a last field ending in a line break (readers drop it as transport noise)', () => {
    const events: GcEvent[] = [
      { ...LAYOUTS.Error.fullEvent, detail: [], message: 'Login refused\n' },
      { ...LAYOUTS.Control.fullEvent, detail: ['5002\r\n'] },
      { ...LAYOUTS.State.fullEvent, loginName: 'alee\r' },
      { ...LAYOUTS.Callback.fullEvent, callbackNumber: '+44\n' },
      { kind: 'InService', receiver: 'ws', detail: ['\n'] },
    ];
    for (const event of events) {
      const encoded = encodeEvent(event);
      if (encoded.ok) {
        // Either refused, or it must read back intact.
        expect(decodeEvent(encoded.value), JSON.stringify(encoded.value)).toEqual(event);
      }
    }
  });

  it('lets a line break inside a field, or at the end of a field that is not the last, travel', () => {
    const events: GcEvent[] = [
      { ...LAYOUTS.Error.fullEvent, message: 'Login refused:\nwrong extension' },
      { ...LAYOUTS.Error.fullEvent, message: 'Login refused\r\n' },
      { ...LAYOUTS.State.fullEvent, reasonLabel: 'Coaching\n' },
    ];
    for (const event of events) {
      const encoded = encodeEvent(event);
      expect(encoded.ok).toBe(true);
      if (encoded.ok) expect(decodeEvent(encoded.value)).toEqual(event);
    }
  });

  it('never garbles an agent-form team id that looks like the supervisor form’s team count', () => {
    for (const teamId of ['TotalNumberOfTeams:2', 'totalnumberofteams']) {
      const event: GcEvent = { ...LAYOUTS.AgentInfo.shortEvent, teamId, fullName: 'John Smith' };
      const encoded = encodeEvent(event);
      if (encoded.ok) expect(decodeEvent(encoded.value), encoded.value).toEqual(event);
    }
  });
});
