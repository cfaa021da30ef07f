import { Inject, Injectable } from '@nestjs/common';
import { Queues, ReservationJobs } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { ScheduledWorkHost } from '@pk/messaging';
import { ReservationsService } from './reservations.service';

/**
 * Releases expired reservations every RESERVATION_SWEEP_SECONDS while workers are on; ticks that
 * overlap anyway are harmless (SKIP LOCKED).
 */
@Injectable()
export class ReservationSweeper extends ScheduledWorkHost {
  constructor(@Inject(APP_CONFIG) config: AppConfig, reservations: ReservationsService) {
    super(config, {
      queue: Queues.catalogReservations,
      schedulerId: ReservationJobs.sweepScheduler,
      jobName: ReservationJobs.sweep,
      everyMs: config.reservations.sweepSeconds * 1000,
      run: () => reservations.sweep(),
      what: 'the reservation sweep',
    });
  }
}
