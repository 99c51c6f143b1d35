import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response } from 'restify';
import { isDomainError } from '../domain/shared/errors';
import type { Logger } from '../log';
import { type MeetingHttpApi, registerMeetingRoutes } from './meeting-routes';

export interface HttpRoutes {
  /** POST /api/messages: the Bot Framework endpoint. */
  messages(req: Request, res: Response): Promise<void>;
  /** Readiness: resolves when dependencies (storage) answer. */
  ready(): Promise<void>;
  /**
   * GET /exports/{tenant}/{token}.csv: a survey export behind an unguessable, expiring link (the token
   * is the credential; docs/surveys.md). Throws `not_found` for an unknown or expired link.
   */
  exportCsv?(tenantId: string, token: string): Promise<{ filename: string; body: string }>;
  /**
   * GET /voice/{tenant}/{surveyId}?expires=…&sig=…: the printable easy-read page of "how your voice
   * changed things" behind a signed, expiring link (docs/two-way-loop.md). Throws `not_found` otherwise.
   */
  printablePage?(tenantId: string, surveyId: string, expires: string | null, sig: string | null): Promise<string>;
  /**
   * GET /files/{tenant}/{token}.{csv|html}: an audit or report file behind an unguessable, expiring link
   * (docs/audit-and-report.md). Throws `not_found` for an unknown or expired link.
   */
  reportFile?(tenantId: string, token: string): Promise<{ filename: string; contentType: 'text/csv' | 'text/html'; body: string }>;
  /** The meeting pages and their API (docs/meetings.md). */
  meeting?: MeetingHttpApi;
  /**
   * GET /photos/{tenant}/{survey}/{file}?expires=…&sig=…: a photo added to findings, behind a signed link
   * that expires in an hour (docs/findings.md). Throws `not_found` otherwise, or once it is deleted.
   */
  photo?(tenantId: string, name: string, expires: string | null, sig: string | null): Promise<{ bytes: Uint8Array; contentType: string }>;
}

/**
 * The HTTP surface: the bot endpoint and the platform's health probes. It knows nothing of Teams;
 * a malformed request gets a 4xx and the server keeps serving.
 */
export function createHttpServer(routes: HttpRoutes, log: Logger): restify.Server {
  const server = restify.createServer({ name: 'voiceloop', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1_000_000, mapParams: false, rejectUnknown: true }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
      res.send(400, { error: 'The body must be a Bot Framework activity (a JSON object).' });
      return;
    }
    try {
      await routes.messages(req, res);
    } catch (error) {
      log.error({ err: error }, 'request to /api/messages failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  server.get('/exports/:tenant/:file', async (req: Request, res: Response) => {
    const params = req.params as { tenant?: string; file?: string };
    const token = /^([A-Za-z0-9_-]{43})\.csv$/.exec(params.file ?? '')?.[1];
    if (!routes.exportCsv || !token || !params.tenant) {
      res.send(404, { error: 'Not found.' });
      return;
    }
    try {
      const { filename, body } = await routes.exportCsv(params.tenant, token);
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer'
      });
      res.end(`\uFEFF${body}`);
    } catch (error) {
      if (isDomainError(error) && (error.code === 'not_found' || error.code === 'invalid_input')) {
        res.send(404, { error: 'This download link has expired or does not exist.' });
        return;
      }
      log.error({ err: error }, 'export download failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  server.get('/voice/:tenant/:survey', async (req: Request, res: Response) => {
    const params = req.params as { tenant?: string; survey?: string };
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    if (!routes.printablePage || !params.tenant || !params.survey) {
      res.send(404, { error: 'Not found.' });
      return;
    }
    try {
      const html = await routes.printablePage(params.tenant, params.survey, query.get('expires'), query.get('sig'));
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-robots-tag': 'noindex, nofollow'
      });
      res.end(html);
    } catch (error) {
      if (isDomainError(error) && (error.code === 'not_found' || error.code === 'invalid_input')) {
        res.send(404, { error: 'This link has expired or does not exist.' });
        return;
      }
      log.error({ err: error }, 'printable page failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  server.get('/photos/:tenant/:survey/:file', async (req: Request, res: Response) => {
    const params = req.params as { tenant?: string; survey?: string; file?: string };
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    if (!routes.photo || !params.tenant || !params.survey || !params.file) {
      res.send(404, { error: 'Not found.' });
      return;
    }
    try {
      const { bytes, contentType } = await routes.photo(params.tenant, `${params.survey}/${params.file}`, query.get('expires'), query.get('sig'));
      res.writeHead(200, {
        'content-type': contentType === 'image/png' ? 'image/png' : 'image/jpeg',
        'content-length': String(bytes.byteLength),
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'",
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-robots-tag': 'noindex, nofollow'
      });
      res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (error) {
      if (isDomainError(error) && (error.code === 'not_found' || error.code === 'invalid_input')) {
        res.send(404, { error: 'This link has expired or the photo was deleted.' });
        return;
      }
      log.error({ err: error }, 'photo download failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  server.get('/files/:tenant/:file', async (req: Request, res: Response) => {
    const params = req.params as { tenant?: string; file?: string };
    const match = /^([A-Za-z0-9_-]{43})\.(csv|html)$/.exec(params.file ?? '');
    if (!routes.reportFile || !match || !params.tenant) {
      res.send(404, { error: 'Not found.' });
      return;
    }
    try {
      const { filename, contentType, body } = await routes.reportFile(params.tenant, match[1]!);
      const html = contentType === 'text/html';
      if (html !== (match[2] === 'html')) {
        res.send(404, { error: 'Not found.' });
        return;
      }
      res.writeHead(200, {
        'content-type': `${contentType}; charset=utf-8`,
        // The report opens in the browser to read and print; the CSV downloads.
        'content-disposition': `${html ? 'inline' : 'attachment'}; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        ...(html ? { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox" } : {})
      });
      res.end(html ? body : `\uFEFF${body}`);
    } catch (error) {
      if (isDomainError(error) && ['not_found', 'invalid_input', 'forbidden'].includes(error.code)) {
        res.send(404, { error: 'This download link has expired or does not exist.' });
        return;
      }
      log.error({ err: error }, 'report file download failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  if (routes.meeting) registerMeetingRoutes(server, routes.meeting, log);

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    try {
      await routes.ready();
      res.send(200, { status: 'ready' });
    } catch (error) {
      log.warn({ err: error }, 'readiness check failed');
      res.send(503, { status: 'not ready', reason: 'storage is not answering' });
    }
  });

  server.on('restifyError', (req: Request, _res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    log.info({ path: req.path(), status: error.statusCode, err: error.message }, 'request refused');
    callback();
  });
  return server;
}

/** Starts listening; resolves with the port taken (0 picks a free one) and the base URL. */
export async function listen(server: restify.Server, host: string, port: number): Promise<{ port: number; url: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const taken = (server.address() as AddressInfo).port;
  return { port: taken, url: `http://${host.includes(':') ? `[${host}]` : host}:${taken}` };
}
