import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, IdentityEvents, PaymentFailedEvent, PaymentRefundedEvent, PaymentSucceededEvent, PaymentsEvents, UserRegisteredEvent } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { EventSubscriber } from '@pk/messaging';
import { CheckoutSteps } from '../checkout/checkout.steps';
import { NotificationsService } from '../notifications/notifications.service';
import { Recipients } from '../notifications/recipients';
import { OrderCancellation } from '../orders/order-cancellation';
import { OrderRow, ShipmentRow } from '../orders/order-rows';
import { OrderRefunds } from '../orders/order-refunds';
import { OrderTransitions } from '../orders/order-transitions';

const SYSTEM = { actor: 'system' as const, userId: null };
const rupiah = (digits: string) => `Rp ${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;

/**
 * Payment results move orders: paid (the stock is sold, the artisans hear of it), failed for good
 * (the order is cancelled), refunded (the buyer hears of it). A payment that arrives for an order
 * already cancelled is given back.
 */
@Injectable()
export class PaymentEventsSubscriber implements EventSubscriber {
  private readonly logger = new Logger(PaymentEventsSubscriber.name);

  constructor(
    private readonly db: DataSource,
    private readonly steps: CheckoutSteps,
    private readonly transitions: OrderTransitions,
    private readonly cancellation: OrderCancellation,
    private readonly refunds: OrderRefunds,
    private readonly notifications: NotificationsService,
    private readonly recipients: Recipients,
  ) {}

  async handle(event: EventEnvelope, tx: EntityManager): Promise<void> {
    switch (event.name) {
      case PaymentsEvents.paymentSucceeded:
        return this.paid(event.payload as PaymentSucceededEvent, tx);
      case PaymentsEvents.paymentFailed:
        return this.failed(event.payload as PaymentFailedEvent, tx);
      case PaymentsEvents.paymentRefunded:
        return this.refunded(event.payload as PaymentRefundedEvent, tx);
      case IdentityEvents.userRegistered:
        return this.recipients.remember(event.payload as UserRegisteredEvent, tx);
      default:
        return;
    }
  }

  private async paid(e: PaymentSucceededEvent, tx: EntityManager): Promise<void> {
    const order = await this.order(tx, e.orderId);
    if (!order || order.status === 'paid' || order.status === 'completed') return;
    if (order.status === 'cancelled') return this.giveBack(order, 'the payment arrived after the order was cancelled');
    let stockKept = true;
    try {
      if (order.reservation_id) await this.steps.commit({ userId: order.buyer_id, roles: ['buyer'] }, order.reservation_id);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === ErrorCode.reservationClosed)) throw error;
      stockKept = false;
    }
    await this.transitions.order(tx, { ...order, payment_id: order.payment_id ?? e.paymentId }, 'paid', SYSTEM, `${e.method.replace('_', ' ')} ${rupiah(e.amount)}`);
    const shipments: ShipmentRow[] = await tx.query(`SELECT * FROM orders.shipments WHERE order_id = $1 AND status = 'pending_payment'`, [order.id]);
    for (const s of shipments) {
      await this.transitions.shipment(tx, s, order.buyer_id, 'paid', SYSTEM);
      if (stockKept) await this.notifications.notify(tx, s.artisan_user_id, 'shipment.paid', `Pesanan baru ${order.number}`, `Pesanan dari pembeli sudah dibayar: terima dan kirim dalam 2 hari.`, { orderId: order.id, shipmentId: s.id });
    }
    await this.notifications.notify(tx, order.buyer_id, 'order.paid', `Pembayaran ${order.number} diterima`, `Terima kasih! ${rupiah(e.amount)} sudah kami terima; perajin akan mengirim pesanan Anda.`, { orderId: order.id });
    if (!stockKept) {
      // The stock was let go before the money came: the order cannot be filled, and is refunded
      // and cancelled once this transaction has recorded it as paid.
      setImmediate(() => void this.cancellation.cancel(order.id, 'the stock was released before the payment arrived', SYSTEM).catch((err: Error) => this.logger.error(`cancel ${order.id}: ${err.message}`)));
    }
  }

  private async failed(e: PaymentFailedEvent, tx: EntityManager): Promise<void> {
    const order = await this.order(tx, e.orderId);
    if (!order || order.status !== 'pending_payment') return;
    if (!e.final) {
      await this.notifications.notify(tx, order.buyer_id, 'payment.failed', `Pembayaran ${order.number} gagal`, `${e.reason} Silakan coba lagi sebelum batas waktu.`, { orderId: order.id });
      return;
    }
    // After this transaction: the cancellation takes its own locks and calls payments.
    setImmediate(() => void this.cancellation.cancel(order.id, `the payment failed: ${e.reason}`, SYSTEM, { stopPayment: false }).catch((err: Error) => this.logger.error(`cancel ${order.id}: ${err.message}`)));
  }

  private async refunded(e: PaymentRefundedEvent, tx: EntityManager): Promise<void> {
    const order = await this.order(tx, e.orderId);
    if (!order) return;
    // A refund a curator made at payments reaches the shipment here; one orders asked for is already there.
    await this.refunds.record(tx, e.refundId, e.shipmentId, BigInt(e.amount));
    await tx.query(
      `INSERT INTO orders.history (order_id, shipment_id, from_status, to_status, actor_role, note) VALUES ($1, $2, $3, $3, 'system', $4)`,
      [order.id, e.shipmentId, order.status, `refunded ${rupiah(e.amount)}`],
    );
    await this.notifications.notify(tx, order.buyer_id, 'payment.refunded', `Dana ${order.number} dikembalikan`, `${rupiah(e.amount)} dikembalikan ke metode pembayaran Anda.`, { orderId: order.id, refundId: e.refundId });
  }

  private async giveBack(order: OrderRow, reason: string): Promise<void> {
    const shipments: ShipmentRow[] = await this.db.query(`SELECT * FROM orders.shipments WHERE order_id = $1`, [order.id]);
    await this.refunds.refundOrder(order, shipments.map((s) => ({ ...s, refunded: '0' })), reason, `late-payment:${order.id}`);
  }

  private async order(tx: EntityManager, id: string): Promise<OrderRow | null> {
    const rows: OrderRow[] = await tx.query(`SELECT * FROM orders.orders WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }
}
