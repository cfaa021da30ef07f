import request from 'supertest';
import { CatalogPatterns, OrdersEvents, PaymentsEvents, RefundEvents } from '@pk/contracts';
import { newId } from '@pk/core';
import { TestSystem, bootSystem } from './support/apps';
import { insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { Session, bearer } from './support/http';
import {
  Artisan, Buyer, checkoutBody, checkoutOk, confirmTransfer, historyRows, newArtisan, newBuyer, newCurator, notificationsOf, variantStock, waitForStatus,
} from './support/orders';
import { RpcClient, rpcClient } from './support/rpc';

// Issue 18: what follows a commit in another app goes through the outbox. Orders asks the catalog
// to sell, release or put back stock, and payments to refund, by events written with its own
// change; the catalog and payments answer by events. Driven here: the stock that lapsed before the
// money came (no test drove it before), a payment that failed for good, and events delivered again.

const SERVICES = ['catalog', 'orders', 'payments'] as const;

describe('effects that follow a commit', () => {
  let sys: TestSystem;
  let curator: Session;
  let catalog: RpcClient;

  beforeAll(async () => {
    sys = await bootSystem('effects', { services: [...SERVICES] });
    curator = await newCurator(sys);
    catalog = rpcClient(sys, 'catalog');
  });
  afterAll(async () => {
    await catalog?.close();
    await sys?.close();
  });

  const api = () => request(sys.http);

  async function placed(stock: number, quantity: number): Promise<{ artisan: Artisan; buyer: Buyer; variantId: string; orderId: string; paymentId: string; total: string; reservationId: string }> {
    const artisan = await newArtisan(sys);
    const { variants: [v] } = await insertListing(sys, artisan.artisanId, { variants: [{ price: 200_000n, stock }] });
    const buyer = await newBuyer(sys, [{ variantId: v.id, quantity }]);
    const { order, payment } = await checkoutOk(sys, buyer, checkoutBody(buyer, { [artisan.artisanId]: 'JNE:REG' }));
    const [{ reservation_id: reservationId }] = await queryDb<{ reservation_id: string }>(sys, `SELECT reservation_id FROM orders.orders WHERE id = $1`, [order.id]);
    return { artisan, buyer, variantId: v.id, orderId: order.id, paymentId: payment.id, total: order.total, reservationId };
  }

  const unitsSold = async (variantId: string) =>
    (await queryDb<{ units: number }>(sys, `SELECT l.units_sold AS units FROM catalog.listings l JOIN catalog.variants v ON v.listing_id = l.id WHERE v.id = $1`, [variantId]))[0].units;
  const refunds = (orderId: string) => queryDb<{ amount: string; idempotency_key: string }>(sys, `SELECT amount::text, idempotency_key FROM payments.refunds WHERE order_id = $1 ORDER BY idempotency_key`, [orderId]);
  const reservation = async (id: string) => (await queryDb<{ status: string; release_reason: string | null }>(sys, `SELECT status, release_reason FROM catalog.reservations WHERE id = $1`, [id]))[0];

  /** The money arrives after the stock was let go: the order ends cancelled and refunded in full, the stock counted once. */
  async function expectLapsedAndRefunded(o: Awaited<ReturnType<typeof placed>>, stockBefore: number): Promise<void> {
    const cancelled = await waitForStatus(sys, o.buyer.session, o.orderId, 'cancelled', 20_000);
    expect(cancelled.cancelReason).toMatch(/^the stock was released before the payment arrived/);
    expect(cancelled.shipments.map((s) => s.status)).toEqual(['cancelled']);
    // The money comes back in full, once, under orders' key.
    await eventually(async () => expect(await refunds(o.orderId)).toEqual([
      { amount: o.total, idempotency_key: `stock-lapsed:${o.orderId}:${cancelled.shipments[0].id}` },
    ]), { timeoutMs: 15_000 });
    await eventually(async () => {
      const seen = (await api().get(`/api/v1/orders/${o.orderId}`).set(bearer(o.buyer.session)).expect(200)).body;
      expect(seen).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded', refunded: o.total });
    });
    const timeline = (await historyRows(sys, o.orderId)).filter((r) => r.shipment_id === null).map((r) => `${r.from_status ?? '-'}>${r.to_status} by ${r.actor_role}`);
    expect(timeline).toEqual(['->pending_payment by buyer', 'pending_payment>paid by system', 'paid>cancelled by system']);
    // Nothing was sold: the stock is what it was before the checkout, the listing sold nothing.
    expect(await variantStock(sys, o.variantId)).toBe(stockBefore);
    expect(await unitsSold(o.variantId)).toBe(0);
    expect((await reservation(o.reservationId)).status).toBe('released');
    // The artisan was never told to ship it.
    expect((await notificationsOf(sys, o.artisan.session)).map((n) => n.kind)).not.toContain('shipment.paid');
    await eventually(async () => expect((await notificationsOf(sys, o.buyer.session)).map((n) => n.kind)).toEqual(expect.arrayContaining(['order.cancelled', 'payment.refunded'])));
  }

  it('a payment that comes after the hold ran out (the sweeper not yet there): cancelled and refunded, the stock given back once', async () => {
    const o = await placed(5, 2);
    expect(await variantStock(sys, o.variantId)).toBe(3);
    // The hold runs out while the transfer is on its way.
    await queryDb(sys, `UPDATE catalog.reservations SET expires_at = now() - interval '1 second' WHERE id = $1`, [o.reservationId]);

    await confirmTransfer(sys, curator, o.paymentId);
    await expectLapsedAndRefunded(o, 5);
    expect((await reservation(o.reservationId)).release_reason).toBe('expired');
  });

  it('a payment that comes after the stock was released: cancelled and refunded, the stock not given back twice', async () => {
    const o = await placed(4, 1);
    await catalog.send(CatalogPatterns.reservationRelease, { id: o.reservationId }, { userId: o.buyer.session.user.id, roles: ['buyer'] });
    expect(await variantStock(sys, o.variantId)).toBe(4);

    await confirmTransfer(sys, curator, o.paymentId);
    await expectLapsedAndRefunded(o, 4);
  });

  it('a payment that failed for good cancels the order and releases its stock, in the consumer of the failure', async () => {
    const o = await placed(6, 2);
    expect(await variantStock(sys, o.variantId)).toBe(4);
    // What payments writes when the provider gives up (PaymentsService.fail), straight into its outbox.
    await queryDb(sys, `INSERT INTO payments.outbox (id, name, payload) VALUES ($1, $2, $3)`, [
      newId(), PaymentsEvents.paymentFailed, JSON.stringify({ paymentId: o.paymentId, orderId: o.orderId, reason: 'The card was declined.', final: true }),
    ]);

    const cancelled = await waitForStatus(sys, o.buyer.session, o.orderId, 'cancelled', 15_000);
    expect(cancelled).toMatchObject({ cancelReason: 'the payment failed: The card was declined.', paymentStatus: 'cancelled' });
    await eventually(async () => expect(await reservation(o.reservationId)).toEqual({ status: 'released', release_reason: 'cancelled' }));
    expect(await variantStock(sys, o.variantId)).toBe(6);
    expect(await refunds(o.orderId)).toEqual([]);
  });

  it('events delivered again, under new ids, change nothing: the stock is sold once, comes back once, the money goes back once', async () => {
    const o = await placed(5, 3);
    await confirmTransfer(sys, curator, o.paymentId);
    const paid = await waitForStatus(sys, o.buyer.session, o.orderId, 'paid');
    expect(await unitsSold(o.variantId)).toBe(3);

    const cancelled = (await api().post(`/api/v1/orders/${o.orderId}/cancel`).set(bearer(o.buyer.session)).send({}).expect(200)).body;
    expect(cancelled).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded', refunded: o.total });
    expect(await variantStock(sys, o.variantId)).toBe(5);
    expect(await unitsSold(o.variantId)).toBe(0);
    const movements = async () => (await queryDb<{ n: number }>(sys, `SELECT count(*)::int AS n FROM catalog.stock_movements WHERE variant_id = $1`, [o.variantId]))[0].n;
    const before = { movements: await movements(), refunds: await refunds(o.orderId) };

    // The same payloads again, as new events: only their keys (the reservation's status, each
    // line's return, the refund's idempotency key) keep them from acting twice.
    const again = async (name: string) => {
      const [row] = await queryDb<{ payload: unknown }>(sys, `SELECT payload FROM orders.outbox WHERE name = $1 AND payload->>'orderId' = $2 LIMIT 1`, [name, o.orderId]);
      const id = newId();
      await queryDb(sys, `INSERT INTO orders.outbox (id, name, payload) VALUES ($1, $2, $3)`, [id, name, JSON.stringify(row.payload)]);
      return id;
    };
    const ids = [await again(OrdersEvents.orderPaid), await again(OrdersEvents.orderCancelled), await again(RefundEvents.requested)];
    await eventually(async () => {
      const applied = await queryDb<{ n: number }>(sys,
        `SELECT (SELECT count(*) FROM catalog.inbox WHERE event_id = ANY($1::uuid[])) + (SELECT count(*) FROM payments.inbox WHERE event_id = ANY($1::uuid[])) AS n`, [ids]);
      expect(Number(applied[0].n)).toBe(4); // order.paid reaches the catalog and payments' ledger
    }, { timeoutMs: 15_000 });
    // And whatever the catalog answered has reached orders.
    await eventually(async () => {
      const [{ n }] = await queryDb<{ n: number }>(sys, `SELECT count(*)::int AS n FROM catalog.outbox WHERE published_at IS NULL`);
      expect(n).toBe(0);
    });

    expect(await variantStock(sys, o.variantId)).toBe(5);
    expect(await unitsSold(o.variantId)).toBe(0);
    expect(await movements()).toBe(before.movements);
    expect(await refunds(o.orderId)).toEqual(before.refunds);
    expect((await reservation(o.reservationId)).status).toBe('committed');
    const seen = (await api().get(`/api/v1/orders/${o.orderId}`).set(bearer(o.buyer.session)).expect(200)).body;
    expect(seen).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded', refunded: o.total });
    expect(seen.history).toHaveLength(cancelled.history.length);
    expect(paid.shipments[0].status).toBe('paid');
  });
});
