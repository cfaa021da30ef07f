import request from 'supertest';
import { CatalogPatterns, Roles } from '@pk/contracts';
import { DomainError } from '@pk/core';
import { RpcForwarder as CatalogRpc } from '../apps/gateway/src/rpc/rpc-forwarder';
import { bootSystem, TestSystem } from './support/apps';
import { insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { Session, bearer, register, registerWithRoles } from './support/http';

describe('artisans and shops: apply, decide, the artisan role, the public shop page', () => {
  let sys: TestSystem;
  let curator: Session;
  let admin: Session;

  beforeAll(async () => {
    sys = await bootSystem('artisans', { services: ['catalog'] });
    [curator, admin] = await Promise.all([registerWithRoles(sys, [Roles.curator]), registerWithRoles(sys, [Roles.admin])]);
  });
  afterAll(() => sys?.close());

  const api = () => request(sys.http);
  let slugs = 0;
  const application = (overrides: Record<string, unknown> = {}) => ({
    shopName: 'Tenun Ikat Sidemen',
    shopSlug: `tenun-sidemen-${Date.now().toString(36)}-${slugs++}`,
    story: 'Tiga generasi penenun endek dan songket di Sidemen, Karangasem.',
    regency: 'karangasem',
    craftTypes: ['endek', 'songket'],
    nib: '9120001234567',
    bankAccount: { bankName: 'BPD Bali', accountName: 'Ni Made Sari', accountNumber: '0123 4567 89' },
    ...overrides,
  });
  const apply = (s: Session, body = application()) => api().post('/api/v1/artisans').set(bearer(s)).send(body);
  const decide = (id: string, decision: string, reason?: string, who: Session = curator) =>
    api().post(`/api/v1/curation/artisans/${id}/decision`).set(bearer(who)).send({ decision, reason });
  /** A user with a pending shop; returns their session and the artisan as they see it. */
  const applicant = async (overrides: Record<string, unknown> = {}) => {
    const s = await register(sys);
    const res = await apply(s, application(overrides)).expect(201);
    return { s, artisan: res.body };
  };
  const verified = async () => {
    const a = await applicant();
    await decide(a.artisan.id, 'verify').expect(200);
    return a;
  };
  const outbox = (where: string, params: unknown[]) =>
    queryDb<{ name: string; payload: Record<string, unknown> }>(sys, `SELECT name, payload FROM catalog.outbox WHERE ${where} ORDER BY occurred_at, id`, params);
  const rolesInToken = (accessToken: string): string[] =>
    JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).roles;
  const rpcAs = (caller: Session | null, pattern: string, data: unknown) =>
    sys.gateway.get(CatalogRpc).send(pattern, data, caller && { userId: caller.user.id, roles: caller.user.roles as never }, 'test');

  it('applies: a pending shop that its owner reads and edits, with the full account number', async () => {
    const s = await register(sys);
    const body = application();
    const res = await apply(s, body).expect(201);
    expect(res.body).toMatchObject({
      userId: s.user.id,
      shopName: 'Tenun Ikat Sidemen',
      shopSlug: body.shopSlug,
      regency: 'karangasem',
      regencyName: 'Karangasem',
      craftTypes: ['endek', 'songket'],
      nib: '9120001234567',
      bankAccount: { bankName: 'BPD Bali', accountName: 'Ni Made Sari', accountNumber: '0123456789' },
      status: 'pending',
      statusReason: null,
      verifiedAt: null,
    });
    const mine = await api().get('/api/v1/artisans/me').set(bearer(s)).expect(200);
    expect(mine.body).toEqual(res.body);

    const edited = await api().patch('/api/v1/artisans/me').set(bearer(s)).send({ shopName: 'Tenun Sari', shopSlug: `${body.shopSlug}-baru`, nib: null }).expect(200);
    expect(edited.body).toMatchObject({ shopName: 'Tenun Sari', shopSlug: `${body.shopSlug}-baru`, nib: null, status: 'pending' });
    const status = await api().patch('/api/v1/artisans/me').set(bearer(s)).send({ status: 'verified' }).expect(400);
    expect(status.body.error.details).toEqual([{ field: '(body)', messages: [expect.stringMatching(/status/)] }]);

    const stranger = await register(sys);
    await api().get('/api/v1/artisans/me').set(bearer(stranger)).expect(404);
    await api().get('/api/v1/artisans/me').expect(401);
    await api().post('/api/v1/artisans').send(application()).expect(401);
  });

  it('names each bad field (slug, regency, NIB, account number, craft type) and writes nothing', async () => {
    const s = await register(sys);
    const bad = await apply(
      s,
      application({ shopSlug: 'Toko Bagus!', regency: 'jakarta', nib: '12345', bankAccount: { bankName: 'BPD Bali', accountName: 'Ni Made', accountNumber: '12-ab' } }),
    ).expect(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['bankAccount.accountNumber', 'nib', 'regency', 'shopSlug']);
    expect(bad.body.error.details.find((d: { field: string }) => d.field === 'regency').messages[0]).toMatch(/badung.*tabanan/);

    for (const shopSlug of ['ab', 'x'.repeat(61), 'tenun--sidemen', '-tenun', 'tenun_sidemen']) {
      const res = await apply(s, application({ shopSlug })).expect(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['shopSlug']);
    }

    const craft = await apply(s, application({ craftTypes: ['endek', 'plastic-flowers'] })).expect(400);
    expect(craft.body.error.details).toEqual([{ field: 'craftTypes.1', messages: [expect.stringContaining('plastic-flowers')] }]);
    // A group of the taxonomy is a craft type too.
    const rows = await queryDb(sys, 'SELECT 1 FROM catalog.artisans WHERE user_id = $1', [s.user.id]);
    expect(rows).toHaveLength(0);
    await apply(s, application({ craftTypes: ['carving'], nib: '' })).expect(201)
      .expect(({ body }) => expect(body).toMatchObject({ craftTypes: ['carving'], nib: null }));
  });

  it('keeps one shop per user and one shop per slug (409s), even when requests race', async () => {
    const { s, artisan } = await applicant();
    const again = await apply(s).expect(409);
    expect(again.body.error).toMatchObject({ code: 'already_applied', details: { status: 'pending', artisanId: artisan.id } });

    const other = await register(sys);
    const clash = await apply(other, application({ shopSlug: artisan.shopSlug })).expect(409);
    expect(clash.body.error).toMatchObject({ code: 'slug_taken', details: { field: 'shopSlug' } });

    const racer = await register(sys);
    const both = await Promise.all([apply(racer), apply(racer)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const slug = application().shopSlug;
    const two = await Promise.all([register(sys), register(sys)]);
    const raced = await Promise.all(two.map((t) => apply(t, application({ shopSlug: slug }))));
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(raced.find((r) => r.status === 409)!.body.error.code).toBe('slug_taken');
  });

  it('shows the account number in full to the owner and curators only: masked for others, absent from the shop page', async () => {
    const { s, artisan } = await verified();
    for (const who of [curator, admin]) {
      const res = await api().get(`/api/v1/curation/artisans/${artisan.id}`).set(bearer(who)).expect(200);
      expect(res.body.bankAccount.accountNumber).toBe('0123456789');
    }
    const owner = await rpcAs(s, CatalogPatterns.artisanGet, { id: artisan.id });
    expect(owner).toMatchObject({ bankAccount: { accountNumber: '0123456789' } });

    // Another signed-in reader (another app on a buyer's behalf) gets the profile, masked.
    const buyer = await register(sys);
    const masked = await rpcAs(buyer, CatalogPatterns.artisanGet, { id: artisan.id });
    expect(masked).toMatchObject({ id: artisan.id, bankAccount: { bankName: 'BPD Bali', accountName: 'Ni Made Sari', accountNumber: '•••• 6789' } });
    await api().get(`/api/v1/curation/artisans/${artisan.id}`).set(bearer(buyer)).expect(403);
    // ...and nothing of a shop the council has not verified.
    const pending = await applicant();
    await expect(rpcAs(buyer, CatalogPatterns.artisanGet, { id: pending.artisan.id })).rejects.toMatchObject({ code: 'not_found' });

    const page = await api().get(`/api/v1/shops/${artisan.shopSlug}`).expect(200);
    const text = JSON.stringify(page.body);
    expect(text).not.toMatch(/bank|account|6789|nib|9120001234567/i);
  });

  it('lets only curators decide or read the queue: anonymous 401, a buyer and an artisan 403', async () => {
    const { artisan } = await applicant();
    const buyer = await register(sys);
    const seller = await registerWithRoles(sys, [Roles.artisan]);
    await api().post(`/api/v1/curation/artisans/${artisan.id}/decision`).send({ decision: 'verify' }).expect(401);
    for (const who of [buyer, seller]) {
      const res = await decide(artisan.id, 'verify', undefined, who).expect(403);
      expect(res.body.error).toMatchObject({ code: 'forbidden', details: { requiredRoles: ['curator'] } });
      await api().get('/api/v1/curation/artisans').set(bearer(who)).expect(403);
      await api().get(`/api/v1/curation/artisans/${artisan.id}`).set(bearer(who)).expect(403);
    }
    // The catalog checks too, for callers that are not the gateway.
    await expect(rpcAs(buyer, CatalogPatterns.artisanDecide, { id: artisan.id, decision: 'verify' })).rejects.toBeInstanceOf(DomainError);
    await expect(rpcAs(null, CatalogPatterns.artisanQueue, {})).rejects.toMatchObject({ code: 'unauthenticated' });
    const [row] = await queryDb<{ status: string }>(sys, 'SELECT status FROM catalog.artisans WHERE id = $1', [artisan.id]);
    expect(row.status).toBe('pending');
  });

  it('verifies: an audit entry, artisan.verified through the outbox, and the artisan role in the next token', async () => {
    const { s, artisan } = await applicant();
    const queue = await api().get('/api/v1/curation/artisans?limit=100').set(bearer(curator)).expect(200);
    expect(queue.body.items.map((a: { id: string }) => a.id)).toContain(artisan.id);
    expect(queue.body.items.every((a: { status: string }) => a.status === 'pending')).toBe(true);

    const res = await decide(artisan.id, 'verify').expect(200);
    expect(res.body).toMatchObject({ status: 'verified', statusReason: null, verifiedAt: expect.any(String), decidedAt: expect.any(String) });

    const audit = await queryDb(sys, `SELECT actor_id, action, before, after, reason FROM catalog.audit_log WHERE entity_type = 'artisan' AND entity_id = $1`, [artisan.id]);
    expect(audit).toEqual([
      { actor_id: curator.user.id, action: 'artisan.verify', before: { status: 'pending', statusReason: null }, after: { status: 'verified', statusReason: null }, reason: null },
    ]);
    expect(await outbox(`payload->>'artisanId' = $1`, [artisan.id])).toEqual([
      { name: 'artisan.verified', payload: { artisanId: artisan.id, userId: s.user.id, shopSlug: artisan.shopSlug } },
    ]);

    const verifiedList = await api().get('/api/v1/curation/artisans?status=verified&limit=100').set(bearer(curator)).expect(200);
    expect(verifiedList.body.items.map((a: { id: string }) => a.id)).toContain(artisan.id);
    const pendingList = await api().get('/api/v1/curation/artisans?limit=100').set(bearer(curator)).expect(200);
    expect(pendingList.body.items.map((a: { id: string }) => a.id)).not.toContain(artisan.id);

    // The relay and the gateway's consumer run in-process: the role lands, and the next token carries it.
    let refreshToken = s.refreshToken;
    const next = await eventually(async () => {
      const r = await api().post('/api/v1/auth/refresh').send({ refreshToken }).expect(200);
      refreshToken = r.body.refreshToken;
      expect(rolesInToken(r.body.accessToken)).toEqual(['buyer', 'artisan']);
      return r.body;
    });
    expect(next.user.roles).toEqual(['buyer', 'artisan']);
  });

  it('rejects with a reason the artisan reads, and takes a new application afterwards', async () => {
    const { s, artisan } = await applicant();
    const noReason = await decide(artisan.id, 'reject').expect(400);
    expect(noReason.body.error.details).toEqual([{ field: 'reason', messages: [expect.stringMatching(/reason/)] }]);

    const rejected = await decide(artisan.id, 'reject', 'Foto produk belum ada; NIB tidak cocok.').expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', statusReason: 'Foto produk belum ada; NIB tidak cocok.' });
    const mine = await api().get('/api/v1/artisans/me').set(bearer(s)).expect(200);
    expect(mine.body.statusReason).toBe('Foto produk belum ada; NIB tidak cocok.');
    expect(await outbox(`payload->>'artisanId' = $1`, [artisan.id])).toEqual([]);
    const [audit] = await queryDb(sys, `SELECT action, reason FROM catalog.audit_log WHERE entity_id = $1`, [artisan.id]);
    expect(audit).toEqual({ action: 'artisan.reject', reason: 'Foto produk belum ada; NIB tidak cocok.' });

    const again = await apply(s, application({ shopSlug: `${artisan.shopSlug}-2`, nib: '9120007654321' })).expect(201);
    expect(again.body).toMatchObject({ id: artisan.id, status: 'pending', statusReason: null, nib: '9120007654321' });
  });

  it('suspends: artisan.suspended, listing.unpublished for each published listing, the shop page gone, the role removed', async () => {
    const { s, artisan } = await verified();
    const published = await insertListing(sys, artisan.id);
    const draft = await insertListing(sys, artisan.id, { status: 'draft' });
    const page = await api().get(`/api/v1/shops/${artisan.shopSlug}`).expect(200);
    expect(page.body.listings.items.map((l: { id: string }) => l.id)).toEqual([published.id]);
    await eventually(async () => {
      const r = await api().post('/api/v1/auth/login').send({ email: s.user.email, password: 'correct-horse-battery' }).expect(200);
      expect(r.body.user.roles).toContain('artisan');
    });

    await decide(artisan.id, 'suspend', 'x').expect(400);
    const res = await decide(artisan.id, 'suspend', 'Menjual kain printing sebagai tenun tangan.').expect(200);
    expect(res.body).toMatchObject({ status: 'suspended', statusReason: 'Menjual kain printing sebagai tenun tangan.' });

    const events = await outbox(`payload->>'artisanId' = $1 AND name <> 'artisan.verified'`, [artisan.id]);
    expect(events).toEqual([
      { name: 'artisan.suspended', payload: { artisanId: artisan.id, userId: s.user.id, reason: 'Menjual kain printing sebagai tenun tangan.' } },
      { name: 'listing.unpublished', payload: { listingId: published.id, artisanId: artisan.id, version: 2, reason: 'artisan_suspended' } },
    ]);
    expect(events.some((e) => e.payload.listingId === draft.id)).toBe(false);
    await api().get(`/api/v1/shops/${artisan.shopSlug}`).expect(404);

    const roles = await eventually(async () => {
      const r = await api().post('/api/v1/auth/login').send({ email: s.user.email, password: 'correct-horse-battery' }).expect(200);
      expect(r.body.user.roles).toEqual(['buyer']);
      return rolesInToken(r.body.accessToken);
    });
    expect(roles).toEqual(['buyer']);
  });

  it('reinstates: artisan.verified again, listing.published for the listings still published, the shop page back', async () => {
    const { s, artisan } = await verified();
    const listing = await insertListing(sys, artisan.id);
    const suspended = await decide(artisan.id, 'suspend', 'Laporan pembeli sedang diperiksa.').expect(200);
    const before = await queryDb(sys, `SELECT count(*)::int AS n FROM catalog.outbox WHERE payload->>'artisanId' = $1`, [artisan.id]);

    const res = await decide(artisan.id, 'reinstate', 'Laporan tidak terbukti.').expect(200);
    // Verified since the first verification, not since the reinstatement.
    expect(res.body).toMatchObject({ status: 'verified', statusReason: null, verifiedAt: suspended.body.verifiedAt });
    await decide(artisan.id, 'suspend', 'Cek ulang dokumen.').expect(200);
    await decide(artisan.id, 'reinstate').expect(200);

    const after = await outbox(`payload->>'artisanId' = $1`, [artisan.id]);
    const reinstated = after.slice(before[0].n as number, before[0].n as number + 2);
    expect(reinstated.map((e) => e.name)).toEqual(['artisan.verified', 'listing.published']);
    expect(reinstated[1].payload).toMatchObject({ listingId: listing.id, version: 3, snapshot: { id: listing.id, artisan: { id: artisan.id } } });
    await api().get(`/api/v1/shops/${artisan.shopSlug}`).expect(200);
    const audit = await queryDb<{ action: string }>(sys, `SELECT action FROM catalog.audit_log WHERE entity_id = $1 ORDER BY created_at, id`, [artisan.id]);
    expect(audit.map((a) => a.action)).toEqual(['artisan.verify', 'artisan.suspend', 'artisan.reinstate', 'artisan.suspend', 'artisan.reinstate']);
    // Five decisions in quick succession leave the role as the last one says, and only once.
    await eventually(async () => {
      const [user] = await queryDb<{ roles: string[] }>(sys, 'SELECT roles FROM identity.users WHERE id = $1', [s.user.id]);
      const inbox = await queryDb(sys, `SELECT 1 FROM identity.inbox WHERE consumer = 'identity.artisan-roles' AND event_id IN (SELECT id FROM catalog.outbox WHERE payload->>'userId' = $1)`, [s.user.id]);
      expect(inbox).toHaveLength(5);
      expect(user.roles).toEqual(['buyer', 'artisan']);
    });
  });

  it('refuses moves the table does not allow with 409 naming from and to', async () => {
    const pending = await applicant();
    const conflict = await decide(pending.artisan.id, 'reinstate').expect(409);
    expect(conflict.body.error).toMatchObject({ code: 'invalid_transition', details: { from: 'pending', to: 'verified', decision: 'reinstate' } });
    await decide(pending.artisan.id, 'suspend', 'Tidak boleh.').expect(409);

    const { artisan } = await verified();
    const twice = await decide(artisan.id, 'verify').expect(409);
    expect(twice.body.error.details).toMatchObject({ from: 'verified', to: 'verified' });
    await decide(artisan.id, 'reject', 'Terlambat.').expect(409);

    const rejected = await applicant();
    await decide(rejected.artisan.id, 'reject', 'Belum lengkap.').expect(200);
    await decide(rejected.artisan.id, 'suspend', 'Tidak mungkin.').expect(409)
      .expect(({ body }) => expect(body.error.details).toMatchObject({ from: 'rejected', to: 'suspended' }));

    const unknown = await decide(artisan.id, 'promote').expect(400);
    expect(unknown.body.error.details[0].field).toBe('decision');
    await decide('01a20f41-0000-7000-8000-000000000000', 'verify').expect(404);
    await api().post('/api/v1/curation/artisans/not-a-uuid/decision').set(bearer(curator)).send({ decision: 'verify' }).expect(400);
  });

  it('serves a verified shop page: profile, published listing cards newest first, paged; others 404', async () => {
    const { artisan } = await verified();
    const cheap = await insertListing(sys, artisan.id, { variants: [{ price: 150_000n, stock: 0 }] });
    const ranged = await insertListing(sys, artisan.id, { variants: [{ price: 350_000n, stock: 0 }, { price: 1_250_000n, stock: 2 }] });
    const newest = await insertListing(sys, artisan.id);
    await insertListing(sys, artisan.id, { status: 'submitted' });
    // Published at distinct times, the newest last; the middle one has two photos.
    for (const [i, l] of [cheap, ranged, newest].entries()) {
      await queryDb(sys, `UPDATE catalog.listings SET published_at = now() - make_interval(days => $2) WHERE id = $1`, [l.id, 10 - i]);
    }
    for (const position of [1, 0]) {
      await queryDb(
        sys,
        `INSERT INTO catalog.listing_photos (id, listing_id, position, alt, keys, width, height)
         VALUES (gen_random_uuid(), $1, $2, 'Kain endek', $3, 1200, 900)`,
        [ranged.id, position, { thumbnail: `l/${position}-thumb.webp`, card: `l/${position}-card.webp`, full: `l/${position}-full.webp` }],
      );
    }

    const page = await api().get(`/api/v1/shops/${artisan.shopSlug}?limit=2`).expect(200);
    expect(page.body.shop).toEqual({
      id: artisan.id,
      name: 'Tenun Ikat Sidemen',
      slug: artisan.shopSlug,
      story: artisan.story,
      regency: 'karangasem',
      regencyName: 'Karangasem',
      craftTypes: [
        { slug: 'endek', name: 'Endek', nameEn: 'Endek' },
        { slug: 'songket', name: 'Songket', nameEn: 'Songket' },
      ],
      photo: null,
      verifiedSince: expect.any(String),
      marks: [],
    });
    expect(page.body.listings).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page.body.listings.items).toEqual([
      { id: newest.id, title: { id: 'Kain endek Sidemen motif cepuk', en: null }, minPrice: '350000', maxPrice: '350000', regularMinPrice: '350000', inStock: true, thumbnail: null, publishedAt: expect.any(String), marks: [], campaigns: [] },
      { id: ranged.id, title: expect.any(Object), minPrice: '350000', maxPrice: '1250000', regularMinPrice: '350000', inStock: true, thumbnail: '/media/l/0-thumb.webp', publishedAt: expect.any(String), marks: [], campaigns: [] },
    ]);
    const rest = await api().get(`/api/v1/shops/${artisan.shopSlug}?limit=2&offset=2`).expect(200);
    expect(rest.body.listings.items).toEqual([expect.objectContaining({ id: cheap.id, minPrice: '150000', inStock: false })]);

    const tooMany = await api().get(`/api/v1/shops/${artisan.shopSlug}?limit=51`).expect(400);
    expect(tooMany.body.error.details[0].field).toBe('limit');
    const pending = await applicant();
    await api().get(`/api/v1/shops/${pending.artisan.shopSlug}`).expect(404);
    await api().get('/api/v1/shops/no-such-shop').expect(404);
  });

  it('fixes the slug once verified; a new name or payout account is announced and audited', async () => {
    const { s, artisan } = await verified();
    const listing = await insertListing(sys, artisan.id);
    const locked = await api().patch('/api/v1/artisans/me').set(bearer(s)).send({ shopSlug: `${artisan.shopSlug}-lain` }).expect(409);
    expect(locked.body.error.details).toMatchObject({ field: 'shopSlug' });
    await api().patch('/api/v1/artisans/me').set(bearer(s)).send({ shopSlug: artisan.shopSlug }).expect(200);

    await api()
      .patch('/api/v1/artisans/me')
      .set(bearer(s))
      .send({ shopName: 'Endek Sari Sidemen', bankAccount: { bankName: 'BRI', accountName: 'Ni Made Sari', accountNumber: '9988776655' } })
      .expect(200)
      .expect(({ body }) => expect(body.bankAccount.accountNumber).toBe('9988776655'));
    const [updated] = await outbox(`name = 'listing.updated' AND payload->>'listingId' = $1`, [listing.id]);
    expect(updated.payload).toMatchObject({ snapshot: { artisan: { shopName: 'Endek Sari Sidemen' } } });
    const [audit] = await queryDb(sys, `SELECT actor_id, before, after FROM catalog.audit_log WHERE entity_id = $1 AND action = 'artisan.bank_account_changed'`, [
      artisan.id,
    ]);
    expect(audit).toEqual({
      actor_id: s.user.id,
      before: { bankAccount: { bankName: 'BPD Bali', accountName: 'Ni Made Sari', accountNumber: '•••• 6789' } },
      after: { bankAccount: { bankName: 'BRI', accountName: 'Ni Made Sari', accountNumber: '•••• 6655' } },
    });
  });
});
