import { Logger } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EventEnvelope, SubscriptionTable, subscribersOf } from '@pk/contracts';
import { producerConnection } from './redis';

export interface RelayOptions {
  dataSource: DataSource;
  databaseUrl: string;
  schema: string;
  redisUrl: string;
  prefix: string;
  subscriptions: SubscriptionTable;
  batchSize?: number;
  pollMs?: number;
  maxBackoffMs?: number;
}

interface OutboxRow {
  id: string;
  name: string;
  payload: unknown;
  occurred_at: Date;
  attempts: number;
}

/** How a subscriber's queue keeps event jobs: retried with backoff, failures kept for admins. */
export const EVENT_JOB_OPTIONS: JobsOptions = {
  attempts: 20,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: false,
};

/**
 * Moves outbox rows into one BullMQ queue per subscriber. Rows are claimed with SKIP LOCKED, so
 * replicas share the work; a row is marked published only after every queue took it, and while
 * Redis is down rows simply wait (with backoff) and go out when it returns. The job id is the
 * event id, so a row sent twice (a crash between add and commit) is still one job.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private readonly redis: IORedis;
  private readonly queues = new Map<string, Queue>();
  private listener: Client | null = null;
  private running = false;
  private wake: (() => void) | null = null;
  private woken = false;
  private listening: Promise<void> | null = null;
  private loop: Promise<void> | null = null;
  private failures = 0;

  constructor(private readonly opts: RelayOptions) {
    this.logger = new Logger(`OutboxRelay:${opts.schema}`);
    this.redis = producerConnection(opts.redisUrl);
    this.redis.on('error', () => undefined); // reported per batch below, not per reconnect attempt
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.listening = this.listen();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listening;
    await this.listener?.end().catch(() => undefined);
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.redis.disconnect();
  }

  /** Publishes what is pending now; returns how many rows went out. Used by the loop and tests. */
  async flush(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.publishBatch();
      total += sent;
      if (sent < (this.opts.batchSize ?? 100)) return total;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let delay = this.opts.pollMs ?? 1000;
      this.woken = false;
      try {
        await this.flush();
        this.failures = 0;
        if (this.woken) continue;
      } catch (error) {
        this.failures += 1;
        delay = Math.min(200 * 2 ** this.failures, this.opts.maxBackoffMs ?? 2000);
        if (this.failures === 1 || this.failures % 10 === 0) {
          this.logger.warn(`outbox relay waiting for Redis (${(error as Error).message}); retry in ${delay} ms`);
        }
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async publishBatch(): Promise<number> {
    const { dataSource, schema } = this.opts;
    // A failed publish is recorded in the same transaction and thrown after it commits: thrown
    // inside, it would roll the bookkeeping back with it.
    let failure = null as Error | null;
    const sent = await dataSource.transaction(async (tx) => {
      const rows: OutboxRow[] = await tx.query(
        `SELECT id, name, payload, occurred_at, attempts FROM "${schema}".outbox
         WHERE published_at IS NULL AND next_attempt_at <= now()
         ORDER BY occurred_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.opts.batchSize ?? 100],
      );
      if (rows.length === 0) return 0;
      const ids = rows.map((row) => row.id);
      try {
        await this.publish(rows);
      } catch (error) {
        // Nothing is marked published: the whole batch goes again later, and job ids keep
        // whatever did reach a queue from being added twice.
        await tx.query(
          `UPDATE "${schema}".outbox SET attempts = attempts + 1, last_error = $2,
             next_attempt_at = now() + least(interval '250 milliseconds' * power(2, attempts), interval '2 seconds')
           WHERE id = ANY($1::uuid[])`,
          [ids, (error as Error).message.slice(0, 500)],
        );
        failure = error as Error;
        return 0;
      }
      await tx.query(`UPDATE "${schema}".outbox SET published_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
      return rows.length;
    });
    if (failure) throw failure;
    return sent;
  }

  /** One addBulk per subscriber queue for the whole batch. */
  private async publish(rows: OutboxRow[]): Promise<void> {
    const byQueue = new Map<string, Array<{ name: string; data: EventEnvelope; opts: JobsOptions }>>();
    for (const row of rows) {
      const envelope: EventEnvelope = {
        id: row.id,
        name: row.name,
        source: this.opts.schema,
        occurredAt: new Date(row.occurred_at).toISOString(),
        payload: row.payload,
      };
      for (const queueName of subscribersOf(row.name, this.opts.subscriptions)) {
        const jobs = byQueue.get(queueName) ?? [];
        jobs.push({ name: row.name, data: envelope, opts: { ...EVENT_JOB_OPTIONS, jobId: row.id } });
        byQueue.set(queueName, jobs);
      }
    }
    if (byQueue.size > 0) await this.redisReady();
    for (const [queueName, jobs] of byQueue) await this.queue(queueName).addBulk(jobs);
  }

  /**
   * A BullMQ queue made while its connection is down waits for Redis instead of failing, which
   * would hold this batch's row locks for the whole outage. So: settle a connection attempt in
   * flight (as just after start), and fail at once while Redis is down.
   */
  private async redisReady(): Promise<void> {
    const redis = this.redis;
    if (redis.status === 'connecting' || redis.status === 'connect') {
      await new Promise<void>((resolve) => {
        const settled = () => {
          redis.off('ready', settled);
          redis.off('close', settled);
          resolve();
        };
        redis.once('ready', settled);
        redis.once('close', settled);
      });
    }
    if (redis.status !== 'ready') throw new Error(`Redis is not reachable (connection ${redis.status})`);
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis, prefix: this.opts.prefix });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** LISTEN for new rows so delivery does not wait for the next poll; polling still covers gaps. */
  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.opts.databaseUrl });
    client.on('error', () => undefined);
    client.on('notification', () => {
      // Remembered, so a row committed while a flush is running does not wait for the next poll.
      this.woken = true;
      this.wake?.();
    });
    try {
      await client.connect();
      await client.query(`LISTEN "outbox_${this.opts.schema}"`);
      this.listener = client;
    } catch (error) {
      this.logger.warn(`LISTEN unavailable, polling only: ${(error as Error).message}`);
      await client.end().catch(() => undefined);
    }
  }
}
