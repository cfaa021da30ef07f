import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { OrdersMailJobs, Queues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { ScheduledWork } from '@pk/messaging';
import { Mailer } from './mailer';

/**
 * How often notifications not yet emailed are looked for. A schedule, not a job per notification:
 * notifications are written inside many transactions across the app, and a scheduled run needs no
 * hook in any of them (nor an after-commit step that could be lost); it also picks up retries.
 */
export const MAIL_EVERY_MS = 5_000;

/** Runs the mailer on one Job Scheduler for all replicas, only when SMTP_URL is set. */
@Injectable()
export class MailProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly work: ScheduledWork;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailer: Mailer,
  ) {
    this.work = new ScheduledWork({
      redisUrl: config.redisUrl,
      prefix: config.redisPrefix,
      queue: Queues.ordersMail,
      schedulerId: OrdersMailJobs.sendScheduler,
      jobName: OrdersMailJobs.send,
      everyMs: MAIL_EVERY_MS,
      run: () => mailer.sendDue(),
      what: 'the mailer',
    });
  }

  /** Whether this process sends mail: workers on and an SMTP server configured. */
  get active(): boolean {
    return this.work.running;
  }

  onApplicationBootstrap(): void {
    if (this.config.workers && this.mailer.enabled) this.work.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.work.stop();
  }
}
