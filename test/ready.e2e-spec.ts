import request from 'supertest';
import { SERVICE_NAMES } from '@pk/contracts';
import { bootSystem, TestSystem } from './support/apps';
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
    const res = await ready().expect(200);
    expect(res.body.status).toBe('ready');
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
    await expect(eventuallyReady()).resolves.toBe(true);
  });

  it('reports a stopped Redis as down with 503', async () => {
    await redis.stop();
    const down = await ready().expect(503);
    expect(down.body.checks.redis.status).toBe('down');
    expect(down.body.checks.postgres.status).toBe('up');
    await redis.start();
    await expect(eventuallyReady()).resolves.toBe(true);
  });

  it('/health stays 200 while a dependency is down (liveness is not readiness)', async () => {
    await redis.stop();
    await request(sys.http).get('/health').expect(200, { status: 'ok' });
    await redis.start();
  });

  async function eventuallyReady(timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await ready()).status === 200) return true;
      await new Promise((r) => setTimeout(r, 200));
    }
    return false;
  }
});
