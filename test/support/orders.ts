import request, { Response } from 'supertest';
import { newId } from '@pk/core';
import { TestSystem } from './apps';
import { insertArtisan } from './catalog-fixtures';
import { queryDb } from './db';
import { eventually } from './eventually';
import { Session, bearer, register, registerWithRoles } from './http';

// Buyers, artisans, checkouts and waits for the checkout and fulfilment suites (and the
// checkout benchmark). Everything goes through the gateway, as the web app would.

export const BALI_ADDRESS = {
  recipient: 'Ni Luh Putu Sari',
  phone: '081234567890',
  street: 'Jl. Raya Ubud No. 1',
  district: 'Ubud',
  city: 'Kabupaten Gianyar',
  province: 'Bali',
  postalCode: '80571',
};

export type { PaymentMethod } from '@pk/contracts';
import type { PaymentMethod } from '@pk/contracts';

export interface CartItem {
  variantId: string;
  quantity: number;
}

export interface Buyer {
  session: Session;
  addressId: string;
}

export interface Artisan {
  session: Session;
  artisanId: string;
}

export interface CheckoutBody {
  addressId: string;
  shipping: Record<string, string>;
  paymentMethod: PaymentMethod;
}

// The replies' shapes are the contracts' (libs/contracts/src/replies), under the names the suites use.
export type {
  HistoryView as History,
  NotificationView as Notification,
  OrderLineView as OrderLine,
  OrderListItem as Order,
  ShipmentView as Shipment,
} from '@pk/contracts';
import type { NotificationView as Notification, OrderDetail as ContractOrderDetail, OrderListItem as Order, PaymentInstructions, PaymentView } from '@pk/contracts';

// Suites read a bank transfer's fields (`instructions.virtualAccount`) without narrowing on `kind`
// first: every kind's fields, optional, from the contract's union.
type Fields<U> = U extends { kind: string } ? Partial<Omit<U, 'kind'>> : never;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
export type Payment = Omit<PaymentView, 'instructions'> & {
  instructions: ({ kind: PaymentInstructions['kind'] } & UnionToIntersection<Fields<PaymentInstructions>>) | null;
};
export type OrderDetail = Omit<ContractOrderDetail, 'payment'> & { payment: Payment | null };

const api = (sys: TestSystem) => request(sys.http);

/** A buyer with a Bali address; `items` go into the cart when given. */
export async function newBuyer(sys: TestSystem, items: CartItem[] = []): Promise<Buyer> {
  const session = await register(sys);
  const address = await api(sys).post('/api/v1/addresses').set(bearer(session)).send(BALI_ADDRESS).expect(201);
  const buyer = { session, addressId: address.body.id as string };
  await fillCart(sys, buyer, items);
  return buyer;
}

export async function fillCart(sys: TestSystem, buyer: Buyer, items: CartItem[]): Promise<void> {
  for (const item of items) {
    await api(sys).post('/api/v1/cart/lines').set(bearer(buyer.session)).send(item).expect(200);
  }
}

/** `n` buyers made `concurrency` at a time (registration hashes a password: not free). */
export async function newBuyers(sys: TestSystem, n: number, items: (i: number) => CartItem[], concurrency = 25): Promise<Buyer[]> {
  const buyers: Buyer[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        buyers[i] = await newBuyer(sys, items(i));
      }
    }),
  );
  return buyers;
}

/** A user with the artisan role who owns a verified shop. */
export async function newArtisan(sys: TestSystem): Promise<Artisan> {
  const session = await registerWithRoles(sys, ['artisan']);
  return { session, artisanId: await insertArtisan(sys, session.user.id, { shopSlug: `toko-${newId().slice(-10)}` }) };
}

export const newCurator = (sys: TestSystem): Promise<Session> => registerWithRoles(sys, ['curator']);

export function checkoutBody(buyer: Buyer, shipping: Record<string, string>, paymentMethod: PaymentMethod = 'bank_transfer'): CheckoutBody {
  return { addressId: buyer.addressId, shipping, paymentMethod };
}

/** POST /checkout as the buyer, under `key` (a new one when not given). */
export function checkout(sys: TestSystem, buyer: Buyer, body: CheckoutBody, key: string = newId()): Promise<Response> {
  return api(sys).post('/api/v1/checkout').set(bearer(buyer.session)).set('Idempotency-Key', key).send(body);
}

/** A checkout that must succeed: the order and how to pay. */
export async function checkoutOk(sys: TestSystem, buyer: Buyer, body: CheckoutBody, key?: string): Promise<{ order: Order; payment: Payment }> {
  const res = await checkout(sys, buyer, body, key);
  if (res.status !== 201) throw new Error(`checkout answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A curator saw the transfer arrive; the order becomes paid through events (see waitForOrder). */
export async function confirmTransfer(sys: TestSystem, curator: Session, paymentId: string): Promise<Payment> {
  return (await api(sys).post(`/api/v1/curation/payments/${paymentId}/confirm-transfer`).set(bearer(curator)).expect(200)).body;
}

export async function getOrder(sys: TestSystem, who: Session, orderId: string): Promise<OrderDetail> {
  return (await api(sys).get(`/api/v1/orders/${orderId}`).set(bearer(who)).expect(200)).body;
}

/** Polls the buyer's view of the order until `check` passes; returns that view. */
export function waitForOrder(
  sys: TestSystem,
  who: Session,
  orderId: string,
  check: (o: OrderDetail) => boolean,
  timeoutMs = 15_000,
): Promise<OrderDetail> {
  return eventually(async () => {
    const order = await getOrder(sys, who, orderId);
    if (!check(order)) {
      throw new Error(`order ${order.number}: ${order.status}, shipments ${order.shipments.map((s) => s.status).join(', ')}`);
    }
    return order;
  }, { timeoutMs, intervalMs: 100 });
}

export const waitForStatus = (sys: TestSystem, who: Session, orderId: string, status: string, timeoutMs?: number): Promise<OrderDetail> =>
  waitForOrder(sys, who, orderId, (o) => o.status === status, timeoutMs);

/** Checkout by transfer, confirmed by a curator, waited until paid. */
export async function paidOrder(sys: TestSystem, buyer: Buyer, curator: Session, shipping: Record<string, string>): Promise<OrderDetail> {
  const { order, payment } = await checkoutOk(sys, buyer, checkoutBody(buyer, shipping));
  await confirmTransfer(sys, curator, payment.id);
  return waitForStatus(sys, buyer.session, order.id, 'paid');
}

export async function notificationsOf(sys: TestSystem, who: Session): Promise<Notification[]> {
  return (await api(sys).get('/api/v1/notifications').query({ limit: 50 }).set(bearer(who)).expect(200)).body.items;
}

export async function variantStock(sys: TestSystem, variantId: string): Promise<number> {
  const [row] = await queryDb<{ stock: number }>(sys, `SELECT stock FROM catalog.variants WHERE id = $1`, [variantId]);
  return row.stock;
}

/** The stored timeline of an order, oldest first. */
export function historyRows(sys: TestSystem, orderId: string): Promise<Array<{ shipment_id: string | null; from_status: string | null; to_status: string; actor_role: string; note: string | null }>> {
  return queryDb(sys, `SELECT shipment_id, from_status, to_status, actor_role, note FROM orders.history WHERE order_id = $1 ORDER BY id`, [orderId]);
}
