import { odata } from '@azure/data-tables';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { TABLES } from '../../src/storage/shared/keys';
import { type TestApp, newTenant, withBotAndConnector } from '../helpers/app';
import { BOT, type Where, composeExtension, executeAction, installationUpdate, membersAdded, membersRemoved, message, user } from '../helpers/activities';
import type { FakeConnector } from '../helpers/fake-connector';

/**
 * Malformed activities are refused at the edge (src/teams/shared/activity-shape.ts): a 400, one warning line,
 * nothing stored, nothing sent and no error-level log — the error log only holds real errors. Activities as
 * Teams and the Agents Playground send them still pass.
 */
let app: TestApp;
let connector: FakeConnector;
withBotAndConnector((started) => ({ app, connector } = started));

const person = user('Sam');
type Json = Record<string, unknown>;

const ERROR = 50;
const WARN = 40;
const errorLines = (from: number) => app.logs.slice(from).filter((l) => Number(l.level) >= ERROR);
const refusalLines = (from: number) => app.logs.slice(from).filter((l) => l.msg === 'malformed activity refused');

async function rowsOf(tenantId: string): Promise<string[]> {
  const found: string[] = [];
  const from = tenantId.toLowerCase();
  for (const table of Object.values(TABLES)) {
    const client = app.tables.client(table);
    for await (const row of client.listEntities({ queryOptions: { filter: odata`PartitionKey ge ${from} and PartitionKey lt ${`${from}~`}` } })) {
      found.push(`${table}/${String(row.partitionKey)}`);
    }
  }
  return found;
}

/** A copy of `activity` with the value at a dotted path replaced (or removed when `value` is undefined). */
function withValue(activity: Json, path: string, value: unknown): Json {
  const copy = structuredClone(activity);
  const parts = path.split('.');
  let node: Json = copy;
  for (const part of parts.slice(0, -1)) {
    if (!node[part] || typeof node[part] !== 'object') node[part] = {};
    node = node[part] as Json;
  }
  const last = parts.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

function valid(where: Where): Record<string, Json> {
  return {
    'personal message': message({ ...where, conversationType: 'personal' }, person, 'help') as Json,
    'group message': message(where, person, 'help') as Json,
    'channel message': message({ ...where, conversationType: 'channel', teamId: `19:team-${where.tenantId}@thread.tacv2` }, person, 'help') as Json,
    'card action': executeAction(where, person, VERBS.showHelp, {}) as Json,
    'members added': membersAdded(where, person, [{ id: BOT.id }]) as Json,
    'members removed': membersRemoved(where, person, [{ id: '29:someone' }]) as Json,
    'installation update': installationUpdate({ ...where, conversationType: 'personal' }, person, 'add') as Json,
    'messaging extension query': composeExtension(where, person, 'query', { commandId: 'search', parameters: [{ name: 'query', value: 'x' }], queryOptions: { skip: 0, count: 25 } }) as Json
  };
}

/** As the Agents Playground sends them: no sender name, `isGroup` absent in 1:1, entities, a mention, nulls for optional fields. */
function playgroundShaped(where: Where): Record<string, Json> {
  const base = message({ ...where, conversationType: 'personal' }, person, '<at>VoiceLoop</at> help') as Json;
  return {
    'playground 1:1 message': {
      ...base,
      from: { id: person.id, aadObjectId: person.aadObjectId },
      conversation: { id: `a:${where.tenantId}`, tenantId: where.tenantId },
      recipient: { id: BOT.id, name: BOT.name, role: 'bot' },
      locale: null,
      entities: [
        { type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' },
        { type: 'mention', mentioned: { id: BOT.id, name: BOT.name }, text: '<at>VoiceLoop</at>' }
      ],
      attachments: [],
      channelData: { tenant: { id: where.tenantId }, source: { name: 'message' }, legacy: { replyToId: 'x' } },
      extraField: { anything: [1, 2, 3] }
    }
  };
}

describe('activities as Teams and the Playground send them still pass', () => {
  it('every valid activity is served (no 400, no refusal line, no error log)', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const logsBefore = app.logs.length;
    for (const [name, activity] of Object.entries({ ...valid(where), ...playgroundShaped(where) })) {
      const response = await app.post(activity);
      expect(response.status, `${name}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
    }
    expect(refusalLines(logsBefore)).toEqual([]);
    expect(errorLines(logsBefore)).toEqual([]);
    expect((await rowsOf(where.tenantId)).length).toBeGreaterThan(0); // the 1:1 conversation reference was stored
  });
});

describe('malformed activities: 400, one warning line, nothing stored, no error log', () => {
  const cases: [string, (a: Json) => Json, RegExp][] = [
    ['conversation.isGroup is text', (a) => withValue(a, 'conversation.isGroup', 'yes'), /"conversation\.isGroup" must be true or false/],
    ['conversation.isGroup is a number', (a) => withValue(a, 'conversation.isGroup', 1), /"conversation\.isGroup" must be true or false/],
    ['recipient.name is an object', (a) => withValue(a, 'recipient.name', { first: 'Voice' }), /"recipient\.name" must be text/],
    ['recipient.id is missing', (a) => withValue(a, 'recipient.id', undefined), /"recipient\.id" must be text/],
    ['from is a string', (a) => withValue(a, 'from', '29:someone'), /"from" must be an object/],
    ['from.name is a list', (a) => withValue(a, 'from.name', ['Sam']), /"from\.name" must be text/],
    ['from.aadObjectId is a number', (a) => withValue(a, 'from.aadObjectId', 42), /"from\.aadObjectId" must be text/],
    ['conversation.id is empty', (a) => withValue(a, 'conversation.id', '  '), /"conversation\.id" is empty/],
    ['conversation.tenantId is empty', (a) => withValue(a, 'conversation.tenantId', ''), /"conversation\.tenantId" is empty/],
    ['entities is null', (a) => withValue(a, 'entities', null), /"entities" must be a list, not null/],
    ['conversation.tenantId is an object', (a) => withValue(a, 'conversation.tenantId', { id: 'x' }), /"conversation\.tenantId" must be text/],
    ['conversation.conversationType is a number', (a) => withValue(a, 'conversation.conversationType', 3), /"conversation\.conversationType" must be text/],
    ['channelData.tenant.id is a number', (a) => withValue(a, 'channelData.tenant.id', 7), /"channelData\.tenant\.id" must be text/],
    ['channelData.team is text', (a) => withValue(a, 'channelData.team', 'team'), /"channelData\.team" must be an object/],
    ['text is an object', (a) => withValue(a, 'text', { text: 'help' }), /"text" must be text/],
    ['serviceUrl is not a URL', (a) => withValue(a, 'serviceUrl', 'javascript:alert(1)'), /"serviceUrl" is not a URL/],
    ['localTimezone is a number', (a) => withValue(a, 'localTimezone', 60), /"localTimezone" must be text/],
    ['entities is an object', (a) => withValue(a, 'entities', { type: 'mention' }), /"entities" must be a list/],
    ['a mention without its person', (a) => withValue(a, 'entities', [{ type: 'mention', text: '<at>x</at>' }]), /"entities\[0\]\.mentioned" must be an object/],
    ['membersAdded holds a string', (a) => withValue(a, 'membersAdded', ['28:bot']), /"membersAdded\[0\]" must be an object/],
    ['replyToId is a number', (a) => withValue(a, 'replyToId', 12), /"replyToId" must be text/],
    ['type is missing', (a) => withValue(a, 'type', undefined), /"type" must be text/],
    ['an invoke without a name', (a) => withValue({ ...a, type: 'invoke' }, 'name', undefined), /an invoke needs a "name"/]
  ];

  it.each(cases)('%s', async (_name, spoil, expected) => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const logsBefore = app.logs.length;
    const sentBefore = connector.sent().length;
    const response = await app.post(spoil(message({ ...where, conversationType: 'personal' }, person, 'help') as Json));
    expect(response.status).toBe(400);
    expect((response.body as { error?: string }).error).toMatch(expected);
    const lines = app.logs.slice(logsBefore);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: WARN, msg: 'malformed activity refused' });
    expect(String(lines[0]!.problem)).toMatch(expected);
    expect(JSON.stringify(lines[0]).length).toBeLessThan(600); // concise: the problem, never the body
    expect(errorLines(logsBefore)).toEqual([]);
    expect(await rowsOf(where.tenantId)).toEqual([]);
    expect(connector.sent().length).toBe(sentBefore);
  });
});

describe('fuzzed activities never reach the turn broken', () => {
  /** Every field VoiceLoop, botbuilder or teams-ai reads, given a value of every wrong type. */
  const PATHS = [
    'type', 'id', 'channelId', 'serviceUrl', 'timestamp', 'localTimezone', 'locale', 'text', 'name', 'replyToId', 'action', 'value',
    'from', 'from.id', 'from.name', 'from.aadObjectId', 'recipient', 'recipient.id', 'recipient.name',
    'conversation', 'conversation.id', 'conversation.isGroup', 'conversation.conversationType', 'conversation.tenantId', 'conversation.name',
    'channelData', 'channelData.tenant', 'channelData.tenant.id', 'channelData.team', 'channelData.team.id',
    'entities', 'attachments', 'membersAdded', 'membersRemoved'
  ];
  const VALUES: unknown[] = [7, true, { x: 1 }, [1], null, '', [{}], undefined];

  it('each of the fields × each wrong type, on a message, a card action and a members-added update: never 5xx, never an error log', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const bases = valid(where);
    const logsBefore = app.logs.length;
    const outcomes = { refused: 0, served: 0 };
    const failures: string[] = [];
    for (const baseName of ['personal message', 'card action', 'members added'] as const) {
      for (const path of PATHS) {
        for (const value of VALUES) {
          const before = app.logs.length;
          const response = await app.post(withValue(bases[baseName]!, path, value));
          const errors = errorLines(before);
          if (response.status >= 500 || errors.length > 0) failures.push(`${baseName} ${path}=${JSON.stringify(value)}: ${response.status} ${errors.map((e) => String(e.msg)).join('; ')}`);
          if (response.status === 400) outcomes.refused++;
          else outcomes.served++;
        }
      }
    }
    expect(failures).toEqual([]);
    expect(errorLines(logsBefore)).toEqual([]);
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(outcomes.served).toBeGreaterThan(0);
  }, 120_000);
});
