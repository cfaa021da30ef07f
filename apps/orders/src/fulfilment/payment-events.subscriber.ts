import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  EventEnvelope, IdentityEvents, PaymentFailedEvent, PaymentRefundedEvent, PaymentSucceededEvent, PaymentsEvents, ReservationCommittedEvent,
  ReservationEvents, ReservationLapsedEvent, ReservationReturnedEvent, UserRegisteredEvent,
} from '@pk/contracts';
import { returned } from '@pk/database';
import { EventSubscriber } from '@pk/messaging';
import { NotificationsService } from '../notifications/notifications.service';
import { Recipients } from '../notifications/recipients';
import { OrderCancellation } from '../orders/order-cancellation';
import { OrderRow, ShipmentRow } from '../orders/order-rows';
import { OrderRefunds } from '../orders/order-refunds';
import { OrderTransitions } from '../orders/order-transitions';
import { FulfilmentService } from './fulfilment.service';

const SYSTEM = { actor: 'system' as const, userId: null };
const rupiah = (digits: string) => `Rp ${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;

/**
 * Payment results and the catalog's answers move orders, each in the transaction that records the
 * event, asking other apps for anything through the outbox (never a call with a row locked, never
 * work left for after the commit): money arrived (order.paid asks the catalog to sell the stock),
 * the stock is sold (the order is paid, the artisans hear of it), the stock had lapsed (cancelled
 * and refunded), failed for good (cancelled), refunded (recorded, and a shipment the clock is
 * cancelling is finished). A payment that arrives for an order already cancelled is given back.
 */
@Injectable()
export class PaymentEventsSubscriber implements EventSubscriber {
  constructor(
    private readonly transitions: OrderTransitions,
    private readonly cancellation: OrderCancellation,
    private readonly refunds: OrderRefunds,
    private readonly fulfilment: FulfilmentService,
    private readonly notifications: NotificationsService,
    private readonly recipients: Recipients,
  ) {}

  async handle(event: EventEnvelope, tx: EntityManager): Promise<void> {
    switch (event.name) {
      case PaymentsEvents.paymentSucceeded:
        return this.received(event.payload as PaymentSucceededEvent, tx);
      case ReservationEvents.committed:
        return this.stockSold(event.payload as ReservationCommittedEvent, tx);
      case ReservationEvents.lapsed:
        return this.stockLapsed(event.payload as ReservationLapsedEvent, tx);
      case ReservationEvents.returned:
        return this.stockReturned(event.payload as ReservationReturnedEvent, tx);
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

  /** The money arrived: recorded, and order.paid asks the catalog to sell the reserved stock. */
  private async received(e: PaymentSucceededEvent, tx: EntityManager): Promise<void> {
    const order = await this.order(tx, e.orderId);
    if (!order || order.payment_received_at || order.status === 'paid' || order.status === 'completed') return;
    if (order.status === 'cancelled') return this.giveBack(tx, order);
    const [recorded] = returned<OrderRow>(await tx.query(
      `UPDATE orders.orders SET payment_received_at = now(), payment_id = coalesce(payment_id, $2), updated_at = now() WHERE id = $1 RETURNING *`,
      [order.id, e.paymentId],
    ));
    await this.transitions.announcePaid(tx, recorded);
    // Nothing reserved, nothing to wait for.
    if (!recorded.reservation_id) await this.markPaid(tx, recorded);
  }

  private async stockSold(e: ReservationCommittedEvent, tx: EntityManager): Promise<void> {
    const order = await this.order(tx, e.orderId);
    if (order?.status === 'pending_payment' && order.payment_received_at) await this.markPaid(tx, order);
  }

  /** The stock was let go before the money came: the order cannot be filled, so it is refunded and cancelled. */
  private async stockLapsed(e: ReservationLapsedEvent, tx: EntityManager): Promise<void> {
    const order = await this.order(tx, e.orderId);
    if (order?.status !== 'pending_payment' || !order.payment_received_at) return;
    // Paid first, as it was: the timeline and the payment status show money taken and given back.
    await this.transitions.order(tx, order, 'paid', SYSTEM, paidNote(order));
    await this.cancellation.closePaid(tx, order.id, `the stock was released before the payment arrived (${e.reason})`, SYSTEM, `stock-lapsed:${order.id}`);
  }

  private async stockReturned(e: ReservationReturnedEvent, tx: EntityManager): Promise<void> {
    await tx.query(
      `UPDATE orders.shipments SET stock_returned_at = coalesce(stock_returned_at, now())
       WHERE order_id = $1 AND id IN (SELECT shipment_id FROM orders.order_lines WHERE order_id = $1 AND variant_id = ANY($2::uuid[]))`,
      [e.orderId, e.variantIds],
    );
  }

  private async failed(e: PaymentFailedEvent, tx: EntityManager): Promise<void> {
    const order = await this.order(tx, e.orderId);
    if (!order || order.status !== 'pending_payment') return;
    if (!e.final) {
      await this.notifications.notify(tx, order.buyer_id, 'payment.failed', `Pembayaran ${order.number} gagal`, `${e.reason} Silakan coba lagi sebelum batas waktu.`, { orderId: order.id });
      return;
    }
    // Here, in this transaction: the payment is over (nothing to stop) and order.cancelled has the
    // catalog release the stock.
    await this.cancellation.closeUnpaid(tx, order.id, `the payment failed: ${e.reason}`, SYSTEM);
  }

  private async refunded(e: PaymentRefundedEvent, tx: EntityManager): Promise<void> {
    // Not locked: the shipment is what changes, and a paid order's paths lock shipments first.
    const [order]: OrderRow[] = await tx.query(`SELECT * FROM orders.orders WHERE id = $1`, [e.orderId]);
    if (!order) return;
    // Every refund reaches its shipment here: those orders asked for and those a curator made at payments.
    await this.refunds.record(tx, e.refundId, e.shipmentId, BigInt(e.amount));
    await tx.query(
      `INSERT INTO orders.history (order_id, shipment_id, from_status, to_status, actor_role, note) VALUES ($1, $2, $3, $3, 'system', $4)`,
      [order.id, e.shipmentId, order.status, `refunded ${rupiah(e.amount)}`],
    );
    await this.notifications.notify(tx, order.buyer_id, 'payment.refunded', `Dana ${order.number} dikembalikan`, `${rupiah(e.amount)} dikembalikan ke metode pembayaran Anda.`, { orderId: order.id, refundId: e.refundId });
    if (e.shipmentId) await this.fulfilment.finishUnshipped(tx, e.shipmentId);
  }

  private async markPaid(tx: EntityManager, order: OrderRow): Promise<void> {
    await this.transitions.order(tx, order, 'paid', SYSTEM, paidNote(order));
    const shipments: ShipmentRow[] = await tx.query(`SELECT * FROM orders.shipments WHERE order_id = $1 AND status = 'pending_payment' ORDER BY id`, [order.id]);
    for (const s of shipments) {
      await this.transitions.shipment(tx, s, order.buyer_id, 'paid', SYSTEM);
      await this.notifications.notify(tx, s.artisan_user_id, 'shipment.paid', `Pesanan baru ${order.number}`, `Pesanan dari pembeli sudah dibayar: terima dan kirim dalam 2 hari.`, { orderId: order.id, shipmentId: s.id });
    }
    await this.notifications.notify(tx, order.buyer_id, 'order.paid', `Pembayaran ${order.number} diterima`, `Terima kasih! ${rupiah(order.total)} sudah kami terima; perajin akan mengirim pesanan Anda.`, { orderId: order.id });
  }

  /** Money for an order cancelled before it came: every shipment's part goes back. */
  private async giveBack(tx: EntityManager, order: OrderRow): Promise<void> {
    const shipments: ShipmentRow[] = await tx.query(`SELECT * FROM orders.shipments WHERE order_id = $1 ORDER BY id`, [order.id]);
    await this.refunds.requestOrder(tx, shipments.map((s) => ({ ...s, refunded: '0' })), 'the payment arrived after the order was cancelled', `late-payment:${order.id}`);
  }

  private async order(tx: EntityManager, id: string): Promise<OrderRow | null> {
    const rows: OrderRow[] = await tx.query(`SELECT * FROM orders.orders WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }
}

const paidNote = (order: OrderRow) => `${order.payment_method.replace('_', ' ')} ${rupiah(String(order.total))}`;
