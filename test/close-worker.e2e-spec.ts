import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { closeWorker, workerConnection } from '@pk/messaging';
import { uniquePrefix } from '@pk/testing';
import { eventually } from './support/eventually';

// closeWorker against the real Redis: a job still in hand when the deadline passes.
describe('closeWorker', () => {
  const prefix = uniquePrefix('close_worker');
  let producer: IORedis;
  let consumer: IORedis;
  let queue: Queue;

  beforeAll(() => {
    producer = new IORedis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
    consumer = workerConnection(process.env.REDIS_URL!);
    queue = new Queue('slow-jobs', { connection: producer, prefix });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    producer.disconnect();
    consumer.disconnect();
  });

  it('lets a job in hand past the deadline finish and record its result while Redis answers', async () => {
    let release: (() => void) | null = null;
    const worker = new Worker('slow-jobs', () => new Promise<string>((resolve) => (release = () => resolve('woven'))), { connection: consumer, prefix });
    await queue.add('slow', { n: 1 }, { jobId: 'slow-1', attempts: 2 });
    await eventually(async () => expect(release).not.toBeNull());

    // Past the deadline and the blocking connection's grace, the job is still working.
    const closed = closeWorker(worker, 200, 20_000);
    await new Promise((r) => setTimeout(r, 3_000));
    release!();
    await closed;

    // Its result was written back over the main connection, which was not cut under it; cutting
    // it there left BullMQ retrying that write without pause, and the process never came back.
    const job = await queue.getJob('slow-1');
    expect(await job!.getState()).toBe('completed');
    expect(job!.returnvalue).toBe('woven');
  }, 30_000);
});
