import { Inject, Injectable } from '@nestjs/common';
import { OrdersMailJobs, Queues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { ScheduledWorkHost } from '@pk/messaging';
import { Mailer } from './mailer';

/**
 * How often notifications not yet emailed are looked for. A schedule, not a job per notification:
 * notifications are written inside many transactions across the app, and a scheduled run needs no
 * hook in any of them (nor an after-commit step that could be lost); it also picks up retries.
 */
export const MAIL_EVERY_MS = 5_000;

/** Runs the mailer on one Job Scheduler for all replicas, only when SMTP_URL is set. */
@Injectable()
export class MailProcessor extends ScheduledWorkHost {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly mailer: Mailer,
  ) {
    super(config, {
      queue: Queues.ordersMail,
      schedulerId: OrdersMailJobs.sendScheduler,
      jobName: OrdersMailJobs.send,
      everyMs: MAIL_EVERY_MS,
      run: () => mailer.sendDue(),
      what: 'the mailer',
    });
  }

  /** Sends mail (`active`) only with workers on and an SMTP server configured. */
  protected override shouldRun(): boolean {
    return super.shouldRun() && this.mailer.enabled;
  }
}
