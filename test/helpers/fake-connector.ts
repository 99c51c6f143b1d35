/**
 * A fake Bot Connector service (Bot Framework REST API v3, plus the Teams
 * `v3/teams/...` endpoints) for tests, on `127.0.0.1` with a random port.
 *
 * Put {@link FakeConnector.url} in inbound activities' `serviceUrl`; botbuilder's
 * `ConnectorClient` (created by `CloudAdapter` for the turn, or for proactive
 * `continueConversationAsync`) then sends every outbound call here. Every call
 * is recorded; sends/replies/updates/deletes/createConversation are answered
 * like Teams does, rosters and channel lists come from options, and throttling
 * (429 + `Retry-After`), injected failures and latency can be simulated.
 *
 * URL shapes botbuilder 4.23 calls (path params are `encodeURIComponent`-ed;
 * the recorded `conversationId`/`activityId` are decoded):
 *
 * | operation (`kind`)            | method + path                                              |
 * |-------------------------------|------------------------------------------------------------|
 * | `sendToConversation`          | POST   v3/conversations/:cid/activities                    |
 * | `replyToActivity`             | POST   v3/conversations/:cid/activities/:replyToId         |
 * | `updateActivity`              | PUT    v3/conversations/:cid/activities/:aid               |
 * | `deleteActivity`              | DELETE v3/conversations/:cid/activities/:aid               |
 * | `createConversation`          | POST   v3/conversations                                    |
 * | `getConversations`            | GET    v3/conversations                                    |
 * | `getConversationMembers`      | GET    v3/conversations/:cid/members                       |
 * | `getConversationPagedMembers` | GET    v3/conversations/:cid/pagedmembers?pageSize&continuationToken |
 * | `getConversationMember`       | GET    v3/conversations/:cid/members/:mid                  |
 * | `deleteConversationMember`    | DELETE v3/conversations/:cid/members/:mid                  |
 * | `getActivityMembers`          | GET    v3/conversations/:cid/activities/:aid/members       |
 * | `sendConversationHistory`     | POST   v3/conversations/:cid/activities/history            |
 * | `uploadAttachment`            | POST   v3/conversations/:cid/attachments                   |
 * | `fetchChannelList`            | GET    v3/teams/:teamId/conversations                      |
 * | `fetchTeamDetails`            | GET    v3/teams/:teamId                                    |
 * | `getMeetingParticipant`       | GET    v1/meetings/:meetingId/participants/:oid?tenantId   |
 * | `sendMeetingNotification`     | POST   v1/meetings/:meetingId/notification                 |
 *
 * Note: in a Teams turn `context.sendActivity()` stamps `replyToId` from the
 * inbound activity, so most bot messages arrive as `replyToActivity`, not
 * `sendToConversation`. Both count as "sent".
 *
 * Note: botbuilder's HTTP pipeline (`@azure/core-rest-pipeline`) retries by
 * itself: 429/503 responses carrying `Retry-After` are retried after that
 * delay, and 408/5xx (except 501/505) with exponential back-off - up to 3
 * retries. Every attempt is recorded here, so one logical send can show up as
 * several requests (only the successful one is in {@link FakeConnector.sent}).
 *
 * No token endpoint is served: run the bot without app credentials (auth
 * disabled) so the connector client sends no `Authorization` header.
 *
 * @module
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity, ChannelInfo, ConversationParameters, TeamDetails, TeamsChannelAccount, TeamsMeetingParticipant } from 'botbuilder';

/** Connector operations the fake understands (`unknown` = anything else; answered 404). */
export type ConnectorOperation =
  | 'sendToConversation'
  | 'replyToActivity'
  | 'updateActivity'
  | 'deleteActivity'
  | 'createConversation'
  | 'getConversations'
  | 'getConversationMembers'
  | 'getConversationPagedMembers'
  | 'getConversationMember'
  | 'deleteConversationMember'
  | 'getActivityMembers'
  | 'sendConversationHistory'
  | 'uploadAttachment'
  | 'fetchChannelList'
  | 'fetchTeamDetails'
  | 'getMeetingParticipant'
  | 'sendMeetingNotification'
  | 'unknown';

/** One HTTP call received by the fake connector. */
export interface RecordedRequest {
  /** 1-based arrival order. */
  seq: number;
  /** HTTP method, upper case. */
  method: string;
  /** Path without query string, relative to {@link FakeConnector.url}, still URL-encoded, e.g. `/v3/conversations/19%3Aabc/activities`. */
  path: string;
  /** Query parameters (last value wins). */
  query: Record<string, string>;
  /** Recognised operation. */
  kind: ConnectorOperation;
  /** Decoded conversation id (or team id for `fetchChannelList`/`fetchTeamDetails`). */
  conversationId?: string;
  /** Decoded activity id: the `replyToId` for replies, the target id for update/delete/getActivityMembers. */
  activityId?: string;
  /** Decoded member id for member operations (the participant's object id for `getMeetingParticipant`). */
  memberId?: string;
  /** Decoded meeting id for meeting operations. */
  meetingId?: string;
  /** Parsed JSON body (`undefined` when there was none; the raw string when it was not JSON). */
  body: unknown;
  /** Request headers as received. */
  headers: IncomingHttpHeaders;
  /** Arrival time, `Date.now()`. */
  time: number;
  /** When the rate limiter counted it (after the body was read): the time its windows are enforced on. */
  countedAt?: number;
  /** Status code answered. */
  status: number;
  /** `true` when answered 429 by the rate limiter. */
  throttled: boolean;
  /** `true` when the status came from {@link FakeConnectorOptions.failNext}. */
  injected: boolean;
  /** The `Retry-After` header sent (seconds), for 429 answers. */
  retryAfterSeconds?: number;
  /** The id returned to the caller (generated activity id, updated id, created conversation id). */
  responseId?: string;
  /** The JSON body answered. */
  responseBody: unknown;
}

/** Minimal request description passed to {@link FakeConnectorOptions.failNext} and latency functions. */
export type IncomingConnectorRequest = Pick<
  RecordedRequest,
  'seq' | 'method' | 'path' | 'query' | 'kind' | 'conversationId' | 'activityId' | 'memberId' | 'meetingId' | 'body' | 'headers' | 'time' | 'countedAt'
>;

/** One sliding-window limit: at most `max` accepted requests per `windowMs`. */
export interface RateWindow {
  max: number;
  windowMs: number;
}

/** Throttling configuration (see {@link FakeConnectorOptions.rateLimit}). */
export interface RateLimitOptions {
  /** Shorthand for a `{ max: perSecond, windowMs: 1000 }` window. */
  perSecond?: number;
  /** Additional windows, e.g. Teams' per-thread `[{max: 7, windowMs: 1000}, {max: 8, windowMs: 2000}, {max: 60, windowMs: 30000}]`. */
  windows?: RateWindow[];
  /**
   * `'global'` (default): one budget for all requests; `'conversation'`: one budget per conversation id;
   * `'tenant'`: one budget per tenant (Teams' per app per tenant limit), the tenant read from the
   * request's `channelData.tenant.id` (or `conversation.tenantId`, or the `tenantId` of a create).
   */
  scope?: 'global' | 'conversation' | 'tenant';
  /** With `scope: 'tenant'`: a tenant's own per-second limit, instead of `perSecond`. */
  tenantPerSecond?: Record<string, number>;
  /** Only these operations are limited (default: all). */
  operations?: ConnectorOperation[];
}

/** A conversation created through `createConversation`. */
export interface CreatedConversation {
  /** Generated conversation id (`a:...`). */
  id: string;
  /** Generated id of the initial activity, when `parameters.activity` was given. */
  activityId?: string;
  /** The `ConversationParameters` body posted. */
  parameters: Partial<ConversationParameters>;
  /** The recorded request. */
  request: RecordedRequest;
}

/** A deleted activity. */
export interface DeletedActivity {
  conversationId: string;
  activityId: string;
  request: RecordedRequest;
}

/** Options for {@link startFakeConnector}. */
export interface FakeConnectorOptions {
  /** Conversation (or team) id -> members, served by the members endpoints. Copied; mutate later with `setRoster`. */
  rosters?: Record<string, TeamsChannelAccount[]>;
  /** Team id -> channels, served by `GET v3/teams/:teamId/conversations`. */
  channels?: Record<string, ChannelInfo[]>;
  /** Team id -> details, served by `GET v3/teams/:teamId`. */
  teams?: Record<string, TeamDetails>;
  /** Page size for `pagedmembers` when the caller gives none. Default 200. */
  defaultPageSize?: number;
  /** Sliding-window throttling; over the limit the call is answered 429 with `Retry-After`. */
  rateLimit?: RateLimitOptions;
  /**
   * `Retry-After` value (seconds) for every 429 (rate-limited or injected).
   * Default: for the rate limiter, the whole seconds until the window frees
   * up (at least 1); for injected 429s, 1.
   */
  retryAfterSeconds?: number;
  /** Return a status code (e.g. 403, 429, 502) to fail this request instead of handling it; `undefined` to handle it. */
  failNext?: (request: IncomingConnectorRequest) => number | undefined;
  /** Delay before every answer, in ms (or a function of the request). */
  latencyMs?: number | ((request: IncomingConnectorRequest) => number);
  /** Serve under a path prefix like Teams' regional URLs, e.g. `'amer'` -> url `http://127.0.0.1:port/amer/`. */
  pathPrefix?: string;
}

/** A running fake connector. */
export interface FakeConnector {
  /** Service URL for activities' `serviceUrl`, ending with `/`, e.g. `http://127.0.0.1:53122/`. */
  readonly url: string;
  /** Every recorded call, in arrival order (a live, read-only view; emptied by {@link reset}). */
  readonly requests: readonly RecordedRequest[];
  /** Activities successfully posted (2xx) via `sendToConversation` or `replyToActivity`, in order. */
  sent(): Partial<Activity>[];
  /** The recorded requests behind {@link sent}, for ids/conversation ids/timing. */
  sentRequests(): RecordedRequest[];
  /** Activity bodies successfully PUT via `updateActivity` (their `id` is set from the URL when missing). */
  updated(): Partial<Activity>[];
  /** Successful `deleteActivity` calls. */
  deleted(): DeletedActivity[];
  /** Successful `createConversation` calls. */
  created(): CreatedConversation[];
  /** Requests answered 429 by the rate limiter. */
  throttled(): RecordedRequest[];
  /**
   * Resolves with the first recorded request (already recorded, or arriving
   * later) matching `predicate`; rejects after `timeoutMs` (default 5000) with
   * a list of what was recorded.
   */
  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Resolves once at least `count` activities have been sent (see {@link sent}); returns them. */
  waitForSent(count: number, timeoutMs?: number): Promise<Partial<Activity>[]>;
  /**
   * Ledger for load tests: how many times each key was delivered among
   * {@link sent} activities, e.g. `deliveredCountBy(a => a.text ?? '')`.
   */
  deliveredCountBy(key: (activity: Partial<Activity>) => string): Map<string, number>;
  /** Keys delivered more than once (see {@link deliveredCountBy}), with their counts. */
  duplicatesBy(key: (activity: Partial<Activity>) => string): Array<[string, number]>;
  /** Replaces (or with `undefined` removes) the roster of a conversation/team. */
  setRoster(conversationId: string, members: TeamsChannelAccount[] | undefined): void;
  /** Sets who is in a meeting, with their role (answers `getMeetingParticipant`); `undefined` removes the meeting. */
  setMeetingParticipants(meetingId: string, participants: TeamsMeetingParticipant[] | undefined): void;
  /**
   * Serves `bytes` at GET {url}files/{name} (an attachment's contentUrl or downloadUrl in a Teams
   * message, e.g. a photo): returns that URL. Not recorded as a connector request.
   */
  serveFile(name: string, bytes: Uint8Array, contentType: string): string;
  /** Replaces (or with `undefined` removes) the channel list of a team. */
  setChannels(teamId: string, channels: ChannelInfo[] | undefined): void;
  /** Replaces the failure hook (see {@link FakeConnectorOptions.failNext}). */
  setFailNext(hook: FakeConnectorOptions['failNext']): void;
  /** Replaces the rate limit (`undefined` disables throttling) and clears its history. */
  setRateLimit(rateLimit: RateLimitOptions | undefined): void;
  /** With `scope: 'tenant'`: changes one tenant's per-second limit, keeping every budget's history. */
  setTenantRateLimit(tenantId: string, perSecond: number): void;
  /** Forgets recorded requests and rate-limit history (rosters, hooks and the id counter are kept). */
  reset(): void;
  /** TCP connections opened to it since the start or the last `reset` (a client's keep-alive reuse, for benchmarks). */
  connections(): number;
  /** Stops the server (drops keep-alive connections). */
  close(): Promise<void>;
}

interface Route {
  kind: ConnectorOperation;
  conversationId?: string;
  activityId?: string;
  meetingId?: string;
  memberId?: string;
}

interface Outcome {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  responseId?: string;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Maps `[v3, conversations, ...]` path segments (still encoded) to an operation. */
function route(method: string, segments: string[]): Route {
  const [version, collection, rawId, sub, rawSubId, tail, ...rest] = segments;
  const unknown: Route = { kind: 'unknown' };
  if (version === 'v1' && collection === 'meetings' && rawId !== undefined && tail === undefined && rest.length === 0) {
    const meetingId = decodeSegment(rawId);
    if (sub === 'participants' && rawSubId !== undefined && method === 'GET') return { kind: 'getMeetingParticipant', meetingId, memberId: decodeSegment(rawSubId) };
    if (sub === 'notification' && rawSubId === undefined && method === 'POST') return { kind: 'sendMeetingNotification', meetingId };
    return unknown;
  }
  if (version !== 'v3' || rest.length > 0) return unknown;
  const id = rawId === undefined ? undefined : decodeSegment(rawId);
  const subId = rawSubId === undefined ? undefined : decodeSegment(rawSubId);

  if (collection === 'teams' && id !== undefined && method === 'GET') {
    if (sub === undefined) return { kind: 'fetchTeamDetails', conversationId: id };
    if (sub === 'conversations' && subId === undefined) return { kind: 'fetchChannelList', conversationId: id };
    return unknown;
  }
  if (collection !== 'conversations') return unknown;
  if (id === undefined) {
    if (method === 'POST') return { kind: 'createConversation' };
    if (method === 'GET') return { kind: 'getConversations' };
    return unknown;
  }
  if (sub === 'activities') {
    if (subId === undefined && tail === undefined) return method === 'POST' ? { kind: 'sendToConversation', conversationId: id } : unknown;
    if (subId === 'history' && tail === undefined && method === 'POST') return { kind: 'sendConversationHistory', conversationId: id };
    if (subId !== undefined && tail === 'members' && method === 'GET') return { kind: 'getActivityMembers', conversationId: id, activityId: subId };
    if (subId !== undefined && tail === undefined) {
      if (method === 'POST') return { kind: 'replyToActivity', conversationId: id, activityId: subId };
      if (method === 'PUT') return { kind: 'updateActivity', conversationId: id, activityId: subId };
      if (method === 'DELETE') return { kind: 'deleteActivity', conversationId: id, activityId: subId };
    }
    return unknown;
  }
  if (tail !== undefined) return unknown;
  if (sub === 'members') {
    if (subId === undefined) return method === 'GET' ? { kind: 'getConversationMembers', conversationId: id } : unknown;
    if (method === 'GET') return { kind: 'getConversationMember', conversationId: id, memberId: subId };
    if (method === 'DELETE') return { kind: 'deleteConversationMember', conversationId: id, memberId: subId };
    return unknown;
  }
  if (sub === 'pagedmembers' && subId === undefined && method === 'GET') return { kind: 'getConversationPagedMembers', conversationId: id };
  if (sub === 'attachments' && subId === undefined && method === 'POST') return { kind: 'uploadAttachment', conversationId: id };
  return unknown;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a fake Bot Connector on `127.0.0.1` (random port).
 *
 * @example
 * const connector = await startFakeConnector({ rosters: { [convId]: members } });
 * await adapter.processActivityDirect('', { ...activity, serviceUrl: connector.url }, logic);
 * const [reply] = await connector.waitForSent(1);
 * await connector.close();
 */

/** The tenant a request is for (its activity's channelData, conversation, or body). */
export const tenantOfRequest = (body: unknown): string => {
  const b = (body ?? {}) as { channelData?: { tenant?: { id?: string } }; conversation?: { tenantId?: string }; tenantId?: string };
  return b.channelData?.tenant?.id ?? b.conversation?.tenantId ?? b.tenantId ?? '';
};

/** A message that reached its conversation: a send or a reply answered 2xx. */
export const isDeliveredSend = (r: RecordedRequest): boolean => (r.kind === 'sendToConversation' || r.kind === 'replyToActivity') && r.status >= 200 && r.status < 300;
export async function startFakeConnector(options: FakeConnectorOptions = {}): Promise<FakeConnector> {
  const rosters = new Map<string, TeamsChannelAccount[]>(Object.entries(options.rosters ?? {}).map(([id, members]) => [id, [...members]]));
  const channels = new Map<string, ChannelInfo[]>(Object.entries(options.channels ?? {}));
  const teams = new Map<string, TeamDetails>(Object.entries(options.teams ?? {}));
  const meetings = new Map<string, TeamsMeetingParticipant[]>();
  const defaultPageSize = options.defaultPageSize ?? 200;
  const prefixSegments = (options.pathPrefix ?? '').split('/').filter((segment) => segment !== '');
  let failNext = options.failNext;
  let rateLimit = options.rateLimit;

  const requests: RecordedRequest[] = [];
  const events = new EventEmitter();
  events.setMaxListeners(0);
  /** Rate-limit bucket key -> arrival times of accepted requests. */
  const accepted = new Map<string, number[]>();
  let seq = 0;
  let idCounter = 0;
  const newId = (prefix: string): string => `${prefix}${Date.now().toString(36)}-${(++idCounter).toString().padStart(6, '0')}`;

  const rateWindows = (tenantId?: string): RateWindow[] => {
    if (!rateLimit) return [];
    const windows = [...(rateLimit.windows ?? [])];
    const perSecond = (tenantId !== undefined ? rateLimit.tenantPerSecond?.[tenantId] : undefined) ?? rateLimit.perSecond;
    if (perSecond !== undefined) windows.push({ max: perSecond, windowMs: 1000 });
    return windows;
  };

  /** Returns the seconds to wait when over the limit, or undefined (and counts the request) when allowed. */
  const checkRateLimit = (incoming: IncomingConnectorRequest): number | undefined => {
    const tenantId = rateLimit?.scope === 'tenant' ? tenantOfRequest(incoming.body) : undefined;
    const windows = rateWindows(tenantId);
    if (!rateLimit || windows.length === 0) return undefined;
    if (rateLimit.operations && !rateLimit.operations.includes(incoming.kind)) return undefined;
    const key = rateLimit.scope === 'conversation' ? `c:${incoming.conversationId ?? ''}` : tenantId !== undefined ? `t:${tenantId}` : 'global';
    const longest = Math.max(...windows.map((window) => window.windowMs));
    // Checked in completion-of-body order, so use the check time (keeps `times` sorted).
    const now = Date.now();
    const times = (accepted.get(key) ?? []).filter((time) => time > now - longest);
    accepted.set(key, times);
    let waitMs = 0;
    for (const window of windows) {
      const inWindow = times.filter((time) => time > now - window.windowMs);
      if (inWindow.length >= window.max) {
        // The request fits once the oldest request that keeps the window full has left it.
        const blocking = inWindow[inWindow.length - window.max];
        if (blocking !== undefined) waitMs = Math.max(waitMs, blocking + window.windowMs - now);
      }
    }
    if (waitMs > 0) return options.retryAfterSeconds ?? Math.max(1, Math.ceil(waitMs / 1000));
    times.push(now);
    incoming.countedAt = now;
    return undefined;
  };

  const members = (conversationId: string | undefined): TeamsChannelAccount[] | undefined =>
    conversationId === undefined ? undefined : rosters.get(conversationId);

  const notFoundConversation = (conversationId: string | undefined): Outcome => ({
    status: 404,
    body: errorBody('ConversationNotFound', `Conversation ${conversationId ?? ''} not found (no roster configured).`)
  });

  const handle = (incoming: IncomingConnectorRequest): Outcome => {
    const body = incoming.body;
    switch (incoming.kind) {
      case 'sendToConversation':
      case 'replyToActivity':
      case 'sendConversationHistory':
      case 'uploadAttachment': {
        if (!isRecord(body)) return { status: 400, body: errorBody('BadArgument', 'Body must be a JSON object.') };
        const id = newId('fake-');
        return { status: 201, body: { id }, responseId: id };
      }
      case 'updateActivity': {
        if (!isRecord(body)) return { status: 400, body: errorBody('BadArgument', 'Body must be a JSON object.') };
        return { status: 200, body: { id: incoming.activityId }, responseId: incoming.activityId };
      }
      case 'deleteActivity':
        return { status: 200 };
      case 'createConversation': {
        if (!isRecord(body)) return { status: 400, body: errorBody('BadArgument', 'Body must be a JSON object.') };
        const id = `a:${newId('fake-conv-')}`;
        const activityId = isRecord(body['activity']) ? newId('fake-') : undefined;
        return { status: 200, body: activityId ? { id, activityId } : { id }, responseId: id };
      }
      case 'getConversations':
        return {
          status: 200,
          body: { conversations: requests.filter((r) => r.kind === 'createConversation' && r.responseId).map((r) => ({ id: r.responseId })) }
        };
      case 'getConversationMembers':
      case 'getActivityMembers': {
        const roster = members(incoming.conversationId);
        return roster ? { status: 200, body: roster } : notFoundConversation(incoming.conversationId);
      }
      case 'getConversationPagedMembers': {
        const roster = members(incoming.conversationId);
        if (!roster) return notFoundConversation(incoming.conversationId);
        const pageSize = incoming.query['pageSize'] !== undefined ? Number(incoming.query['pageSize']) : defaultPageSize;
        if (!Number.isInteger(pageSize) || pageSize < 1) return { status: 400, body: errorBody('BadArgument', `Invalid pageSize ${incoming.query['pageSize']}`) };
        const token = incoming.query['continuationToken'];
        const start = token === undefined || token === '' ? 0 : Number(/^page-(\d+)$/.exec(token)?.[1] ?? NaN);
        if (!Number.isInteger(start) || start > roster.length) return { status: 400, body: errorBody('BadArgument', `Invalid continuationToken ${token}`) };
        const end = start + pageSize;
        const page: { members: TeamsChannelAccount[]; continuationToken?: string } = { members: roster.slice(start, end) };
        if (end < roster.length) page.continuationToken = `page-${end}`;
        return { status: 200, body: page };
      }
      case 'getConversationMember': {
        const roster = members(incoming.conversationId);
        if (!roster) return notFoundConversation(incoming.conversationId);
        const member = roster.find((m) => m.id === incoming.memberId || m.aadObjectId === incoming.memberId);
        return member
          ? { status: 200, body: member }
          : { status: 404, body: errorBody('MemberNotFoundInConversation', `Member ${incoming.memberId ?? ''} not found.`) };
      }
      case 'deleteConversationMember': {
        const roster = members(incoming.conversationId);
        if (!roster) return notFoundConversation(incoming.conversationId);
        const index = roster.findIndex((m) => m.id === incoming.memberId || m.aadObjectId === incoming.memberId);
        if (index < 0) return { status: 404, body: errorBody('MemberNotFoundInConversation', `Member ${incoming.memberId ?? ''} not found.`) };
        roster.splice(index, 1);
        return { status: 200 };
      }
      case 'fetchChannelList': {
        const list = incoming.conversationId === undefined ? undefined : channels.get(incoming.conversationId);
        return list
          ? { status: 200, body: { conversations: list } }
          : { status: 404, body: errorBody('TeamNotFound', `Team ${incoming.conversationId ?? ''} not found (no channels configured).`) };
      }
      case 'fetchTeamDetails': {
        const details = incoming.conversationId === undefined ? undefined : teams.get(incoming.conversationId);
        return details
          ? { status: 200, body: details }
          : { status: 404, body: errorBody('TeamNotFound', `Team ${incoming.conversationId ?? ''} not found (no team details configured).`) };
      }
      case 'getMeetingParticipant': {
        // As Teams: the participant of that meeting in that tenant, else 404.
        const found = meetings.get(incoming.meetingId ?? '')?.find((p) => p.user?.aadObjectId === incoming.memberId);
        if (!found || incoming.query['tenantId'] !== found.user?.tenantId) {
          return { status: 404, body: errorBody('NotFound', `Participant ${incoming.memberId ?? ''} is not in meeting ${incoming.meetingId ?? ''}.`) };
        }
        return { status: 200, body: found };
      }
      case 'sendMeetingNotification': {
        if (!isRecord(body)) return { status: 400, body: errorBody('BadArgument', 'Body must be a JSON object.') };
        if (!meetings.has(incoming.meetingId ?? '')) return { status: 404, body: errorBody('NotFound', `Meeting ${incoming.meetingId ?? ''} not found.`) };
        return { status: 202 };
      }
      case 'unknown':
        return { status: 404, body: errorBody('NotFound', `Fake connector has no route for ${incoming.method} ${incoming.path}`) };
    }
  };

  const onRequest = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const time = Date.now();
    const thisSeq = ++seq;
    const method = (request.method ?? 'GET').toUpperCase();
    const [rawPath = '/', rawQuery = ''] = (request.url ?? '/').split('?', 2);
    const query: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(rawQuery)) query[key] = value;
    const allSegments = rawPath.split('/').filter((segment) => segment !== '');
    const prefixMatches = prefixSegments.every((segment, index) => allSegments[index] === segment);
    const segments = prefixMatches ? allSegments.slice(prefixSegments.length) : [];
    const path = prefixMatches ? `/${segments.join('/')}` : rawPath;
    const routed = prefixMatches ? route(method, segments) : { kind: 'unknown' as const };

    const text = await readBody(request);
    let body: unknown = undefined;
    let badJson = false;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        body = text;
        badJson = true;
      }
    }

    const incoming: IncomingConnectorRequest = { seq: thisSeq, method, path, query, ...routed, body, headers: request.headers, time };
    let outcome: Outcome;
    let throttled = false;
    let injected = false;
    let retryAfterSeconds: number | undefined;
    const limitedFor = checkRateLimit(incoming);
    const injectedStatus = limitedFor === undefined ? failNext?.(incoming) : undefined;
    if (limitedFor !== undefined) {
      throttled = true;
      retryAfterSeconds = limitedFor;
      outcome = { status: 429, body: errorBody('Throttled', 'Too many requests (fake connector rate limit).') };
    } else if (injectedStatus !== undefined) {
      injected = true;
      if (injectedStatus === 429) retryAfterSeconds = options.retryAfterSeconds ?? 1;
      outcome = { status: injectedStatus, body: errorBody('Injected', `Injected failure ${injectedStatus}.`) };
    } else if (badJson) {
      outcome = { status: 400, body: errorBody('BadSyntax', 'Body is not valid JSON.') };
    } else {
      outcome = handle(incoming);
    }

    const latency = typeof options.latencyMs === 'function' ? options.latencyMs(incoming) : options.latencyMs ?? 0;
    if (latency > 0) await delay(latency);

    const recorded: RecordedRequest = {
      ...incoming,
      status: outcome.status,
      throttled,
      injected,
      responseBody: outcome.body
    };
    if (retryAfterSeconds !== undefined) recorded.retryAfterSeconds = retryAfterSeconds;
    if (outcome.responseId !== undefined) recorded.responseId = outcome.responseId;
    requests.push(recorded);
    events.emit('request', recorded);

    const headers: Record<string, string> = { ...JSON_HEADERS, ...outcome.headers };
    if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
    response.writeHead(outcome.status, headers);
    response.end(outcome.body === undefined ? undefined : JSON.stringify(outcome.body));
  };

  const files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  const server: Server = createServer((request, response) => {
    const file = request.method === 'GET' ? /\/files\/([A-Za-z0-9._-]+)$/.exec(request.url ?? '')?.[1] : undefined;
    if (file !== undefined) {
      const served = files.get(file);
      response.writeHead(served ? 200 : 404, { 'content-type': served?.contentType ?? 'text/plain' });
      response.end(served ? Buffer.from(served.bytes) : 'not found');
      return;
    }
    onRequest(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, JSON_HEADERS);
      response.end(JSON.stringify(errorBody('FakeConnectorError', error instanceof Error ? error.message : String(error))));
    });
  });
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/${prefixSegments.map((s) => `${s}/`).join('')}`;

  const ok = (request: RecordedRequest): boolean => request.status >= 200 && request.status < 300;
  const sentRequests = (): RecordedRequest[] => requests.filter(isDeliveredSend);
  const sent = (): Partial<Activity>[] => sentRequests().map((r) => r.body as Partial<Activity>);

  const waitFor = (predicate: (request: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> => {
    const existing = requests.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const onRecorded = (request: RecordedRequest): void => {
        let matched: boolean;
        try {
          matched = predicate(request);
        } catch (error) {
          // A throwing predicate fails the wait, not the HTTP answer.
          clearTimeout(timer);
          events.off('request', onRecorded);
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (!matched) return;
        clearTimeout(timer);
        events.off('request', onRecorded);
        resolve(request);
      };
      const timer = setTimeout(() => {
        events.off('request', onRecorded);
        const seen = requests.map((r) => `  #${r.seq} ${r.method} ${r.path} -> ${r.status}${r.throttled ? ' (throttled)' : ''}`).join('\n');
        reject(new Error(`FakeConnector.waitFor timed out after ${timeoutMs} ms; recorded ${requests.length} request(s):\n${seen || '  (none)'}`));
      }, timeoutMs);
      events.on('request', onRecorded);
    });
  };

  const deliveredCountBy = (key: (activity: Partial<Activity>) => string): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const activity of sent()) {
      const k = key(activity);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return counts;
  };

  return {
    url,
    requests,
    sent,
    sentRequests,
    updated: () =>
      requests
        .filter((r) => r.kind === 'updateActivity' && ok(r))
        .map((r) => {
          const activity = r.body as Partial<Activity>;
          return activity.id === undefined && r.activityId !== undefined ? { ...activity, id: r.activityId } : activity;
        }),
    deleted: () =>
      requests
        .filter((r) => r.kind === 'deleteActivity' && ok(r))
        .map((r) => ({ conversationId: r.conversationId ?? '', activityId: r.activityId ?? '', request: r })),
    created: () =>
      requests
        .filter((r) => r.kind === 'createConversation' && ok(r))
        .map((r) => {
          const responseBody = r.responseBody as { id: string; activityId?: string };
          const created: CreatedConversation = { id: responseBody.id, parameters: r.body as Partial<ConversationParameters>, request: r };
          if (responseBody.activityId !== undefined) created.activityId = responseBody.activityId;
          return created;
        }),
    throttled: () => requests.filter((r) => r.throttled),
    waitFor,
    waitForSent: async (count, timeoutMs = 5000) => {
      if (sentRequests().length < count) {
        await waitFor(() => sentRequests().length >= count, timeoutMs);
      }
      return sent();
    },
    deliveredCountBy,
    duplicatesBy: (key) => [...deliveredCountBy(key)].filter(([, count]) => count > 1),
    serveFile: (name, bytes, contentType) => {
      files.set(name, { bytes, contentType });
      return `${url}files/${name}`;
    },
    setRoster: (conversationId, roster) => {
      if (roster) rosters.set(conversationId, [...roster]);
      else rosters.delete(conversationId);
    },
    setMeetingParticipants: (meetingId, participants) => {
      if (participants) meetings.set(meetingId, [...participants]);
      else meetings.delete(meetingId);
    },
    setChannels: (teamId, list) => {
      if (list) channels.set(teamId, [...list]);
      else channels.delete(teamId);
    },
    setFailNext: (hook) => {
      failNext = hook;
    },
    setRateLimit: (limit) => {
      rateLimit = limit;
      accepted.clear();
    },
    setTenantRateLimit: (tenantId, perSecond) => {
      rateLimit = { ...rateLimit, scope: 'tenant', tenantPerSecond: { ...rateLimit?.tenantPerSecond, [tenantId]: perSecond } };
    },
    reset: () => {
      requests.length = 0;
      accepted.clear();
      connections = 0;
    },
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve, reject) => {
        events.removeAllListeners();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })
  };
}
