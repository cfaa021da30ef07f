import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { OrderPaidEvent, OrdersEvents, ShipmentCompletedEvent, ShipmentMoney } from '@pk/contracts';
import { AppConfig, newId } from '@pk/core';
import { dataSourceOptions } from '@pk/database';
import { ServiceClients } from '@pk/messaging';
import { TestDatabase, createTestDatabase } from '@pk/testing';
import { CommissionService } from '../apps/payments/src/ledger/commission.service';
import { LedgerService } from '../apps/payments/src/ledger/ledger.service';
import { bootSystem, TestSystem } from './support/apps';
import { insertArtisan } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { bearer, register, registerWithRoles, Session } from './support/http';

// The payout ledger: sales posted when orders are paid, released when shipments complete,
// reversed by refunds, paid out in batches, and always summing to zero.

const shipment = (artisanId: string, goods: Array<[categorySlug: string, amount: number]>, shipping: number): ShipmentMoney => ({
  shipmentId: newId(),
  artisanId,
  goods: goods.map(([categorySlug, amount]) => ({ categorySlug, amount: String(amount) })),
  shipping: String(shipping),
});

const orderPaid = (shipments: ShipmentMoney[], orderId = newId()): OrderPaidEvent => ({
  orderId,
  orderNumber: `PK-2026-${Math.floor(Math.random() * 1e6).toString().padStart(6, '0')}`,
  buyerId: newId(),
  paymentId: newId(),
  total: String(shipments.reduce((t, s) => t + s.goods.reduce((g, l) => g + Number(l.amount), 0) + Number(s.shipping), 0)),
  shipments,
});

const completed = (orderId: string, money: ShipmentMoney): ShipmentCompletedEvent => ({
  orderId,
  shipmentId: money.shipmentId,
  artisanId: money.artisanId,
  buyerId: newId(),
  status: 'completed',
  at: new Date().toISOString(),
  money,
});

interface Entry { account: string; artisan_id: string | null; kind: string; amount: string; state: string; shipment_id: string | null }

describe('LedgerService inside its callers\' transactions', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let ledger: LedgerService;
  const artisan = newId();

  const entriesOf = (key: string): Promise<Entry[]> =>
    ds.query(`SELECT e.account, e.artisan_id, e.kind, e.amount::text, e.state, e.shipment_id FROM payments.ledger_entries e
              JOIN payments.postings p ON p.id = e.posting_id WHERE p.key = $1 ORDER BY e.id`, [key]);
  const postingCount = async (key: string): Promise<number> =>
    (await ds.query(`SELECT count(*)::int AS n FROM payments.postings WHERE key = $1`, [key]))[0].n;
  const balance = async (artisanId: string, state: string): Promise<bigint> =>
    BigInt((await ds.query(`SELECT coalesce(sum(amount), 0)::text AS s FROM payments.ledger_entries WHERE artisan_id = $1 AND state = $2`, [artisanId, state]))[0].s);
  const ledgerSum = async (): Promise<string> => (await ds.query(`SELECT coalesce(sum(amount), 0)::text AS s FROM payments.ledger_entries`))[0].s;
  const payment = async (orderId: string, amount: number): Promise<string> => {
    const id = newId();
    await ds.query(
      `INSERT INTO payments.payments (id, order_id, order_number, buyer_id, method, provider, provider_ref, status, amount, captured, idempotency_key, expires_at, paid_at)
       VALUES ($1, $2, 'PK-2026-000001', $3, 'bank_transfer', 'bank_transfer', $4, 'succeeded', $5, $5, $6, now() + interval '1 day', now())`,
      [id, orderId, newId(), `va-${id}`, amount, `order:${orderId}`],
    );
    return id;
  };

  beforeAll(async () => {
    db = await createTestDatabase('ledger_service');
    ds = new DataSource(dataSourceOptions(db.url, 'payments'));
    await ds.initialize();
    const config = { payments: { commissionDefaultBps: 1000, payoutMinimum: 50_000 } } as unknown as AppConfig;
    // Postings never call another service; only statements and rate changes do, and not here.
    const clients = {} as ServiceClients;
    ledger = new LedgerService(ds, new CommissionService(ds, clients, config), clients);
    await ds.query(`INSERT INTO payments.commission_rates (category_slug, rate_bps) VALUES ('endek', 500)`);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('posts each sale once when two workers apply the same order.paid at the same moment', async () => {
    const event = orderPaid([shipment(artisan, [['endek', 200_000], ['silver-jewellery', 99_999]], 20_000), shipment(newId(), [['endek', 50_000]], 0)]);
    const made = await Promise.all([1, 2, 3].map(() => ds.transaction((tx) => ledger.postSale(tx, event))));
    expect(made.reduce((a, b) => a + b, 0)).toBe(2);
    for (const s of event.shipments) expect(await postingCount(`sale:${s.shipmentId}`)).toBe(1);
    // 5% of 200.000 + 10% of 99.999 rounded down = 10.000 + 9.999; shipping carries none
    expect(await entriesOf(`sale:${event.shipments[0].shipmentId}`)).toEqual([
      { account: 'artisan', artisan_id: artisan, kind: 'sale', amount: '319999', state: 'pending', shipment_id: event.shipments[0].shipmentId },
      { account: 'platform:clearing', artisan_id: null, kind: 'sale', amount: '-319999', state: 'available', shipment_id: event.shipments[0].shipmentId },
      { account: 'artisan', artisan_id: artisan, kind: 'commission', amount: '-19999', state: 'pending', shipment_id: event.shipments[0].shipmentId },
      { account: 'platform:commission', artisan_id: null, kind: 'commission', amount: '19999', state: 'available', shipment_id: event.shipments[0].shipmentId },
    ]);
    expect(await ledgerSum()).toBe('0');
  });

  it('lets a completion that overtook order.paid post the sale, already available; order.paid then adds nothing', async () => {
    const seller = newId();
    const money = shipment(seller, [['endek', 100_000]], 10_000);
    const event = orderPaid([money]);
    await ds.transaction((tx) => ledger.release(tx, completed(event.orderId, money)));
    expect(await balance(seller, 'available')).toBe(105_000n);
    expect(await ds.transaction((tx) => ledger.postSale(tx, event))).toBe(0);
    expect(await balance(seller, 'available')).toBe(105_000n);
    expect(await balance(seller, 'pending')).toBe(0n);
  });

  it('applies a shipment refund that went through before its sale reached the ledger, with the sale', async () => {
    const seller = newId();
    const money = shipment(seller, [['silver-jewellery', 300_000]], 0);
    const event = orderPaid([money]);
    const paymentId = await payment(event.orderId, 300_000);
    const refundId = newId();
    await ds.query(
      `INSERT INTO payments.refunds (id, payment_id, order_id, shipment_id, amount, status, provider_ref, reason, idempotency_key)
       VALUES ($1, $2, $3, $4, 100000, 'pending', 'btr_x', 'one scarf was damaged', $5)`,
      [refundId, paymentId, event.orderId, money.shipmentId, newId()],
    );
    // The refund's own call found no sale yet: nothing to reverse then.
    expect(await ds.transaction((tx) => ledger.postRefund(tx, { refundId, orderId: event.orderId, shipmentId: money.shipmentId, amount: 100_000n }))).toBe(false);
    await ds.transaction((tx) => ledger.postSale(tx, event));
    // 300.000 − 30.000 commission − 100.000 refunded + 10.000 commission given back
    expect(await balance(seller, 'pending')).toBe(180_000n);
    expect(await postingCount(`refund:${refundId}`)).toBe(1);
    expect(await ds.transaction((tx) => ledger.postRefund(tx, { refundId, orderId: event.orderId, shipmentId: money.shipmentId, amount: 100_000n }))).toBe(false);
    expect(await balance(seller, 'pending')).toBe(180_000n);
  });

  it('never takes more from an artisan than the shipment sold, and posts a refund once per id', async () => {
    const seller = newId();
    const money = shipment(seller, [['silver-jewellery', 80_000]], 20_000);
    const event = orderPaid([money]);
    await ds.transaction((tx) => ledger.postSale(tx, event));
    const first = newId();
    const refund = (refundId: string, amount: bigint) => ds.transaction((tx) => ledger.postRefund(tx, { refundId, orderId: event.orderId, shipmentId: money.shipmentId, amount }));
    expect(await refund(first, 60_000n)).toBe(true);
    expect(await refund(first, 60_000n)).toBe(false);
    expect(await refund(newId(), 500_000n)).toBe(true);
    const rows: Entry[] = await ds.query(`SELECT kind, amount::text FROM payments.ledger_entries WHERE artisan_id = $1 AND kind = 'refund' ORDER BY id`, [seller]);
    expect(rows.map((r) => r.amount)).toEqual(['-60000', '-40000']);
    // Everything refunded: the artisan is back to zero, commission included.
    expect(await balance(seller, 'pending')).toBe(0n);
    expect(await refund(newId(), 1n)).toBe(false);
  });

  it("spreads an order-level refund over the order's shipments; one before any sale posts nothing", async () => {
    const [a, b] = [newId(), newId()];
    const event = orderPaid([shipment(a, [['endek', 300_000]], 0), shipment(b, [['silver-jewellery', 100_000]], 0)]);
    await ds.transaction((tx) => ledger.postSale(tx, event));
    const refundId = newId();
    expect(await ds.transaction((tx) => ledger.postRefund(tx, { refundId, orderId: event.orderId, shipmentId: null, amount: 200_000n }))).toBe(true);
    const entries = await entriesOf(`refund:${refundId}`);
    const artisanRefunds = entries.filter((e) => e.account === 'artisan' && e.kind === 'refund');
    expect(Object.fromEntries(artisanRefunds.map((e) => [e.artisan_id, e.amount]))).toEqual({ [a]: '-150000', [b]: '-50000' });
    // half of each: 285.000 − 150.000 + 7.500 and 90.000 − 50.000 + 5.000
    expect(await balance(a, 'pending')).toBe(142_500n);
    expect(await balance(b, 'pending')).toBe(45_000n);

    const unpaid = newId();
    expect(await ds.transaction((tx) => ledger.postRefund(tx, { refundId: newId(), orderId: unpaid, shipmentId: null, amount: 10_000n }))).toBe(false);
    expect((await ds.query(`SELECT count(*)::int AS n FROM payments.postings WHERE order_id = $1`, [unpaid]))[0].n).toBe(0);
    expect(await ledgerSum()).toBe('0');
  });

  it('keeps entries as they were written: only their state moves', async () => {
    const [row] = await ds.query(`SELECT id FROM payments.ledger_entries ORDER BY id LIMIT 1`);
    await expect(ds.query(`UPDATE payments.ledger_entries SET amount = amount + 1 WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM payments.ledger_entries WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await ds.query(`UPDATE payments.ledger_entries SET state = state WHERE id = $1`, [row.id]);
    expect(await ledgerSum()).toBe('0');
  });
});

describe('the payout ledger through the system: orders\' events in, statements and payout batches out', () => {
  let sys: TestSystem;
  let curator: Session;
  let buyer: Session;
  let ayu: { session: Session; id: string };
  let wayan: { session: Session; id: string };
  let idle: { session: Session; id: string };
  const api = () => request(sys.http);

  // Events reach payments the way orders sends them: rows in the orders outbox, relayed to the payments-events queue.
  const emit = async (name: string, payload: object): Promise<string> => {
    const id = newId();
    await queryDb(sys, `INSERT INTO orders.outbox (id, name, payload) VALUES ($1, $2, $3)`, [id, name, JSON.stringify(payload)]);
    return id;
  };
  const consumed = (ids: string[]) =>
    eventually(async () => {
      const rows = await queryDb<{ n: number }>(sys, `SELECT count(*)::int AS n FROM payments.inbox WHERE event_id = ANY($1::uuid[])`, [ids]);
      expect(rows[0].n).toBe(ids.length);
    }, { timeoutMs: 20_000 });
  const statement = (who: Session, query: Record<string, string | number> = {}) => api().get('/api/v1/payouts/statement').query(query).set(bearer(who));
  const balances = async (who: { session: Session }) => (await statement(who.session).expect(200)).body.balances;
  const artisanWithShop = async (name: string) => {
    const session = await registerWithRoles(sys, ['artisan']);
    return { session, id: await insertArtisan(sys, session.user.id, { shopSlug: name }) };
  };

  // Ayu sells endek (5% after the curator's change) and silver (the default 10%); Wayan a little endek.
  let order: OrderPaidEvent;
  let ayuShipment: ShipmentMoney;
  let wayanShipment: ShipmentMoney;
  let payoutId: string;

  beforeAll(async () => {
    sys = await bootSystem('ledger', {
      services: ['catalog', 'orders', 'payments'],
      env: { COMMISSION_DEFAULT_BPS: '1000', PAYOUT_MINIMUM: '100000' },
    });
    curator = await registerWithRoles(sys, ['curator']);
    buyer = await register(sys);
    [ayu, wayan, idle] = [await artisanWithShop('tenun-ayu'), await artisanWithShop('endek-wayan'), await artisanWithShop('ukir-idle')];
  });
  afterAll(() => sys?.close());

  it('lets curators set a commission rate per craft category, and no one else', async () => {
    const put = await api().put('/api/v1/curation/commission/endek').set(bearer(curator)).send({ rateBps: 500 }).expect(200);
    expect(put.body).toEqual({ defaultBps: 1000, rates: [expect.objectContaining({ categorySlug: 'endek', rateBps: 500, updatedBy: curator.user.id })] });
    expect((await api().get('/api/v1/curation/commission').set(bearer(curator)).expect(200)).body.rates).toHaveLength(1);

    await api().put('/api/v1/curation/commission/woven-cloth').set(bearer(curator)).send({ rateBps: 700 }).expect(404);
    const tooHigh = await api().put('/api/v1/curation/commission/endek').set(bearer(curator)).send({ rateBps: 6000 }).expect(400);
    expect(tooHigh.body.error.details).toEqual([{ field: 'rateBps', messages: ['at most 5000 (50%)'] }]);
    await api().put('/api/v1/curation/commission/endek').set(bearer(ayu.session)).send({ rateBps: 0 }).expect(403);
    await api().get('/api/v1/curation/commission').set(bearer(buyer)).expect(403);
  });

  it('refuses an empty payout batch with a reason', async () => {
    const res = await api().post('/api/v1/curation/payouts').set(bearer(curator)).expect(409);
    expect(res.body.error.message).toMatch(/No artisan has an available balance of at least Rp 100\.000/);
  });

  it('posts a paid order\'s sales as pending, commission by category, once however often the event comes', async () => {
    ayuShipment = shipment(ayu.id, [['endek', 400_000], ['silver-jewellery', 200_000]], 30_000);
    wayanShipment = shipment(wayan.id, [['endek', 60_000]], 15_000);
    order = orderPaid([ayuShipment, wayanShipment]);
    // The same event twice (as a retried relay or a replayed outbox would send it).
    await consumed([await emit(OrdersEvents.orderPaid, order), await emit(OrdersEvents.orderPaid, order)]);

    const sales = await queryDb<{ key: string; n: number }>(sys, `SELECT key, count(*)::int AS n FROM payments.postings WHERE order_id = $1 GROUP BY key ORDER BY key`, [order.orderId]);
    expect(sales.map((s) => s.n)).toEqual([1, 1]);
    // Ayu: 630.000 less 5% of 400.000 and 10% of 200.000; Wayan: 75.000 less 5% of 60.000
    expect(await balances(ayu)).toEqual({ pending: '590000', available: '0' });
    expect(await balances(wayan)).toEqual({ pending: '72000', available: '0' });
    const { body } = await statement(ayu.session).expect(200);
    expect(body.items.map((e: { kind: string; amount: string; state: string }) => [e.kind, e.amount, e.state])).toEqual([
      ['commission', '-40000', 'pending'],
      ['sale', '630000', 'pending'],
    ]);
    expect(body.items[1]).toMatchObject({ orderId: order.orderId, shipmentId: ayuShipment.shipmentId, memo: `Order ${order.orderNumber}`, payoutId: null });
  });

  it('reverses a partial refund of a shipment, giving back the commission on the refunded share', async () => {
    await queryDb(sys,
      `INSERT INTO payments.payments (id, order_id, order_number, buyer_id, method, provider, provider_ref, status, amount, captured, idempotency_key, expires_at, paid_at)
       VALUES ($1, $2, $3, $4, 'bank_transfer', 'bank_transfer', $5, 'succeeded', $6, $6, $7, now() + interval '1 day', now())`,
      [newId(), order.orderId, order.orderNumber, buyer.user.id, '8808000001000001', order.total, `order:${order.orderId}`],
    );
    const refund = await api()
      .post('/api/v1/curation/refunds')
      .set(bearer(curator))
      .set('Idempotency-Key', newId())
      .send({ orderId: order.orderId, shipmentId: ayuShipment.shipmentId, amount: '126000', reason: 'one silver ring arrived bent' });
    expect([refund.status, refund.body]).toEqual([201, expect.objectContaining({ shipmentId: ayuShipment.shipmentId, amount: '126000', status: expect.stringMatching(/^(pending|succeeded)$/) })]);
    // 590.000 − 126.000 + 8.000 (40.000 × 126.000 / 630.000)
    expect(await balances(ayu)).toEqual({ pending: '472000', available: '0' });
    expect(await balances(wayan)).toEqual({ pending: '72000', available: '0' });
  });

  it('makes a shipment\'s entries available when it completes', async () => {
    const events = [await emit(OrdersEvents.shipmentCompleted, completed(order.orderId, ayuShipment)), await emit(OrdersEvents.shipmentCompleted, completed(order.orderId, wayanShipment))];
    await consumed(events);
    expect(await balances(ayu)).toEqual({ pending: '0', available: '472000' });
    expect(await balances(wayan)).toEqual({ pending: '0', available: '72000' });
  });

  it('pays out, in one batch, every artisan whose available balance reached the minimum, and only them', async () => {
    const res = await api().post('/api/v1/curation/payouts').set(bearer(curator)).expect(201);
    payoutId = res.body.id;
    expect(res.body).toMatchObject({ status: 'created', minimum: '100000', total: '472000', artisans: 1, createdBy: curator.user.id, paidAt: null });
    expect(res.body.items).toEqual([{
      artisanId: ayu.id, amount: '472000', shopName: 'Toko tenun-ayu', shopSlug: 'tenun-ayu',
      bankName: 'BPD Bali', accountName: 'Ni Made Test', accountNumber: '0123456789', reference: expect.stringMatching(/^PK[0-9A-F]{8}0001$/),
    }]);
    expect(await balances(ayu)).toEqual({ pending: '0', available: '0' });
    expect(await balances(wayan)).toEqual({ pending: '0', available: '72000' });
    const top = (await statement(ayu.session, { limit: 1 }).expect(200)).body;
    expect(top.items).toEqual([expect.objectContaining({ kind: 'payout', amount: '-472000', state: 'available', payoutId })]);
    // Nobody else is due: the next batch is empty.
    await api().post('/api/v1/curation/payouts').set(bearer(curator)).expect(409);

    const list = await api().get('/api/v1/curation/payouts').set(bearer(curator)).expect(200);
    expect(list.body).toEqual({ items: [expect.objectContaining({ id: payoutId, total: '472000', artisans: 1 })], total: 1 });
    expect((await api().get(`/api/v1/curation/payouts/${payoutId}`).set(bearer(curator)).expect(200)).body.items).toHaveLength(1);
    await api().post('/api/v1/curation/payouts').set(bearer(ayu.session)).expect(403);
    await api().get(`/api/v1/curation/payouts/${newId()}`).set(bearer(curator)).expect(404);
  });

  it('exports the batch as a bank transfer CSV', async () => {
    const res = await api().get(`/api/v1/curation/payouts/${payoutId}/csv`).set(bearer(curator)).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    }).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="pasar-kriya-payout-\\d{4}-\\d{2}-\\d{2}-${payoutId.slice(-8)}\\.csv"$`));
    const text = res.body as string;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(parse(text.slice(1), { columns: true })).toEqual([{
      bank_name: 'BPD Bali', account_name: 'Ni Made Test', account_number: '0123456789', amount: '472000',
      reference: expect.stringMatching(/^PK[0-9A-F]{8}0001$/), artisan_shop: 'Toko tenun-ayu',
    }]);
    await api().get(`/api/v1/curation/payouts/${payoutId}/csv`).set(bearer(wayan.session)).expect(403);
  });

  it('marks the batch paid with the bank\'s reference, once', async () => {
    await api().post(`/api/v1/curation/payouts/${payoutId}/paid`).set(bearer(curator)).send({}).expect(400);
    const paid = await api().post(`/api/v1/curation/payouts/${payoutId}/paid`).set(bearer(curator)).send({ bankReference: 'BPD-20260302-0042' }).expect(200);
    expect(paid.body).toMatchObject({ status: 'paid', bankReference: 'BPD-20260302-0042', paidBy: curator.user.id, paidAt: expect.any(String) });
    // A retry of the same click changes nothing; another reference is a conflict.
    const again = await api().post(`/api/v1/curation/payouts/${payoutId}/paid`).set(bearer(curator)).send({ bankReference: 'BPD-20260302-0042' }).expect(200);
    expect(again.body.paidAt).toBe(paid.body.paidAt);
    await api().post(`/api/v1/curation/payouts/${payoutId}/paid`).set(bearer(curator)).send({ bankReference: 'BPD-OTHER' }).expect(409);
    expect((await api().get('/api/v1/curation/payouts').query({ status: 'created' }).set(bearer(curator)).expect(200)).body.total).toBe(0);
  });

  it('sums to zero after all of it, per account as the money moved', async () => {
    const { body } = await api().get('/api/v1/curation/ledger/totals').set(bearer(curator)).expect(200);
    expect(body).toEqual({
      sum: '0',
      byAccount: {
        // Wayan's 72.000 is still owed
        artisan: '72000',
        // 705.000 paid in, 126.000 of it refunded
        'platform:clearing': '-579000',
        // 43.000 earned, 8.000 given back
        'platform:commission': '35000',
        'platform:bank': '472000',
      },
      artisans: { pending: '0', available: '72000' },
      postings: 4,
      unbalancedPostings: 0,
    });
    const [raw] = await queryDb<{ s: string }>(sys, `SELECT sum(amount)::text AS s FROM payments.ledger_entries`);
    expect(raw.s).toBe('0');
    await api().get('/api/v1/curation/ledger/totals').set(bearer(ayu.session)).expect(403);
  });

  it('shows artisans their own statement only; curators anyone\'s; buyers none', async () => {
    const own = (await statement(ayu.session, { limit: 2, offset: 1 }).expect(200)).body;
    expect(own).toMatchObject({ artisanId: ayu.id, total: 5, limit: 2, offset: 1 });
    // newest first: payout, then the refund's commission and refund, then the sale's commission and sale
    expect(own.items.map((e: { kind: string; amount: string }) => [e.kind, e.amount])).toEqual([['commission', '8000'], ['refund', '-126000']]);

    await statement(ayu.session, { artisanId: wayan.id }).expect(403);
    expect((await statement(ayu.session, { artisanId: ayu.id }).expect(200)).body.artisanId).toBe(ayu.id);
    expect((await statement(wayan.session).expect(200)).body).toMatchObject({ artisanId: wayan.id, total: 2, balances: { pending: '0', available: '72000' } });
    expect((await statement(idle.session).expect(200)).body).toMatchObject({ items: [], total: 0, balances: { pending: '0', available: '0' } });

    expect((await statement(curator, { artisanId: ayu.id }).expect(200)).body.items).toHaveLength(5);
    await statement(curator).expect(400);
    await statement(curator, { artisanId: newId() }).expect(404);
    await statement(buyer).expect(403);
    await statement(buyer, { artisanId: ayu.id }).expect(403);
    await api().get('/api/v1/payouts/statement').expect(401);
  });
});
