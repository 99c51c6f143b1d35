/**
 * The delivery queue on Azure Storage queues: one message per recipient; a poison queue beside it
 * for messages that are malformed, refer to a deleted job, or keep failing.
 */
import type { QueueClient } from '@azure/storage-queue';
import type { DeliveryQueue, QueuedTask } from '../../domain/delivery/ports';
import type { DeliveryTask } from '../../domain/delivery/delivery';
import { isNotFound, storageStatus } from '../shared/errors';

/** A vanished message or a stale pop receipt (another worker took it over): nothing to do. */
const isGone = (error: unknown): boolean => isNotFound(error) || storageStatus(error) === 400;

export class StorageDeliveryQueue implements DeliveryQueue {
  constructor(
    private readonly work: QueueClient,
    private readonly poisonQueue: QueueClient,
    /**
     * Parallel sends when enqueueing many (the queue API takes one message per call). Kept low: the
     * feeder shares its process with the sender, and a burst of replies to parse holds up the sends
     * that are due meanwhile, which then reach Teams bunched up (and are throttled).
     */
    private readonly enqueueConcurrency = 8
  ) {}

  async enqueue(tasks: DeliveryTask[]): Promise<void> {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < tasks.length) {
        const task = tasks[next++] as DeliveryTask;
        await this.work.sendMessage(JSON.stringify(task), { messageTimeToLive: -1 });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.enqueueConcurrency, tasks.length) }, lane));
  }

  async receive(max: number, visibilitySeconds: number): Promise<QueuedTask[]> {
    const response = await this.work.receiveMessages({ numberOfMessages: Math.min(32, Math.max(1, max)), visibilityTimeout: visibilitySeconds });
    return response.receivedMessageItems.map((m) => ({ raw: m.messageText, messageId: m.messageId, popReceipt: m.popReceipt, dequeueCount: m.dequeueCount }));
  }

  async delete(task: QueuedTask): Promise<void> {
    try {
      await this.work.deleteMessage(task.messageId, task.popReceipt);
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  }

  async delay(task: QueuedTask, seconds: number): Promise<QueuedTask> {
    try {
      const result = await this.work.updateMessage(task.messageId, task.popReceipt, undefined, Math.max(0, Math.round(seconds)));
      return { ...task, popReceipt: result.popReceipt ?? task.popReceipt };
    } catch (error) {
      if (!isGone(error)) throw error;
      return task;
    }
  }

  async depth(): Promise<number> {
    const props = await this.work.getProperties();
    return props.approximateMessagesCount ?? 0;
  }

  async poison(task: QueuedTask, reason: string): Promise<void> {
    await this.poisonQueue.sendMessage(JSON.stringify({ reason, dequeueCount: task.dequeueCount, raw: task.raw.slice(0, 30_000) }), { messageTimeToLive: -1 });
    await this.delete(task);
  }

  /** How many messages were set aside (approximate, as Azure reports it). */
  async poisonCount(): Promise<number> {
    const props = await this.poisonQueue.getProperties();
    return props.approximateMessagesCount ?? 0;
  }
}
