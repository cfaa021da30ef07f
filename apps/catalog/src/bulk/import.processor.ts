import { Inject, Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { ImportJob, ImportJobs, Queues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { WorkerHost, unknownJob } from '@pk/messaging';
import { ImportRunner } from './import-runner';

/** Runs queued imports, one at a time per instance. */
@Injectable()
export class ImportProcessor extends WorkerHost<ImportJob> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly runner: ImportRunner,
  ) {
    super(config, Queues.catalogImports, { concurrency: 1 });
  }

  process(job: ImportJob & Job): Promise<void> {
    switch (job.name) {
      case ImportJobs.run: {
        const attempt = job.attemptsMade + 1;
        return this.runner.run(job.data.importId, { attempt, last: attempt >= (job.opts.attempts ?? 1) });
      }
      default:
        return unknownJob(job.name, job.id);
    }
  }

  protected override describe(job: ImportJob & Job): string {
    return `import ${job.data.importId}`;
  }
}
