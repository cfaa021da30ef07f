import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { FailedJobView, FailedJobsReply, QUEUES_BY_APP, ServiceName } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { producerConnection } from './redis';

const DATA_LIMIT = 2000;

// The request schemas of the jobs patterns live in libs/contracts, where the gateway reads them too.
export { failedJobsInput, retryJobInput } from '@pk/contracts/requests/jobs';

/**
 * An app's failed jobs, read from its own queues: BullMQ keeps them (removeOnFail is never set to
 * drop them), and a curator may retry one once its cause is fixed.
 */
export class FailedJobs {
  private connection: IORedis | null = null;
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly app: ServiceName | 'gateway',
    private readonly redisUrl: string,
    private readonly prefix: string,
  ) {}

  async list(opts: { queue?: string; limit: number }): Promise<FailedJobsReply> {
    const names = opts.queue ? [this.known(opts.queue)] : QUEUES_BY_APP[this.app];
    const items: FailedJobView[] = [];
    let total = 0;
    for (const name of names) {
      const queue = this.queue(name);
      total += await queue.getFailedCount();
      for (const job of await queue.getFailed(0, opts.limit - 1)) {
        items.push({
          app: this.app,
          queue: name,
          id: String(job.id),
          name: job.name,
          data: JSON.stringify(job.data ?? null).slice(0, DATA_LIMIT),
          failedReason: job.failedReason ?? '',
          attemptsMade: job.attemptsMade,
          createdAt: new Date(job.timestamp).toISOString(),
          failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
        });
      }
    }
    items.sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? ''));
    return { items: items.slice(0, opts.limit), total };
  }

  /** Moves a failed job back to waiting; anything else is a 404 or a 409 that says why. */
  async retry(queueName: string, id: string): Promise<{ queue: string; id: string; state: string }> {
    const job = await this.queue(this.known(queueName)).getJob(id);
    if (!job) throw new DomainError(ErrorCode.notFound, `No job ${id} in ${queueName}.`, { queue: queueName, id });
    const state = await job.getState();
    if (state !== 'failed') {
      throw new DomainError(ErrorCode.conflict, `Job ${id} is ${state}, not failed; only a failed job can be retried.`, { state });
    }
    await job.retry('failed');
    return { queue: queueName, id, state: await job.getState() };
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    this.connection?.disconnect();
    this.connection = null;
  }

  private known(queue: string): string {
    if (!QUEUES_BY_APP[this.app].includes(queue)) {
      throw new DomainError(ErrorCode.validationFailed, `Please correct: queue.`, [
        { field: 'queue', messages: [`"${queue}" is not a queue of ${this.app}: one of ${QUEUES_BY_APP[this.app].join(', ')}`] },
      ]);
    }
    return queue;
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      this.connection ??= producerConnection(this.redisUrl);
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }
}
