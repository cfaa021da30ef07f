import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { PaymentsEvents, RefundView, RpcCaller } from '@pk/contracts';
import { DomainError, ErrorCode, actorId, newId, parseInput } from '@pk/core';
import { returned } from '@pk/database';
import { OutboxWriter } from '@pk/messaging';
import { LedgerService } from '../ledger/ledger.service';
import { PaymentProviders } from '../payments/payment-providers';
import { PaymentRow } from '../payments/payment-view';
import { isProviderError } from '../providers/payment-provider';
import { refundInput } from '@pk/contracts/requests/payments';

interface RefundRow {
  id: string;
  payment_id: string;
  order_id: string;
  shipment_id: string | null;
  amount: string;
  status: RefundView['status'];
  reason: string;
  idempotency_key: string;
  failure_reason: string | null;
  created_at: Date;
}

const view = (r: RefundRow): RefundView => ({
  id: r.id,
  paymentId: r.payment_id,
  orderId: r.order_id,
  shipmentId: r.shipment_id,
  amount: String(r.amount),
  status: r.status,
  reason: r.reason,
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * Refunds, full or per shipment, by a curator or by orders' cancellation flows (the orders
 * service as itself; the controller checks who may). Never more than was captured, counting refunds still under way; the same key is the same
 * refund. A refund that went through reverses the sale in the payout ledger and tells orders.
 */
@Injectable()
export class RefundsService {
  constructor(
    private readonly db: DataSource,
    private readonly providers: PaymentProviders,
    private readonly ledger: LedgerService,
    private readonly outbox: OutboxWriter,
  ) {}

  async refund(caller: RpcCaller, data: unknown): Promise<RefundView> {
    const input = parseInput(refundInput, data);
    const { refund, payment, fresh } = await this.claim(caller, input);
    if (!fresh) return view(refund);
    try {
      const result = await this.providers.for(payment.method).refund({
        providerRef: payment.provider_ref as string,
        amount: BigInt(input.amount),
        idempotencyKey: `refund:${refund.id}`,
        reason: input.reason,
        metadata: { refundId: refund.id, orderId: input.orderId, ...(input.shipmentId ? { shipmentId: input.shipmentId } : {}) },
      });
      if (result.status === 'failed') throw new Error('the provider refused the refund');
      return view(await this.settle(refund, payment, result.refundRef, result.status));
    } catch (error) {
      const reason = isProviderError(error) ? error.message : (error as Error).message;
      await this.db.query(`UPDATE payments.refunds SET status = 'failed', failure_reason = $2, updated_at = now() WHERE id = $1`, [refund.id, reason]);
      throw new DomainError(ErrorCode.paymentFailed, `The refund did not go through: ${reason}`, { refundId: refund.id });
    }
  }

  /** Reserves the amount against the payment, under its row lock, or returns the refund this key made. */
  private async claim(caller: RpcCaller, input: z.infer<typeof refundInput>): Promise<{ refund: RefundRow; payment: PaymentRow; fresh: boolean }> {
    return this.db.transaction(async (tx) => {
      const payments: PaymentRow[] = await tx.query(`SELECT * FROM payments.payments WHERE order_id = $1 FOR UPDATE`, [input.orderId]);
      const payment = payments[0];
      if (!payment) throw new DomainError(ErrorCode.notFound, 'No payment for this order.', { orderId: input.orderId });
      const existing: RefundRow[] = await tx.query(`SELECT * FROM payments.refunds WHERE idempotency_key = $1`, [input.idempotencyKey]);
      if (existing.length) {
        const r = existing[0];
        if (r.order_id !== input.orderId || String(r.amount) !== input.amount || (r.shipment_id ?? undefined) !== input.shipmentId) {
          throw new DomainError(ErrorCode.idempotencyKeyReused, 'This refund key was used for another refund.', { refundId: r.id });
        }
        if (r.status !== 'failed') return { refund: r, payment, fresh: false };
        // A failed refund may be tried again under its key.
        await tx.query(`UPDATE payments.refunds SET status = 'pending', failure_reason = NULL, updated_at = now() WHERE id = $1`, [r.id]);
        return { refund: { ...r, status: 'pending' }, payment, fresh: true };
      }
      if (payment.status !== 'succeeded') {
        throw new DomainError(ErrorCode.invalidTransition, `Nothing to refund: this payment is ${payment.status}.`, { orderId: input.orderId, status: payment.status });
      }
      const [{ held }]: Array<{ held: string }> = await tx.query(
        `SELECT coalesce(sum(amount), 0)::text AS held FROM payments.refunds WHERE payment_id = $1 AND status IN ('pending','succeeded')`,
        [payment.id],
      );
      const left = BigInt(payment.captured) - BigInt(held);
      if (BigInt(input.amount) > left) {
        throw new DomainError(ErrorCode.refundTooLarge, `At most Rp ${left.toString()} can still be refunded on this payment.`, {
          orderId: input.orderId, requested: input.amount, refundable: left.toString(),
        });
      }
      const [refund]: RefundRow[] = await tx.query(
        `INSERT INTO payments.refunds (id, payment_id, order_id, shipment_id, amount, reason, idempotency_key, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [newId(), payment.id, input.orderId, input.shipmentId ?? null, input.amount, input.reason, input.idempotencyKey, actorId(caller)],
      );
      return { refund, payment, fresh: true };
    });
  }

  /** The money is on its way back: the payment, the ledger and orders are told, in one transaction. */
  private async settle(refund: RefundRow, payment: PaymentRow, providerRef: string, status: 'succeeded' | 'pending'): Promise<RefundRow> {
    return this.db.transaction(async (tx) => {
      const [updated] = returned<RefundRow>(await tx.query(
        `UPDATE payments.refunds SET status = $2, provider_ref = $3, updated_at = now() WHERE id = $1 RETURNING *`,
        [refund.id, status === 'succeeded' ? 'succeeded' : 'pending', providerRef],
      ));
      await tx.query(`UPDATE payments.payments SET refunded = refunded + $2, updated_at = now() WHERE id = $1`, [payment.id, refund.amount]);
      await this.ledger.postRefund(tx, { refundId: refund.id, orderId: refund.order_id, shipmentId: refund.shipment_id, amount: BigInt(refund.amount) });
      await this.outbox.add(tx, PaymentsEvents.paymentRefunded, {
        paymentId: payment.id, orderId: refund.order_id, refundId: refund.id, shipmentId: refund.shipment_id, amount: String(refund.amount),
      });
      return updated;
    });
  }
}
