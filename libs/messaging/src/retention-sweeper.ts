import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RetentionJobs, RetentionQueues, SchemaName } from '@pk/contracts';
import { AppConfig } from '@pk/core';
import { MessagingRetention } from './retention';
import { ScheduledWorkHost } from './scheduled-work';

/**
 * Prunes an app's outbox and inbox every RETENTION_SWEEP_SECONDS while its workers are on. One
 * Job Scheduler per schema for all replicas: each tick is one job, which one replica takes.
 */
export class RetentionSweeper extends ScheduledWorkHost {
  constructor(config: AppConfig, schema: string, dataSource: DataSource) {
    const queue = RetentionQueues[schema as SchemaName];
    if (!queue) throw new Error(`no retention queue for schema "${schema}" (RetentionQueues)`);
    const retention = new MessagingRetention(dataSource, schema, config.retention);
    const logger = new Logger(`RetentionSweeper:${schema}`);
    super(config, {
      queue,
      schedulerId: RetentionJobs.pruneScheduler,
      jobName: RetentionJobs.prune,
      everyMs: config.retention.sweepSeconds * 1000,
      run: async () => {
        const { outbox, inbox } = await retention.prune();
        if (outbox.deleted || inbox.deleted) logger.log(`pruned ${outbox.deleted} published outbox rows and ${inbox.deleted} inbox rows`);
        return { outbox, inbox };
      },
      what: `the ${schema} outbox and inbox pruning`,
    });
  }
}
