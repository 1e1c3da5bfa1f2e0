// Concrete wire vectors for the GC protocol, shared by the protocol tests.
//
// SEED_*: every command and event layout the seed excerpt (shared/seed/000_39d15b90b33f8b08.txt)
// shows, with its <placeholders> replaced by realistic values and everything else kept byte for
// byte (separators, literal words, misspellings: GETSKILLGROPU, SHCEDULECALLBACK, Conferencecall).
// REFERENCE_*: the reconstructions of GC-REFERENCE.md §5, where `k:` (the reference's notation for
// a key GC's clients throw away) stays a literal `k:` unless noted, and `…`/`<p2>` get values.

import type { Command, GcEvent } from '../../../main/core/protocol/index.ts';

export interface CommandVector {
  readonly label: string;
  readonly type: string;
  readonly body: string;
  readonly command: Command;
}

export interface EventVector {
  readonly label: string;
  readonly text: string;
  readonly event: GcEvent;
}

// ---------------------------------------------------------------------------------------------
// Commands (seed)

export const SEED_COMMAND_VECTORS: readonly CommandVector[] = [
  {
    label: 'Mobile Agent Login, call by call',
    type: 'MOBILEAGENTLOGIN#1001',
    body: 'Secr3t!pw,5001,+441632960961,true',
    command: {
      name: 'MobileAgentLogin',
      id: '1001',
      password: 'Secr3t!pw',
      extension: '5001',
      dialNumber: '+441632960961',
      callByCall: true,
    },
  },
  {
    label: 'Mobile Agent Login, nailed connection',
    type: 'MOBILEAGENTLOGIN#1001',
    body: 'Secr3t!pw,5001,03001234567,false',
    command: {
      name: 'MobileAgentLogin',
      id: '1001',
      password: 'Secr3t!pw',
      extension: '5001',
      dialNumber: '03001234567',
      callByCall: false,
    },
  },
  {
    label: 'TransferCall',
    type: 'TransferCall#1001',
    body: '5002,16821223',
    command: { name: 'TransferCall', id: '1001', extension: '5002', dialogId: '16821223' },
  },
  {
    label: 'ConferenceCall (wire: Conferencecall)',
    type: 'Conferencecall#1001',
    body: '5002,16821223',
    command: { name: 'ConferenceCall', id: '1001', extension: '5002', dialogId: '16821223' },
  },
  {
    label: 'RejectOutboundPreview',
    type: 'RejectOutboundPreview#1001',
    body: '16821250,REJECT',
    command: { name: 'RejectOutboundPreview', id: '1001', dialogId: '16821250' },
  },
  {
    label: 'CloseOutboundPreview',
    type: 'CloseOutboundPreview#1001',
    body: '16821250,CLOSE',
    command: { name: 'CloseOutboundPreview', id: '1001', dialogId: '16821250' },
  },
  {
    label: 'SkillGroup (wire: GETSKILLGROPU)',
    type: 'GETSKILLGROPU#1001',
    body: '',
    command: { name: 'GetSkillGroups', id: '1001' },
  },
  {
    label: 'supervisors (wire: GETSUPERVISOR)',
    type: 'GETSUPERVISOR#1001',
    body: '',
    command: { name: 'GetSupervisors', id: '1001' },
  },
  {
    label: 'Schedule_callback_Call (wire: SHCEDULECALLBACK)',
    type: 'SHCEDULECALLBACK#1001',
    body: '5001,16821223,2026-11-25 10:30:00,+441632960961',
    command: {
      name: 'ScheduleCallback',
      id: '1001',
      extension: '5001',
      dialogId: '16821223',
      callbackTime: '2026-11-25 10:30:00',
      callbackNumber: '+441632960961',
    },
  },
  {
    label: 'Update_callback_Call',
    type: 'UPDATECALLBACK#1001',
    body: '5001,16821223,2026-11-26 14:00:00,+441632960962',
    command: {
      name: 'UpdateCallback',
      id: '1001',
      extension: '5001',
      dialogId: '16821223',
      callbackTime: '2026-11-26 14:00:00',
      callbackNumber: '+441632960962',
    },
  },
  {
    label: 'cancel_scheduled_Call (wire: CANCELSHCEDULECALLBACK)',
    type: 'CANCELSHCEDULECALLBACK#1001',
    body: '5001,16821223',
    command: { name: 'CancelCallback', id: '1001', extension: '5001', dialogId: '16821223' },
  },
  {
    label: 'Reclassify _Call',
    type: 'RECLASSIFYCALL#1001',
    body: '5001,16821223,ANS_MACHINE',
    command: {
      name: 'ReclassifyCall',
      id: '1001',
      extension: '5001',
      dialogId: '16821223',
      value: 'ANS_MACHINE',
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Events (seed)

const mariaSupervisor: GcEvent = {
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
  teams: [
    { id: '5001', name: 'Sales' },
    { id: '5002', name: 'Support' },
  ],
};

const johnSmithMember = {
  firstName: 'John',
  lastName: 'Smith',
  extension: '5001',
  loginId: '1001',
  state: 'READY',
  pendingState: '',
  mediaType: 'voice',
  stateChangeTime: '2026-11-24 09:15:02',
  stateChangeLabel: '',
} as const;

const annLeeMember = {
  firstName: 'Ann',
  lastName: 'Lee',
  extension: '5002',
  loginId: '1002',
  state: 'NOT_READY',
  pendingState: 'READY',
  mediaType: 'voice',
  stateChangeTime: '2026-11-24 09:20:41',
  stateChangeLabel: 'Lunch',
} as const;

const ucceSales = {
  name: 'Sales',
  callsInQueue: 3,
  agentsReady: 2,
  agentsNotReady: 4,
  talkingInbound: 5,
  talkingOutbound: 0,
  talkingInternal: 1,
  wrapUpReady: 1,
  wrapUpNotReady: 0,
} as const;

const ucceSupport = {
  name: 'Support',
  callsInQueue: 0,
  agentsReady: 6,
  agentsNotReady: 1,
  talkingInbound: 2,
  talkingOutbound: 1,
  talkingInternal: 0,
  wrapUpReady: 0,
  wrapUpNotReady: 2,
} as const;

const uccxSales = {
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
} as const;

export const SEED_EVENT_VECTORS: readonly EventVector[] = [
  // AgentInfo, agent form:
  // <agent_login_Id>#AgentInfo#<first>#<last>#<Is_Supervisor>#<wrap_up_mode>#<agent_teamId>#<agent_full_name>#<agent_login_name>
  {
    label: 'AgentInfo, agent form',
    text: '1001#AgentInfo#John#Smith#false#OPTIONAL#5001#John Smith#jsmith',
    event: {
      kind: 'AgentInfo',
      receiver: '1001',
      form: 'agent',
      firstName: 'John',
      lastName: 'Smith',
      isSupervisor: false,
      wrapUpMode: 'OPTIONAL',
      teamId: '5001',
      fullName: 'John Smith',
      loginName: 'jsmith',
      teams: [],
    },
  },
  // AgentInfo, supervisor form, team records exactly as the seed prints them: <team_1_id><team_1_name>
  {
    label: 'AgentInfo, supervisor form, seed team records without separator',
    text: '9000#AgentInfo#Maria#Garcia#true#REQUIRED#TotalNumberOfTeams:2#5001Sales|5002Support#5001#Maria Garcia#mgarcia',
    event: mariaSupervisor,
  },
  {
    label: 'AgentInfo, supervisor form, the seed’s literal TeamsCount word',
    text: '9000#AgentInfo#Maria#Garcia#true#REQUIRED#TotalNumberOfTeams:TeamsCount#5001Sales|5002Support#5001#Maria Garcia#mgarcia',
    event: mariaSupervisor,
  },
  {
    label: 'AgentInfo, supervisor form, comma team records',
    text: '9000#AgentInfo#Maria#Garcia#true#REQUIRED#TotalNumberOfTeams:2#5001,Sales|5002,Support#5001#Maria Garcia#mgarcia',
    event: mariaSupervisor,
  },
  // State, 13 fields:
  // <id>#State#<state>#<resonCodeId>#<StateChangeTimeString>#<PendingState>#<StateChangeTime>#<full_name>#<login_Id>#<Extension>#<ReasonLabel>#<full_name>#<login_name>
  {
    label: 'State, 13 fields, NOT_READY',
    text: '1001#State#NOT_READY#-1#Tue Nov 24 09:15:02 PKT 2026#READY#2026-11-24 09:15:02#John Smith#1001#5001#Not Ready#John Smith#jsmith',
    event: {
      kind: 'State',
      receiver: '1001',
      state: 'NOT_READY',
      reasonCodeId: '-1',
      stateChangeTimeString: 'Tue Nov 24 09:15:02 PKT 2026',
      pendingState: 'READY',
      stateChangeTime: '2026-11-24 09:15:02',
      fullName: 'John Smith',
      agentId: '1001',
      extension: '5001',
      reasonLabel: 'Not Ready',
      loginName: 'jsmith',
    },
  },
  {
    label: 'State, 13 fields, a team member’s READY at a supervisor',
    text: '9000#State#READY####2026-11-24 09:20:41#Ann Lee#1002#5002##Ann Lee#alee',
    event: {
      kind: 'State',
      receiver: '9000',
      state: 'READY',
      reasonCodeId: '',
      stateChangeTimeString: '',
      pendingState: '',
      stateChangeTime: '2026-11-24 09:20:41',
      fullName: 'Ann Lee',
      agentId: '1002',
      extension: '5002',
      reasonLabel: '',
      loginName: 'alee',
    },
  },
  // QueueList: the seed's payload is cut off after `<id>#QueueList#`.
  {
    label: 'QueueList, the seed’s cut-off payload',
    text: '9000#QueueList#',
    event: { kind: 'QueueList', receiver: '9000', form: 'ucce', queues: [] },
  },
  {
    label: 'QueueList, UCCE, catalog keys',
    text:
      '9000#QueueList#QueueName:Sales,CallsInQueue:3,AgentsReady:2,AgentsNotReady:4,TalkingInbound:5,TalkingOutbound:0,TalkingInternal:1,WrapUpReady:1,WrapUpNotReady:0' +
      '#QueueName:Support,CallsInQueue:0,AgentsReady:6,AgentsNotReady:1,TalkingInbound:2,TalkingOutbound:1,TalkingInternal:0,WrapUpReady:0,WrapUpNotReady:2',
    event: { kind: 'QueueList', receiver: '9000', form: 'ucce', queues: [ucceSales, ucceSupport] },
  },
  {
    label: 'QueueList, UCCE, keyless in the seed’s order',
    text: '9000#QueueList#Sales,3,2,4,5,0,1,1,0#Support,0,6,1,2,1,0,0,2',
    event: { kind: 'QueueList', receiver: '9000', form: 'ucce', queues: [ucceSales, ucceSupport] },
  },
  {
    label: 'QueueList, UCCX supervisor, catalog keys',
    text: '9000#QueueList#QueueName:CSQ_Sales,WaitingCalls:2,AgentsLoggedIn:9,AgentsInAfterCallWork:1,AgentsTalking:5,AgentsReserved:1,HandledCalls:120,AbandonedCalls:7,TotalCalls:129,LongestHandleTime:00:14:31',
    event: { kind: 'QueueList', receiver: '9000', form: 'uccx', queues: [uccxSales] },
  },
  {
    label: 'QueueList, UCCX agent, keyless in the seed’s order',
    text: '1001#QueueList#CSQ_Sales,2,9,1,5,1,120,7,129,00:14:31',
    event: { kind: 'QueueList', receiver: '1001', form: 'uccx', queues: [uccxSales] },
  },
  // TeamUsersList: the seed shows FirstName:<…>,LastName:<…>,Extension:<…>, and then cuts off.
  {
    label: 'TeamUsersList, the seed’s prefix',
    text: '9000#TeamUsersList#FirstName:John,LastName:Smith,Extension:5001,',
    event: {
      kind: 'TeamUsersList',
      receiver: '9000',
      members: [
        {
          firstName: 'John',
          lastName: 'Smith',
          extension: '5001',
          loginId: '',
          state: '',
          pendingState: '',
          mediaType: '',
          stateChangeTime: '',
          stateChangeLabel: '',
        },
      ],
    },
  },
  {
    label: 'TeamUsersList, full inferred records',
    text:
      '9000#TeamUsersList#FirstName:John,LastName:Smith,Extension:5001,LoginId:1001,State:READY,PendingState:,MediaType:voice,StateChangeTime:2026-11-24 09:15:02,StateChangeLabel:' +
      '#FirstName:Ann,LastName:Lee,Extension:5002,LoginId:1002,State:NOT_READY,PendingState:READY,MediaType:voice,StateChangeTime:2026-11-24 09:20:41,StateChangeLabel:Lunch',
    event: { kind: 'TeamUsersList', receiver: '9000', members: [johnSmithMember, annLeeMember] },
  },
  // Phonebooks
  {
    label: 'Phonebooks',
    text: '9000#Phonebooks#name:Company,type:GLOBAL,id:1#name:Suppliers,type:GLOBAL,id:2',
    event: {
      kind: 'Phonebooks',
      receiver: '9000',
      phonebooks: [
        { name: 'Company', type: 'GLOBAL', id: '1' },
        { name: 'Suppliers', type: 'GLOBAL', id: '2' },
      ],
    },
  },
  {
    label: 'Phonebooks, NoPhoneBookFound',
    text: '9000#Phonebooks#NoPhoneBookFound',
    event: { kind: 'Phonebooks', receiver: '9000', phonebooks: [] },
  },
  // PhonebookContacts
  {
    label: 'PhonebookContacts',
    text: '9000#PhonebookContacts#description:Key account,firstName:Ann,lastName:Lee,phoneNumber:+441632960961,id:17',
    event: {
      kind: 'PhonebookContacts',
      receiver: '9000',
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
  },
  {
    label: 'PhonebookContacts, NoContactFound',
    text: '9000#PhonebookContacts#NoContactFound',
    event: { kind: 'PhonebookContacts', receiver: '9000', contacts: [] },
  },
  // TeamPhoneBooks
  {
    label: 'TeamPhoneBooks',
    text: '9000#TeamPhoneBooks#name:Sales team,type:TEAM,id:7',
    event: {
      kind: 'TeamPhonebooks',
      receiver: '9000',
      phonebooks: [{ name: 'Sales team', type: 'TEAM', id: '7' }],
    },
  },
  {
    label: 'TeamPhoneBooks, NoTeamPhoneBookFound',
    text: '9000#TeamPhoneBooks#NoTeamPhoneBookFound',
    event: { kind: 'TeamPhonebooks', receiver: '9000', phonebooks: [] },
  },
];

// ---------------------------------------------------------------------------------------------
// Events (GC-REFERENCE §5 reconstructions)

export const REFERENCE_EVENT_VECTORS: readonly EventVector[] = [
  {
    label: '§5.1 IN_SERVICE',
    text: '192.168.1.148#IN_SERVICE',
    event: { kind: 'InService', receiver: '192.168.1.148', detail: [] },
  },
  {
    label: '§5.1 OUT_OF_SERVICE',
    text: '192.168.1.148#OUT_OF_SERVICE',
    event: { kind: 'OutOfService', receiver: '192.168.1.148', detail: [] },
  },
  // §5.2 writes the team count as `k:2`; `k:` is the reference's notation for a key it could not
  // read, and the seed (which wins) names that key TotalNumberOfTeams.
  {
    label: '§5.2 AgentInfo (team-count key as the seed names it)',
    text: '1001#AgentInfo#John#Smith#true#OPTIONAL#TotalNumberOfTeams:2#5001,Sales|5002,Support#5001#John Smith',
    event: {
      kind: 'AgentInfo',
      receiver: '1001',
      form: 'supervisor',
      firstName: 'John',
      lastName: 'Smith',
      isSupervisor: true,
      wrapUpMode: 'OPTIONAL',
      teamId: '5001',
      fullName: 'John Smith',
      loginName: '',
      teams: [
        { id: '5001', name: 'Sales' },
        { id: '5002', name: 'Support' },
      ],
    },
  },
  {
    label: '§5.3 State, 10-field form',
    text: '9000#State#NOT_READY#8##READY#2022-01-20 10:15:02#John Smith#1001#5001',
    event: {
      kind: 'State',
      receiver: '9000',
      state: 'NOT_READY',
      reasonCodeId: '8',
      stateChangeTimeString: '',
      pendingState: 'READY',
      stateChangeTime: '2022-01-20 10:15:02',
      fullName: 'John Smith',
      agentId: '1001',
      extension: '5001',
      reasonLabel: '',
      loginName: '',
    },
  },
  {
    label: '§5.4 ReasonCodes',
    text: '1001#ReasonCodes#NOT_READY#1,2,3#Break,Lunch,Training',
    event: {
      kind: 'ReasonCodes',
      receiver: '1001',
      category: 'NOT_READY',
      codes: [
        { id: '1', label: 'Break' },
        { id: '2', label: 'Lunch' },
        { id: '3', label: 'Training' },
      ],
    },
  },
  {
    label: '§5.4 ReasonCodes with a name: prefix on the first element',
    text: '1001#ReasonCodes#LOGOUT#codes:11,12#labels:End of shift,Meeting',
    event: {
      kind: 'ReasonCodes',
      receiver: '1001',
      category: 'LOGOUT',
      codes: [
        { id: '11', label: 'End of shift' },
        { id: '12', label: 'Meeting' },
      ],
    },
  },
  {
    label: '§5.5 NewInboundCall',
    text: '1001#NewInboundCall#03001234567#callVariable1=abc|associatedDialogId=#k:16821223',
    event: {
      kind: 'NewInboundCall',
      receiver: '1001',
      ani: '03001234567',
      callVariables: [
        { name: 'callVariable1', value: 'abc' },
        { name: 'associatedDialogId', value: '' },
      ],
      dialogId: '16821223',
      queueName: '',
    },
  },
  {
    label: '§5.6 InboundCall',
    text: '1001#InboundCall#ACTIVE#k:16821223#03001234567#callVariable1=abc|callVariable4=#2022-01-20 10:15:02#k:SM##k:5001,ACTIVE,AGENT,SUPERVISOR_BARGE_IN|03001234567,HELD,CUSTOMER,',
    event: {
      kind: 'InboundCall',
      receiver: '1001',
      state: 'ACTIVE',
      dialogId: '16821223',
      fromAddress: '03001234567',
      callVariables: [
        { name: 'callVariable1', value: 'abc' },
        { name: 'callVariable4', value: '' },
      ],
      startTime: '2022-01-20 10:15:02',
      callType: 'SM',
      queueName: '',
      participants: [
        { mediaAddress: '5001', state: 'ACTIVE', tag: 'AGENT', role: 'SUPERVISOR_BARGE_IN' },
        { mediaAddress: '03001234567', state: 'HELD', tag: 'CUSTOMER', role: '' },
      ],
    },
  },
  {
    label: '§5.7 ConsultCall',
    text: '1001#ConsultCall#ALERTING#k:16821250#5002',
    event: {
      kind: 'ConsultCall',
      receiver: '1001',
      state: 'ALERTING',
      dialogId: '16821250',
      otherParty: '5002',
      callVariables: [],
      startTime: '',
      callType: '',
      queueName: '',
      participants: [],
    },
  },
  {
    label: '§5.8 TeamUsersList with unknown k: keys',
    text: '9000#TeamUsersList#k:John,k:Smith,k:5001,k:1001,k:READY,k:,k:voice,k:2022-01-20 10:15:02#k:Ann,k:Lee,k:,k:1002,k:LOGOUT',
    event: {
      kind: 'TeamUsersList',
      receiver: '9000',
      members: [
        {
          firstName: 'John',
          lastName: 'Smith',
          extension: '5001',
          loginId: '1001',
          state: 'READY',
          pendingState: '',
          mediaType: 'voice',
          stateChangeTime: '2022-01-20 10:15:02',
          stateChangeLabel: '',
        },
        {
          firstName: 'Ann',
          lastName: 'Lee',
          extension: '',
          loginId: '1002',
          state: 'LOGOUT',
          pendingState: '',
          mediaType: '',
          stateChangeTime: '',
          stateChangeLabel: '',
        },
      ],
    },
  },
  {
    label: '§5.12 Control',
    text: '9000#Control#PARTICIPANT_DROPPED#Participant 5002 was dropped from the call',
    event: {
      kind: 'Control',
      receiver: '9000',
      code: 'PARTICIPANT_DROPPED',
      message: 'Participant 5002 was dropped from the call',
      detail: [],
    },
  },
  {
    label: '§5.12 Control, text only at [3]',
    text: '9000#Control##Participant 5002 was dropped from the call',
    event: {
      kind: 'Control',
      receiver: '9000',
      code: '',
      message: 'Participant 5002 was dropped from the call',
      detail: [],
    },
  },
  {
    label: '§5.13 Error',
    text: '1001#Error#MISSING_EXTENSION#Extension is missing: login refused',
    event: {
      kind: 'Error',
      receiver: '1001',
      code: 'MISSING_EXTENSION',
      message: 'Extension is missing: login refused',
      detail: [],
    },
  },
  {
    label: '§5.13 Error with a trailing field',
    text: '1001#Error#CF_RESOURCE_BUSY#The device is busy#Login',
    event: {
      kind: 'Error',
      receiver: '1001',
      code: 'CF_RESOURCE_BUSY',
      message: 'The device is busy',
      detail: ['Login'],
    },
  },
];

/** The reference's literal `k:2` team count (see the note above REFERENCE_EVENT_VECTORS). */
export const REFERENCE_AGENT_INFO_LITERAL =
  '1001#AgentInfo#John#Smith#true#OPTIONAL#k:2#5001,Sales|5002,Support#5001#John Smith';

/** Every real layout the tests know, for mutation fuzzing. */
export const ALL_EVENT_TEXTS: readonly string[] = [
  ...SEED_EVENT_VECTORS.map((vector) => vector.text),
  ...REFERENCE_EVENT_VECTORS.map((vector) => vector.text),
  REFERENCE_AGENT_INFO_LITERAL,
];
