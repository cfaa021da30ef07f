import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { CuratorActionView, Roles } from '@pk/contracts';
import { newId } from '@pk/core';
import { CuratorActionsService } from '../apps/gateway/src/home/curator-actions.service';
import { bootSystem, TestSystem } from './support/apps';
import { insertArtisan, insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { bearer, register, registerWithRoles, Session } from './support/http';

const DECISION = 'POST /api/v1/curation/listings/:id/decision';
const SETTINGS = 'PATCH /api/v1/curation/settings';

describe('audit log of every curator action', () => {
  let sys: TestSystem;
  let curator: Session;
  let other: Session;
  let artisan: Session;
  let buyer: Session;
  let artisanId: string;
  const api = () => request(sys.http);

  beforeAll(async () => {
    sys = await bootSystem('audit', { services: ['catalog'] });
    [curator, other, artisan, buyer] = await Promise.all([
      registerWithRoles(sys, [Roles.curator]),
      registerWithRoles(sys, [Roles.curator]),
      registerWithRoles(sys, [Roles.buyer, Roles.artisan]),
      register(sys),
    ]);
    artisanId = await insertArtisan(sys, artisan.user.id);
  });
  afterAll(() => sys?.close());

  const submitted = async () => {
    const listing = await insertListing(sys, artisanId, { status: 'submitted' });
    await queryDb(
      sys,
      `INSERT INTO catalog.listing_photos (id, listing_id, position, alt, keys, width, height)
       VALUES ($1, $2, 0, 'Kain endek', '{"thumbnail":"t.webp","card":"c.webp","full":"f.webp"}', 1600, 1200)`,
      [newId(), listing.id],
    );
    return listing;
  };
  const decide = (who: Session, id: string, body: object) =>
    api().post(`/api/v1/curation/listings/${id}/decision`).set(bearer(who)).send(body);
  const audit = async (query: Record<string, string> = {}, who: Session = curator) =>
    (await api().get('/api/v1/curation/audit').query(query).set(bearer(who)).expect(200)).body as { items: CuratorActionView[]; total: number };
  const rowsOf = (userId: string) => queryDb(sys, `SELECT * FROM identity.curator_actions WHERE curator_id = $1`, [userId]);

  it("records a curator's approval with its route, target, body and outcome", async () => {
    const listing = await submitted();
    await decide(curator, listing.id, { decision: 'approve' }).expect(200);
    const { items } = await audit({ targetId: listing.id });
    expect(items).toEqual([
      expect.objectContaining({
        curatorId: curator.user.id,
        curatorEmail: curator.user.email,
        action: DECISION,
        path: `/api/v1/curation/listings/${listing.id}/decision`,
        targets: { id: listing.id },
        body: { decision: 'approve' },
        outcome: 'succeeded',
        status: 200,
        errorCode: null,
      }),
    ]);
    expect(Date.parse(items[0].finishedAt!)).toBeGreaterThanOrEqual(Date.parse(items[0].startedAt));
  });

  it('records a settings change and failed (4xx) actions with their error code', async () => {
    await api().patch('/api/v1/curation/settings').set(bearer(curator)).send({ autoPublishVerified: false }).expect(200);
    const listing = await submitted();
    await decide(curator, listing.id, { decision: 'reject' }).expect(400); // no reason
    await decide(curator, 'not-a-uuid', { decision: 'approve' }).expect(400);
    await decide(curator, newId(), { decision: 'approve' }).expect(404);

    const [settings] = (await audit({ action: SETTINGS })).items;
    expect(settings).toMatchObject({ curatorId: curator.user.id, body: { autoPublishVerified: false }, outcome: 'succeeded', status: 200 });
    const failed = (await audit({ action: DECISION, outcome: 'failed' })).items;
    expect(failed.map((i) => [i.targets.id, i.status, i.errorCode])).toEqual(
      expect.arrayContaining([
        [listing.id, 400, 'validation_failed'],
        ['not-a-uuid', 400, 'validation_failed'],
        [expect.any(String), 404, 'not_found'],
      ]),
    );
    expect(failed.find((i) => i.targets.id === listing.id)?.body).toEqual({ decision: 'reject' });
  });

  it('records a curator write that the role check refused before any handler ran', async () => {
    await api().put(`/api/v1/admin/users/${buyer.user.id}/roles`).set(bearer(curator)).send({ roles: ['curator'] }).expect(403);
    const [row] = await eventually(async () => {
      const { items } = await audit({ action: 'PUT /api/v1/admin/users/:id/roles' });
      expect(items).toHaveLength(1);
      return items;
    });
    expect(row).toMatchObject({ curatorId: curator.user.id, targets: { id: buyer.user.id }, body: { roles: ['curator'] }, outcome: 'failed', status: 403, errorCode: 'forbidden' });
  });

  it('never stores passwords or tokens, whatever route a curator writes to', async () => {
    const login = await api()
      .post('/api/v1/auth/login')
      .set(bearer(curator))
      .send({ email: curator.user.email, password: 'correct-horse-battery' })
      .expect(200);
    await api().post('/api/v1/auth/refresh').set(bearer(curator)).send({ refreshToken: login.body.refreshToken }).expect(200);
    const [loginRow] = (await audit({ action: 'POST /api/v1/auth/login' })).items;
    expect(loginRow.body).toEqual({ email: curator.user.email, password: '[redacted]' });
    const [refreshRow] = (await audit({ action: 'POST /api/v1/auth/refresh' })).items;
    expect(refreshRow.body).toEqual({ refreshToken: '[redacted]' });
    const leaks = await queryDb(
      sys,
      `SELECT id FROM identity.curator_actions a WHERE row_to_json(a)::text LIKE '%correct-horse-battery%' OR row_to_json(a)::text LIKE $1`,
      [`%${login.body.refreshToken}%`],
    );
    expect(leaks).toEqual([]);
  });

  it("does not record buyers' and artisans' writes", async () => {
    const created = await api()
      .post('/api/v1/listings')
      .set(bearer(artisan))
      .send({
        title: { id: 'Kain endek Sidemen', en: null },
        description: { id: 'Ditenun dengan tangan di Sidemen.', en: null },
        category: 'endek',
        materials: ['katun'],
        techniques: ['ikat pakan'],
        regency: 'karangasem',
        dimensionsCm: { length: 200, width: 110, height: 0.5 },
        weightGrams: 450,
        handmade: true,
        variants: [{ sku: `END-${newId().slice(-6)}`, options: {}, price: 500000, stock: 3 }],
      })
      .expect(201);
    await api().patch(`/api/v1/listings/${created.body.id}`).set(bearer(artisan)).send({ title: { id: 'Kain endek Sidemen biru' } }).expect(200);
    await api().post('/api/v1/auth/refresh').set(bearer(buyer)).send({ refreshToken: buyer.refreshToken }).expect(200);
    await api().patch('/api/v1/curation/settings').set(bearer(buyer)).send({ autoPublishVerified: true }).expect(403);
    expect(await rowsOf(artisan.user.id)).toEqual([]);
    expect(await rowsOf(buyer.user.id)).toEqual([]);
  });

  it('filters by curator, action (exact or prefix) and date range in WITA days', async () => {
    const listing = await submitted();
    await decide(other, listing.id, { decision: 'approve' }).expect(200);
    await api().patch('/api/v1/curation/settings').set(bearer(other)).send({ autoPublishVerified: false }).expect(200);

    const mine = await audit({ curatorId: other.user.id });
    expect(mine.items.map((i) => i.action)).toEqual([SETTINGS, DECISION]);
    expect(mine.total).toBe(2);
    expect((await audit({ curatorId: other.user.id, action: DECISION })).items.map((i) => i.targets.id)).toEqual([listing.id]);
    expect((await audit({ curatorId: other.user.id, action: 'PATCH /api/v1/curation/*' })).items.map((i) => i.action)).toEqual([SETTINGS]);
    expect((await audit({ curatorId: other.user.id, action: 'POST /api/v1/curation/listings' })).items).toEqual([]);
    const paged = await audit({ curatorId: other.user.id, limit: '1', offset: '1' });
    expect(paged).toMatchObject({ total: 2, items: [{ action: DECISION }] });

    // 23:30 and 00:30 WITA straddle Bali's midnight; both fall on the same UTC day.
    await queryDb(sys, `UPDATE identity.curator_actions SET started_at = '2026-03-09T23:30:00+08:00' WHERE curator_id = $1 AND action = $2`, [other.user.id, DECISION]);
    await queryDb(sys, `UPDATE identity.curator_actions SET started_at = '2026-03-10T00:30:00+08:00' WHERE curator_id = $1 AND action = $2`, [other.user.id, SETTINGS]);
    const day = (from: string, to: string) => audit({ curatorId: other.user.id, from, to }).then((r) => r.items.map((i) => i.action));
    expect(await day('2026-03-10', '2026-03-10')).toEqual([SETTINGS]);
    expect(await day('2026-03-09', '2026-03-09')).toEqual([DECISION]);
    expect(await day('2026-03-09', '2026-03-10')).toEqual([SETTINGS, DECISION]);
    expect(await day('2026-03-09T15:00:00Z', '2026-03-09T16:00:00Z')).toEqual([DECISION]);

    await api().get('/api/v1/curation/audit?from=yesterday').set(bearer(curator)).expect(400)
      .expect(({ body }) => expect(body.error.details[0].field).toBe('from'));
    await api().get('/api/v1/curation/audit?from=2026-03-10&to=2026-03-09').set(bearer(curator)).expect(400)
      .expect(({ body }) => expect(body.error.details[0].field).toBe('to'));
    await api().get('/api/v1/curation/audit?curatorId=42').set(bearer(curator)).expect(400)
      .expect(({ body }) => expect(body.error.details[0].field).toBe('curatorId'));
  });

  it('downloads the filtered log as CSV with a file name', async () => {
    const check = (res: request.Response) => {
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="curator-actions-\d{4}-\d{2}-\d{2}\.csv"$/);
      const rows: Array<Record<string, string>> = parse(res.text.replace(/^\uFEFF/, ''), { columns: true });
      expect(rows.map((r) => r.action)).toEqual([SETTINGS, DECISION]);
      expect(rows[0]).toMatchObject({ curator_id: other.user.id, curator_email: other.user.email, outcome: 'succeeded', status: '200' });
      expect(rows[1].started_at).toBe('2026-03-09T23:30:00.000+08:00');
      expect(JSON.parse(rows[1].body)).toEqual({ decision: 'approve' });
    };
    check(await api().get('/api/v1/curation/audit').query({ curatorId: other.user.id, format: 'csv' }).set(bearer(curator)).expect(200));
    check(await api().get('/api/v1/curation/audit.csv').query({ curatorId: other.user.id }).set(bearer(curator)).expect(200));
  });

  it('is for curators only', async () => {
    await api().get('/api/v1/curation/audit').set(bearer(buyer)).expect(403);
    await api().get('/api/v1/curation/audit').set(bearer(artisan)).expect(403);
    await api().get('/api/v1/curation/audit.csv').set(bearer(artisan)).expect(403);
    await api().get('/api/v1/curation/audit').expect(401);
  });

  it('keeps the attempt when the action never completes, and refuses an action it cannot record', async () => {
    const actions = sys.gateway.get(CuratorActionsService);
    const listing = await submitted();
    const finish = jest.spyOn(actions, 'finish').mockRejectedValueOnce(new Error('gateway died mid-action'));
    try {
      await decide(curator, listing.id, { decision: 'approve' }).expect(200);
    } finally {
      finish.mockRestore();
    }
    expect((await audit({ targetId: listing.id })).items).toEqual([
      expect.objectContaining({ action: DECISION, outcome: 'pending', status: null, finishedAt: null }),
    ]);

    const next = await submitted();
    const begin = jest.spyOn(actions, 'begin').mockRejectedValueOnce(new Error('identity database down'));
    try {
      await decide(curator, next.id, { decision: 'approve' }).expect(503);
    } finally {
      begin.mockRestore();
    }
    const [row] = await queryDb<{ status: string }>(sys, `SELECT status FROM catalog.listings WHERE id = $1`, [next.id]);
    expect(row.status).toBe('submitted');
  });
});
