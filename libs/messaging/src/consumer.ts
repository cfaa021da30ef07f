import { Logger } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope } from '@pk/contracts';
import { closeWorker } from './close-worker';
import { workerConnection } from './redis';

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
  private readonly logger: Logger;
  private worker: Worker | null = null;
  private connection: IORedis | null = null;

  constructor(private readonly opts: ConsumerOptions) {
    this.logger = new Logger(`EventConsumer:${opts.consumer}`);
  }

  start(): Worker {
    const { queue, prefix, redisUrl, concurrency, lockDurationMs, stalledIntervalMs } = this.opts;
    this.connection = workerConnection(redisUrl);
    this.worker = new Worker(queue, (job: Job<EventEnvelope>) => this.apply(job.data), {
      connection: this.connection,
      prefix,
      concurrency: concurrency ?? 4,
      lockDuration: lockDurationMs ?? 30_000,
      stalledInterval: stalledIntervalMs ?? 30_000,
      maxStalledCount: 5,
    });
    this.worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
    this.worker.on('failed', (job, error) => this.logger.error(`event ${job?.data?.name} ${job?.id} failed: ${error.message}`));
    return this.worker;
  }

  /** Waits for jobs in hand, within a deadline (see closeWorker). */
  async stop(deadlineMs = 10_000): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await closeWorker(worker, deadlineMs);
    // BullMQ does not close a connection it was handed.
    this.connection?.disconnect();
    this.connection = null;
  }

  /** Returns false when the event had already been applied. */
  async apply(event: EventEnvelope): Promise<boolean> {
    const { dataSource, schema, consumer, handle } = this.opts;
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
}
