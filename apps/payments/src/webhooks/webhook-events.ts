import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { PaymentsJobs, Queues, WebhookJobData } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { producerConnection } from '@pk/messaging';

export type WebhookProvider = 'stripe' | 'bank';

// BullMQ refuses job ids with ':' in them, and a bank's reference is free text: a digest of both.
export const webhookJobId = (provider: string, eventId: string) => `${provider}-${createHash('sha256').update(`${provider}\n${eventId}`).digest('hex').slice(0, 32)}`;

/**
 * Provider events, stored before anything is done with them and then handed to the worker. The
 * provider's event id is the key: a redelivery only counts itself. If the hand-over fails (Redis
 * down), the sweep finds the event unprocessed and hands it over again.
 */
@Injectable()
export class WebhookEvents implements OnApplicationShutdown {
  private readonly logger = new Logger(WebhookEvents.name);
  private readonly connection: IORedis;
  readonly queue: Queue<WebhookJobData>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: DataSource,
  ) {
    this.connection = producerConnection(config.redisUrl);
    this.queue = new Queue(Queues.paymentsWebhooks, { connection: this.connection, prefix: config.redisPrefix });
  }

  /** Stores the event; true when it is new (a redelivery returns false and changes nothing else). */
  async store(provider: WebhookProvider, eventId: string, type: string, objectRef: string | null, payload: unknown): Promise<boolean> {
    const [row]: Array<{ inserted: boolean }> = await this.db.query(
      `INSERT INTO payments.webhook_events (provider, event_id, type, object_ref, payload) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (provider, event_id) DO UPDATE SET deliveries = payments.webhook_events.deliveries + 1
       RETURNING (xmax = 0) AS inserted`,
      [provider, eventId, type, objectRef, JSON.stringify(payload)],
    );
    // The provider has its answer once the event is stored; the hand-over to the worker happens
    // beside it (and the sweep repeats it if it fails).
    if (row.inserted) void this.handOver(provider, eventId);
    return row.inserted;
  }

  async handOver(provider: string, eventId: string): Promise<void> {
    await this.queue
      .add(PaymentsJobs.process, { provider, eventId }, {
        jobId: webhookJobId(provider, eventId),
        attempts: 10,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { count: 1000 },
        removeOnFail: false,
      })
      .catch((error: Error) => this.logger.warn(`event ${eventId} stored, hand-over deferred to the sweep: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}
