import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { MarkJobs, MarkQueues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { ScheduledWork } from '@pk/messaging';
import { MarksService } from './marks.service';

/**
 * Applies expired provenance marks every MARKS_SWEEP_SECONDS while workers are on: their listings
 * are re-announced, so search and channels drop the mark with no request needed.
 */
@Injectable()
export class MarkSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly work: ScheduledWork;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    marks: MarksService,
  ) {
    this.work = new ScheduledWork({
      redisUrl: config.redisUrl,
      prefix: config.redisPrefix,
      queue: MarkQueues.sweep,
      schedulerId: MarkJobs.sweepScheduler,
      jobName: MarkJobs.sweep,
      everyMs: config.marks.sweepSeconds * 1000,
      run: () => marks.sweep(),
      what: 'the mark expiry sweep',
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.workers) this.work.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.work.stop();
  }
}
