import { Inject, Injectable } from '@nestjs/common';
import { OrdersJobs, Queues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { ScheduledWorkHost } from '@pk/messaging';
import { FulfilmentService } from './fulfilment.service';

/** Runs the fulfilment sweep every ORDERS_SWEEP_SECONDS (one Job Scheduler for all replicas). */
@Injectable()
export class FulfilmentProcessor extends ScheduledWorkHost {
  constructor(@Inject(APP_CONFIG) config: AppConfig, fulfilment: FulfilmentService) {
    super(config, {
      queue: Queues.ordersFulfilment,
      schedulerId: OrdersJobs.sweepScheduler,
      jobName: OrdersJobs.sweep,
      everyMs: config.orders.sweepSeconds * 1000,
      run: () => fulfilment.sweep(),
      what: 'the fulfilment sweep',
    });
  }
}
