/**
 * The baseline the benchmarks measure against: a bare teams-ai Application on the same adapter and
 * HTTP stack as VoiceLoop (restify, same body parser), whose routes do no storage at all.
 */
import type { AddressInfo } from 'node:net';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import restify from 'restify';

export async function startBareBot(routes: (app: Application<TurnState>) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const adapter = new TeamsAdapter({} as never);
  const app = new Application<TurnState>({ adapter, removeRecipientMention: true, startTypingTimer: false, longRunningMessages: false });
  routes(app);
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ maxBodySize: 1_000_000, mapParams: false, rejectUnknown: true }));
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, async (context) => {
      await app.run(context);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}
