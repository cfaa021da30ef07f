import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { CheckoutSteps } from '../checkout/checkout.steps';
import { NotificationsService } from '../notifications/notifications.service';
import { OrderCancellation } from '../orders/order-cancellation';
import { OrderRow, ShipmentRow } from '../orders/order-rows';
import { OrderRefunds } from '../orders/order-refunds';
import { OrderTransitions } from '../orders/order-transitions';

const SYSTEM = { actor: 'system' as const, userId: null };
const BATCH = 100;

export interface SweepReport {
  expired: number;
  reminded: number;
  cancelledUnshipped: number;
  completed: number;
}

/**
 * The clocks of orders, applied by one sweep (a Job Scheduler, every ORDERS_SWEEP_SECONDS): unpaid
 * orders past their payment window are cancelled and their stock released; an artisan who has not
 * shipped within 2 days is reminded, and at 3 days that shipment is cancelled and refunded; a
 * shipment completes 7 days after it shipped unless the buyer opened a complaint. Each is judged
 * by the database clock, so a sweep that runs late still does the right thing.
 */
@Injectable()
export class FulfilmentService {
  private readonly logger = new Logger(FulfilmentService.name);

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cancellation: OrderCancellation,
    private readonly refunds: OrderRefunds,
    private readonly transitions: OrderTransitions,
    private readonly notifications: NotificationsService,
    private readonly steps: CheckoutSteps,
  ) {}

  async sweep(): Promise<SweepReport> {
    const report = { expired: await this.expireUnpaid(), reminded: await this.remind(), cancelledUnshipped: await this.cancelUnshipped(), completed: await this.complete() };
    if (Object.values(report).some((n) => n > 0)) this.logger.log(`sweep: ${JSON.stringify(report)}`);
    return report;
  }

  private async expireUnpaid(): Promise<number> {
    const due: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM orders.orders WHERE status = 'pending_payment' AND payment_due_at <= now() ORDER BY payment_due_at LIMIT $1`,
      [BATCH],
    );
    let n = 0;
    for (const { id } of due) {
      const outcome = await this.cancellation.cancel(id, 'the payment window closed', SYSTEM).catch((error: Error) => {
        this.logger.warn(`could not expire order ${id} (next sweep tries again): ${error.message}`);
        return 'failed';
      });
      if (outcome === 'cancelled') n++;
    }
    return n;
  }

  private async remind(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const due: Array<ShipmentRow & { number: string }> = await tx.query(
        `SELECT s.*, o.number FROM orders.shipments s JOIN orders.orders o ON o.id = s.order_id
         WHERE s.status IN ('paid','accepted') AND s.reminded_at IS NULL AND s.paid_at <= now() - make_interval(secs => $1)
         ORDER BY s.paid_at LIMIT $2 FOR UPDATE OF s SKIP LOCKED`,
        [this.config.orders.shipRemindAfterSeconds, BATCH],
      );
      for (const s of due) {
        await tx.query(`UPDATE orders.shipments SET reminded_at = now() WHERE id = $1`, [s.id]);
        await this.notifications.notify(tx, s.artisan_user_id, 'shipment.reminder', `Segera kirim pesanan ${s.number}`,
          'Pesanan ini belum dikirim. Jika belum dikirim besok, pesanan dibatalkan dan dana dikembalikan ke pembeli.', { orderId: s.order_id, shipmentId: s.id });
      }
      return due.length;
    });
  }

  private async cancelUnshipped(): Promise<number> {
    const due: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM orders.shipments WHERE status IN ('paid','accepted') AND paid_at <= now() - make_interval(secs => $1) ORDER BY paid_at LIMIT $2`,
      [this.config.orders.shipCancelAfterSeconds, BATCH],
    );
    let n = 0;
    for (const s of due) {
      try {
        if (await this.cancelUnshippedOne(s.id)) n++;
      } catch (error) {
        this.logger.warn(`could not cancel unshipped shipment ${s.id} (next sweep tries again): ${(error as Error).message}`);
      }
    }
    return n;
  }

  /**
   * Under the shipment's lock (so the artisan cannot ship it meanwhile): refund it, put its stock
   * back on sale, cancel it. The refund and the stock's return are keyed, so a sweep that dies half
   * way repeats nothing when it runs again.
   */
  private async cancelUnshippedOne(shipmentId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [s]: ShipmentRow[] = await tx.query(
        `SELECT * FROM orders.shipments WHERE id = $1 AND status IN ('paid','accepted') AND paid_at <= now() - make_interval(secs => $2) FOR UPDATE`,
        [shipmentId, this.config.orders.shipCancelAfterSeconds],
      );
      if (!s) return false;
      const [order]: OrderRow[] = await tx.query(`SELECT * FROM orders.orders WHERE id = $1`, [s.order_id]);
      const left = BigInt(s.goods_total) + BigInt(s.shipping_fee) - BigInt(s.refunded);
      if (left > 0n) await this.refunds.refundShipment(s, 'not shipped within 3 days', `ship-late:${s.id}`, left, tx);
      if (order.reservation_id) {
        const variants: Array<{ variant_id: string }> = await tx.query(`SELECT DISTINCT variant_id FROM orders.order_lines WHERE shipment_id = $1`, [s.id]);
        await this.steps.returnSold({ userId: order.buyer_id, roles: ['buyer'] }, order.reservation_id, variants.map((v) => v.variant_id));
      }
      await this.transitions.shipment(tx, s, order.buyer_id, 'cancelled', SYSTEM, { note: 'not shipped within 3 days', refund: left.toString() });
      await this.notifications.notify(tx, order.buyer_id, 'shipment.cancelled', `Sebagian pesanan ${order.number} dibatalkan`,
        `${s.shop_name} tidak mengirim dalam 3 hari; dana untuk bagian ini dikembalikan.`, { orderId: order.id, shipmentId: s.id });
      await this.notifications.notify(tx, s.artisan_user_id, 'shipment.cancelled', `Pesanan ${order.number} dibatalkan`,
        'Pesanan tidak dikirim dalam 3 hari dan telah dibatalkan; dana dikembalikan ke pembeli.', { orderId: order.id, shipmentId: s.id });
      await this.transitions.closeIfDone(tx, order.id, SYSTEM);
      return true;
    });
  }

  private async complete(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const due: Array<ShipmentRow & { buyer_id: string; number: string }> = await tx.query(
        `SELECT s.*, o.buyer_id, o.number FROM orders.shipments s JOIN orders.orders o ON o.id = s.order_id
         WHERE s.status IN ('shipped','delivered') AND NOT s.complaint_open AND s.shipped_at <= now() - make_interval(secs => $1)
         ORDER BY s.shipped_at LIMIT $2 FOR UPDATE OF s SKIP LOCKED`,
        [this.config.orders.autoCompleteAfterSeconds, BATCH],
      );
      for (const s of due) {
        await this.transitions.shipment(tx, s, s.buyer_id, 'completed', SYSTEM, { note: 'completed 7 days after shipping' });
        await this.notifications.notify(tx, s.artisan_user_id, 'shipment.completed', `Pesanan ${s.number} selesai`, 'Dana penjualan kini tersedia untuk pencairan.', { orderId: s.order_id, shipmentId: s.id });
        await this.transitions.closeIfDone(tx, s.order_id, SYSTEM);
      }
      return due.length;
    });
  }
}
