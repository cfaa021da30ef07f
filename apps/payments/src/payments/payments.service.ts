import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { Caller, PaymentView, PaymentsEvents, Roles, RpcCaller, isServiceCaller } from '@pk/contracts';
import { DomainError, ErrorCode, newId, parseInput, requireCaller } from '@pk/core';
import { returned } from '@pk/database';
import { OutboxWriter } from '@pk/messaging';
import { isProviderError } from '../providers/payment-provider';
import { PaymentProviders } from './payment-providers';
import { PaymentRow, paymentView } from './payment-view';
import { confirmTransferInput, paymentCancelInput, paymentCreateInput as createInput, paymentListInput as listInput, paymentRef as byRef } from '@pk/contracts/requests/payments';

/** How long a payment may wait for its provider reference before its creator is taken for dead (above the providers' own timeouts). */
const CREATOR_GONE_MS = 90_000;

/**
 * One payment per order. Created by orders' checkout through the chosen provider; moved to
 * succeeded only by what the provider (webhook, read back) or the council (a received transfer)
 * says; every change goes out as an event to orders through the outbox.
 */
@Injectable()
export class PaymentsService {
  private readonly logger = new Logger(PaymentsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly providers: PaymentProviders,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(data: unknown): Promise<PaymentView> {
    const input = parseInput(createInput, data);
    const id = newId();
    const inserted: PaymentRow[] = await this.db.query(
      `INSERT INTO payments.payments (id, order_id, order_number, buyer_id, method, provider, amount, idempotency_key, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT DO NOTHING RETURNING *`,
      [id, input.orderId, input.orderNumber, input.buyerId, input.method, input.method === 'card' ? 'stripe' : 'bank_transfer',
       input.amount, input.idempotencyKey, input.expiresAt],
    );
    if (!inserted.length) return this.existing(input);
    try {
      return await this.openAtProvider(id, input);
    } catch (error) {
      // Nothing was taken: the payment is marked failed and checkout compensates.
      const reason = isProviderError(error) ? error.message : (error as Error).message;
      await this.db.query(`UPDATE payments.payments SET status = 'failed', failure_reason = $2, updated_at = now() WHERE id = $1`, [id, reason]);
      if (isProviderError(error) && error.retryable) {
        throw new DomainError(ErrorCode.paymentProviderUnavailable, `The payment provider is unavailable (${reason}); try again shortly.`, { orderId: input.orderId });
      }
      throw new DomainError(ErrorCode.paymentFailed, `The payment could not be created: ${reason}`, { orderId: input.orderId });
    }
  }

  /** The buyer's own payment (any for orders as itself): another buyer's does not exist, whatever id is tried, a curator's included. */
  async get(caller: RpcCaller, data: unknown): Promise<PaymentView> {
    const ref = parseInput(byRef, data);
    const row = await this.find(ref);
    if (!row || (!isServiceCaller(caller) && row.buyer_id !== caller.userId)) throw new DomainError(ErrorCode.notFound, 'No such payment.', ref);
    return paymentView(row);
  }

  /** Curators: any payment. */
  async curationGet(caller: Caller, data: unknown): Promise<PaymentView> {
    requireCaller({ caller }, Roles.curator);
    const ref = parseInput(byRef, data);
    const row = await this.find(ref);
    if (!row) throw new DomainError(ErrorCode.notFound, 'No such payment.', ref);
    return paymentView(row);
  }

  private async find(ref: { id: string } | { orderId: string }): Promise<PaymentRow | undefined> {
    const rows: PaymentRow[] = 'id' in ref
      ? await this.db.query(`SELECT * FROM payments.payments WHERE id = $1`, [ref.id])
      : await this.db.query(`SELECT * FROM payments.payments WHERE order_id = $1`, [ref.orderId]);
    return rows[0];
  }

  async list(caller: Caller, data: unknown): Promise<{ items: PaymentView[]; total: number }> {
    requireCaller({ caller }, Roles.curator);
    const q = parseInput(listInput, data ?? {});
    const rows: Array<PaymentRow & { total: string }> = await this.db.query(
      `SELECT *, count(*) OVER () AS total FROM payments.payments WHERE ($1::text IS NULL OR status = $1)
       ORDER BY created_at DESC LIMIT $2 OFFSET $3`,
      [q.status ?? null, q.limit, q.offset],
    );
    return { items: rows.map(paymentView), total: rows.length ? Number(rows[0].total) : 0 };
  }

  /**
   * Orders' payment window closed (or the buyer cancelled): the payment is stopped. If the provider
   * says it was paid meanwhile, it is recorded as paid and orders hears so (and refunds it).
   */
  async cancel(data: unknown): Promise<PaymentView> {
    const { orderId } = parseInput(paymentCancelInput, data);
    const row = await this.byOrder(orderId);
    if (row.status !== 'pending') return paymentView(row);
    if (row.provider_ref) {
      const provider = this.providers.for(row.method);
      const state = await provider.retrieve(row.provider_ref);
      if (state.status === 'succeeded') {
        await this.succeed(row.id, state.amountReceived, null);
        return paymentView(await this.byOrder(orderId));
      }
      await provider.cancel(row.provider_ref).catch((error: Error) => this.logger.warn(`cancel ${row.provider_ref}: ${error.message}`));
    }
    const [updated] = returned<PaymentRow>(await this.db.query(
      `UPDATE payments.payments SET status = CASE WHEN expires_at <= now() THEN 'expired' ELSE 'cancelled' END, updated_at = now()
       WHERE id = $1 AND status = 'pending' RETURNING *`,
      [row.id],
    ));
    return paymentView(updated ?? (await this.byOrder(orderId)));
  }

  /** A curator saw the transfer arrive in the council's account. */
  async confirmTransfer(caller: Caller, data: unknown): Promise<PaymentView> {
    requireCaller({ caller }, Roles.curator);
    const { id } = parseInput(confirmTransferInput, data);
    const rows: PaymentRow[] = await this.db.query(`SELECT * FROM payments.payments WHERE id = $1`, [id]);
    if (!rows.length) throw new DomainError(ErrorCode.notFound, 'No such payment.', { paymentId: id });
    const row = rows[0];
    if (row.method !== 'bank_transfer') {
      throw new DomainError(ErrorCode.invalidTransition, 'Only bank transfers are confirmed by hand; card payments confirm themselves.', { paymentId: id });
    }
    if (row.status === 'succeeded') return paymentView(row);
    if (row.status !== 'pending') {
      throw new DomainError(ErrorCode.invalidTransition, `This payment is ${row.status}; a transfer for it must be returned to the buyer.`, { paymentId: id, status: row.status });
    }
    await this.succeed(id, BigInt(row.amount), caller.userId);
    return paymentView((await this.db.query(`SELECT * FROM payments.payments WHERE id = $1`, [id]))[0]);
  }

  /**
   * Records money received, once: the row and the event in one transaction. A payment expired or
   * cancelled here but paid at the provider is recorded too; orders refunds it.
   */
  async succeed(paymentId: string, amountReceived: bigint, confirmedBy: string | null, tx?: EntityManager): Promise<boolean> {
    const work = async (m: EntityManager) => {
      const rows = returned<PaymentRow>(await m.query(
        `UPDATE payments.payments SET status = 'succeeded', captured = $2, paid_at = now(), confirmed_by = $3, updated_at = now()
         WHERE id = $1 AND status <> 'succeeded' RETURNING *`,
        [paymentId, amountReceived.toString(), confirmedBy],
      ));
      if (!rows.length) return false;
      const p = rows[0];
      await this.outbox.add(m, PaymentsEvents.paymentSucceeded, { paymentId: p.id, orderId: p.order_id, amount: String(p.captured), method: p.method });
      return true;
    };
    return tx ? work(tx) : this.db.transaction(work);
  }

  /** A failed attempt: final when the provider will take no more (the buyer starts again). */
  async fail(paymentId: string, reason: string, final: boolean, tx: EntityManager): Promise<void> {
    const rows = returned<PaymentRow>(await tx.query(
      `UPDATE payments.payments SET status = CASE WHEN $3 THEN 'failed' ELSE status END, failure_reason = $2, updated_at = now()
       WHERE id = $1 AND status = 'pending' RETURNING *`,
      [paymentId, reason, final],
    ));
    if (rows.length) await this.outbox.add(tx, PaymentsEvents.paymentFailed, { paymentId, orderId: rows[0].order_id, reason, final });
  }

  async byOrder(orderId: string): Promise<PaymentRow> {
    const rows: PaymentRow[] = await this.db.query(`SELECT * FROM payments.payments WHERE order_id = $1`, [orderId]);
    if (!rows.length) throw new DomainError(ErrorCode.notFound, 'No payment for this order.', { orderId });
    return rows[0];
  }

  private async existing(input: z.infer<typeof createInput>): Promise<PaymentView> {
    const rows: PaymentRow[] = await this.db.query(`SELECT * FROM payments.payments WHERE idempotency_key = $1 OR order_id = $2`, [input.idempotencyKey, input.orderId]);
    const row = rows[0];
    if (row.order_id !== input.orderId || row.amount.toString() !== input.amount || row.method !== input.method) {
      throw new DomainError(ErrorCode.idempotencyKeyReused, 'This payment key was used for another order or amount.', { orderId: input.orderId });
    }
    if (!row.provider_ref && row.status === 'pending') {
      // Its creator died between the row and the provider (a replica killed): opened again here,
      // under the same provider key, once the creator's own call would have ended.
      if (Date.now() - new Date(row.created_at).getTime() >= CREATOR_GONE_MS) return this.openAtProvider(row.id, input);
      throw new DomainError(ErrorCode.conflict, 'This payment is still being created; try again in a moment.', { orderId: input.orderId });
    }
    return paymentView(row);
  }

  /** Opens the payment at its provider and records how to pay; a row another call filled first stays as it is. */
  private async openAtProvider(id: string, input: z.infer<typeof createInput>): Promise<PaymentView> {
    const created = await this.providers.for(input.method).create({
      paymentId: id,
      orderId: input.orderId,
      amount: BigInt(input.amount),
      description: `Pasar Kriya ${input.orderNumber}`,
      expiresAt: new Date(input.expiresAt),
      idempotencyKey: `payment:${input.idempotencyKey}`,
    });
    const [row] = returned<PaymentRow>(await this.db.query(
      `UPDATE payments.payments SET provider_ref = $2, instructions = $3, updated_at = now() WHERE id = $1 AND provider_ref IS NULL RETURNING *`,
      [id, created.providerRef, JSON.stringify(created.instructions)],
    ));
    return paymentView(row ?? (await this.db.query(`SELECT * FROM payments.payments WHERE id = $1`, [id]))[0]);
  }
}
