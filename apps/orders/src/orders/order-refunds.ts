import { Injectable } from '@nestjs/common';
import { PaymentsPatterns, RefundView, Services } from '@pk/contracts';
import { ServiceClients } from '@pk/messaging';
import { OrderRow, ShipmentRow } from './order-rows';

/**
 * Refunds orders ask payments for, as the system. The key makes each one happen once however
 * often a flow is retried; payments refuses more than was captured.
 */
@Injectable()
export class OrderRefunds {
  constructor(private readonly clients: ServiceClients) {}

  /** A shipment's goods and shipping, less what was refunded on it already (or `amount`). */
  refundShipment(shipment: ShipmentRow, reason: string, key: string, amount?: bigint): Promise<RefundView> {
    const left = BigInt(shipment.goods_total) + BigInt(shipment.shipping_fee) - BigInt(shipment.refunded);
    return this.refund({ orderId: shipment.order_id, shipmentId: shipment.id, amount: amount ?? left, reason, idempotencyKey: key });
  }

  /** The whole order: each shipment's part, so the payout ledger can reverse each sale. */
  async refundOrder(order: OrderRow, shipments: ShipmentRow[], reason: string, keyPrefix: string): Promise<RefundView[]> {
    const done: RefundView[] = [];
    for (const s of shipments) {
      const left = BigInt(s.goods_total) + BigInt(s.shipping_fee) - BigInt(s.refunded);
      if (left > 0n) done.push(await this.refundShipment(s, reason, `${keyPrefix}:${s.id}`, left));
    }
    return done;
  }

  private refund(r: { orderId: string; shipmentId?: string; amount: bigint; reason: string; idempotencyKey: string }): Promise<RefundView> {
    return this.clients.send(Services.payments, PaymentsPatterns.refund, { ...r, amount: r.amount.toString() }, null, { timeoutMs: 30_000 });
  }
}
