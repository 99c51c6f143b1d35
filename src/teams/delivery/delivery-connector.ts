/**
 * A thin Bot Connector REST client for delivery at scale. botbuilder's ConnectorClient retries 429
 * and 5xx by itself (up to 3 times, per call); delivery must see every attempt to keep the whole
 * sender under Teams' limits and to know exactly what may have reached a person, so every call here
 * is one HTTP request, and its outcome is classified for the caller (src/domain/delivery/delivery-worker.ts).
 */
import http from 'node:http';
import https from 'node:https';
import type * as BotFrameworkConnector from 'botframework-connector';
import type { BotCredentials } from '../../config';
import type { StoredConversation } from '../../domain/shared/conversation';
import type { ConnectorResult, DeliveryConnector } from '../../domain/delivery/ports';
import type { OutboundMessage, Reach, Recipient } from '../../domain/delivery/delivery';

/** Bearer token for the Bot Connector; undefined in local mode (no credentials, loopback only). */
export type TokenProvider = () => Promise<string | undefined>;

const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';

/**
 * Tokens from the bot's own credentials (secret or user-assigned managed identity); cached by
 * botframework-connector, which is loaded on the first token asked for rather than at import (about
 * 0.3 s): a sender that needs no token (locally, the benches) never loads it. (The app's own process
 * loads it with botbuilder anyway.)
 */
export function tokenProviderFor(bot: BotCredentials | undefined): TokenProvider {
  if (!bot) return () => Promise.resolve(undefined);
  let credentials: { getToken(): Promise<string> } | undefined;
  return () => {
    if (!credentials) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const c = require('botframework-connector') as typeof BotFrameworkConnector;
      credentials =
        bot.appType === 'UserAssignedMSI'
          ? new c.ManagedIdentityAppCredentials(bot.appId, BOT_FRAMEWORK_SCOPE, new c.JwtTokenProviderFactory())
          : new c.MicrosoftAppCredentials(bot.appId, bot.password ?? '', bot.appType === 'SingleTenant' ? bot.tenantId : undefined, BOT_FRAMEWORK_SCOPE);
    }
    return credentials.getToken();
  };
}

/** `Retry-After` in seconds or as an HTTP date → milliseconds. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const join = (serviceUrl: string, path: string): string => `${serviceUrl.replace(/\/+$/, '')}/${path}`;

/** Network failures where the request certainly never reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Keep-alive agents. Node drops an idle socket a second before the server's `Keep-Alive: timeout`
 * hint (and after 4 s without one), so a POST is not written onto a connection the server is closing:
 * that race would make a send "in doubt" for nothing. Sockets are reused oldest first (`fifo`), so
 * every connection of the pool stays in use at 50 sends a second: reusing the newest first (Node's
 * default) left the rest idle until they timed out, and the next burst opened new ones (45 in a
 * 10,000 fan-out against 7), each request on a new connection leaving late (a TLS handshake to Teams)
 * and arriving bunched with the next — a 429 at a limit the sender kept to.
 */
const AGENTS = {
  'http:': new http.Agent({ keepAlive: true, timeout: 4000, maxSockets: 64, scheduling: 'fifo' }),
  'https:': new https.Agent({ keepAlive: true, timeout: 4000, maxSockets: 64, scheduling: 'fifo' })
};

interface RawResponse {
  status: number;
  retryAfter: string | null;
  text: string;
}

/** One HTTP request, no retries. Rejects with the socket error when no response arrived. */
function send(method: string, url: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number, written?: () => void): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const lib = target.protocol === 'https:' ? https : http;
    const req = lib.request(target, { method, headers, agent: AGENTS[target.protocol as 'http:' | 'https:'], timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const retryAfter = res.headers['retry-after'];
        resolve({ status: res.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : null, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    // The request is on the wire (on a new connection only once it is open): see SendTicket.left.
    if (written) req.once('finish', written);
    req.end(body);
  });
}

export interface BotConnectorClientOptions {
  token?: TokenProvider;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
}

export class BotConnectorClient implements DeliveryConnector {
  private readonly token: TokenProvider;
  private readonly timeoutMs: number;

  constructor(options: BotConnectorClientOptions = {}) {
    this.token = options.token ?? (() => Promise.resolve(undefined));
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  send(conversation: StoredConversation, message: OutboundMessage, written?: () => void): Promise<ConnectorResult<{ activityId: string }>> {
    const url = join(conversation.serviceUrl, `v3/conversations/${encodeURIComponent(conversation.conversationId)}/activities`);
    return this.call('POST', url, activityOf(conversation, message), (body) => ({ activityId: String((body as { id?: unknown }).id ?? '') }), written);
  }

  update(conversation: StoredConversation, activityId: string, message: OutboundMessage): Promise<ConnectorResult<{ activityId: string }>> {
    const path = `v3/conversations/${encodeURIComponent(conversation.conversationId)}/activities/${encodeURIComponent(activityId)}`;
    return this.call('PUT', join(conversation.serviceUrl, path), { ...activityOf(conversation, message), id: activityId }, () => ({ activityId }));
  }

  createPersonal(reach: Reach, tenantId: string, userId: string): Promise<ConnectorResult<{ conversationId: string }>> {
    const body = {
      isGroup: false,
      bot: { id: reach.botId },
      members: [{ id: userId }],
      tenantId,
      channelData: { tenant: { id: tenantId } }
    };
    return this.call('POST', join(reach.serviceUrl, 'v3/conversations'), body, (answer) => ({ conversationId: String((answer as { id?: unknown }).id ?? '') }));
  }

  members(serviceUrl: string, conversationId: string, continuationToken?: string): Promise<ConnectorResult<{ members: Recipient[]; continuationToken?: string }>> {
    const query = new URLSearchParams({ pageSize: '200' });
    if (continuationToken) query.set('continuationToken', continuationToken);
    return this.call('GET', join(serviceUrl, `v3/conversations/${encodeURIComponent(conversationId)}/pagedmembers?${query.toString()}`), undefined, (body) => {
      const page = body as { members?: { id?: string; aadObjectId?: string; name?: string }[]; continuationToken?: string };
      return {
        members: (page.members ?? [])
          .filter((m) => typeof m.id === 'string' && m.id.length > 0)
          .map((m) => ({ personKey: m.aadObjectId || (m.id as string), userId: m.id, name: m.name })),
        continuationToken: page.continuationToken || undefined
      };
    });
  }

  private async call<T>(method: string, url: string, body: unknown, read: (body: unknown) => T, written?: () => void): Promise<ConnectorResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    let token: string | undefined;
    try {
      token = await this.token();
    } catch (error) {
      return { ok: false, status: 0, notDelivered: true, retryable: true, message: `no token: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (token) headers.authorization = `Bearer ${token}`;
    let response: RawResponse;
    try {
      response = await send(method, url, headers, body === undefined ? undefined : JSON.stringify(body), this.timeoutMs, written);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const notDelivered = typeof code === 'string' && NOT_SENT_CODES.has(code);
      return { ok: false, status: 0, notDelivered, retryable: true, message: `network: ${typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)}` };
    }
    const text = response.text;
    if (response.status >= 200 && response.status < 300) {
      let parsed: unknown = {};
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        parsed = {};
      }
      return { ok: true, value: read(parsed) };
    }
    const status = response.status;
    // Teams' guidance: 429 → wait Retry-After; 412, 502, 503, 504 → transient, retry with backoff.
    // They mean the message was not accepted, so a retry is not a second message.
    const retryable = status === 429 || status === 412 || status === 500 || status === 502 || status === 503 || status === 504;
    return {
      ok: false,
      status,
      retryAfterMs: retryAfterMs(response.retryAfter),
      notDelivered: true,
      retryable,
      message: text.slice(0, 300)
    };
  }
}

function activityOf(conversation: StoredConversation, message: OutboundMessage): Record<string, unknown> {
  const activity: Record<string, unknown> = {
    type: 'message',
    from: { id: conversation.botId, name: conversation.botName ?? 'VoiceLoop' },
    conversation: { id: conversation.conversationId, conversationType: conversation.conversationType, tenantId: conversation.tenantId },
    recipient: conversation.userId ? { id: conversation.userId } : undefined,
    channelData: { tenant: { id: conversation.tenantId } }
  };
  if (message.text) activity.text = message.text;
  if (message.summary) activity.summary = message.summary;
  if (message.card) activity.attachments = [{ contentType: 'application/vnd.microsoft.card.adaptive', content: message.card }];
  return activity;
}
