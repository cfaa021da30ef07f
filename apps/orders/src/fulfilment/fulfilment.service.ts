import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { NotificationsService } from '../notifications/notifications.service';
import { OrderCancellation } from '../orders/order-cancellation';
import { OrderRow, ShipmentRow } from '../orders/order-rows';
import { OrderRefunds } from '../orders/order-refunds';
import { OrderTransitions } from '../orders/order-transitions';

const SYSTEM = { actor: 'system' as const, userId: null };
const BATCH = 100;
const NOT_SHIPPED = 'not shipped within 3 days';

export interface SweepReport {
  expired: number;
  reminded: number;
  cancelledUnshipped: number;
  completed: number;
}

/**
 * The clocks of orders, applied by one sweep (a Job Scheduler, every ORDERS_SWEEP_SECONDS): unpaid
 * orders past their payment window are cancelled and their stock released; an artisan who has not
 * shipped within 2 days is reminded, and at 3 days that shipment is refunded, then cancelled; a
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
  ) {}

  async sweep(): Promise<SweepReport> {
    const report = { expired: await this.expireUnpaid(), reminded: await this.remind(), cancelledUnshipped: await this.cancelUnshipped(), completed: await this.complete() };
    if (Object.values(report).some((n) => n > 0)) this.logger.log(`sweep: ${JSON.stringify(report)}`);
    return report;
  }

  private async expireUnpaid(): Promise<number> {
    const due: Array<{ id: string }> = await this.db.query(
      // An order whose money arrived waits for the catalog's answer, not for its window.
      `SELECT id FROM orders.orders WHERE status = 'pending_payment' AND payment_received_at IS NULL AND payment_due_at <= now() ORDER BY payment_due_at LIMIT $1`,
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
      `SELECT id FROM orders.shipments WHERE status IN ('paid','accepted') AND cancel_requested_at IS NULL AND paid_at <= now() - make_interval(secs => $1) ORDER BY paid_at LIMIT $2`,
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
   * Under the shipment's lock: it is marked for cancellation (the artisan can no longer ship it)
   * and its refund asked of payments through the outbox; payment.refunded then finishes it
   * (finishUnshipped), so the buyer never sees it cancelled before the money is on its way back.
   * The refund is keyed, so a sweep or an event that runs twice repeats nothing.
   */
  private async cancelUnshippedOne(shipmentId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [s]: ShipmentRow[] = await tx.query(
        `SELECT * FROM orders.shipments WHERE id = $1 AND status IN ('paid','accepted') AND cancel_requested_at IS NULL AND paid_at <= now() - make_interval(secs => $2) FOR UPDATE`,
        [shipmentId, this.config.orders.shipCancelAfterSeconds],
      );
      if (!s) return false;
      await tx.query(`UPDATE orders.shipments SET cancel_requested_at = now(), cancel_requested_reason = $2 WHERE id = $1`, [s.id, NOT_SHIPPED]);
      const asked = await this.refunds.request(tx, s, NOT_SHIPPED, `ship-late:${s.id}`);
      // Nothing left to refund: nothing to wait for.
      if (asked === 0n) await this.finishUnshipped(tx, s.id);
      return true;
    });
  }

  /**
   * A shipment marked for cancellation whose refund is through (called by payment.refunded, in its
   * transaction): cancelled, its sold units back on sale (shipment.cancelled tells the catalog),
   * buyer and artisan told, the order closed if nothing else is left.
   */
  async finishUnshipped(tx: EntityManager, shipmentId: string): Promise<void> {
    const [s]: ShipmentRow[] = await tx.query(
      `SELECT * FROM orders.shipments WHERE id = $1 AND status IN ('paid','accepted') AND cancel_requested_at IS NOT NULL
         AND refunded >= goods_total + shipping_fee FOR UPDATE`,
      [shipmentId],
    );
    if (!s) return;
    const [order]: OrderRow[] = await tx.query(`SELECT * FROM orders.orders WHERE id = $1`, [s.order_id]);
    const reason = s.cancel_requested_reason ?? NOT_SHIPPED;
    await this.transitions.shipment(tx, s, order.buyer_id, 'cancelled', SYSTEM, { note: reason, refund: String(s.refunded), returnStock: true });
    await this.notifications.notify(tx, order.buyer_id, 'shipment.cancelled', `Sebagian pesanan ${order.number} dibatalkan`,
      `${s.shop_name} tidak mengirim dalam 3 hari; dana untuk bagian ini dikembalikan.`, { orderId: order.id, shipmentId: s.id });
    await this.notifications.notify(tx, s.artisan_user_id, 'shipment.cancelled', `Pesanan ${order.number} dibatalkan`,
      'Pesanan tidak dikirim dalam 3 hari dan telah dibatalkan; dana dikembalikan ke pembeli.', { orderId: order.id, shipmentId: s.id });
    await this.transitions.closeIfDone(tx, order.id, SYSTEM);
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
