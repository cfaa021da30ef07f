import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Queues, SearchJobData, SearchJobs, SearchRunKind, SearchRunTrigger, SearchRunView } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { producerConnection } from '@pk/messaging';
import { SearchRuns } from './search-runs';

/** Starts reindex and reconcile runs: a run row curators can follow, and a job a worker takes. */
@Injectable()
export class MaintenanceQueue implements OnApplicationShutdown {
  private readonly connection: IORedis;
  readonly queue: Queue<SearchJobData>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly runs: SearchRuns,
  ) {
    this.connection = producerConnection(config.redisUrl);
    this.queue = new Queue(Queues.searchMaintenance, { connection: this.connection, prefix: config.redisPrefix });
  }

  async start(kind: SearchRunKind, trigger: SearchRunTrigger, requestedBy: string | null): Promise<{ run: SearchRunView; created: boolean }> {
    return this.queued(await this.runs.create(kind, trigger, requestedBy));
  }

  /** A reconcile made after `since`, unless another replica already asked for one since then. */
  async startRecovery(since: Date): Promise<{ run: SearchRunView; created: boolean }> {
    return this.queued(await this.runs.createRecovery(since));
  }

  private async queued(outcome: { run: SearchRunView; created: boolean }): Promise<{ run: SearchRunView; created: boolean }> {
    if (outcome.created) {
      // The job id is the run id: a run is queued once however often this is retried.
      await this.queue.add(SearchJobs.run, { runId: outcome.run.id }, {
        jobId: outcome.run.id,
        attempts: 3,
        backoff: { type: 'exponential', delay: 5000 },
        removeOnComplete: { count: 200 },
        removeOnFail: { count: 1000 },
      });
    }
    return outcome;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}
