/**
 * Teams' per-conversation limits for a bot (7 messages a second, 60 per 30 seconds, 1,800 per hour),
 * kept per conversation by the one sender that holds the tenant's lease (docs/delivery.md): a 1:1
 * round sends each chat one message, so these only bind a chat sent to again and again (progress
 * cards, a test round to oneself). A send that would break a window waits, instead of earning a 429
 * that would pause the whole tenant.
 */
export interface ConversationWindow {
  max: number;
  windowMs: number;
}

/** Teams' published per-conversation (per-thread) limits for a bot. */
export const CONVERSATION_LIMITS: readonly ConversationWindow[] = [
  { max: 7, windowMs: 1000 },
  { max: 60, windowMs: 30_000 },
  { max: 1800, windowMs: 3_600_000 }
];

export class ConversationPacer {
  private readonly sent = new Map<string, number[]>();
  private readonly longest: number;

  constructor(
    private readonly now: () => number,
    private readonly windows: readonly ConversationWindow[] = CONVERSATION_LIMITS,
    /** Conversations remembered before the oldest quiet ones are forgotten. */
    private readonly capacity = 50_000
  ) {
    this.longest = Math.max(...windows.map((w) => w.windowMs));
  }

  /**
   * 0 and the send is counted when it fits every window now; otherwise how many ms until it would
   * (nothing counted: ask again then).
   */
  take(conversationId: string): number {
    const now = this.now();
    const times = (this.sent.get(conversationId) ?? []).filter((t) => t > now - this.longest);
    let waitMs = 0;
    for (const w of this.windows) {
      const inWindow = times.filter((t) => t > now - w.windowMs);
      if (inWindow.length >= w.max) {
        const blocking = inWindow[inWindow.length - w.max] as number;
        waitMs = Math.max(waitMs, blocking + w.windowMs - now);
      }
    }
    if (waitMs > 0) {
      this.sent.set(conversationId, times);
      return waitMs;
    }
    times.push(now);
    this.sent.delete(conversationId);
    this.sent.set(conversationId, times); // most recent last: the oldest quiet ones are first to go
    if (this.sent.size > this.capacity) this.forget(now);
    return 0;
  }

  /**
   * A place taken by `take` whose message was not sent after all (its claim was lost: the copy it was
   * decided from had gone stale, and it is decided again, taking a place again): the latest send counted
   * for the chat is forgotten, so one message is never counted twice.
   */
  giveBack(conversationId: string): void {
    this.sent.get(conversationId)?.pop();
  }

  private forget(now: number): void {
    for (const [id, times] of this.sent) {
      if (this.sent.size <= this.capacity * 0.9) break;
      if ((times[times.length - 1] ?? 0) <= now - this.longest || this.sent.size > this.capacity) this.sent.delete(id);
    }
  }
}
