import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import IORedis from 'ioredis';
import { ImportJobData, ImportJobs, Queues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { producerConnection } from '@pk/messaging';

/** A crash mid-import rolls back and is tried again; a failed job is kept for admins to see. */
export const IMPORT_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: false,
};

/** Where imports are queued; any catalog instance adds, the ones with workers on run them. */
@Injectable()
export class ImportQueue implements OnApplicationShutdown {
  private readonly connection: IORedis;
  private readonly queue: Queue<ImportJobData>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // The offline queue stays on: an upload right after start-up waits for the connection.
    this.connection = producerConnection(config.redisUrl, { enableOfflineQueue: true });
    this.connection.on('error', () => undefined); // an add that fails says so to its caller
    this.queue = new Queue<ImportJobData>(Queues.catalogImports, { connection: this.connection, prefix: config.redisPrefix });
  }

  async add(importId: string): Promise<void> {
    // The job id is the import id: queueing the same import twice runs it once.
    await this.queue.add(ImportJobs.run, { importId }, { ...IMPORT_JOB_OPTIONS, jobId: importId });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}
