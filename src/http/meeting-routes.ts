/**
 * The meeting pages and their API (docs/meetings.md): `/meeting/panel` and `/meeting/stage` (HTML and
 * the bundle from `npm run build:pages`), and `/api/meeting/*`, each call scoped to a tenant and a
 * meeting chat and made as the person a Teams SSO token names (local mode: the local user).
 * 401: no valid token; 403: another tenant or meeting, or not allowed; 404/409: no such session now.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { type DomainErrorCode, isDomainError } from '../domain/shared/errors';
import type { Logger } from '../log';
import { SsoError } from './sso';

/** Who calls, and from which meeting: from the page's Teams context (local mode: from /api/meeting/local). */
export interface MeetingCaller {
  authorization?: string;
  tenantId: string;
  conversationId: string;
  meetingId?: string;
  /** The session the page was showing (its end is shown once it is over). */
  sessionId?: string;
  /** Local mode only: answer as someone else than the person running the session. */
  localUser?: string;
}

export interface MeetingHttpApi {
  auth: { kind: 'sso'; clientId: string; resource: string } | { kind: 'local' | 'off' };
  pagesDir: string;
  summary(caller: MeetingCaller): Promise<unknown>;
  panel(caller: MeetingCaller): Promise<unknown>;
  stage(caller: MeetingCaller): Promise<unknown>;
  answer(caller: MeetingCaller, body: Record<string, unknown>): Promise<unknown>;
  act(caller: MeetingCaller, body: Record<string, unknown>): Promise<unknown>;
  local(): Promise<{ tenantId: string; conversationId: string } | undefined>;
}

const STATUS: Record<DomainErrorCode, number> = { invalid_input: 400, not_found: 404, forbidden: 403, closed: 409, conflict: 409, unsupported: 503 };
const PAGES = new Set(['panel', 'stage']);
const ASSET = /^[a-z-]+\.(js|css)$/;
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', html: 'text/html; charset=utf-8' };
/** Teams hosts the pages in a frame; nothing else may. */
const FRAME_ANCESTORS = "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.microsoft365.com https://*.office.com https://*.cloud.microsoft";

const text = (value: unknown, max: number): string | undefined => (typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined);

function callerOf(req: Request, source: Record<string, unknown>): MeetingCaller {
  const tenantId = text(source.tenant, 64);
  const conversationId = text(source.chat, 300);
  if (!tenantId || !conversationId) throw new RequestError(400, 'The request must say its tenant and meeting chat.');
  return {
    authorization: req.headers.authorization,
    tenantId: tenantId.toLowerCase(),
    conversationId,
    meetingId: text(source.meeting, 500),
    sessionId: text(source.session ?? source.sessionId, 64),
    localUser: text(source.as, 60)
  };
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

export function registerMeetingRoutes(server: Server, api: MeetingHttpApi, log: Logger): void {
  const send = (res: Response, status: number, body: unknown): void => {
    res.setHeader('cache-control', 'no-store');
    res.send(status, body);
  };
  const handle =
    (work: (req: Request) => Promise<unknown>) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        send(res, 200, await work(req));
      } catch (error) {
        if (error instanceof SsoError) {
          log.info({ reason: error.reason, path: req.path() }, 'meeting page: sign-in refused');
          send(res, 401, { error: 'Please sign in again.' });
          return;
        }
        if (error instanceof RequestError) return send(res, error.status, { error: error.message });
        if (isDomainError(error)) return send(res, STATUS[error.code], { error: error.message, code: error.code });
        log.error({ err: error, path: req.path() }, 'meeting page request failed');
        if (!res.headersSent) send(res, 500, { error: 'Sorry, something went wrong. Please try again.' });
      }
    };
  const query = (req: Request): Record<string, unknown> => Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
  const body = (req: Request): Record<string, unknown> => {
    if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) throw new RequestError(400, 'The body must be a JSON object.');
    return req.body as Record<string, unknown>;
  };

  server.get('/api/meeting/config', handle(async () => ({ auth: api.auth })));
  server.get('/api/meeting/local', handle(async () => {
    if (api.auth.kind !== 'local') throw new RequestError(404, 'Not found.');
    return { session: (await api.local()) ?? null };
  }));
  server.get('/api/meeting/summary', handle((req) => api.summary(callerOf(req, query(req)))));
  server.get('/api/meeting/panel', handle((req) => api.panel(callerOf(req, query(req)))));
  server.get('/api/meeting/stage', handle((req) => api.stage(callerOf(req, query(req)))));
  server.post('/api/meeting/answer', handle((req) => api.answer(callerOf(req, body(req)), body(req))));
  server.post('/api/meeting/action', handle((req) => api.act(callerOf(req, body(req)), body(req))));

  const serve = async (res: Response, file: string, type: string): Promise<void> => {
    let content: Buffer;
    try {
      content = await readFile(path.join(api.pagesDir, file));
    } catch {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The meeting pages are not built. Run: npm run build:pages');
      return;
    }
    res.writeHead(200, {
      'content-type': type,
      'cache-control': type.startsWith('text/html') ? 'no-cache' : 'public, max-age=300',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; ${FRAME_ANCESTORS}`
    });
    res.end(content);
  };
  server.get('/meeting/:page', async (req: Request, res: Response) => {
    const page = (req.params as { page?: string }).page ?? '';
    if (!PAGES.has(page)) return send(res, 404, { error: 'Not found.' });
    await serve(res, `${page}.html`, TYPES.html!);
  });
  server.get('/meeting/assets/:file', async (req: Request, res: Response) => {
    const file = (req.params as { file?: string }).file ?? '';
    const match = ASSET.exec(file);
    if (!match) return send(res, 404, { error: 'Not found.' });
    await serve(res, file, TYPES[match[1]!]!);
  });
}
