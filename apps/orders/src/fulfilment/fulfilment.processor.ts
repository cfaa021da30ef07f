import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { OrdersJobs, Queues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { ScheduledWork } from '@pk/messaging';
import { FulfilmentService } from './fulfilment.service';

/** Runs the fulfilment sweep every ORDERS_SWEEP_SECONDS (one Job Scheduler for all replicas). */
@Injectable()
export class FulfilmentProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly work: ScheduledWork;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    fulfilment: FulfilmentService,
  ) {
    this.work = new ScheduledWork({
      redisUrl: config.redisUrl,
      prefix: config.redisPrefix,
      queue: Queues.ordersFulfilment,
      schedulerId: OrdersJobs.sweepScheduler,
      jobName: OrdersJobs.sweep,
      everyMs: config.orders.sweepSeconds * 1000,
      run: () => fulfilment.sweep(),
      what: 'the fulfilment sweep',
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.workers) this.work.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.work.stop();
  }
}
