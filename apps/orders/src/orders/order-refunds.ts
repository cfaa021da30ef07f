import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PaymentsPatterns, RefundView, Services } from '@pk/contracts';
import { ServiceClients } from '@pk/messaging';
import { OrderRow, ShipmentRow } from './order-rows';

/**
 * Refunds orders ask payments for, as the system. The key makes each one happen once however
 * often a flow is retried; payments refuses more than was captured.
 */
@Injectable()
export class OrderRefunds {
  constructor(
    private readonly clients: ServiceClients,
    private readonly db: DataSource,
  ) {}

  /**
   * Adds a refund to its shipment's refunded total, once per refund: the flow that asked for it
   * and the payment.refunded event both call this, and the second adds nothing.
   */
  async record(q: EntityManager, refundId: string, shipmentId: string | null, amount: bigint): Promise<boolean> {
    if (!shipmentId) return false;
    const fresh: unknown[] = await q.query(
      `INSERT INTO orders.shipment_refunds (refund_id, shipment_id, amount) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING refund_id`,
      [refundId, shipmentId, amount.toString()],
    );
    if (fresh.length) await q.query(`UPDATE orders.shipments SET refunded = refunded + $2 WHERE id = $1`, [shipmentId, amount.toString()]);
    return fresh.length > 0;
  }

  /**
   * A shipment's goods and shipping, less what was refunded on it already (or `amount`). `q` is the
   * transaction of a caller that holds the shipment's row: the refund is recorded in it.
   */
  refundShipment(shipment: ShipmentRow, reason: string, key: string, amount?: bigint, q?: EntityManager): Promise<RefundView> {
    const left = BigInt(shipment.goods_total) + BigInt(shipment.shipping_fee) - BigInt(shipment.refunded);
    return this.refund({ orderId: shipment.order_id, shipmentId: shipment.id, amount: amount ?? left, reason, idempotencyKey: key }, q);
  }

  /** The whole order: each shipment's part, so the payout ledger can reverse each sale. */
  async refundOrder(order: OrderRow, shipments: ShipmentRow[], reason: string, keyPrefix: string, q?: EntityManager): Promise<RefundView[]> {
    const done: RefundView[] = [];
    for (const s of shipments) {
      const left = BigInt(s.goods_total) + BigInt(s.shipping_fee) - BigInt(s.refunded);
      if (left > 0n) done.push(await this.refundShipment(s, reason, `${keyPrefix}:${s.id}`, left, q));
    }
    return done;
  }

  private async refund(r: { orderId: string; shipmentId?: string; amount: bigint; reason: string; idempotencyKey: string }, q: EntityManager = this.db.manager): Promise<RefundView> {
    const refund = await this.clients.send<RefundView>(Services.payments, PaymentsPatterns.refund, { ...r, amount: r.amount.toString() }, null, { timeoutMs: 30_000 });
    await this.record(q, refund.id, refund.shipmentId, BigInt(refund.amount));
    return refund;
  }
}
