import { Inject, Injectable } from '@nestjs/common';
import { MarkJobs, MarkQueues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { ScheduledWorkHost } from '@pk/messaging';
import { MarksService } from './marks.service';

/**
 * Applies expired provenance marks every MARKS_SWEEP_SECONDS while workers are on: their listings
 * are re-announced, so search and channels drop the mark with no request needed.
 */
@Injectable()
export class MarkSweeper extends ScheduledWorkHost {
  constructor(@Inject(APP_CONFIG) config: AppConfig, marks: MarksService) {
    super(config, {
      queue: MarkQueues.sweep,
      schedulerId: MarkJobs.sweepScheduler,
      jobName: MarkJobs.sweep,
      everyMs: config.marks.sweepSeconds * 1000,
      run: () => marks.sweep(),
      what: 'the mark expiry sweep',
    });
  }
}
