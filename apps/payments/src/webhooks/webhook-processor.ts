import { Inject, Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { PaymentsJobs, Queues, WebhookJob } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { WorkerHost, unknownJob } from '@pk/messaging';
import { WebhookApplier } from './webhook-applier';
import { WebhookEvents } from './webhook-events';

/** Applies each stored provider event handed over, and every 30 s sweeps up any left behind. */
@Injectable()
export class WebhookProcessor extends WorkerHost<WebhookJob> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly events: WebhookEvents,
    private readonly applier: WebhookApplier,
  ) {
    super(config, Queues.paymentsWebhooks, { concurrency: 4 });
  }

  process(job: WebhookJob & Job): Promise<void> {
    switch (job.name) {
      case PaymentsJobs.process:
        return this.applier.process(job.data.provider, job.data.eventId);
      case PaymentsJobs.sweep:
        return this.applier.sweep();
      default:
        return unknownJob(job);
    }
  }

  protected override describe(job: WebhookJob & Job): string {
    return job.name === PaymentsJobs.process ? `webhook ${job.data.eventId}` : `${job.name} ${job.id}`;
  }

  protected override started(): void {
    this.events.queue
      .upsertJobScheduler(PaymentsJobs.sweepScheduler, { every: 30_000 }, { name: PaymentsJobs.sweep, opts: { removeOnComplete: { count: 50 }, removeOnFail: { count: 100 } } })
      .catch((error: Error) => this.logger.error(`could not schedule the webhook sweep: ${error.message}`));
  }
}
