import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PaymentsPatterns, RefundEvents, RefundView, Services } from '@pk/contracts';
import { OutboxWriter, ServiceClients } from '@pk/messaging';
import { ShipmentRow } from './order-rows';

const leftOn = (s: ShipmentRow): bigint => BigInt(s.goods_total) + BigInt(s.shipping_fee) - BigInt(s.refunded);

/**
 * Refunds orders owes: asked of payments by event (refund.requested) in the transaction that makes
 * them owed, so no order row stays locked while payments and its provider answer, and a crash
 * loses no refund. The key makes each one happen once however often a flow or an event is retried;
 * payments refuses more than was captured. payment.refunded brings each back to its shipment.
 */
@Injectable()
export class OrderRefunds {
  constructor(
    private readonly db: DataSource,
    private readonly clients: ServiceClients,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * Adds a refund to its shipment's refunded total, once per refund: payment.refunded and a
   * curator's synchronous refund both call this, and the second adds nothing.
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

  /** Asks for a shipment's goods and shipping, less what was refunded on it already (or `amount`); returns the amount. */
  async request(tx: EntityManager, shipment: ShipmentRow, reason: string, key: string, amount = leftOn(shipment)): Promise<bigint> {
    if (amount <= 0n) return 0n;
    await this.outbox.add(tx, RefundEvents.requested, { orderId: shipment.order_id, shipmentId: shipment.id, amount: amount.toString(), reason, idempotencyKey: key });
    return amount;
  }

  /** The whole order: each shipment's part, so the payout ledger can reverse each sale. */
  async requestOrder(tx: EntityManager, shipments: ShipmentRow[], reason: string, keyPrefix: string): Promise<void> {
    for (const s of shipments) await this.request(tx, s, reason, `${keyPrefix}:${s.id}`);
  }

  /**
   * A curator's refund on a complaint, before the complaint is resolved (no transaction open): the
   * curator sees it went through or why not, and a retry under the same key repeats nothing.
   */
  async refundNow(shipment: ShipmentRow, reason: string, key: string, amount: bigint): Promise<RefundView> {
    const refund = await this.clients.sendAsService<RefundView>(Services.payments, PaymentsPatterns.refund, {
      orderId: shipment.order_id, shipmentId: shipment.id, amount: amount.toString(), reason, idempotencyKey: key,
    }, { timeoutMs: 30_000 });
    await this.record(this.db.manager, refund.id, refund.shipmentId, BigInt(refund.amount));
    return refund;
  }
}
