import { Job, Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Queues } from '@pk/contracts';
import { newId } from '@pk/core';
import { ExportJobs } from '../apps/channels/src/export/export-jobs';
import { ExportProcessor } from '../apps/channels/src/export/export.processor';
import { RunsService } from '../apps/channels/src/export/runs.service';
import { TestSystem, bootSystem } from './support/apps';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';

// Issue 18: the processors each hand-rolled their BullMQ worker and switched on job names with a
// fall-through (the export worker logged a name it did not know and reported the job done), and
// the stock push took its marks in one statement and created its runs in others (a failure in
// between lost the marks). Now every processor is a WorkerHost: its jobs a union by name, handled
// exhaustively, an unknown one failed; the push claims its marks and creates its runs in one transaction.

describe('one worker shape', () => {
  let sys: TestSystem;
  let redis: IORedis;
  let exports: Queue;

  beforeAll(async () => {
    sys = await bootSystem('workers', { services: ['channels'] });
    redis = new IORedis(sys.config.redisUrl, { maxRetriesPerRequest: null });
    exports = new Queue(Queues.channelsExport, { connection: redis, prefix: sys.config.redisPrefix });
  });
  afterAll(async () => {
    await exports?.close();
    redis?.disconnect();
    await sys?.close();
  });

  it('runs the worker while workers are on, and fails a job whose name the queue does not know', async () => {
    expect(sys.services.get('channels')!.get(ExportProcessor).active).toBe(true);
    const jobId = `unknown-${newId()}`;
    await exports.add('channels.unheard-of', { accountId: '*' }, { jobId, attempts: 1 });
    await eventually(async () => expect(await exports.getJobState(jobId)).toBe('failed'));
    // Read after it failed: a job read earlier holds no reason yet.
    const job = (await exports.getJob(jobId)) as Job;
    expect(job.failedReason).toMatch(/no handler for job channels.unheard-of/);
  });

  it("fails a job on a schedule's queue that is not its tick, rather than running the tick for it", async () => {
    const retention = new Queue(Queues.channelsRetention, { connection: redis, prefix: sys.config.redisPrefix });
    try {
      const jobId = `stray-${newId()}`;
      await retention.add('retention.stray', {}, { jobId, attempts: 1 });
      await eventually(async () => expect(await retention.getJobState(jobId)).toBe('failed'));
      expect(((await retention.getJob(jobId)) as Job).failedReason).toMatch(/no handler for job retention.stray/);
    } finally {
      await retention.close();
    }
  });

  it('keeps the stock marks when the push fails before its runs exist', async () => {
    const accountId = newId();
    const listingId = newId();
    await queryDb(
      sys,
      `INSERT INTO channels.accounts (id, channel, scope, name, app_key, secrets, access_token_expires_at)
       VALUES ($1, 'tiktok_shop', 'council', 'Dewan Kriya', 'k', 'sealed', now() + interval '1 day')`,
      [accountId],
    );
    await queryDb(sys, `INSERT INTO channels.listing_states (account_id, listing_id, product, active) VALUES ($1, $2, '{}', true)`, [accountId, listingId]);
    await queryDb(sys, `INSERT INTO channels.stock_dirty (listing_id) VALUES ($1)`, [listingId]);

    const app = sys.services.get('channels')!;
    const create = jest.spyOn(app.get(RunsService), 'create').mockRejectedValueOnce(new Error('the database went away'));
    try {
      await expect(app.get(ExportJobs).pushStock()).rejects.toThrow('the database went away');
    } finally {
      create.mockRestore();
    }
    // Before, the marks were deleted in a statement of their own: this listing's stock was never pushed.
    expect(await queryDb(sys, 'SELECT listing_id FROM channels.stock_dirty WHERE listing_id = $1', [listingId])).toEqual([{ listing_id: listingId }]);
    expect(await queryDb(sys, 'SELECT id FROM channels.runs WHERE account_id = $1', [accountId])).toEqual([]);
  });
});
