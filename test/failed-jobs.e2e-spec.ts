import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import request from 'supertest';
import { CampaignJobs, CampaignQueues, ImportJobs, Queues } from '@pk/contracts';
import { newId } from '@pk/core';
import { TestSystem, bootSystem } from './support/apps';
import { eventually } from './support/eventually';
import { Session, bearer, register, registerWithRoles } from './support/http';

/** Failed jobs of every app, listed for curators and retried. */
describe('failed jobs: kept, listed for curators, retried', () => {
  let sys: TestSystem;
  let curator: Session;
  let redis: IORedis;
  let imports: Queue;
  let campaigns: Queue;
  const api = () => request(sys.http);
  const failed = (query = '') => api().get(`/api/v1/curation/jobs/failed${query}`).set(bearer(curator));

  beforeAll(async () => {
    sys = await bootSystem('failed-jobs', { services: ['catalog', 'search'] });
    curator = await registerWithRoles(sys, ['curator']);
    redis = new IORedis(sys.config.redisUrl, { maxRetriesPerRequest: null });
    imports = new Queue(Queues.catalogImports, { connection: redis, prefix: sys.config.redisPrefix });
    campaigns = new Queue(CampaignQueues.transitions, { connection: redis, prefix: sys.config.redisPrefix });
  });
  afterAll(async () => {
    await imports.close();
    await campaigns.close();
    redis.disconnect();
    await sys.close();
  });

  it("lists a job that failed in the catalog's workers with its reason, and retries it", async () => {
    // A campaign job naming no valid campaign id: the catalog's worker fails it, once.
    const jobId = `broken-${newId()}`;
    await campaigns.add(CampaignJobs.start, { campaignId: 'not-a-uuid' }, { jobId, attempts: 1 });

    const job = await eventually(async () => {
      const res = await failed('?app=catalog').expect(200);
      const found = res.body.items.find((j: { id: string }) => j.id === jobId);
      expect(found).toBeDefined();
      return found;
    });
    expect(job).toMatchObject({
      app: 'catalog',
      queue: CampaignQueues.transitions,
      name: CampaignJobs.start,
      data: JSON.stringify({ campaignId: 'not-a-uuid' }),
      attemptsMade: 1,
    });
    expect(job.failedReason).toMatch(/uuid/);
    expect(Date.parse(job.failedAt)).toBeGreaterThanOrEqual(Date.parse(job.createdAt));
    expect((await failed(`?app=catalog&queue=${CampaignQueues.transitions}`).expect(200)).body.items.map((j: { id: string }) => j.id)).toEqual([jobId]);

    // Every app answers when none is named; the search app has none failed.
    const all = (await failed().expect(200)).body;
    expect(all.items.map((j: { id: string }) => j.id)).toContain(jobId);
    expect(all.total).toBeGreaterThanOrEqual(1);
    // orders, payments and channels are not running in this suite: named, not an error.
    expect(all.unavailable.sort()).toEqual(['channels', 'orders', 'payments']);

    // Retried: it runs again (and, its cause unfixed, fails again with one more attempt).
    const retried = await api().post(`/api/v1/curation/jobs/catalog/${CampaignQueues.transitions}/${jobId}/retry`).set(bearer(curator)).expect(200);
    expect(retried.body).toMatchObject({ queue: CampaignQueues.transitions, id: jobId });
    await eventually(async () => {
      const j = await campaigns.getJob(jobId);
      expect(await j!.getState()).toBe('failed');
      expect(j!.attemptsMade).toBe(2);
    });
  });

  it('answers 404 for an unknown job, 409 for one that has not failed, 400 for an unknown queue or app', async () => {
    await api().post(`/api/v1/curation/jobs/catalog/${Queues.catalogImports}/no-such-job/retry`).set(bearer(curator)).expect(404);
    const waiting = newId();
    // A delayed job is not failed: retrying it is refused with its state.
    await imports.add(ImportJobs.run, { importId: waiting }, { jobId: waiting, delay: 60_000 });
    const conflict = await api().post(`/api/v1/curation/jobs/catalog/${Queues.catalogImports}/${waiting}/retry`).set(bearer(curator)).expect(409);
    expect(conflict.body.error.message).toMatch(/delayed/);
    await imports.remove(waiting);

    const badQueue = await failed('?app=catalog&queue=orders-mail').expect(400);
    expect(badQueue.body.error.details[0].field).toBe('queue');
    const badApp = await failed('?app=billing').expect(400);
    expect(badApp.body.error.details[0].field).toBe('app');
    await api().post(`/api/v1/curation/jobs/billing/x/y/retry`).set(bearer(curator)).expect(400);
  });

  it('is for curators only', async () => {
    const buyer = await register(sys);
    const artisan = await registerWithRoles(sys, ['artisan']);
    await api().get('/api/v1/curation/jobs/failed').expect(401);
    for (const who of [buyer, artisan]) {
      await api().get('/api/v1/curation/jobs/failed').set(bearer(who)).expect(403);
      await api().post(`/api/v1/curation/jobs/catalog/${Queues.catalogImports}/x/retry`).set(bearer(who)).expect(403);
    }
  });
});
