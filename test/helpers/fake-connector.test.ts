/**
 * Tests for the fake Bot Connector: driven both by raw HTTP (exact status
 * codes/headers) and by a real botbuilder `CloudAdapter` (auth disabled), so
 * the URL shapes botbuilder actually calls are covered.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsInfo,
  TurnContext,
  type Activity,
  type ConversationParameters,
  type TeamsChannelAccount
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { startFakeConnector, type FakeConnector, type FakeConnectorOptions } from './fake-connector';

const GROUP_CHAT = '19:group-chat-1@thread.v2';
const TEAM = '19:team-general@thread.tacv2';
const CHANNEL_THREAD = `${TEAM};messageid=1700000000000`;

function roster(count: number): TeamsChannelAccount[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `29:user-${i}`,
    name: `User ${i}`,
    aadObjectId: `aad-${i}`,
    givenName: `Given${i}`,
    surname: `Sur${i}`,
    email: `user${i}@example.org`,
    userPrincipalName: `user${i}@example.org`,
    tenantId: 'tenant-1',
    userRole: 'user'
  }));
}

let connector: FakeConnector | undefined;

async function start(options?: FakeConnectorOptions): Promise<FakeConnector> {
  connector = await startFakeConnector(options);
  return connector;
}

afterEach(async () => {
  await connector?.close();
  connector = undefined;
});

/** A CloudAdapter with auth disabled (no app id), as the bot runs in tests. */
function adapter(): CloudAdapter {
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
}

/** An inbound Teams message activity addressed through the fake connector. */
function inbound(serviceUrl: string, conversationId: string, extra: Partial<Activity> = {}): Activity {
  const isChannel = conversationId.startsWith(TEAM);
  return {
    type: 'message',
    id: '1700000000123',
    channelId: 'msteams',
    serviceUrl,
    text: 'hello',
    from: { id: '29:user-0', name: 'User 0', aadObjectId: 'aad-0' },
    recipient: { id: '28:bot-app-id', name: 'VoiceLoop' },
    conversation: {
      id: conversationId,
      isGroup: true,
      conversationType: isChannel ? 'channel' : 'groupChat',
      tenantId: 'tenant-1',
      name: 'conv'
    },
    channelData: isChannel
      ? { tenant: { id: 'tenant-1' }, team: { id: TEAM, name: 'Team' }, channel: { id: TEAM, name: 'General' } }
      : { tenant: { id: 'tenant-1' } },
    ...extra
  } as Activity;
}

async function post(url: string, body: unknown, method = 'POST'): Promise<Response> {
  return fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('fake connector with a real CloudAdapter', () => {
  it('records replies, proactive sends, updates and deletes with decoded ids', async () => {
    const c = await start();
    expect(c.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    let replyId = '';
    await adapter().processActivityDirect('', inbound(c.url, CHANNEL_THREAD), async (context) => {
      const reply = await context.sendActivity('first reply');
      replyId = reply?.id ?? '';
      await context.updateActivity({ id: replyId, type: 'message', text: 'edited reply' });
      const second = await context.sendActivity({ type: 'message', text: 'second' });
      await context.deleteActivity(second?.id ?? '');
      // TurnContext re-stamps replyToId from the turn's activity, so even this is a reply.
      await context.sendActivity({ type: 'message', text: 'top level', replyToId: undefined });
    });

    expect(replyId).toMatch(/^fake-/);
    const kinds = c.requests.map((r) => r.kind);
    expect(kinds).toEqual(['replyToActivity', 'updateActivity', 'replyToActivity', 'deleteActivity', 'replyToActivity']);
    expect(c.requests.every((r) => r.conversationId === CHANNEL_THREAD)).toBe(true);
    expect(c.requests[0]?.path).toBe(`/v3/conversations/${encodeURIComponent(CHANNEL_THREAD)}/activities/1700000000123`);
    expect(c.requests[0]?.activityId).toBe('1700000000123');
    expect(c.sent().map((a) => a.text)).toEqual(['first reply', 'second', 'top level']);
    expect(c.sentRequests()[0]?.responseId).toBe(replyId);
    expect(c.updated()).toEqual([expect.objectContaining({ id: replyId, text: 'edited reply' })]);
    expect(c.deleted().map((d) => d.activityId)).toEqual([c.sentRequests()[1]?.responseId]);
    // The bot ran without credentials: no Authorization header is sent.
    expect(c.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('continueConversationAsync replies to the generated continuation activity id', async () => {
    const c = await start();
    const reference = TurnContext.getConversationReference(inbound(c.url, GROUP_CHAT));
    let continuationId = '';
    await adapter().continueConversationAsync('', reference, async (context) => {
      continuationId = context.activity.id ?? '';
      await context.sendActivity('proactive hello');
    });
    const request = await c.waitFor((r) => r.kind === 'replyToActivity');
    expect(request.conversationId).toBe(GROUP_CHAT);
    expect(request.activityId).toBe(continuationId);
    expect(c.sent()).toEqual([expect.objectContaining({ text: 'proactive hello', type: 'message' })]);
  });

  it('records sendToConversation from the turn ConnectorClient', async () => {
    const c = await start();
    const bot = adapter();
    await bot.processActivityDirect('', inbound(c.url, GROUP_CHAT), async (context) => {
      const client = context.turnState.get<ConnectorClient>(bot.ConnectorClientKey);
      const response = await client.conversations.sendToConversation(GROUP_CHAT, { type: 'message', text: 'top level' } as Activity);
      expect(response.id).toMatch(/^fake-/);
    });
    const request = await c.waitFor((r) => r.kind === 'sendToConversation');
    expect(request.path).toBe(`/v3/conversations/${encodeURIComponent(GROUP_CHAT)}/activities`);
    expect(c.sent()).toEqual([expect.objectContaining({ text: 'top level' })]);
  });

  it('creates conversations (createConversationAsync) and returns a:-prefixed ids', async () => {
    const c = await start();
    const parameters = {
      isGroup: false,
      bot: { id: '28:bot-app-id', name: 'VoiceLoop' },
      members: [{ id: '29:user-1', name: 'User 1' }],
      tenantId: 'tenant-1',
      channelData: { tenant: { id: 'tenant-1' } },
      activity: { type: 'message', text: 'welcome' }
    } as ConversationParameters;
    let newConversationId = '';
    await adapter().createConversationAsync('', 'msteams', c.url, '', parameters, async (context) => {
      newConversationId = context.activity.conversation.id;
      await context.sendActivity('after create');
    });
    const [created] = c.created();
    expect(created?.id).toMatch(/^a:/);
    expect(created?.activityId).toMatch(/^fake-/);
    expect(created?.parameters.members).toEqual([{ id: '29:user-1', name: 'User 1' }]);
    expect(newConversationId).toBe(created?.id);
    expect(c.sentRequests()[0]?.conversationId).toBe(created?.id);
  });

  it('serves members, paged members, a single member and team channels to TeamsInfo', async () => {
    const c = await start({
      rosters: { [GROUP_CHAT]: roster(5), [TEAM]: roster(3) },
      channels: { [TEAM]: [{ id: TEAM, name: 'General' }, { id: '19:other@thread.tacv2', name: 'Other' }] },
      teams: { [TEAM]: { id: TEAM, name: 'Year 9', aadGroupId: 'group-1' } }
    });
    const pages: string[][] = [];
    await adapter().processActivityDirect('', inbound(c.url, GROUP_CHAT), async (context) => {
      expect((await TeamsInfo.getMembers(context)).map((m) => m.id)).toHaveLength(5);
      let token: string | undefined;
      do {
        const page = await TeamsInfo.getPagedMembers(context, 2, token);
        pages.push(page.members.map((m) => m.id));
        token = page.continuationToken;
      } while (token);
      const member = await TeamsInfo.getMember(context, '29:user-3');
      expect(member.email).toBe('user3@example.org');
      const byAad = await TeamsInfo.getMember(context, 'aad-4');
      expect(byAad.id).toBe('29:user-4');
      await expect(TeamsInfo.getMember(context, '29:nobody')).rejects.toThrow();
    });
    expect(pages).toEqual([
      ['29:user-0', '29:user-1'],
      ['29:user-2', '29:user-3'],
      ['29:user-4']
    ]);
    const paged = c.requests.filter((r) => r.kind === 'getConversationPagedMembers');
    expect(paged.map((r) => r.query)).toEqual([{ pageSize: '2' }, { pageSize: '2', continuationToken: 'page-2' }, { pageSize: '2', continuationToken: 'page-4' }]);

    // In a channel, TeamsInfo uses the team id as the conversation id for rosters.
    await adapter().processActivityDirect('', inbound(c.url, CHANNEL_THREAD), async (context) => {
      expect((await TeamsInfo.getPagedMembers(context)).members).toHaveLength(3);
      expect((await TeamsInfo.getTeamChannels(context)).map((ch) => ch.name)).toEqual(['General', 'Other']);
      expect((await TeamsInfo.getTeamDetails(context)).name).toBe('Year 9');
    });
    expect(c.requests.some((r) => r.kind === 'getConversationPagedMembers' && r.conversationId === TEAM)).toBe(true);
    expect(c.requests.some((r) => r.kind === 'fetchChannelList' && r.conversationId === TEAM)).toBe(true);
  });

  it('lets failNext inject a 403 that surfaces as an error in the bot', async () => {
    const c = await start({ failNext: (r) => (r.kind === 'replyToActivity' ? 403 : undefined) });
    let caught: unknown;
    await adapter().processActivityDirect('', inbound(c.url, GROUP_CHAT), async (context) => {
      try {
        await context.sendActivity('blocked');
      } catch (error) {
        caught = error;
      }
    });
    expect(caught).toBeInstanceOf(Error);
    expect(c.requests).toHaveLength(1);
    expect(c.requests[0]).toMatchObject({ status: 403, injected: true });
    expect(c.sent()).toEqual([]);
  });

  it('botbuilder retries a 429 after Retry-After by itself (one logical send, two requests)', async () => {
    const c = await start({ rateLimit: { perSecond: 1 } });
    const started = Date.now();
    await adapter().processActivityDirect('', inbound(c.url, GROUP_CHAT), async (context) => {
      await context.sendActivity('one');
      await context.sendActivity('two');
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(c.sent().map((a) => a.text)).toEqual(['one', 'two']);
    expect(c.throttled().length).toBeGreaterThanOrEqual(1);
    expect(c.throttled()[0]?.retryAfterSeconds).toBe(1);
    expect(c.deliveredCountBy((a) => a.text ?? '')).toEqual(
      new Map([
        ['one', 1],
        ['two', 1]
      ])
    );
  });
});

describe('fake connector over raw HTTP', () => {
  it('answers sends 201 with generated, unique ids and PUT 200 with the same id', async () => {
    const c = await start();
    const first = await post(`${c.url}v3/conversations/c1/activities`, { type: 'message', text: 'a' });
    const second = await post(`${c.url}v3/conversations/c1/activities/parent-1`, { type: 'message', text: 'b' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const ids = [((await first.json()) as { id: string }).id, ((await second.json()) as { id: string }).id];
    expect(new Set(ids).size).toBe(2);
    const put = await post(`${c.url}v3/conversations/c1/activities/${ids[0]}`, { type: 'message', text: 'a2' }, 'PUT');
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ id: ids[0] });
    const del = await fetch(`${c.url}v3/conversations/c1/activities/${ids[1]}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    const create = await post(`${c.url}v3/conversations`, { isGroup: false, bot: { id: 'b' }, members: [{ id: 'u' }] });
    expect(create.status).toBe(200);
    expect(((await create.json()) as { id: string }).id).toMatch(/^a:/);
    expect(c.requests.map((r) => [r.kind, r.status])).toEqual([
      ['sendToConversation', 201],
      ['replyToActivity', 201],
      ['updateActivity', 200],
      ['deleteActivity', 200],
      ['createConversation', 200]
    ]);
    expect(c.requests[1]?.activityId).toBe('parent-1');
    expect(c.requests[0]?.body).toEqual({ type: 'message', text: 'a' });
    expect(typeof c.requests[0]?.time).toBe('number');
  });

  it('answers unknown paths, unknown rosters and bad JSON with JSON errors', async () => {
    const c = await start({ rosters: { c1: roster(1) } });
    const unknown = await fetch(`${c.url}v3/nope`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/json');
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('NotFound');
    expect((await fetch(`${c.url}v3/conversations/missing/members`)).status).toBe(404);
    expect((await fetch(`${c.url}v3/conversations/c1/members/29%3Anobody`)).status).toBe(404);
    expect((await fetch(`${c.url}v3/teams/t1/conversations`)).status).toBe(404);
    const badJson = await fetch(`${c.url}v3/conversations/c1/activities`, { method: 'POST', body: '{nope' });
    expect(badJson.status).toBe(400);
    expect(c.requests.map((r) => r.kind)).toEqual([
      'unknown',
      'getConversationMembers',
      'getConversationMember',
      'fetchChannelList',
      'sendToConversation'
    ]);
    expect(c.sent()).toEqual([]);
  });

  it('pages rosters by pageSize with continuation tokens', async () => {
    const c = await start({ rosters: { 'a:conv': roster(5) }, defaultPageSize: 4 });
    const base = `${c.url}v3/conversations/${encodeURIComponent('a:conv')}/pagedmembers`;
    const p1 = (await (await fetch(`${base}?pageSize=3`)).json()) as { members: TeamsChannelAccount[]; continuationToken?: string };
    expect(p1.members.map((m) => m.id)).toEqual(['29:user-0', '29:user-1', '29:user-2']);
    expect(p1.continuationToken).toBeTruthy();
    const p2 = (await (await fetch(`${base}?pageSize=3&continuationToken=${p1.continuationToken ?? ''}`)).json()) as {
      members: TeamsChannelAccount[];
      continuationToken?: string;
    };
    expect(p2.members.map((m) => m.id)).toEqual(['29:user-3', '29:user-4']);
    expect(p2.continuationToken).toBeUndefined();
    const defaults = (await (await fetch(base)).json()) as { members: TeamsChannelAccount[] };
    expect(defaults.members).toHaveLength(4);
    expect((await fetch(`${base}?continuationToken=garbage`)).status).toBe(400);
    // An exact multiple of the page size ends without a continuation token (no empty last page).
    c.setRoster('even', roster(4));
    const evenBase = `${c.url}v3/conversations/even/pagedmembers?pageSize=2`;
    const e1 = (await (await fetch(evenBase)).json()) as { continuationToken?: string };
    const e2 = (await (await fetch(`${evenBase}&continuationToken=${e1.continuationToken ?? ''}`)).json()) as {
      members: TeamsChannelAccount[];
      continuationToken?: string;
    };
    expect(e2.members.map((m) => m.id)).toEqual(['29:user-2', '29:user-3']);
    expect(e2.continuationToken).toBeUndefined();
    expect(await (await fetch(`${c.url}v3/conversations/a%3Aconv/members`)).json()).toHaveLength(5);
    c.setRoster('a:conv', roster(1));
    expect(await (await fetch(`${c.url}v3/conversations/a%3Aconv/members`)).json()).toHaveLength(1);
  });

  it('throttles over the rate limit with 429 + integer Retry-After, and recovers after the window', async () => {
    const c = await start({ rateLimit: { perSecond: 2 } });
    const statuses: number[] = [];
    const retryAfter: Array<string | null> = [];
    for (let i = 0; i < 5; i++) {
      const response = await post(`${c.url}v3/conversations/c1/activities`, { type: 'message', text: `m${i}` });
      statuses.push(response.status);
      retryAfter.push(response.headers.get('retry-after'));
    }
    expect(statuses).toEqual([201, 201, 429, 429, 429]);
    expect(retryAfter.slice(2)).toEqual(['1', '1', '1']);
    expect(c.throttled()).toHaveLength(3);
    expect(c.sent().map((a) => a.text)).toEqual(['m0', 'm1']);
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect((await post(`${c.url}v3/conversations/c1/activities`, { type: 'message', text: 'later' })).status).toBe(201);
  });

  it('supports per-conversation windows, a fixed Retry-After and runtime changes', async () => {
    const c = await start({ rateLimit: { windows: [{ max: 1, windowMs: 5000 }], scope: 'conversation' }, retryAfterSeconds: 7 });
    expect((await post(`${c.url}v3/conversations/c1/activities`, { type: 'message' })).status).toBe(201);
    expect((await post(`${c.url}v3/conversations/c2/activities`, { type: 'message' })).status).toBe(201);
    const limited = await post(`${c.url}v3/conversations/c1/activities`, { type: 'message' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    c.setRateLimit(undefined);
    expect((await post(`${c.url}v3/conversations/c1/activities`, { type: 'message' })).status).toBe(201);
  });

  it('injects failures via failNext / setFailNext (429 gets Retry-After)', async () => {
    let calls = 0;
    const c = await start({ failNext: () => (++calls === 1 ? 502 : undefined) });
    expect((await post(`${c.url}v3/conversations/c1/activities`, { type: 'message' })).status).toBe(502);
    expect((await post(`${c.url}v3/conversations/c1/activities`, { type: 'message' })).status).toBe(201);
    c.setFailNext((r) => (r.conversationId === 'c9' ? 429 : undefined));
    const throttled = await post(`${c.url}v3/conversations/c9/activities`, { type: 'message' });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(c.requests.map((r) => [r.status, r.injected, r.throttled])).toEqual([
      [502, true, false],
      [201, false, false],
      [429, true, false]
    ]);
  });

  it('applies latency', async () => {
    const c = await start({ latencyMs: 150 });
    const started = Date.now();
    await post(`${c.url}v3/conversations/c1/activities`, { type: 'message' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('waitFor resolves on past and future requests and times out with a listing', async () => {
    const c = await start();
    await post(`${c.url}v3/conversations/c1/activities`, { type: 'message', text: 'early' });
    await expect(c.waitFor((r) => r.kind === 'sendToConversation', 100)).resolves.toMatchObject({ conversationId: 'c1' });
    const later = c.waitForSent(2, 2000);
    setTimeout(() => void post(`${c.url}v3/conversations/c2/activities`, { type: 'message', text: 'late' }), 50);
    expect((await later).map((a) => a.text)).toEqual(['early', 'late']);
    await expect(c.waitFor((r) => r.kind === 'deleteActivity', 100)).rejects.toThrow(/timed out after 100 ms; recorded 2 request/);
  });

  it('counts duplicates in the delivery ledger and resets', async () => {
    const c = await start();
    for (const text of ['a', 'b', 'a', 'c', 'a', 'b']) {
      await post(`${c.url}v3/conversations/c1/activities`, { type: 'message', text });
    }
    const byText = (a: Partial<Activity>): string => a.text ?? '';
    expect(c.deliveredCountBy(byText).get('a')).toBe(3);
    expect(c.duplicatesBy(byText)).toEqual([
      ['a', 3],
      ['b', 2]
    ]);
    c.reset();
    expect(c.requests).toHaveLength(0);
    expect(c.sent()).toEqual([]);
  });

  it('serves under a regional path prefix', async () => {
    const c = await start({ pathPrefix: 'amer' });
    expect(c.url).toMatch(/\/amer\/$/);
    expect((await post(`${c.url}v3/conversations/c1/activities`, { type: 'message' })).status).toBe(201);
    expect((await post(`${c.url.replace('/amer/', '/')}v3/conversations/c1/activities`, { type: 'message' })).status).toBe(404);
  });
});
