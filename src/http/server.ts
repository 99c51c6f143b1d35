import restify, { type Request, type Response } from 'restify';
import type { Logger } from '../log';

export interface HttpRoutes {
  /** POST /api/messages: the Bot Framework endpoint. */
  messages(req: Request, res: Response): Promise<void>;
  /** Readiness: resolves when dependencies (storage) answer. */
  ready(): Promise<void>;
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
