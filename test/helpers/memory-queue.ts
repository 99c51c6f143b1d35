/** An in-memory DeliveryQueue whose visibility timeouts run on a ManualClock: quiet hours in virtual time. */
import type { Clock } from '../../src/domain/shared/clock';
import type { DeliveryQueue, QueuedTask } from '../../src/domain/delivery/ports';
import type { DeliveryTask } from '../../src/domain/delivery/delivery';

interface Stored {
  id: string;
  raw: string;
  visibleAt: number;
  dequeueCount: number;
  pop: number;
}

export class MemoryDeliveryQueue implements DeliveryQueue {
  readonly messages: Stored[] = [];
  readonly poisoned: { reason: string; raw: string }[] = [];
  private counter = 0;

  constructor(private readonly clock: Clock) {}

  async enqueue(tasks: DeliveryTask[]): Promise<void> {
    for (const t of tasks) this.push(JSON.stringify(t));
  }

  /** Adds a raw message (malformed ones too). */
  push(raw: string): void {
    this.messages.push({ id: `m${++this.counter}`, raw, visibleAt: 0, dequeueCount: 0, pop: 0 });
  }

  async receive(max: number, visibilitySeconds: number): Promise<QueuedTask[]> {
    const now = this.clock.now().getTime();
    const out: QueuedTask[] = [];
    for (const m of this.messages) {
      if (out.length >= max) break;
      if (m.visibleAt > now) continue;
      m.visibleAt = now + visibilitySeconds * 1000;
      m.dequeueCount++;
      m.pop++;
      out.push({ raw: m.raw, messageId: m.id, popReceipt: `${m.id}:${m.pop}`, dequeueCount: m.dequeueCount });
    }
    return out;
  }

  private find(task: QueuedTask): Stored | undefined {
    return this.messages.find((m) => m.id === task.messageId && `${m.id}:${m.pop}` === task.popReceipt);
  }

  async delete(task: QueuedTask): Promise<void> {
    const m = this.find(task);
    if (m) this.messages.splice(this.messages.indexOf(m), 1);
  }

  async delay(task: QueuedTask, seconds: number): Promise<QueuedTask> {
    const m = this.find(task);
    if (!m) return task;
    m.visibleAt = this.clock.now().getTime() + seconds * 1000;
    m.pop++;
    return { ...task, popReceipt: `${m.id}:${m.pop}` };
  }

  async depth(): Promise<number> {
    return this.messages.length;
  }

  async poison(task: QueuedTask, reason: string): Promise<void> {
    this.poisoned.push({ reason, raw: task.raw });
    const m = this.messages.find((x) => x.id === task.messageId);
    if (m) this.messages.splice(this.messages.indexOf(m), 1);
  }

  /** Messages not yet deleted (visible or not). */
  get size(): number {
    return this.messages.length;
  }

  /** The earliest time a waiting message becomes visible. */
  nextVisibleAt(): Date | undefined {
    const times = this.messages.map((m) => m.visibleAt).filter((t) => t > 0);
    return times.length ? new Date(Math.min(...times)) : undefined;
  }
}
