/**
 * The fake Bot Connector of the fan-out benches in a process of its own (not a bench itself).
 *
 * Teams is a remote service: its counting of requests per second does not wait for the bench's
 * bookkeeping. In the bench's own process, every 26–79 ms stall of that process (a GC of the bench's
 * heap, a page of records read back) delayed the requests that arrived meanwhile into the next second,
 * and that second read as over the limit although the sender had kept to it (docs/delivery.md, "Rerun
 * on 4 Dec"). Here the connector shares its event loop with nothing but itself, runs at a higher
 * scheduling priority when the OS allows, and hands the bench a compact ledger over IPC when asked.
 *
 * Parent side: {@link startConnectorProcess}. The limit it enforces is the same sliding window as in
 * the tests (test/helpers/fake-connector.ts); nothing about it is relaxed here.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { getPriority, setPriority } from 'node:os';
import { type FakeConnector, type RateLimitOptions, type RecordedRequest, isDeliveredSend, startFakeConnector, tenantOfRequest } from '../test/helpers/fake-connector';
import { type Stall, startStallProbe } from './stall-probe';

/** One request as the benches need it: when it arrived, what it was, what it was answered. */
export interface LedgerEntry {
  time: number;
  /** When the rate limiter counted it (after its body was read): the time its limit is enforced on. */
  countedAt?: number;
  conversationId?: string;
  kind: RecordedRequest['kind'];
  status: number;
  throttled: boolean;
  /** A delivered send (2xx sendToConversation / replyToActivity). */
  sent: boolean;
  /** The activity's recipient id (sends). */
  recipient: string;
  /** The request's tenant (channelData.tenant.id or conversation.tenantId). */
  tenantId: string;
}

type Request =
  | { type: 'reset' }
  | { type: 'setRateLimit'; rateLimit: RateLimitOptions | undefined }
  | { type: 'setTenantRateLimit'; tenantId: string; perSecond: number }
  /** Delivered sends so far, per tenant ('' for a request without one). */
  | { type: 'delivered' }
  | { type: 'ledger' }
  | { type: 'connections' }
  | { type: 'cpu' }
  | { type: 'stalls' }
  | { type: 'close' };

type Reply = { id: number; value?: unknown; error?: string };

/** The connector as the benches drive it from their own process. */
export interface ConnectorProcess {
  url: string;
  /** Printed by the bench: the scheduling priority the connector process got. */
  priority: string;
  reset(): Promise<void>;
  setRateLimit(rateLimit: RateLimitOptions | undefined): Promise<void>;
  setTenantRateLimit(tenantId: string, perSecond: number): Promise<void>;
  /** Delivered sends so far, per tenant. */
  delivered(): Promise<Record<string, number>>;
  /** Every request since the last reset, in arrival order. */
  ledger(): Promise<LedgerEntry[]>;
  connections(): Promise<number>;
  /** CPU milliseconds the connector process has used. */
  cpuMs(): Promise<number>;
  /** When the connector's event loop ran late (> 30 ms), since the start. */
  stalls(): Promise<Stall[]>;
  close(): Promise<void>;
}

/** Child side: start the connector, answer the parent's requests until `close`. */
async function serve(rateLimit: RateLimitOptions | undefined): Promise<void> {
  let priority: string;
  try {
    setPriority(-10);
    priority = `connector process at nice ${getPriority()}`;
  } catch {
    priority = 'connector process at normal priority (not allowed to raise it)';
  }
  const probe = startStallProbe();
  const connector: FakeConnector = await startFakeConnector({ rateLimit });
  // Counted from where the last count stopped, so the bench's once-a-second progress question stays cheap.
  let delivered: Record<string, number> = {};
  let counted = 0;
  const countNew = (): Record<string, number> => {
    for (; counted < connector.requests.length; counted++) {
      const r = connector.requests[counted] as RecordedRequest;
      if (!isDeliveredSend(r)) continue;
      const tenantId = tenantOfRequest(r.body);
      delivered[tenantId] = (delivered[tenantId] ?? 0) + 1;
    }
    return delivered;
  };
  const answer = async (request: Request): Promise<unknown> => {
    switch (request.type) {
      case 'reset':
        connector.reset();
        delivered = {};
        counted = 0;
        return undefined;
      case 'setRateLimit':
        connector.setRateLimit(request.rateLimit);
        return undefined;
      case 'setTenantRateLimit':
        connector.setTenantRateLimit(request.tenantId, request.perSecond);
        return undefined;
      case 'delivered':
        return countNew();
      case 'ledger':
        return connector.requests.map<LedgerEntry>((r) => ({
          time: r.time,
          countedAt: r.countedAt,
          conversationId: r.conversationId,
          kind: r.kind,
          status: r.status,
          throttled: r.throttled,
          sent: isDeliveredSend(r),
          recipient: (r.body as { recipient?: { id?: string } } | undefined)?.recipient?.id ?? '',
          tenantId: tenantOfRequest(r.body)
        }));
      case 'connections':
        return connector.connections();
      case 'cpu': {
        const usage = process.cpuUsage();
        return (usage.user + usage.system) / 1000;
      }
      case 'stalls':
        return probe.stalls;
      case 'close':
        probe.stop();
        await connector.close();
        return undefined;
    }
  };
  process.on('message', (message: { id: number; request: Request }) => {
    void answer(message.request).then(
      (value) => {
        process.send?.({ id: message.id, value } satisfies Reply);
        if (message.request.type === 'close') process.disconnect();
      },
      (error: unknown) => process.send?.({ id: message.id, error: String(error) } satisfies Reply)
    );
  });
  process.send?.({ id: 0, value: { url: connector.url, priority } } satisfies Reply);
}

/** Parent side: fork the connector process and wait until it listens. */
export async function startConnectorProcess(rateLimit: RateLimitOptions | undefined): Promise<ConnectorProcess> {
  const child: ChildProcess = fork(__filename, ['serve'], {
    env: { ...process.env, BENCH_CONNECTOR_RATE_LIMIT: JSON.stringify(rateLimit ?? null) },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const ready = new Promise<{ url: string; priority: string }>((resolve, reject) => {
    pending.set(0, { resolve: (v) => resolve(v as { url: string; priority: string }), reject });
  });
  child.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.error !== undefined) waiting.reject(new Error(`connector process: ${reply.error}`));
    else waiting.resolve(reply.value);
  });
  child.once('exit', (code) => {
    for (const waiting of pending.values()) waiting.reject(new Error(`connector process exited (${code})`));
    pending.clear();
  });
  const ask = <T>(request: Request): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: (v) => resolve(v as T), reject });
      child.send({ id, request });
    });
  const { url, priority } = await ready;
  return {
    url,
    priority,
    reset: () => ask({ type: 'reset' }),
    setRateLimit: (limit) => ask({ type: 'setRateLimit', rateLimit: limit }),
    setTenantRateLimit: (tenantId, perSecond) => ask({ type: 'setTenantRateLimit', tenantId, perSecond }),
    delivered: () => ask({ type: 'delivered' }),
    ledger: () => ask({ type: 'ledger' }),
    connections: () => ask({ type: 'connections' }),
    cpuMs: () => ask({ type: 'cpu' }),
    stalls: () => ask({ type: 'stalls' }),
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask({ type: 'close' });
      await exited;
    }
  };
}

if (process.argv[2] === 'serve') {
  serve(JSON.parse(process.env.BENCH_CONNECTOR_RATE_LIMIT ?? 'null') as RateLimitOptions | undefined ?? undefined).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
