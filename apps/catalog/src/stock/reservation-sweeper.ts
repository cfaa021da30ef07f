import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Queues, ReservationJobs } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { ScheduledWork } from '@pk/messaging';
import { ReservationsService } from './reservations.service';

/**
 * Releases expired reservations every RESERVATION_SWEEP_SECONDS while workers are on; ticks that
 * overlap anyway are harmless (SKIP LOCKED).
 */
@Injectable()
export class ReservationSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly work: ScheduledWork;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    reservations: ReservationsService,
  ) {
    this.work = new ScheduledWork({
      redisUrl: config.redisUrl,
      prefix: config.redisPrefix,
      queue: Queues.catalogReservations,
      schedulerId: ReservationJobs.sweepScheduler,
      jobName: ReservationJobs.sweep,
      everyMs: config.reservations.sweepSeconds * 1000,
      run: () => reservations.sweep(),
      what: 'the reservation sweep',
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.workers) this.work.start();
  }

  // Before shutdown, not at it: a sweep in hand finishes while the data source is still open.
  beforeApplicationShutdown(): Promise<void> {
    return this.work.stop();
  }
}
