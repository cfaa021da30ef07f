import { Worker } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope } from '@pk/contracts';
import { QueueWorker, QueueWorkerOptions } from './queue-worker';

export type EventHandler = (event: EventEnvelope, tx: EntityManager) => Promise<void>;

export interface ConsumerOptions {
  queue: string;
  consumer: string;
  schema: string;
  dataSource: DataSource;
  redisUrl: string;
  prefix: string;
  handle: EventHandler;
  concurrency?: number;
  /** How long a job stays locked to a worker that stopped answering before it is redelivered. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

/**
 * Applies each event at most once per consumer, however often it is delivered: the inbox row
 * and the handler's writes commit in one transaction. A worker that dies mid-job leaves no inbox
 * row, BullMQ hands the stalled job to another worker, and it is applied then.
 */
export class EventConsumer {
  private readonly worker: QueueWorker<EventJob>;

  constructor(private readonly opts: ConsumerOptions) {
    const { queue, prefix, redisUrl, concurrency, lockDurationMs, stalledIntervalMs } = opts;
    this.worker = new QueueWorker<EventJob>({
      ...eventWorkerOptions(concurrency),
      ...(lockDurationMs ? { lockDurationMs } : {}),
      ...(stalledIntervalMs ? { stalledIntervalMs } : {}),
      queue,
      redisUrl,
      prefix,
      process: (job) => this.apply(job.data),
      describe: describeEvent,
    });
  }

  start(): Worker {
    return this.worker.start();
  }

  /** Waits for jobs in hand, within a deadline (see closeWorker). */
  stop(deadlineMs = 10_000): Promise<void> {
    return this.worker.stop(deadlineMs);
  }

  /** Returns false when the event had already been applied. */
  apply(event: EventEnvelope): Promise<boolean> {
    return applyOnce(this.opts, event);
  }
}

/** An event queue's job: one event. */
export type EventJob = { name: string; data: EventEnvelope };

/** How every event queue's worker runs: four at a time, a stalled job redelivered after 30 s. */
export const eventWorkerOptions = (concurrency = 4): QueueWorkerOptions => ({
  concurrency,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 5,
});

export const describeEvent = (job: EventJob & { id?: string }): string => `event ${job.data?.name} ${job.id}`;

/** Applies `event` with its inbox row in one transaction; false when this consumer already had. */
export async function applyOnce(
  opts: Pick<ConsumerOptions, 'dataSource' | 'schema' | 'consumer' | 'handle'>,
  event: EventEnvelope,
): Promise<boolean> {
  const { dataSource, schema, consumer, handle } = opts;
  return dataSource.transaction(async (tx) => {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO "${schema}".inbox (consumer, event_id, event_name) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [consumer, event.id, event.name],
    );
    if (inserted.length === 0) return false;
    await handle(event, tx);
    return true;
  });
}
