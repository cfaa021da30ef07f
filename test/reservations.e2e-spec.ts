import request from 'supertest';
import { Caller, CatalogPatterns, ReservationReply, Roles } from '@pk/contracts';
import { newId } from '@pk/core';
import { ReservationsService } from '../apps/catalog/src/stock/reservations.service';
import { bootSystem, TestSystem } from './support/apps';
import { FixtureListing, insertArtisan, insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { bearer, register } from './support/http';
import { RpcClient, rpcClient } from './support/rpc';

const buyer = (): Caller => ({ userId: newId(), roles: [Roles.buyer] });

interface Movement { from_stock: number; to_stock: number; reason: string; reference: string | null; actor_id: string | null }

/** What both blocks below read from the catalog's tables. */
function tables(ctx: { sys: TestSystem }) {
  return {
    stockOf: async (variantId: string) =>
      (await queryDb<{ stock: number }>(ctx.sys, 'SELECT stock FROM catalog.variants WHERE id = $1', [variantId]))[0].stock,
    movementsOf: (variantId: string) =>
      queryDb<Movement>(ctx.sys, 'SELECT from_stock, to_stock, reason, reference, actor_id FROM catalog.stock_movements WHERE variant_id = $1 ORDER BY id', [variantId]),
    statusOf: async (id: string) =>
      (await queryDb<{ status: string; release_reason: string | null }>(ctx.sys, 'SELECT status, release_reason FROM catalog.reservations WHERE id = $1', [id]))[0],
    expire: (id: string) => queryDb(ctx.sys, `UPDATE catalog.reservations SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]),
  };
}

/** Boots the catalog for a describe block, with a TCP client to it as orders would have. */
function bootCatalog(suite: string, sweepSeconds: number): { sys: TestSystem; rpc: RpcClient } {
  const ctx = {} as { sys: TestSystem; rpc: RpcClient };
  beforeAll(async () => {
    ctx.sys = await bootSystem(suite, { services: ['catalog'], env: { RESERVATION_SWEEP_SECONDS: String(sweepSeconds) } });
    ctx.rpc = rpcClient(ctx.sys, 'catalog');
  });
  afterAll(async () => {
    await ctx.rpc?.close();
    await ctx.sys?.close();
  });
  return ctx;
}

describe('stock reservations: all or nothing, never oversold, commit, release', () => {
  // The sweeper runs once at start and then not for an hour: expiry here is judged by commit
  // alone, and sweeps are called directly (the next block runs the scheduled sweeper).
  const ctx = bootCatalog('reservations', 3600);
  const db = tables(ctx);
  let artisanId: string;
  beforeAll(async () => {
    artisanId = await insertArtisan(ctx.sys, newId());
  });

  const listing = (stocks: number[], opts: { status?: string; artisan?: string } = {}): Promise<FixtureListing> =>
    insertListing(ctx.sys, opts.artisan ?? artisanId, { status: opts.status, variants: stocks.map((stock, i) => ({ stock, price: 350_000n + BigInt(i) * 1000n })) });
  const reserve = (caller: Caller | null, lines: Array<{ variantId: string; quantity: number }>, key = newId(), ttlSeconds?: number) =>
    ctx.rpc.send<ReservationReply>(CatalogPatterns.reservationCreate, { key, lines, ttlSeconds }, caller);
  const refuse = (pattern: string, data: unknown, caller: Caller | null) => ctx.rpc.failure(pattern, data, caller);

  it('200 parallel one-unit reservations of a variant with stock 10: exactly 10 succeed, stock ends at 0, never below', async () => {
    const { variants: [v] } = await listing([10]);
    const outcomes = await Promise.allSettled(Array.from({ length: 200 }, () => reserve(buyer(), [{ variantId: v.id, quantity: 1 }])));
    const won = outcomes.filter((o): o is PromiseFulfilledResult<ReservationReply> => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(10);
    expect(new Set(lost.map((o) => o.reason.code))).toEqual(new Set(['insufficient_stock']));
    expect(lost[0].reason.details).toEqual([{ variantId: v.id, sku: v.sku, requested: 1, available: 0 }]);
    expect(await db.stockOf(v.id)).toBe(0);

    // The ledger: ten movements, each one unit down from where the last one ended, none below 0.
    const moves = await db.movementsOf(v.id);
    expect(moves.map((m) => [m.from_stock, m.to_stock])).toEqual(Array.from({ length: 10 }, (_, i) => [10 - i, 9 - i]));
    expect(moves.every((m) => m.reason === 'reserved')).toBe(true);
    expect(new Set(moves.map((m) => m.reference))).toEqual(new Set(won.map((o) => o.value.id)));
    const events = await queryDb<{ payload: { stock: number; previous: number; reason: string } }>(
      ctx.sys, `SELECT payload FROM catalog.outbox WHERE name = 'stock.changed' AND payload->>'variantId' = $1`, [v.id]);
    expect(events.map((e) => e.payload.stock).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const [{ held }] = await queryDb<{ held: number }>(ctx.sys, `SELECT sum(quantity)::int AS held FROM catalog.reservation_lines WHERE variant_id = $1`, [v.id]);
    expect(held).toBe(10);
  });

  it('overlapping multi-line reservations, taken and released at once, never deadlock and keep the books', async () => {
    const l = await listing([20, 20, 20]);
    const ids = l.variants.map((v) => v.id);
    // Lines in every order: the catalog, not the caller, decides the order rows are locked in.
    const orders = [[0, 1, 2], [2, 1, 0], [1, 2], [2, 0], [0, 2, 1], [1, 0]];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, async (_, i) => {
        const caller = buyer();
        const r = await reserve(caller, orders[i % orders.length].map((j) => ({ variantId: ids[j], quantity: 1 })));
        if (i % 2 === 0) await ctx.rpc.send(CatalogPatterns.reservationRelease, { id: r.id }, caller);
      }),
    );
    const codes = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason.code);
    expect(codes.filter((code) => code !== 'insufficient_stock')).toEqual([]);
    expect(codes.length).toBeLessThan(60);
    const held = await queryDb<{ variant_id: string; held: number }>(
      ctx.sys,
      `SELECT l.variant_id, sum(l.quantity)::int AS held FROM catalog.reservation_lines l
       JOIN catalog.reservations r ON r.id = l.reservation_id WHERE r.status = 'held' AND l.variant_id = ANY($1::uuid[]) GROUP BY l.variant_id`,
      [ids],
    );
    for (const id of ids) {
      expect((await db.stockOf(id)) + (held.find((h) => h.variant_id === id)?.held ?? 0)).toBe(20);
    }
  });

  it('replies with the lines orders freezes: shop, SKU, unit price as rupiah digits, expiry', async () => {
    const l = await listing([5, 3]);
    const caller = buyer();
    const before = Date.now();
    const r = await reserve(caller, [{ variantId: l.variants[1].id, quantity: 2 }, { variantId: l.variants[0].id, quantity: 1 }], newId(), 600);
    expect(r).toEqual({
      id: expect.any(String),
      status: 'held',
      releaseReason: null,
      expiresAt: expect.any(String),
      lines: expect.arrayContaining([
        { variantId: l.variants[0].id, listingId: l.id, artisanId, sku: l.variants[0].sku, quantity: 1, unitPrice: '350000' },
        { variantId: l.variants[1].id, listingId: l.id, artisanId, sku: l.variants[1].sku, quantity: 2, unitPrice: '351000' },
      ]),
    });
    expect(r.lines).toHaveLength(2);
    expect(Date.parse(r.expiresAt) - before).toBeGreaterThan(590_000);
    expect(Date.parse(r.expiresAt) - before).toBeLessThan(610_000);
    expect(await ctx.rpc.send(CatalogPatterns.reservationGet, { id: r.id }, caller)).toEqual(r);
    expect([await db.stockOf(l.variants[0].id), await db.stockOf(l.variants[1].id)]).toEqual([4, 1]);
  });

  it('takes nothing when one line of two is short, and names the short line', async () => {
    const l = await listing([5, 1]);
    const [plenty, scarce] = l.variants;
    const error = await refuse(CatalogPatterns.reservationCreate, { key: newId(), lines: [{ variantId: plenty.id, quantity: 2 }, { variantId: scarce.id, quantity: 2 }] }, buyer());
    expect(error.code).toBe('insufficient_stock');
    expect(error.details).toEqual([{ variantId: scarce.id, sku: scarce.sku, requested: 2, available: 1 }]);
    expect([await db.stockOf(plenty.id), await db.stockOf(scarce.id)]).toEqual([5, 1]);
    expect(await db.movementsOf(plenty.id)).toEqual([]);
    const rows = await queryDb(ctx.sys, `SELECT 1 FROM catalog.reservation_lines WHERE variant_id = ANY($1::uuid[])`, [[plenty.id, scarce.id]]);
    expect(rows).toEqual([]);
  });

  it('the same key from the same buyer is the same reservation; other lines with that key are a 409', async () => {
    const { variants: [v, w] } = await listing([6, 6]);
    const caller = buyer();
    const key = `checkout-${newId()}`;
    const [first, again] = await Promise.all([reserve(caller, [{ variantId: v.id, quantity: 2 }], key), reserve(caller, [{ variantId: v.id, quantity: 2 }], key)]);
    expect(again).toEqual(first);
    expect(await db.stockOf(v.id)).toBe(4);

    const clash = await refuse(CatalogPatterns.reservationCreate, { key, lines: [{ variantId: w.id, quantity: 2 }] }, caller);
    expect(clash.code).toBe('conflict');
    expect(await db.stockOf(w.id)).toBe(6);

    // The key is the buyer's own: another buyer's same key is another reservation.
    const other = await reserve(buyer(), [{ variantId: v.id, quantity: 2 }], key);
    expect(other.id).not.toBe(first.id);
    expect(await db.stockOf(v.id)).toBe(2);
  });

  it('commit keeps the stock sold, twice is the same; a committed reservation cannot be released', async () => {
    const { variants: [v] } = await listing([3]);
    const caller = buyer();
    const r = await reserve(caller, [{ variantId: v.id, quantity: 2 }]);
    const committed = await ctx.rpc.send<ReservationReply>(CatalogPatterns.reservationCommit, { id: r.id }, caller);
    expect(committed).toMatchObject({ id: r.id, status: 'committed', lines: r.lines });
    expect(await ctx.rpc.send(CatalogPatterns.reservationCommit, { id: r.id }, caller)).toEqual(committed);
    expect((await refuse(CatalogPatterns.reservationRelease, { id: r.id }, caller)).code).toBe('invalid_transition');
    expect(await db.stockOf(v.id)).toBe(1);
    expect((await db.movementsOf(v.id)).map((m) => m.reason)).toEqual(['reserved']);
  });

  it('release gives the stock back through the ledger, twice is the same, and a released one cannot be committed', async () => {
    const { variants: [v] } = await listing([3]);
    const caller = buyer();
    const r = await reserve(caller, [{ variantId: v.id, quantity: 3 }]);
    expect(await db.stockOf(v.id)).toBe(0);
    const released = await ctx.rpc.send<ReservationReply>(CatalogPatterns.reservationRelease, { id: r.id }, caller);
    expect(released).toMatchObject({ id: r.id, status: 'released', releaseReason: 'cancelled' });
    expect(await ctx.rpc.send(CatalogPatterns.reservationRelease, { id: r.id }, caller)).toEqual(released);
    expect(await db.stockOf(v.id)).toBe(3);
    expect(await db.movementsOf(v.id)).toEqual([
      { from_stock: 3, to_stock: 0, reason: 'reserved', reference: r.id, actor_id: caller.userId },
      { from_stock: 0, to_stock: 3, reason: 'released', reference: r.id, actor_id: caller.userId },
    ]);
    const closed = await refuse(CatalogPatterns.reservationCommit, { id: r.id }, caller);
    expect(closed.code).toBe('reservation_closed');
    expect(closed.details).toMatchObject({ reason: 'cancelled' });
  });

  it('refuses to commit a reservation past its expiry even before the sweeper has run', async () => {
    const { variants: [v] } = await listing([4]);
    const caller = buyer();
    const r = await reserve(caller, [{ variantId: v.id, quantity: 1 }]);
    await db.expire(r.id);
    const closed = await refuse(CatalogPatterns.reservationCommit, { id: r.id }, caller);
    expect(closed.code).toBe('reservation_closed');
    expect(closed.details).toMatchObject({ reason: 'expired', status: 'held' });
    expect(await db.statusOf(r.id)).toEqual({ status: 'held', release_reason: null });
    // The buyer's release of it is recorded as an expiry.
    expect(await ctx.rpc.send(CatalogPatterns.reservationRelease, { id: r.id }, caller)).toMatchObject({ status: 'released', releaseReason: 'expired' });
    expect(await db.stockOf(v.id)).toBe(4);
  });

  it('sweeps running side by side (two replicas) release each expired reservation once', async () => {
    const l = await listing([30, 30]);
    const reservations = await Promise.all(
      Array.from({ length: 24 }, (_, i) => reserve(buyer(), [{ variantId: l.variants[i % 2].id, quantity: 1 }, ...(i % 3 === 0 ? [{ variantId: l.variants[1 - (i % 2)].id, quantity: 2 }] : [])])),
    );
    const fresh = await reserve(buyer(), [{ variantId: l.variants[0].id, quantity: 1 }]);
    await Promise.all(reservations.map((r) => db.expire(r.id)));
    const service = ctx.sys.services.get('catalog')!.get(ReservationsService);
    const counts = await Promise.all([service.releaseExpired(5), service.releaseExpired(5), service.sweep(), service.sweep()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(24);
    expect(await db.statusOf(fresh.id)).toEqual({ status: 'held', release_reason: null });
    expect([await db.stockOf(l.variants[0].id), await db.stockOf(l.variants[1].id)]).toEqual([29, 30]);
    for (const v of l.variants) {
      const moves = await db.movementsOf(v.id);
      expect(moves.filter((m) => m.reason === 'expired')).toHaveLength(moves.filter((m) => m.reason === 'reserved').length - (v === l.variants[0] ? 1 : 0));
      expect(moves.filter((m) => m.reason === 'expired').every((m) => m.actor_id === null && m.to_stock > m.from_stock)).toBe(true);
      // Chained: every movement starts where the one before it ended.
      moves.slice(1).forEach((m, i) => expect(m.from_stock).toBe(moves[i].to_stock));
    }
  });

  it('refuses variants that are not for sale: unpublished listing, suspended shop, unknown variant', async () => {
    const draft = await listing([5], { status: 'draft' });
    const suspendedShop = await insertArtisan(ctx.sys, newId(), { status: 'suspended' });
    const suspended = await listing([5], { artisan: suspendedShop });
    const onSale = await listing([5]);
    const lines = (variantId: string) => ({ key: newId(), lines: [{ variantId: onSale.variants[0].id, quantity: 1 }, { variantId, quantity: 1 }] });

    const unpublished = await refuse(CatalogPatterns.reservationCreate, lines(draft.variants[0].id), buyer());
    expect(unpublished).toMatchObject({ code: 'not_purchasable', details: [{ variantId: draft.variants[0].id, reason: 'listing_not_published' }] });
    const shopOff = await refuse(CatalogPatterns.reservationCreate, lines(suspended.variants[0].id), buyer());
    expect(shopOff).toMatchObject({ code: 'not_purchasable', details: [{ variantId: suspended.variants[0].id, reason: 'shop_not_active' }] });
    const ghost = newId();
    expect(await refuse(CatalogPatterns.reservationCreate, lines(ghost), buyer())).toMatchObject({ code: 'not_found', details: [{ variantId: ghost }] });
    for (const l of [draft, suspended, onSale]) expect(await db.stockOf(l.variants[0].id)).toBe(5);
  });

  it('only the buyer (or an admin) reads, commits or releases a reservation; anonymous callers are refused', async () => {
    const { variants: [v] } = await listing([5]);
    const owner = buyer();
    const r = await reserve(owner, [{ variantId: v.id, quantity: 2 }]);
    const stranger = buyer();
    for (const pattern of [CatalogPatterns.reservationGet, CatalogPatterns.reservationCommit, CatalogPatterns.reservationRelease]) {
      expect((await refuse(pattern, { id: r.id }, stranger)).code).toBe('forbidden');
      expect((await refuse(pattern, { id: r.id }, null)).code).toBe('unauthenticated');
    }
    expect((await refuse(CatalogPatterns.reservationCreate, { key: newId(), lines: [{ variantId: v.id, quantity: 1 }] }, null)).code).toBe('unauthenticated');
    expect((await refuse(CatalogPatterns.reservationGet, { id: newId() }, owner)).code).toBe('not_found');
    expect(await db.statusOf(r.id)).toEqual({ status: 'held', release_reason: null });
    expect(await db.stockOf(v.id)).toBe(3);
    const admin: Caller = { userId: newId(), roles: [Roles.admin] };
    expect(await ctx.rpc.send(CatalogPatterns.reservationGet, { id: r.id }, admin)).toMatchObject({ id: r.id, status: 'held' });
  });

  it('names every bad field of a reservation request', async () => {
    const { variants: [v] } = await listing([5]);
    const error = await refuse(
      CatalogPatterns.reservationCreate,
      { key: '', ttlSeconds: 10, lines: [{ variantId: v.id, quantity: 0 }, { variantId: 'nope', quantity: 101 }] },
      buyer(),
    );
    expect(error.code).toBe('validation_failed');
    expect((error.details as Array<{ field: string }>).map((d) => d.field).sort()).toEqual(
      ['key', 'lines.0.quantity', 'lines.1.quantity', 'lines.1.variantId', 'ttlSeconds'].sort(),
    );
    // The same variant twice, even in another letter case, is one line too many.
    const twice = await refuse(CatalogPatterns.reservationCreate, { key: 'k', lines: [{ variantId: v.id, quantity: 1 }, { variantId: v.id.toUpperCase(), quantity: 1 }] }, buyer());
    expect(twice.details).toEqual([{ field: 'lines.1.variantId', messages: ['this variant is already on another line'] }]);
    expect((await refuse(CatalogPatterns.reservationCreate, { key: 'k', lines: [] }, buyer())).details).toEqual([{ field: 'lines', messages: ['at least one line'] }]);
    expect((await refuse(CatalogPatterns.reservationCommit, { id: 'not-a-uuid' }, buyer())).code).toBe('validation_failed');
    expect(await db.stockOf(v.id)).toBe(5);
  });

  it("shows a variant's stock history to its shop only", async () => {
    const owner = await register(ctx.sys);
    const shop = await insertArtisan(ctx.sys, owner.user.id);
    const l = await listing([4], { artisan: shop });
    const [v] = l.variants;
    const caller = buyer();
    const r = await reserve(caller, [{ variantId: v.id, quantity: 3 }]);
    await ctx.rpc.send(CatalogPatterns.reservationRelease, { id: r.id }, caller);
    const url = `/api/v1/listings/${l.id}/variants/${v.id}/stock-history`;

    const { body } = await request(ctx.sys.http).get(url).set(bearer(owner)).expect(200);
    expect(body.variant).toEqual({ id: v.id, listingId: l.id, sku: v.sku, stock: 4 });
    expect(body.movements).toMatchObject([
      { from: 1, to: 4, reason: 'released', reference: r.id, actorId: caller.userId },
      { from: 4, to: 1, reason: 'reserved', reference: r.id, actorId: caller.userId },
    ]);
    expect(body.nextBefore).toBeNull();
    const page = await request(ctx.sys.http).get(`${url}?limit=1`).set(bearer(owner)).expect(200);
    expect(page.body.movements).toHaveLength(1);
    const older = await request(ctx.sys.http).get(`${url}?limit=1&before=${page.body.nextBefore}`).set(bearer(owner)).expect(200);
    expect(older.body.movements.map((m: { reason: string }) => m.reason)).toEqual(['reserved']);

    const otherArtisan = await register(ctx.sys);
    await insertArtisan(ctx.sys, otherArtisan.user.id);
    const denied = await request(ctx.sys.http).get(url).set(bearer(otherArtisan)).expect(403);
    expect(denied.body.error.code).toBe('forbidden');
    await request(ctx.sys.http).get(url).set(bearer(await register(ctx.sys))).expect(403);
    await request(ctx.sys.http).get(url).expect(401);
    await request(ctx.sys.http).get(`/api/v1/listings/${newId()}/variants/${v.id}/stock-history`).set(bearer(owner)).expect(404);
    const bad = await request(ctx.sys.http).get(`${url}?limit=0`).set(bearer(owner)).expect(400);
    expect(bad.body.error.details).toEqual([{ field: 'limit', messages: [expect.any(String)] }]);
  });
});

describe('stock reservations: the expiry sweeper', () => {
  const ctx = bootCatalog('reservation-sweep', 1);
  const db = tables(ctx);

  it('releases a held reservation past its expiry, gives the stock back, and a late commit is refused', async () => {
    const l = await insertListing(ctx.sys, await insertArtisan(ctx.sys, newId()), { variants: [{ stock: 5 }] });
    const [v] = l.variants;
    const caller = buyer();
    const expiring = await ctx.rpc.send<ReservationReply>(CatalogPatterns.reservationCreate, { key: newId(), lines: [{ variantId: v.id, quantity: 2 }] }, caller);
    const live = await ctx.rpc.send<ReservationReply>(CatalogPatterns.reservationCreate, { key: newId(), lines: [{ variantId: v.id, quantity: 1 }] }, caller);
    expect(await db.stockOf(v.id)).toBe(2);
    await db.expire(expiring.id);

    await eventually(async () => expect(await db.statusOf(expiring.id)).toEqual({ status: 'released', release_reason: 'expired' }), { timeoutMs: 8000 });
    expect(await db.stockOf(v.id)).toBe(4);
    expect((await db.movementsOf(v.id)).filter((m) => m.reason === 'expired')).toEqual([
      { from_stock: 2, to_stock: 4, reason: 'expired', reference: expiring.id, actor_id: null },
    ]);
    const closed = await ctx.rpc.failure(CatalogPatterns.reservationCommit, { id: expiring.id }, caller);
    expect(closed).toMatchObject({ code: 'reservation_closed', details: { reason: 'expired', status: 'released' } });
    expect(await ctx.rpc.send(CatalogPatterns.reservationGet, { id: expiring.id }, caller)).toMatchObject({ status: 'released', releaseReason: 'expired' });
    // The one still within its time is untouched and can be paid for.
    expect(await ctx.rpc.send(CatalogPatterns.reservationCommit, { id: live.id }, caller)).toMatchObject({ status: 'committed' });
    expect(await db.stockOf(v.id)).toBe(4);
  });
});
