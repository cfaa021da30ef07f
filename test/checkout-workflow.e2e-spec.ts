import request from 'supertest';
import { SERVICE_NAMES } from '@pk/contracts';
import { newId } from '@pk/core';
import { TestSystem, bootSystem } from './support/apps';
import { insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { bearer } from './support/http';
import { Artisan, Buyer, checkout, checkoutBody, newArtisan, newBuyer, variantStock } from './support/orders';
import { ServiceProcess, startServiceProcess } from './support/service-process';
import { BACKFILL_CHECKOUT_RUNS } from '../migrations/1764000000025-orders-workflow-runs';

// Issue 18: the checkout is a workflow whose progress is stored. Orders is killed (SIGKILL, by the
// test-only fault hook PK_FAULT_EXIT_AFTER_STEP) right after one of its steps; once orders starts
// again, the run ends completed, or, past its payment window, fully compensated, with the stock
// (catalog), the order and the payment agreeing.

interface RunRow {
  status: string;
  outputs: Record<string, unknown>;
  compensated: string[];
}

const STEPS = ['check', 'reserve', 'place-order', 'create-payment', 'attach-payment'];

describe('a checkout whose orders process is killed between two steps', () => {
  let sys: TestSystem;
  let artisan: Artisan;
  let dying: ServiceProcess | null = null;

  beforeAll(async () => {
    sys = await bootSystem('checkout_workflow', { services: SERVICE_NAMES, env: { PK_PROCESSES: 'multi' } });
    artisan = await newArtisan(sys);
  }, 120_000);
  afterAll(async () => {
    await dying?.kill();
    await sys?.close();
  });

  const runOf = async (buyer: Buyer, key: string): Promise<RunRow | undefined> =>
    (await queryDb<RunRow>(sys, `SELECT status, outputs, compensated FROM orders.workflow_runs WHERE workflow = 'checkout' AND key = $1`, [`${buyer.session.user.id}:${key}`]))[0];
  const cartOf = async (buyer: Buyer) =>
    (await request(sys.http).get('/api/v1/cart').set(bearer(buyer.session)).expect(200)).body.groups.flatMap((g: { lines: Array<{ variantId: string; quantity: number }> }) =>
      g.lines.map((l) => [l.variantId, l.quantity]),
    );

  /**
   * A buyer with 2 of a 5-unit variant in the cart checks out through an orders process that
   * dies right after `step`; then orders (this process's replica) starts again.
   */
  async function killedAfter(step: string, env: Record<string, string> = {}, opts: { inside?: boolean } = {}) {
    const { variants: [v] } = await insertListing(sys, artisan.artisanId, { variants: [{ price: 150_000n, stock: 5 }] });
    const buyer = await newBuyer(sys, [{ variantId: v.id, quantity: 2 }]);
    const body = checkoutBody(buyer, { [artisan.artisanId]: 'JNE:REG' });
    const key = newId();

    await sys.stopService('orders');
    dying = await startServiceProcess(sys, 'orders', { PK_FAULT_EXIT_AFTER_STEP: `checkout.${step}`, ...env });
    const res = await checkout(sys, buyer, body, key);
    expect(await dying.exited).toBe('SIGKILL');
    dying = null;
    // The buyer got no order; the run stopped right after the step, with every step before it done.
    expect(res.status).toBeGreaterThanOrEqual(500);
    const left = await runOf(buyer, key);
    expect({ status: left?.status, done: Object.keys(left?.outputs ?? {}).sort() }).toEqual({ status: 'running', done: STEPS.slice(0, STEPS.indexOf(step) + 1).sort() });

    // Killed inside the step instead: its effect made (in catalog, orders or payments), its output
    // never stored. The step runs again on resume, under the same key, and must make nothing twice.
    if (opts.inside) await queryDb(sys, `UPDATE orders.workflow_runs SET outputs = outputs - $2::text WHERE key = $1`, [`${buyer.session.user.id}:${key}`, step]);

    await sys.startService('orders');
    const run = await eventually(async () => {
      const r = await runOf(buyer, key);
      expect(['completed', 'compensated']).toContain(r?.status);
      return r!;
    }, { timeoutMs: 30_000, intervalMs: 200 });
    return { v, buyer, body, key, run };
  }

  const stateOf = async (buyerId: string) => {
    const orders = await queryDb<{ id: string; status: string; payment_id: string | null; reservation_id: string; cancel_reason: string | null }>(
      sys, `SELECT id, status, payment_id, reservation_id, cancel_reason FROM orders.orders WHERE buyer_id = $1`, [buyerId]);
    const reservations = await queryDb<{ id: string; status: string }>(sys, `SELECT id, status FROM catalog.reservations WHERE buyer_id = $1`, [buyerId]);
    const payments = await queryDb<{ id: string; order_id: string; status: string }>(sys, `SELECT id, order_id, status FROM payments.payments WHERE buyer_id = $1`, [buyerId]);
    return { orders, reservations, payments };
  };

  const GAPS = ['reserve', 'place-order', 'create-payment', 'attach-payment'];
  const cases = [...GAPS.map((step) => ({ step, inside: false })), ...GAPS.map((step) => ({ step, inside: true }))];
  for (const { step, inside } of cases) {
    it(`completes, once orders restarts, a checkout killed ${inside ? 'inside' : 'after'} ${step}`, async () => {
      const { v, buyer, body, key, run } = await killedAfter(step, {}, { inside });
      expect(run.status).toBe('completed');

      // One order, its stock held once, one payment it points at; the cart let go of the lines.
      const { orders, reservations, payments } = await stateOf(buyer.session.user.id);
      expect(orders).toHaveLength(1);
      expect(reservations).toEqual([{ id: orders[0].reservation_id, status: 'held' }]);
      expect(payments).toEqual([{ id: orders[0].payment_id, order_id: orders[0].id, status: 'pending' }]);
      expect(orders[0].status).toBe('pending_payment');
      expect(await variantStock(sys, v.id)).toBe(3);
      expect(await cartOf(buyer)).toEqual([]);

      // The buyer's retry under the key is that order and that payment, which can be paid.
      const retry = await checkout(sys, buyer, body, key);
      expect([retry.status, retry.body.order?.id, retry.body.payment?.id]).toEqual([201, orders[0].id, orders[0].payment_id]);
      expect(retry.body.payment.instructions).toMatchObject({ kind: 'bank_transfer', virtualAccount: expect.stringMatching(/^\d{16}$/) });
      expect(await stateOf(buyer.session.user.id)).toEqual({ orders, reservations, payments });
    }, 180_000);
  }

  it('answers a retry of a checkout made before the workflow table with its order, once the migration filled in its run', async () => {
    const { variants: [v] } = await insertListing(sys, artisan.artisanId, { variants: [{ price: 120_000n, stock: 4 }] });
    const buyer = await newBuyer(sys, [{ variantId: v.id, quantity: 1 }]);
    const body = checkoutBody(buyer, { [artisan.artisanId]: 'JNE:REG' });
    const key = newId();
    const first = await checkout(sys, buyer, body, key);
    expect(first.status).toBe(201);
    // As it was before migration 025: the order and its payment, no run.
    await queryDb(sys, `DELETE FROM orders.workflow_runs WHERE key = $1`, [`${buyer.session.user.id}:${key}`]);
    await queryDb(sys, BACKFILL_CHECKOUT_RUNS);
    expect(await runOf(buyer, key)).toMatchObject({ status: 'completed' });

    const retry = await checkout(sys, buyer, body, key);
    expect([retry.status, retry.body.order?.id, retry.body.payment?.id]).toEqual([201, first.body.order.id, first.body.payment.id]);
    const reused = await checkout(sys, buyer, { ...body, paymentMethod: 'card' }, key);
    expect([reused.status, reused.body.error?.details?.orderNumber]).toEqual([422, first.body.order.number]);
    expect((await stateOf(buyer.session.user.id)).orders).toHaveLength(1);
    expect(await variantStock(sys, v.id)).toBe(3);
  });

  it('compensates fully, once orders restarts, a checkout killed after its payment when its payment window has passed', async () => {
    // A one-second window: by the time orders is back, the buyer could no longer pay this order.
    const { v, buyer, body, key, run } = await killedAfter('create-payment', { PAYMENT_WINDOW_TRANSFER_SECONDS: '1' });
    expect(run).toMatchObject({ status: 'compensated', compensated: ['create-payment', 'place-order', 'reserve'] });

    // The payment stopped, the order cancelled (saying why), the stock back, the cart as it was.
    const { orders, reservations, payments } = await stateOf(buyer.session.user.id);
    expect(orders).toHaveLength(1);
    expect(orders[0].status).toBe('cancelled');
    expect(reservations).toEqual([{ id: orders[0].reservation_id, status: 'released' }]);
    // Cancelled, or expired at payments first (its own clock passed the same second): not payable either way.
    expect(payments).toHaveLength(1);
    expect([payments[0].order_id, ['cancelled', 'expired'].includes(payments[0].status)]).toEqual([orders[0].id, true]);
    expect(await variantStock(sys, v.id)).toBe(5);
    expect(await cartOf(buyer)).toEqual([[v.id, 2]]);

    // The retry is told the checkout did not go through; a new key checks out again.
    const retry = await checkout(sys, buyer, body, key);
    expect([retry.status, retry.body.error?.code]).toEqual([402, 'payment_failed']);
    const again = await checkout(sys, buyer, body);
    expect(again.status).toBe(201);
    expect(await variantStock(sys, v.id)).toBe(3);
  }, 180_000);
});
