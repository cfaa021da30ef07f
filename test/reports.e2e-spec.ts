import { parse } from 'csv-parse/sync';
import request, { Response } from 'supertest';
import { newId } from '@pk/core';
import type { SalesFigures, SalesRow } from '@pk/contracts';
import { TestSystem, bootSystem } from './support/apps';
import { insertArtisan, insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { Session, bearer, register, registerWithRoles } from './support/http';
import { Artisan, Buyer, OrderDetail, checkoutBody, checkoutOk, newArtisan, newBuyer, newCurator, paidOrder, waitForOrder } from './support/orders';
import {
  AccountPair,
  ChannelsTestbed,
  accountPair,
  artisanShop,
  bootChannelsTestbed,
  endekSpec,
  mapEndek,
  publishWithPhotos,
  syncAndWait,
  untilPlanned,
} from './support/channels';

// The council's reports, checked against the orders, artisans and channel tables: every figure
// computed here again, independently (per shipment, not per line), and against what buyers paid.

const DAY_MS = 86_400_000;
const witaDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * DAY_MS).toISOString().slice(0, 10);
const REPORTS = ['sales', 'artisans', 'channels'] as const;

type Figures = SalesFigures;
type Row = SalesRow;
interface ShipmentFact { order_id: string; regency: string; artisan_id: string; shop_name: string; goods: string; units: number; shipping: string; refunds: string; day: string }

/** Sums facts by key, the way a person would with a calculator: distinct orders, then amounts. */
function tally<T extends { order_id: string }>(facts: T[], key: (f: T) => string, amounts: (f: T) => { units: number; gmv: bigint; shipping: bigint; refunds: bigint }): Map<string, Figures> {
  const acc = new Map<string, { orders: Set<string>; units: number; gmv: bigint; shipping: bigint; refunds: bigint }>();
  for (const f of facts) {
    const a = acc.get(key(f)) ?? { orders: new Set<string>(), units: 0, gmv: 0n, shipping: 0n, refunds: 0n };
    const m = amounts(f);
    a.orders.add(f.order_id);
    a.units += m.units;
    a.gmv += m.gmv;
    a.shipping += m.shipping;
    a.refunds += m.refunds;
    acc.set(key(f), a);
  }
  return new Map([...acc].map(([k, a]) => [k, { orders: a.orders.size, units: a.units, gmv: String(a.gmv), shipping: String(a.shipping), refunds: String(a.refunds), net: String(a.gmv + a.shipping - a.refunds) }]));
}
const shipmentAmounts = (f: ShipmentFact) => ({ units: f.units, gmv: BigInt(f.goods), shipping: BigInt(f.shipping), refunds: BigInt(f.refunds) });
const figuresOf = (r: Row): Figures => ({ orders: r.orders, units: r.units, gmv: r.gmv, shipping: r.shipping, refunds: r.refunds, net: r.net });
const nonZero = (rows: Row[]) => rows.filter((r) => r.orders > 0);

function csvOf(res: Response, fileName: string): string[][] {
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['content-disposition']).toBe(`attachment; filename="${fileName}"`);
  return parse(res.text) as string[][];
}

describe('council reports: sales and artisans', () => {
  let sys: TestSystem;
  let curator: Session;
  let tenun: Artisan;
  let perak: Artisan;
  let ukir: Artisan;
  const paid: OrderDetail[] = [];
  let movedOrder: OrderDetail;
  const from = witaDay(-6);
  const to = witaDay(1);
  const api = () => request(sys.http);
  const report = (name: string, query: Record<string, string | number> = {}, who: Session | null = curator) => {
    const req = api().get(`/api/v1/curation/reports/${name}`).query(query);
    return who ? req.set(bearer(who)) : req;
  };

  /** What the database holds about every paid order's shipments, summed per shipment. */
  const shipmentFacts = () =>
    queryDb<ShipmentFact>(sys, `
      SELECT o.id AS order_id, coalesce(s.shop_regency, 'unknown') AS regency, s.artisan_id, s.shop_name, s.shipping_fee::text AS shipping,
             (SELECT sum(line_total) FROM orders.order_lines l WHERE l.shipment_id = s.id)::text AS goods,
             (SELECT sum(quantity) FROM orders.order_lines l WHERE l.shipment_id = s.id)::int AS units,
             (SELECT coalesce(sum(amount), 0) FROM orders.shipment_refunds r WHERE r.shipment_id = s.id)::text AS refunds,
             to_char(o.paid_at AT TIME ZONE 'Asia/Makassar', 'YYYY-MM-DD') AS day
      FROM orders.orders o JOIN orders.shipments s ON s.order_id = o.id
      WHERE o.paid_at IS NOT NULL`);

  const categorize = (listingId: string, slug: string) =>
    queryDb(sys, `UPDATE catalog.listings SET category_id = (SELECT id FROM catalog.categories WHERE slug = $2) WHERE id = $1`, [listingId, slug]);
  const shipmentOf = (o: OrderDetail, a: Artisan) => o.shipments.find((s) => s.artisanId === a.artisanId)!;
  /** Shipped, complained about, and a part refunded by the council. */
  const refundInPart = async (buyer: Buyer, shipmentId: string, artisan: Artisan, amount: string) => {
    await api().post(`/api/v1/artisan/shipments/${shipmentId}/ship`).set(bearer(artisan.session)).send({ trackingNumber: `JNE${Date.now()}` }).expect(200);
    const complaint = (await api().post(`/api/v1/shipments/${shipmentId}/complaints`).set(bearer(buyer.session)).send({ reason: 'Barangnya rusak di beberapa bagian.' }).expect(201)).body;
    await api().post(`/api/v1/curation/complaints/${complaint.id}/resolve`).set(bearer(curator)).send({ resolution: 'refund', amount }).expect(200);
  };

  beforeAll(async () => {
    sys = await bootSystem('reports', { services: ['catalog', 'orders', 'payments'] });
    curator = await newCurator(sys);
    [tenun, perak, ukir] = await Promise.all([newArtisan(sys), newArtisan(sys), newArtisan(sys)]);
    for (const [a, regency] of [[tenun, 'gianyar'], [perak, 'klungkung'], [ukir, 'tabanan']] as const) {
      await queryDb(sys, `UPDATE catalog.artisans SET regency = $2 WHERE id = $1`, [a.artisanId, regency]);
    }
    const { variants: [endek] } = await insertListing(sys, tenun.artisanId, { variants: [{ price: 150_000n, stock: 10 }] });
    const songketListing = await insertListing(sys, tenun.artisanId, { variants: [{ price: 275_000n, stock: 10 }] });
    const ringListing = await insertListing(sys, perak.artisanId, { variants: [{ price: 420_000n, stock: 10 }] });
    const mask = await insertListing(sys, ukir.artisanId, { variants: [{ price: 600_000n, stock: 10 }] });
    await categorize(songketListing.id, 'songket');
    await categorize(ringListing.id, 'silver-jewellery');
    await categorize(mask.id, 'wood-carving');
    const [songket, ring, topeng] = [songketListing.variants[0], ringListing.variants[0], mask.variants[0]];
    const jne = (...who: Artisan[]) => Object.fromEntries(who.map((a) => [a.artisanId, 'JNE:REG']));

    // Paid: two woven categories in one shipment (its shipping is shared between them) and a ring.
    const b1 = await newBuyer(sys, [{ variantId: endek.id, quantity: 2 }, { variantId: songket.id, quantity: 1 }, { variantId: ring.id, quantity: 1 }]);
    paid.push(await paidOrder(sys, b1, curator, jne(tenun, perak)));
    // …and part of that shared shipment refunded: 33 333 does not split evenly, so the shares must be made to add up.
    await refundInPart(b1, shipmentOf(paid[0], tenun).id, tenun, '33333');
    // Paid, then the carving is refunded in part after a complaint; moved to 00:30 WITA three days ago below.
    const b2 = await newBuyer(sys, [{ variantId: topeng.id, quantity: 1 }, { variantId: songket.id, quantity: 2 }]);
    movedOrder = await paidOrder(sys, b2, curator, jne(ukir, tenun));
    paid.push(movedOrder);
    await refundInPart(b2, shipmentOf(movedOrder, ukir).id, ukir, '50000');
    // Paid, then cancelled by the buyer before shipping: refunded in full, still a sale of the day it was paid.
    const b4 = await newBuyer(sys, [{ variantId: endek.id, quantity: 1 }]);
    const regretted = await paidOrder(sys, b4, curator, jne(tenun));
    await api().post(`/api/v1/orders/${regretted.id}/cancel`).set(bearer(b4.session)).send({ reason: 'salah pilih motif' }).expect(200);
    paid.push(await waitForOrder(sys, b4.session, regretted.id, (o) => o.status === 'cancelled' && o.refunded === o.total));
    // Never paid: one still waiting, one cancelled. Neither is a sale.
    const b3: Buyer = await newBuyer(sys, [{ variantId: ring.id, quantity: 1 }]);
    await checkoutOk(sys, b3, checkoutBody(b3, jne(perak)));
    const b5 = await newBuyer(sys, [{ variantId: topeng.id, quantity: 1 }]);
    const dropped = await checkoutOk(sys, b5, checkoutBody(b5, jne(ukir)));
    await api().post(`/api/v1/orders/${dropped.order.id}/cancel`).set(bearer(b5.session)).send({}).expect(200);

    // Half past midnight in Bali three days ago is still the day before in UTC: WITA days must put it on the later one.
    await queryDb(sys, `UPDATE orders.orders SET paid_at = ($2::date + time '00:30') AT TIME ZONE 'Asia/Makassar' WHERE id = $1`, [movedOrder.id, witaDay(-3)]);
  }, 180_000);
  afterAll(() => sys?.close());

  it('keeps each shipment\'s regency as the shop had it at checkout', async () => {
    const rows = await queryDb<{ artisan_id: string; shop_regency: string | null }>(sys, `SELECT DISTINCT artisan_id, shop_regency FROM orders.shipments`);
    const expected: Record<string, string> = { [tenun.artisanId]: 'gianyar', [perak.artisanId]: 'klungkung', [ukir.artisanId]: 'tabanan' };
    expect(rows.map((r) => [r.artisan_id, r.shop_regency]).sort()).toEqual(Object.entries(expected).sort());
  });

  it('reports sales by regency as the paid orders add up, every regency listed, and totals what buyers paid', async () => {
    const res = (await report('sales', { groupBy: 'regency', from, to }).expect(200)).body;
    const facts = await shipmentFacts();
    const expected = tally(facts, (f) => f.regency, shipmentAmounts);
    expect(res).toMatchObject({ groupBy: 'regency', from, to, timeZone: 'Asia/Makassar', truncated: false });
    expect(res.rows).toHaveLength(9);
    for (const row of res.rows as Row[]) {
      expect(figuresOf(row)).toEqual(expected.get(row.key) ?? { orders: 0, units: 0, gmv: '0', shipping: '0', refunds: '0', net: '0' });
    }
    expect(Object.fromEntries(nonZero(res.rows).map((r) => [r.key, r.label]))).toEqual({ gianyar: 'Gianyar', klungkung: 'Klungkung', tabanan: 'Tabanan' });

    // Three sales: the unpaid and the cancelled-before-paying orders are not among them.
    const totals = tally(facts, () => 'all', shipmentAmounts).get('all')!;
    expect(res.totals).toEqual(totals);
    expect(res.totals.orders).toBe(3);
    // What buyers paid is GMV and shipping; refunds are the two partial ones and the whole cancelled order.
    expect(BigInt(res.totals.gmv) + BigInt(res.totals.shipping)).toBe(paid.reduce((t, o) => t + BigInt(o.total), 0n));
    expect(res.totals.gmv).toBe(String(2 * 150_000 + 275_000 + 420_000 + 600_000 + 2 * 275_000 + 150_000));
    expect(res.totals.refunds).toBe(String(33_333n + 50_000n + BigInt(paid[2].total)));
    expect(res.totals.units).toBe(2 + 1 + 1 + 1 + 2 + 1);
  });

  it('reports sales by artisan, named by shop', async () => {
    const res = (await report('sales', { groupBy: 'artisan', from, to }).expect(200)).body;
    const facts = await shipmentFacts();
    const expected = tally(facts, (f) => f.artisan_id, shipmentAmounts);
    expect(res.rows.map((r: Row) => r.key).sort()).toEqual([...expected.keys()].sort());
    for (const row of res.rows as Row[]) {
      expect(figuresOf(row)).toEqual(expected.get(row.key));
      expect(row.label).toBe(facts.find((f) => f.artisan_id === row.key)!.shop_name);
    }
    // Biggest sellers first.
    const gmvs = res.rows.map((r: Row) => Number(r.gmv));
    expect(gmvs).toEqual([...gmvs].sort((a, b) => b - a));
    // limit cuts the rows, never the totals.
    const top = (await report('sales', { groupBy: 'artisan', from, to, limit: 1 }).expect(200)).body;
    expect(top).toMatchObject({ truncated: true, totals: res.totals });
    expect(top.rows).toEqual([res.rows[0]]);
  });

  it('reports sales by leaf category and by top-level group, sharing a shipment\'s shipping and refunds by goods value', async () => {
    const lines = await queryDb<{ order_id: string; shipment_id: string; category_slug: string; quantity: number; line_total: string }>(sys, `
      SELECT l.order_id, l.shipment_id, l.category_slug, l.quantity, l.line_total::text FROM orders.order_lines l
      JOIN orders.orders o ON o.id = l.order_id WHERE o.paid_at IS NOT NULL`);
    const byCategory = (await report('sales', { groupBy: 'category', from, to }).expect(200)).body;
    const goods = tally(lines, (l) => l.category_slug, (l) => ({ units: l.quantity, gmv: BigInt(l.line_total), shipping: 0n, refunds: 0n }));
    expect(byCategory.rows.map((r: Row) => [r.key, r.label, r.group]).sort()).toEqual([
      ['endek', 'Endek', { slug: 'woven-cloth', label: 'Kain tenun' }],
      ['silver-jewellery', 'Perhiasan perak', { slug: 'jewellery', label: 'Perhiasan' }],
      ['songket', 'Songket', { slug: 'woven-cloth', label: 'Kain tenun' }],
      ['wood-carving', 'Ukiran kayu', { slug: 'carving', label: 'Ukiran' }],
    ]);
    for (const row of byCategory.rows as Row[]) {
      const g = goods.get(row.key)!;
      expect([row.orders, row.units, row.gmv]).toEqual([g.orders, g.units, g.gmv]);
      expect(BigInt(row.net)).toBe(BigInt(row.gmv) + BigInt(row.shipping) - BigInt(row.refunds));
    }
    // Shares add up exactly to what the shipments hold.
    expect(byCategory.totals).toEqual((await report('sales', { groupBy: 'regency', from, to }).expect(200)).body.totals);
    const sum = (rows: Row[], f: 'shipping' | 'refunds') => rows.reduce((t, r) => t + BigInt(r[f]), 0n);
    expect(sum(byCategory.rows, 'shipping')).toBe(BigInt(byCategory.totals.shipping));
    expect(sum(byCategory.rows, 'refunds')).toBe(BigInt(byCategory.totals.refunds));

    // The first order's woven shipment: 300 000 of endek and 275 000 of songket share one fee.
    const woven = shipmentOf(paid[0], tenun);
    const fee = BigInt(woven.shippingFee);
    const endekPart = (fee * 300_000n) / 575_000n;
    const shipments = await shipmentFacts();
    const endekOthers = shipments.filter((s) => s.order_id === paid[2].id).reduce((t, s) => t + BigInt(s.shipping), 0n);
    const endekShipping = BigInt(byCategory.rows.find((r: Row) => r.key === 'endek')!.shipping) - endekOthers;
    expect(endekShipping >= endekPart && endekShipping <= endekPart + 1n).toBe(true);
    // The carving shipment had only carvings: its 50 000 refund is all wood carving's.
    expect(byCategory.rows.find((r: Row) => r.key === 'wood-carving')!.refunds).toBe('50000');

    const byGroup = (await report('sales', { groupBy: 'category_group', from, to }).expect(200)).body;
    const facts = await shipmentFacts();
    const groupOf: Record<string, string> = { [tenun.artisanId]: 'woven-cloth', [perak.artisanId]: 'jewellery', [ukir.artisanId]: 'carving' };
    // Each artisan here sells in one group, so a group's figures are its shipments'.
    const expected = tally(facts, (f) => groupOf[f.artisan_id], shipmentAmounts);
    expect(byGroup.rows.map((r: Row) => [r.key, r.label]).sort()).toEqual([['carving', 'Ukiran'], ['jewellery', 'Perhiasan'], ['woven-cloth', 'Kain tenun']]);
    for (const row of byGroup.rows as Row[]) expect(figuresOf(row)).toEqual(expected.get(row.key));
  });

  it('buckets sales by WITA day, week and month, empty days included', async () => {
    const facts = await shipmentFacts();
    const days = (await report('sales', { groupBy: 'day', from: witaDay(-4), to: witaDay(0) }).expect(200)).body;
    expect(days.rows.map((r: Row) => r.key)).toEqual([-4, -3, -2, -1, 0].map(witaDay));
    const expected = tally(facts, (f) => f.day, shipmentAmounts);
    for (const row of days.rows as Row[]) {
      expect(figuresOf(row)).toEqual(expected.get(row.key) ?? { orders: 0, units: 0, gmv: '0', shipping: '0', refunds: '0', net: '0' });
    }
    const moved = days.rows.find((r: Row) => r.key === witaDay(-3));
    expect(moved).toMatchObject({ orders: 1, gmv: String(600_000 + 2 * 275_000) });
    // The UTC day before holds nothing.
    expect(days.rows.find((r: Row) => r.key === witaDay(-4)).orders).toBe(0);

    for (const groupBy of ['week', 'month'] as const) {
      const res = (await report('sales', { groupBy, from, to }).expect(200)).body;
      expect(res.totals).toEqual(days.totals);
      expect(nonZero(res.rows).reduce((t: bigint, r: Row) => t + BigInt(r.gmv), 0n)).toBe(BigInt(res.totals.gmv));
      const keys = res.rows.map((r: Row) => r.key);
      expect(keys).toEqual([...keys].sort());
      // Weeks start on Monday, months on the 1st.
      for (const k of keys) {
        if (groupBy === 'week') expect(new Date(`${k}T00:00:00Z`).getUTCDay()).toBe(1);
        else expect(k.endsWith('-01')).toBe(true);
      }
    }
    // A period without sales is all zeros.
    const empty = (await report('sales', { groupBy: 'regency', from: '2020-01-01', to: '2020-01-31' }).expect(200)).body;
    expect(empty.totals).toEqual({ orders: 0, units: 0, gmv: '0', shipping: '0', refunds: '0', net: '0' });
  });

  it('downloads the sales report as CSV with the same figures', async () => {
    const json = (await report('sales', { groupBy: 'category', from, to }).expect(200)).body;
    const rows = csvOf(await report('sales', { groupBy: 'category', from, to, format: 'csv' }).expect(200), `sales-by-category-${from}-to-${to}.csv`);
    expect(rows[0]).toEqual(['key', 'label', 'group', 'orders', 'units', 'gmv', 'shipping', 'refunds', 'net']);
    const figures = (r: Figures) => [r.orders, r.units, r.gmv, r.shipping, r.refunds, r.net].map(String);
    expect(rows.slice(1, -1)).toEqual(json.rows.map((r: Row) => [r.key, r.label, r.group?.slug ?? '', ...figures(r)]));
    expect(rows.at(-1)).toEqual(['TOTAL', `all sales ${from} to ${to} (Asia/Makassar)`, '', ...figures(json.totals)]);
    for (const r of rows.slice(1)) for (const amount of r.slice(-4)) expect(amount).toMatch(/^-?(0|[1-9]\d*)$/);
    const regency = csvOf(await report('sales', { groupBy: 'regency', from, to, format: 'csv' }).expect(200), `sales-by-regency-${from}-to-${to}.csv`);
    expect(regency).toHaveLength(1 + 9 + 1);
  });

  it('refuses bad parameters with a 400 naming each', async () => {
    const fields = async (query: Record<string, string>) => {
      const res = await report('sales', query).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
      return res.body.error.details.map((d: { field: string }) => d.field);
    };
    expect(await fields({ groupBy: 'province' })).toEqual(['groupBy']);
    expect(await fields({ from: '2026-02-30' })).toEqual(['from']);
    expect(await fields({ to: '25-11-2026' })).toEqual(['to']);
    expect(await fields({ from: '2026-11-10', to: '2026-11-01' })).toEqual(['to']);
    expect(await fields({ from: '2020-01-01', to: '2026-01-01' })).toEqual(['to']);
    expect(await fields({ limit: '0' })).toEqual(['limit']);
    const unknown = await report('sales', { since: '2026-01-01' }).expect(400);
    expect(unknown.body.error.details).toEqual([{ field: '(body)', messages: [expect.stringContaining("'since'")] }]);
    for (const name of REPORTS) {
      const res = await report(name, { format: 'xlsx' }).expect(400);
      expect(res.body.error.details).toEqual([{ field: 'format', messages: ['json or csv'] }]);
    }
  });

  it('lets only curators see any report: 401 without a token, 403 for buyers and artisans', async () => {
    const buyer = await register(sys);
    for (const name of REPORTS) {
      for (const format of ['json', 'csv']) {
        expect((await report(name, { format }, null)).status).toBe(401);
        expect((await report(name, { format }, buyer)).status).toBe(403);
        expect((await report(name, { format }, tenun.session)).status).toBe(403);
      }
    }
  });

  it('counts artisans by status and regency as catalog.artisans holds them, with the oldest application first', async () => {
    const old = await insertArtisan(sys, newId(), { status: 'pending', regency: 'gianyar' });
    await queryDb(sys, `UPDATE catalog.artisans SET created_at = now() - interval '5 days 2 hours' WHERE id = $1`, [old]);
    const recent = await insertArtisan(sys, newId(), { status: 'pending', regency: 'badung' });
    await queryDb(sys, `UPDATE catalog.artisans SET created_at = now() - interval '1 day 1 hour' WHERE id = $1`, [recent]);
    await insertArtisan(sys, newId(), { status: 'rejected', regency: 'klungkung' });
    await insertArtisan(sys, newId(), { status: 'suspended', regency: 'gianyar' });

    const res = (await report('artisans').expect(200)).body;
    const counts = await queryDb<{ regency: string; status: string; n: number }>(sys, `SELECT regency, status, count(*)::int AS n FROM catalog.artisans GROUP BY 1, 2`);
    const n = (regency: string | null, status: string | null) =>
      counts.filter((c) => (regency === null || c.regency === regency) && (status === null || c.status === status)).reduce((t, c) => t + c.n, 0);
    const statuses = ['pending', 'verified', 'rejected', 'suspended'];
    expect(res.byStatus).toEqual({ ...Object.fromEntries(statuses.map((s) => [s, n(null, s)])), total: n(null, null) });
    expect(res.byStatus).toMatchObject({ pending: 2, rejected: 1, suspended: 1 });
    expect(res.byRegency).toHaveLength(9);
    for (const r of res.byRegency) expect(r).toEqual({ regency: r.regency, label: expect.any(String), ...Object.fromEntries(statuses.map((s) => [s, n(r.regency, s)])), total: n(r.regency, null) });
    expect(res.byRegency.find((r: { regency: string }) => r.regency === 'gianyar')).toMatchObject({ verified: 1, pending: 1, suspended: 1, total: 3, label: 'Gianyar' });

    expect(res.pending).toMatchObject({ count: 2, oldestDays: 5 });
    expect(res.pending.applications.map((a: { artisanId: string; ageDays: number; regency: string }) => [a.artisanId, a.ageDays, a.regency])).toEqual([
      [old, 5, 'gianyar'],
      [recent, 1, 'badung'],
    ]);

    const rows = csvOf(await report('artisans', { format: 'csv' }).expect(200), `artisans-by-status-${res.asOf.slice(0, 10)}.csv`);
    expect(rows[0]).toEqual(['regency', 'label', ...statuses, 'total']);
    expect(rows.slice(1, -1)).toEqual(res.byRegency.map((r: Record<string, string | number>) => [r.regency, r.label, ...[...statuses, 'total'].map((s) => String(r[s]))]));
    expect(rows.at(-1)).toEqual(['TOTAL', 'Bali', ...[...statuses, 'total'].map((s) => String(res.byStatus[s]))]);
  });
});

describe('council reports: channel export health', () => {
  let tb: ChannelsTestbed;
  let accounts: AccountPair;
  const api = () => request(tb.sys.http);

  beforeAll(async () => {
    tb = await bootChannelsTestbed('reports-channels');
    await mapEndek(tb);
  }, 120_000);
  afterAll(() => tb?.close());

  it('reports each account\'s last export, listings by status and failure reasons as the channels tables hold them', async () => {
    const shop = await artisanShop(tb.sys, 'Tenun Ikat Sidemen');
    accounts = await accountPair(tb, { scope: 'shop', shop });
    const fine = await publishWithPhotos(tb, shop, endekSpec());
    const short = await publishWithPhotos(tb, shop, endekSpec({ titleId: 'Kain endek asli Bali' })); // too short for TikTok only
    const bare = await publishWithPhotos(tb, shop, endekSpec({ materials: [] })); // no Material: refused by both
    const wanted = Object.fromEntries([fine, short, bare].map((l) => [l.id, null]));
    await Promise.all([untilPlanned(tb, accounts.tiktok, wanted), untilPlanned(tb, accounts.lazada, wanted)]);
    const [tiktokRun, lazadaRun] = await Promise.all([syncAndWait(tb, accounts.tiktok), syncAndWait(tb, accounts.lazada)]);
    // A failed nightly run two days ago counts in the last 7 days; one ten days ago does not.
    for (const [age, status] of [['2 days', 'failed'], ['10 days', 'failed']]) {
      await queryDb(tb.sys, `
        INSERT INTO channels.runs (id, account_id, kind, status, counts, error, created_at, started_at, finished_at)
        VALUES ($1, $2, 'scheduled', $3, '{"failed": 0}', 'access token expired', now() - $4::interval, now() - $4::interval, now() - $4::interval)`,
        [newId(), accounts.tiktok.view.id, status, age]);
    }

    const res = (await api().get('/api/v1/curation/reports/channels').set(bearer(tb.curator)).expect(200)).body;
    const mine = (id: string) => res.accounts.find((a: { accountId: string }) => a.accountId === id);
    for (const [account, run] of [[accounts.tiktok, tiktokRun], [accounts.lazada, lazadaRun]] as const) {
      const health = mine(account.view.id);
      expect(health).toMatchObject({ channel: account.channel, scope: 'shop', shopSlug: shop.slug, status: 'active', name: account.view.name });
      expect(health.lastRun).toEqual({
        id: run.id, kind: 'manual', status: 'succeeded', createdAt: run.createdAt, startedAt: expect.any(String), finishedAt: expect.any(String),
        counts: expect.objectContaining({ considered: 3, created: run.counts.created, refused: run.counts.refused, failed: 0 }), error: null,
      });
      const [stored] = await queryDb<{ finished_at: Date; started_at: Date }>(tb.sys, `SELECT started_at, finished_at FROM channels.runs WHERE id = $1`, [run.id]);
      expect([health.lastRun.startedAt, health.lastRun.finishedAt, health.lastSuccessAt]).toEqual([stored.started_at.toISOString(), stored.finished_at.toISOString(), stored.finished_at.toISOString()]);

      const states = await queryDb<{ status: string; n: number }>(tb.sys, `SELECT status, count(*)::int AS n FROM channels.listing_states WHERE account_id = $1 GROUP BY 1`, [account.view.id]);
      const byStatus = Object.fromEntries(['synced', 'pending', 'in_review', 'rejected', 'failed', 'sold_out'].map((s) => [s, states.find((r) => r.status === s)?.n ?? 0]));
      expect(health.listings).toEqual(byStatus);
      const reasons = await queryDb<{ status: string; reason: string; count: number }>(tb.sys, `
        SELECT status, reason, count(*)::int AS count FROM channels.listing_states
        WHERE account_id = $1 AND status IN ('rejected','failed') GROUP BY 1, 2 ORDER BY 3 DESC, 2`, [account.view.id]);
      expect(health.topReasons).toEqual(reasons);
    }
    // What the sandboxes were asked shows here: TikTok refused two, Lazada one.
    expect(mine(accounts.tiktok.view.id).listings).toMatchObject({ rejected: 2 });
    expect(mine(accounts.lazada.view.id).listings).toMatchObject({ rejected: 1, in_review: 2 });
    expect(mine(accounts.lazada.view.id).topReasons).toEqual([{ status: 'rejected', reason: expect.stringContaining('Material'), count: 1 }]);
    // Dry runs are not exports: only the real run and the failed one two days ago.
    expect(mine(accounts.tiktok.view.id).last7Days).toEqual({ runs: 2, failedRuns: 1, runsWithFailedListings: 0 });
    expect(mine(accounts.lazada.view.id).last7Days).toEqual({ runs: 1, failedRuns: 0, runsWithFailedListings: 0 });

    const csv = await api().get('/api/v1/curation/reports/channels').query({ format: 'csv' }).set(bearer(tb.curator)).expect(200);
    const rows = csvOf(csv, `channel-health-${res.asOf.slice(0, 10)}.csv`);
    const header = rows[0];
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    expect(rows).toHaveLength(1 + res.accounts.length);
    for (const row of rows.slice(1)) {
      const h = mine(col(row, 'account_id'));
      expect([col(row, 'channel'), col(row, 'last_run_status'), col(row, 'last_success_at'), col(row, 'listings_rejected'), col(row, 'listings_in_review'), col(row, 'runs_7d'), col(row, 'failed_runs_7d')])
        .toEqual([h.channel, h.lastRun?.status ?? '', h.lastSuccessAt ?? '', String(h.listings.rejected), String(h.listings.in_review), String(h.last7Days.runs), String(h.last7Days.failedRuns)]);
    }
  }, 120_000);

  it('lets only curators see it', async () => {
    const artisan = await registerWithRoles(tb.sys, ['artisan']);
    await api().get('/api/v1/curation/reports/channels').expect(401);
    await api().get('/api/v1/curation/reports/channels').set(bearer(artisan)).expect(403);
    await api().get('/api/v1/curation/reports/channels').set(bearer(await register(tb.sys))).expect(403);
  });
});
