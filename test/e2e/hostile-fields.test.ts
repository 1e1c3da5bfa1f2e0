// Every text field the desk UI shows from the wire, filled with hostile text: HTML and script,
// bidi controls, emoji and 10,000 characters, each value tagged with its field. The events are
// raw GC bodies published on the desk's own topic through the demo gateway's endpoint (what a
// broken or hostile GC would send), in real Chromium through the browser host. For each field:
// the literal value is in the page's text, no element was made from it (no img, script or svg in
// the body), the canary its script would set stays unset, no dialog opened, and nothing reaches
// past the 480-pixel viewport (but for what sits inside a scrolling region).
//
// As agent 1001: the agent's names, not-ready, logout and wrap-up reason labels, the state's
// reason label, a ringing call (caller, queue, call variable names and values), a call in progress
// (party, queue) and its consult leg, an outbound preview (customer name, number, account,
// campaign), a callback (dialog, time, number), global and team phonebook names, a contact (names,
// number, description) and a GC notice. As supervisor 9001: team names, team members (names,
// extensions, reason labels), queue names in the statistics, a conference's participants and a
// monitored call's caller.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTopicDestination } from '../../main/core/broker/gc-session.ts';
import { decodeEvent } from '../../main/core/protocol/index.ts';
import { startDeskUi, type DeskUi } from './desk-ui-fixture.ts';

const VIEWPORT_WIDTH = 480;
const EVENTUALLY = { timeout: 15_000 };

const SCRIPT =
  '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><svg onload="window.__pwned=3"></svg>';
const BIDI = '\u202Eexe.live\u202C \u2066isolated\u2069 \u200F';
const EMOJI = '📞🔥👩🏽‍💻 مرحبا שלום';
const LONG = 'W'.repeat(10_000);

/** Every value injected, by its tag. */
const injected = new Map<string, string>();

/** A hostile value for one field, tagged so its own appearance can be found. */
function hostile(tag: string): string {
  const value = `[${tag}] ${SCRIPT} ${BIDI} ${EMOJI} ${LONG}`;
  injected.set(tag, value);
  return value;
}

/** The same without `=`: call-variable names end at their first `=`. */
function hostileName(tag: string): string {
  const value = `[${tag}] <b>bold</b><i onclick>x</i> ${BIDI} ${EMOJI} ${LONG}`;
  injected.set(tag, value);
  return value;
}

let ui: DeskUi;
const dialogs: string[] = [];

beforeAll(async () => {
  ui = await startDeskUi('e2e-hostile-fields');
  ui.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
}, 180_000);

afterAll(async () => {
  await ui?.stop();
});

/** Publishes a raw event body on the desk's topic, as GC would; it must decode as `kind`. */
function publish(kind: string, body: string): void {
  const decoded = decodeEvent(body);
  expect(decoded.kind, `the injected ${kind} decodes: ${JSON.stringify(decoded).slice(0, 300)}`).toBe(kind);
  // A State is about the agent it names: the receiver itself, in these injections.
  if (decoded.kind === 'State') expect(decoded.agentId).toBe(decoded.receiver);
  const gateway = ui.runtime.demoGateway;
  if (!gateway) throw new Error('the runtime is not in demo mode');
  gateway.endpoint.publish(clientTopicDestination(ui.runtime.settings.broker.clientDestination), { body });
}

const bodyText = () => ui.page.evaluate('document.body.textContent') as Promise<string>;
const canary = () => ui.page.evaluate('window.__pwned');

/** Elements past the viewport's right edge, unless a scrolling (or clipping) ancestor holds them. */
const overflowing = () =>
  ui.page.evaluate(`(() => {
    const width = document.documentElement.clientWidth + 0.5;
    const clipped = (element) => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible' && parent.getBoundingClientRect().right <= width)
          return true;
      }
      return false;
    };
    return [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > width && !clipped(element))
      .map((element) => element.tagName.toLowerCase() + '.' + String(element.className).split(' ').join('.') +
        ' ' + Math.round(element.getBoundingClientRect().right))
      .slice(0, 10);
  })()`) as Promise<string[]>;

/** Shown as text, nothing made of it, nothing run, the layout holds. */
async function expectShownAsText(...tags: string[]): Promise<void> {
  for (const tag of tags) {
    await expect
      .poll(async () => (await bodyText()).includes(`[${tag}] `), {
        ...EVENTUALLY,
        message: `[${tag}] shown`,
      })
      .toBe(true);
  }
  const text = await bodyText();
  for (const tag of tags)
    expect(
      text.includes(injected.get(tag) as string),
      `the whole value of [${tag}] is in the page's text`,
    ).toBe(true);
  expect(await ui.page.locator('body img, body script, body svg, body b, body i[onclick]').count()).toBe(0);
  expect(await canary()).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(await overflowing()).toEqual([]);
  expect(await ui.scrollWidth()).toBeLessThanOrEqual(VIEWPORT_WIDTH);
}

/** Opens a reason menu by its button, checks it, and closes it again. */
async function withMenu(button: string, check: () => Promise<void>): Promise<void> {
  await ui.page.getByRole('button', { name: button }).first().click();
  await ui.page.getByRole('menu').first().waitFor(EVENTUALLY);
  await check();
  await ui.page.keyboard.press('Escape');
}

const TIME = '2026-11-24 09:15:02';

describe('hostile text in every field, as agent 1001', () => {
  it('signs in', async () => {
    await ui.page.goto(ui.host.url);
    await ui.page.getByLabel('Agent id').fill('1001');
    await ui.page.getByLabel('Password', { exact: true }).fill('demo');
    await ui.page.getByLabel('Extension').fill('5001');
    await ui.page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => ui.runtime.desk.state.agent.signIn, EVENTUALLY).toBe('signed-in');
    // What signing in asks the demo for has arrived: nothing of it overwrites the injections below.
    await expect
      .poll(() => {
        const { agent, phonebooks } = ui.runtime.desk.state;
        const { notReady, logout, wrapUp } = agent.reasonCodes;
        return [notReady, logout, wrapUp, phonebooks.global, phonebooks.team].every(
          (list) => list.length > 0,
        );
      }, EVENTUALLY)
      .toBe(true);
  });

  it("the agent's names and the reason labels of every category", async () => {
    publish(
      'AgentInfo',
      `1001#AgentInfo#${hostile('first')}#${hostile('last')}#false#OPTIONAL#5001#${hostile('fullName')}#jsmith`,
    );
    publish('ReasonCodes', `1001#ReasonCodes#NOT_READY#1,2#${hostile('notReady1')},${hostile('notReady2')}`);
    publish('ReasonCodes', `1001#ReasonCodes#LOGOUT#21,22#${hostile('logout1')},${hostile('logout2')}`);
    publish(
      'State',
      `1001#State#NOT_READY#1##READY#${TIME}#${hostile('stateName')}#1001#5001#${hostile('stateReason')}#x#jsmith`,
    );
    await expectShownAsText('fullName', 'stateReason', 'notReady1', 'notReady2', 'logout1', 'logout2');
    await withMenu('Not ready…', () => expectShownAsText('notReady1', 'notReady2'));
    await withMenu('Sign out…', () => expectShownAsText('logout1', 'logout2'));
    await ui.shoot('40-hostile-fields-agent');
  });

  it('a ringing call: caller, queue, call variable names and values', async () => {
    publish(
      'NewInboundCall',
      `1001#NewInboundCall#${hostile('caller')}#${hostileName('variableName')}=${hostile('variableValue')}|plain=${hostile('variable2')}#DialogId:h-ring#QueueName:${hostile('ringQueue')}`,
    );
    await expectShownAsText('caller', 'variableName', 'variableValue', 'variable2', 'ringQueue');
    await ui.shoot('41-hostile-fields-ringing');
    publish('InboundCall', `1001#InboundCall#DROPPED#DialogId:h-ring#x`);
    await expect.poll(() => ui.runtime.desk.state.dialogs.items.length, EVENTUALLY).toBe(0);
  });

  it('a call in progress (party, queue) and its consult leg, then wrap-up reasons', async () => {
    publish(
      'InboundCall',
      `1001#InboundCall#ACTIVE#DialogId:h-call#${hostile('party')}#v=1#${TIME}#CallType:ACD_IN#QueueName:${hostile('callQueue')}#Participants:5001,ACTIVE,AGENT,|${hostile('participant')},ACTIVE,CUSTOMER,`,
    );
    publish('ConsultCall', `1001#ConsultCall#ACTIVE#DialogId:h-consult#${hostile('consulted')}`);
    await expectShownAsText('party', 'callQueue', 'consulted');
    await ui.shoot('42-hostile-fields-call');
    publish('ConsultCall', '1001#ConsultCall#DROPPED#DialogId:h-consult#x');
    publish('InboundCall', '1001#InboundCall#DROPPED#DialogId:h-call#x');
    await expect.poll(() => ui.runtime.desk.state.dialogs.items.length, EVENTUALLY).toBe(0);

    publish('ReasonCodes', `1001#ReasonCodes#WrapUp#5,6#${hostile('wrapUp1')},${hostile('wrapUp2')}`);
    publish('State', `1001#State#WORK####${TIME}#A B#1001#5001##A B#jsmith`);
    await withMenu('Wrap-up', () => expectShownAsText('wrapUp1', 'wrapUp2'));
  });

  it('an outbound preview: customer name, number, account and campaign', async () => {
    publish(
      'InboundCall',
      `1001#InboundCall#ALERTING#DialogId:h-preview#${hostile('previewParty')}#BABuddyName=${hostile('customer')}|BACustomerNumber=${hostile('customerNumber')}|BAAccountNumber=${hostile('account')}|BACampaign=${hostile('campaign')}#${TIME}#CallType:OUTBOUND_PREVIEW#QueueName:#Participants:`,
    );
    await expectShownAsText('customer', 'customerNumber', 'account', 'campaign');
    await ui.shoot('43-hostile-fields-preview');
    publish('InboundCall', '1001#InboundCall#DROPPED#DialogId:h-preview#x');
    await expect.poll(() => ui.runtime.desk.state.dialogs.items.length, EVENTUALLY).toBe(0);
  });

  it('a callback: dialog, time and number', async () => {
    publish(
      'Callback',
      `1001#Callback#SCHEDULED#DialogId:${hostile('callbackDialog')}#${hostile('callbackTime')}#${hostile('callbackNumber')}`,
    );
    await expectShownAsText('callbackDialog', 'callbackTime', 'callbackNumber');
  });

  it('phonebook names, global and team', async () => {
    publish(
      'Phonebooks',
      `1001#Phonebooks#name:${hostile('phonebook1')},type:GLOBAL,id:h-pb1#name:${hostile('phonebook2')},type:GLOBAL,id:h-pb2`,
    );
    publish('TeamPhonebooks', `1001#TeamPhoneBooks#name:${hostile('teamPhonebook')},type:TEAM,id:h-pb3`);
    await expectShownAsText('phonebook1', 'phonebook2', 'teamPhonebook');
  });

  it('a contact: names, number and description', async () => {
    // The contact list answers the oldest outstanding request: ask, and answer before the demo can.
    const loaded = ui.runtime.desk.loadContacts({ phonebookId: 'h-pb1' });
    publish(
      'PhonebookContacts',
      `1001#PhonebookContacts#description:${hostile('description')},firstName:Zyxw ${hostile('contactFirst')},lastName:${hostile('contactLast')},phoneNumber:${hostile('phone')},id:h-c1`,
    );
    expect(await loaded).toEqual({ ok: true, value: undefined });
    await ui.page.getByLabel('Search contacts').fill('Zyxw');
    await expectShownAsText('contactFirst', 'contactLast', 'phone', 'description');
    await ui.shoot('44-hostile-fields-phonebook');
  });

  it('a GC notice', async () => {
    publish('Control', `1001#Control#HOSTILE#${hostile('notice')}`);
    await expectShownAsText('notice');
  });

  it('signs out (the desk is left as GC says it is)', async () => {
    publish('State', `1001#State#NOT_READY#-1##READY#${TIME}#A B#1001#5001#x#A B#jsmith`);
    await expect.poll(() => ui.runtime.desk.state.agent.state, EVENTUALLY).toBe('NOT_READY');
    expect(await ui.runtime.desk.signOut()).toEqual({ ok: true, value: undefined });
    await expect.poll(() => ui.runtime.desk.state.agent.signIn, EVENTUALLY).toBe('signed-out');
  });
});

describe('hostile text in every field, as supervisor 9001', () => {
  it('signs in', async () => {
    await ui.page.getByLabel('Agent id').fill('9001');
    await ui.page.getByLabel('Password', { exact: true }).fill('demo');
    await ui.page.getByLabel('Extension').fill('5901');
    await ui.page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => ui.runtime.desk.state.agent.isSupervisor, EVENTUALLY).toBe(true);
    await expect
      .poll(() => ui.runtime.desk.state.agent.reasonCodes.notReady.length, EVENTUALLY)
      .toBeGreaterThan(0);
  });

  it('team names, and the team members: names, extensions, reason labels', async () => {
    const agent = ui.runtime.desk.state.agent;
    const teams = agent.teams.map((team, index) => `${team.id},${hostile(`team${index}`)}`).join('|');
    publish(
      'AgentInfo',
      `9001#AgentInfo#Maria#Garcia#true#REQUIRED#TotalNumberOfTeams:${agent.teams.length}#${teams}#${agent.teamId ?? ''}#${hostile('supervisorName')}#mg`,
    );
    await expectShownAsText('team0', 'supervisorName');
    await ui.page.getByRole('button', { name: 'Show team' }).click();
    await expect
      .poll(() => Object.keys(ui.runtime.desk.state.team.members).length, EVENTUALLY)
      .toBeGreaterThan(0);
    const member = (login: string, extension: string, tag: string) =>
      `FirstName:${hostile(`${tag}First`)},LastName:${hostile(`${tag}Last`)},Extension:${extension},LoginId:${login},State:NOT_READY,PendingState:,MediaType:voice,StateChangeTime:${TIME},StateChangeLabel:${hostile(`${tag}Reason`)}`;
    publish(
      'TeamUsersList',
      `9001#TeamUsersList#${member('1002', '5002', 'm1')}#${member('1003', '5003', 'm2')}`,
    );
    await expectShownAsText('m1First', 'm1Last', 'm1Reason', 'm2First', 'm2Last', 'm2Reason');
    await ui.page.locator('[role="option"].member').first().click();
    await expectShownAsText('m1First');
    await ui.shoot('45-hostile-fields-team');
  });

  it('queue names in the statistics', async () => {
    await ui.page.getByRole('button', { name: 'Show queue statistics' }).click();
    await expect.poll(() => ui.runtime.desk.state.queues.updatedAt, EVENTUALLY).toBeDefined();
    const queue = (tag: string) =>
      `QueueName:${hostile(tag)},CallsInQueue:3,AgentsReady:2,AgentsNotReady:4,TalkingInbound:5,TalkingOutbound:0,TalkingInternal:1,WrapUpReady:1,WrapUpNotReady:0`;
    publish('QueueList', `9001#QueueList#${queue('queue1')}#${queue('queue2')}`);
    await expectShownAsText('queue1', 'queue2');
    await ui.shoot('46-hostile-fields-queues');
  });

  it("a conference's participants", async () => {
    publish(
      'InboundCall',
      `9001#InboundCall#ACTIVE#DialogId:h-conf#${hostile('conferenceParty')}#v=1#${TIME}#CallType:ACD_IN#QueueName:Sales#Participants:5901,ACTIVE,AGENT,|${hostile('participant1')},ACTIVE,CUSTOMER,|${hostile('participant2')},ACTIVE,AGENT,`,
    );
    await expectShownAsText('conferenceParty', 'participant1', 'participant2');
    await ui.shoot('47-hostile-fields-conference');
    publish('InboundCall', '9001#InboundCall#DROPPED#DialogId:h-conf#x');
    await expect.poll(() => ui.runtime.desk.state.dialogs.items.length, EVENTUALLY).toBe(0);
  });

  it('a monitored call: the caller and the agent listened to', async () => {
    publish(
      'InboundCall',
      `9001#InboundCall#ACTIVE#DialogId:h-monitor#${hostile('monitoredCaller')}#v=1#${TIME}#CallType:SM#QueueName:Sales#Participants:5002,ACTIVE,AGENT,|${hostile('monitoredCustomer')},ACTIVE,CUSTOMER,|5901,ACTIVE,SUPERVISOR,`,
    );
    await expectShownAsText('monitoredCaller', 'm1First');
    await ui.shoot('48-hostile-fields-monitor');
    publish('InboundCall', '9001#InboundCall#DROPPED#DialogId:h-monitor#x');
    await expect.poll(() => ui.runtime.desk.state.dialogs.items.length, EVENTUALLY).toBe(0);
  });

  it('ran no script, opened no dialog and logged no error all along', async () => {
    expect(await canary()).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(ui.pageErrors).toEqual([]);
  });
});
