import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, OrdersEvents, PaymentMethod, PaymentView, ReservationReply, VariantInfo } from '@pk/contracts';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, newId, parseInput } from '@pk/core';
import { violatedUnique } from '@pk/database';
import { OutboxWriter } from '@pk/messaging';
import { AddressView, AddressesService } from '../addresses/addresses.service';
import { CartService, CheckoutLine } from '../cart/cart.service';
import { CartProblem } from '../cart/cart-view';
import { OrderRow } from '../orders/order-rows';
import { OrderCancellation } from '../orders/order-cancellation';
import { OrderView, loadOrderView } from '../orders/order-view';
import { ShippingService } from '../shipping/shipping.service';
import { CheckoutInput, checkoutInput, requestHash } from './checkout-input';
import { CheckoutSteps } from './checkout.steps';
import { assertUnpaidHoldAllowed } from './unpaid-holds';

/**
 * What the cart check found, as the reservation would say it: stock problems are 409
 * insufficient_stock (the catalog's own shape), anything no longer on sale is not_purchasable.
 */
function cartProblems(problems: CartProblem[]): DomainError {
  const unavailable = problems.filter((p) => p.code === 'unavailable');
  if (unavailable.length) {
    return new DomainError(ErrorCode.notPurchasable, 'Some items in your cart are no longer on sale; remove them and check out again.', {
      problems: unavailable.map((p) => ({ variantId: p.variantId, sku: p.sku })),
    });
  }
  return new DomainError(
    ErrorCode.insufficientStock,
    'Some items in your cart are out of stock or short of what you asked for; change the quantities and check out again.',
    problems.map((p) => ({ variantId: p.variantId, sku: p.sku, requested: p.requested, available: p.available })) as unknown as Record<string, unknown>,
  );
}

/** Artisans do not buy from their own shop: every such line is named. */
function assertNoneOwn(buyer: Caller, lines: CheckoutLine[]): void {
  const own = lines.filter((l) => l.variant.artisanUserId === buyer.userId);
  if (own.length) {
    throw new DomainError(ErrorCode.ownListing, 'Your cart holds pieces from your own shop; remove them and check out again.', {
      field: 'lines', problems: own.map((l) => ({ variantId: l.variant.id, listingId: l.variant.listingId, sku: l.variant.sku })),
    });
  }
}

export interface CheckoutResult {
  order: OrderView;
  payment: PaymentView;
}

interface PlannedShipment {
  id: string;
  artisanId: string;
  artisanUserId: string;
  shopName: string;
  // the shop's regency at checkout, for sales reports
  shopRegency: string;
  courier: string;
  service: string;
  fee: bigint;
  weightGrams: number;
  lines: Array<{ variant: VariantInfo; quantity: number; unitPrice: bigint }>;
}

// The reservation outlives the payment window a little, so the order's own expiry releases it.
const RESERVATION_MARGIN_SECONDS = 300;

/**
 * One checkout across artisans, as a saga: check the cart → reserve every line (all or nothing)
 * → create the order, one shipment per artisan, prices frozen → create the payment → return how to
 * pay. A failing step undoes the ones before it. The buyer's Idempotency-Key makes a retry return
 * the same order; the same key with a different body is refused.
 */
/** What payments is asked for an order: the same whether checkout makes it or finishes it later. */
const paymentRequest = (order: OrderRow) => ({
  orderId: order.id, orderNumber: order.number, method: order.payment_method, amount: BigInt(order.total), expiresAt: new Date(order.payment_due_at),
});

@Injectable()
export class CheckoutService {
  private readonly logger = new Logger(CheckoutService.name);

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cart: CartService,
    private readonly addresses: AddressesService,
    private readonly shipping: ShippingService,
    private readonly steps: CheckoutSteps,
    private readonly outbox: OutboxWriter,
    private readonly cancellation: OrderCancellation,
  ) {}

  async checkout(buyer: Caller, data: unknown): Promise<CheckoutResult> {
    const input = parseInput(checkoutInput, data);
    const hash = requestHash(input);
    const replay = await this.replay(buyer, input, hash);
    if (replay) return replay;

    // 1. The cart, as the catalog has it now.
    const { lines, problems } = await this.cart.forCheckout(buyer.userId);
    if (!lines.length) {
      // The same key may have just made its order (and emptied the cart) beside us.
      const again = await this.replay(buyer, input, hash);
      if (again) return again;
      throw new DomainError(ErrorCode.cartProblem, 'Your cart is empty.', { problems: [] });
    }
    if (problems.length) throw cartProblems(problems);
    assertNoneOwn(buyer, lines);
    if (input.paymentMethod === 'bank_transfer') await assertUnpaidHoldAllowed(this.db.manager, buyer.userId, lines, this.config.orders.unpaidTransfer);
    const address = await this.addresses.get(buyer.userId, input.addressId);
    const shipments = await this.plan(input, address, lines);
    const window = input.paymentMethod === 'card' ? this.config.orders.paymentWindowCardSeconds : this.config.orders.paymentWindowTransferSeconds;

    // 2. Stock, all or nothing.
    const reservation = await this.steps.reserve(buyer, input.idempotencyKey, lines, window + RESERVATION_MARGIN_SECONDS);
    const frozen = new Map(reservation.lines.map((l) => [l.variantId, BigInt(l.unitPrice)]));
    for (const s of shipments) for (const l of s.lines) l.unitPrice = frozen.get(l.variant.id) ?? l.unitPrice;

    // 3. The order. Compensation: release the stock.
    let order: OrderRow;
    try {
      order = await this.createOrder(buyer, input, hash, address, shipments, reservation, input.paymentMethod, window, lines);
    } catch (error) {
      if (violatedUnique(error)) {
        // The same key raced us here; its order holds this same reservation.
        const again = await this.replay(buyer, input, hash);
        if (again) return again;
      }
      await this.steps.release(buyer, reservation.id);
      throw error;
    }

    // 4. The payment. Compensation: cancel the order and release the stock.
    let payment: PaymentView;
    try {
      payment = await this.steps.createPayment(buyer, paymentRequest(order));
    } catch (error) {
      // Cancelling the unpaid order also gives its stock back.
      await this.compensateOrder(order, (error as Error).message);
      throw error;
    }
    // Only now is the cart emptied: a checkout that failed leaves it as it was.
    await this.attachPayment(buyer, order, payment, shipments.flatMap((s) => s.lines.map((l) => l.variant.id)));
    const loaded = await loadOrderView(this.db.manager, order.id);
    return { order: (loaded as { view: OrderView }).view, payment };
  }

  /** The order this key already made, with its payment; a different body under the key is refused. */
  private async replay(buyer: Caller, input: CheckoutInput, hash: string): Promise<CheckoutResult | null> {
    const rows: OrderRow[] = await this.db.query(`SELECT * FROM orders.orders WHERE buyer_id = $1 AND idempotency_key = $2`, [buyer.userId, input.idempotencyKey]);
    if (!rows.length) return null;
    if (rows[0].request_hash !== hash) {
      throw new DomainError(ErrorCode.idempotencyKeyReused, 'This Idempotency-Key was used for a different checkout; use a new key for a new checkout.', { orderNumber: rows[0].number });
    }
    if (rows[0].status === 'cancelled' && !rows[0].payment_id) {
      // This key's checkout failed and was undone: say so again, rather than hand back a dead order.
      throw new DomainError(ErrorCode.paymentFailed, `This checkout did not go through (${rows[0].cancel_reason ?? 'cancelled'}); your cart is as it was. Check out again with a new Idempotency-Key.`, {
        orderNumber: rows[0].number,
      });
    }
    const view = ((await loadOrderView(this.db.manager, rows[0].id)) as { view: OrderView }).view;
    const payment = await this.finishPayment(buyer, rows[0], view);
    if (!payment) {
      throw new DomainError(ErrorCode.conflict, 'This checkout is still being processed, or its payment could not be created; look at your orders.', { orderNumber: rows[0].number });
    }
    return { order: view, payment };
  }

  /**
   * The payment of an order this key made. A checkout whose process died after the order and
   * before the end (a replica killed mid-saga) is finished here: payments makes one payment per
   * order however often asked (its key is the order), then the order points at it and the cart
   * lets go of the lines; payments likewise opens at the provider a payment its creator died
   * before opening. Null when there is none and the order no longer waits for one.
   */
  private async finishPayment(buyer: Caller, order: OrderRow, view: OrderView): Promise<PaymentView | null> {
    let payment = await this.steps.getPayment(buyer, order.id).catch(() => null);
    // None, or one its creator never opened at the provider (nothing to pay with yet): asked for again.
    const unopened = !payment || (payment.status === 'pending' && !payment.instructions);
    if (unopened && order.status === 'pending_payment') {
      payment = await this.steps.createPayment(buyer, paymentRequest(order)).catch(() => null);
    }
    if (!payment || order.payment_id) return payment;
    const linked = await this.attachPayment(buyer, order, payment, view.shipments.flatMap((s) => s.lines.map((l) => l.variantId)));
    return linked ? payment : null;
  }

  /**
   * The checkout's last step: the order points at its payment and the cart lets go of the lines
   * bought. False when the order no longer waits for a payment (or has another).
   */
  private attachPayment(buyer: Caller, order: OrderRow, payment: PaymentView, variantIds: string[]): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [, updated]: [unknown, number] = await tx.query(
        `UPDATE orders.orders SET payment_id = $2 WHERE id = $1 AND status = 'pending_payment' AND (payment_id IS NULL OR payment_id = $2)`,
        [order.id, payment.id],
      );
      if (updated) await this.cart.clear(tx, buyer.userId, variantIds);
      return updated > 0;
    });
  }

  /** One shipment per artisan, with the shipping option the buyer chose for it. */
  private async plan(input: CheckoutInput, address: AddressView, lines: Array<{ variant: VariantInfo; quantity: number }>): Promise<PlannedShipment[]> {
    const byArtisan = new Map<string, Array<{ variant: VariantInfo; quantity: number }>>();
    for (const l of lines) byArtisan.set(l.variant.artisanId, [...(byArtisan.get(l.variant.artisanId) ?? []), l]);
    const unknown = Object.keys(input.shipping).filter((id) => !byArtisan.has(id));
    if (unknown.length) {
      throw new DomainError(ErrorCode.validationFailed, 'Please correct: shipping.', [{ field: 'shipping', messages: [`no items in your cart come from ${unknown.join(', ')}`] }]);
    }
    const planned: PlannedShipment[] = [];
    for (const [artisanId, items] of byArtisan) {
      const first = items[0].variant;
      const code = input.shipping[artisanId];
      if (!code) {
        throw new DomainError(ErrorCode.validationFailed, 'Please correct: shipping.', [
          { field: `shipping.${artisanId}`, messages: [`choose how ${first.shopName} ships your items (ask for a quote)`] },
        ]);
      }
      const weightGrams = items.reduce((sum, i) => sum + i.variant.weightGrams * i.quantity, 0);
      const choice = await this.shipping.choose(code, address.province, weightGrams, { name: `the shipment from ${first.shopName}`, field: `shipping.${artisanId}` });
      planned.push({
        id: newId(),
        artisanId,
        artisanUserId: first.artisanUserId,
        shopName: first.shopName,
        shopRegency: first.shopRegency,
        courier: choice.courier,
        service: choice.service,
        fee: choice.fee,
        weightGrams,
        lines: items.map((i) => ({ ...i, unitPrice: BigInt(i.variant.price) })),
      });
    }
    return planned;
  }

  private async createOrder(buyer: Caller, input: CheckoutInput, hash: string, address: AddressView, shipments: PlannedShipment[], reservation: ReservationReply, method: PaymentMethod, windowSeconds: number, lines: CheckoutLine[]): Promise<OrderRow> {
    const goods = shipments.reduce((sum, s) => sum + s.lines.reduce((t, l) => t + l.unitPrice * BigInt(l.quantity), 0n), 0n);
    const shippingTotal = shipments.reduce((sum, s) => sum + s.fee, 0n);
    return this.db.transaction(async (tx) => {
      if (method === 'bank_transfer') {
        // Again under a per-buyer lock: two checkouts at once must not both pass the check above.
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext('orders.unpaid-transfer'), hashtext($1))`, [buyer.userId]);
        await assertUnpaidHoldAllowed(tx, buyer.userId, lines, this.config.orders.unpaidTransfer);
      }
      const [{ n }]: Array<{ n: string }> = await tx.query(`SELECT nextval('orders.order_number_seq')::text AS n`);
      const number = `PK-${new Date().getFullYear()}-${n.padStart(6, '0')}`;
      const [order]: OrderRow[] = await tx.query(
        `INSERT INTO orders.orders (id, number, buyer_id, status, payment_method, reservation_id, goods_total, shipping_total, total,
           address, idempotency_key, request_hash, payment_due_at)
         VALUES ($1, $2, $3, 'pending_payment', $4, $5, $6, $7, $8, $9, $10, $11, now() + make_interval(secs => $12)) RETURNING *`,
        [newId(), number, buyer.userId, method, reservation.id, goods.toString(), shippingTotal.toString(), (goods + shippingTotal).toString(),
         JSON.stringify(address), input.idempotencyKey, hash, windowSeconds],
      );
      for (const s of shipments) {
        const goodsTotal = s.lines.reduce((t, l) => t + l.unitPrice * BigInt(l.quantity), 0n);
        await tx.query(
          `INSERT INTO orders.shipments (id, order_id, artisan_id, artisan_user_id, shop_name, shop_regency, status, courier, service, shipping_fee, goods_total, weight_grams)
           VALUES ($1, $2, $3, $4, $5, $6, 'pending_payment', $7, $8, $9, $10, $11)`,
          [s.id, order.id, s.artisanId, s.artisanUserId, s.shopName, s.shopRegency, s.courier, s.service, s.fee.toString(), goodsTotal.toString(), s.weightGrams],
        );
        for (const l of s.lines) {
          await tx.query(
            `INSERT INTO orders.order_lines (id, order_id, shipment_id, variant_id, listing_id, sku, title, options, category_slug, quantity, unit_price, line_total)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
            [newId(), order.id, s.id, l.variant.id, l.variant.listingId, l.variant.sku, l.variant.title.id, JSON.stringify(l.variant.options),
             l.variant.categorySlug, l.quantity, l.unitPrice.toString(), (l.unitPrice * BigInt(l.quantity)).toString()],
          );
        }
      }
      await tx.query(
        `INSERT INTO orders.history (order_id, from_status, to_status, actor_id, actor_role, note) VALUES ($1, NULL, 'pending_payment', $2, 'buyer', $3)`,
        [order.id, buyer.userId, `checkout by ${method.replace('_', ' ')}`],
      );
      await this.outbox.add(tx, OrdersEvents.orderPlaced, { orderId: order.id, orderNumber: number, buyerId: buyer.userId, total: order.total.toString() });
      return order;
    });
  }

  /** The payment could not be created: the order is cancelled, saying why (the caller releases the stock). */
  private async compensateOrder(order: OrderRow, why: string): Promise<void> {
    await this.cancellation
      .cancel(order.id, `payment could not be created: ${why}`.slice(0, 500), { actor: 'system', userId: null }, { stopPayment: false })
      .catch((error: Error) => this.logger.error(`could not cancel order ${order.id} after its payment failed: ${error.message}`));
  }
}
