import request from 'supertest';
import { SERVICE_NAMES } from '@pk/contracts';
import { bootSystem, TestSystem } from './support/apps';
import { eventually } from './support/eventually';
import { ThrowawayRedis } from './support/redis-server';

describe('/ready: every part listed, a stopped one reported', () => {
  let sys: TestSystem;
  let redis: ThrowawayRedis;

  beforeAll(async () => {
    redis = await ThrowawayRedis.create();
    sys = await bootSystem('ready', { env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await sys?.close();
    await redis?.dispose();
  });

  const ready = () => request(sys.http).get('/ready');

  it('is 200 with every dependency and service up', async () => {
    // Under parallel suites a check can miss its 2 s deadline once; it must settle to ready.
    const res = await eventually(async () => {
      const r = await ready();
      expect(r.body).toMatchObject({ status: 'ready' });
      return r;
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.checks).sort()).toEqual(['meilisearch', 'postgres', 'redis', ...SERVICE_NAMES].sort());
    for (const check of Object.values(res.body.checks)) expect(check).toMatchObject({ status: 'up' });
  });

  it('reports a stopped service as down with 503, and up again once it returns', async () => {
    await sys.stopService('orders');
    const down = await ready().expect(503);
    expect(down.body.status).toBe('not_ready');
    expect(down.body.checks.orders).toMatchObject({ status: 'down', error: expect.stringMatching(/orders/) });
    expect(down.body.checks.catalog.status).toBe('up');
    await sys.startService('orders');
    await eventually(() => ready().expect(200));
  });

  it('reports a stopped Redis as down with 503', async () => {
    await redis.stop();
    const down = await ready().expect(503);
    expect(down.body.checks.redis.status).toBe('down');
    expect(down.body.checks.postgres.status).toBe('up');
    await redis.start();
    await eventually(() => ready().expect(200));
  });

  it('/health stays 200 while a dependency is down (liveness is not readiness)', async () => {
    await redis.stop();
    await request(sys.http).get('/health').expect(200, { status: 'ok' });
    await redis.start();
  });
});
