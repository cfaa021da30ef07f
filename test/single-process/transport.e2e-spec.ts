import request from 'supertest';
import { SERVICE_NAMES } from '@pk/contracts';
import { TestSystem, bootSystem } from '../support/apps';
import { eventually } from '../support/eventually';
import { refused } from '../support/ports';

describe('single-process mode: the apps talk in-process, not over TCP', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await bootSystem('single_transport', { env: { PK_PROCESSES: 'single' } });
  });
  afterAll(() => sys?.close());

  it('opens no RPC port, yet every service answers the gateway', async () => {
    expect(sys.config.processes).toBe('single');
    for (const name of SERVICE_NAMES) expect(await refused(sys.config.services[name].port)).toBe(true);
    const res = await eventually(() => request(sys.http).get('/ready').expect(200));
    for (const name of SERVICE_NAMES) expect(res.body.checks[name]).toMatchObject({ status: 'up' });
    await request(sys.http).get('/api/v1/categories').expect(200);
  });

  it('reports a stopped service as down, and up again once it returns', async () => {
    await sys.stopService('orders');
    const down = await request(sys.http).get('/ready').expect(503);
    expect(down.body.checks.orders).toMatchObject({ status: 'down' });
    await sys.startService('orders');
    await eventually(() => request(sys.http).get('/ready').expect(200));
  });
});
