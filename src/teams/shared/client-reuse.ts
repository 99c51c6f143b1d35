/**
 * One Bot Connector client per bot, service URL and audience, instead of one per request.
 *
 * botbuilder's CloudAdapter builds a new ConnectorClient and a new UserTokenClient for every activity
 * it receives (about 0.15 ms of CPU together, measured in bench/survey.bench.ts: a tenth of what a
 * young person's answer costs the bot), even for an invoke answered in its own HTTP response that
 * never uses them. Both are stateless HTTP clients holding the bot's credentials (which fetch and
 * renew their own tokens), so they are built once per (bot app id, service URL, audience) and shared.
 * Authentication itself is untouched: every request is still validated before anything is reused,
 * and the key carries the bot the request was addressed to (as botbuilder picks it for these clients).
 */
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { AuthenticationConstants, type BotFrameworkAuthentication, type ClaimsIdentity, type ConnectorClient, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';

/** Distinct (bot, service URL, audience) a process keeps clients for; past it, the cache starts again. */
const MAX_CLIENTS = 200;

/** The bot the clients act as, found as botbuilder finds it: the audience (from a channel), else the app id claim. */
const botOf = (identity: ClaimsIdentity): string =>
  identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';

export function reuseConnectorClients(adapter: TeamsAdapter): void {
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
  const connectors = new Map<string, Promise<ConnectorClient>>();
  const tokenClients = new Map<string, Promise<UserTokenClient>>();
  const cached = <T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> => {
    let client = cache.get(key);
    if (!client) {
      if (cache.size >= MAX_CLIENTS) cache.clear();
      client = make();
      cache.set(key, client);
      // A failure is not kept: the next request tries again.
      client.catch(() => cache.delete(key));
    }
    return client;
  };

  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticate(activity, authHeader);
    const factory = result.connectorFactory;
    if (!factory) return result;
    const appId = botOf(result.claimsIdentity);
    const shared: Pick<ConnectorFactory, 'create'> = {
      create: (serviceUrl: string, audience?: string) => cached(connectors, `${appId}\n${serviceUrl}\n${audience ?? ''}`, () => factory.create(serviceUrl, audience))
    };
    return { ...result, connectorFactory: shared as ConnectorFactory };
  };

  const createUserTokenClient = auth.createUserTokenClient.bind(auth);
  auth.createUserTokenClient = (claimsIdentity) =>
    cached(tokenClients, botOf(claimsIdentity), () => createUserTokenClient(claimsIdentity));
}
