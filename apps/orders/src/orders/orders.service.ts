import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, CurationOrderItem, OrderDetail, OrderListItem, OrderPaymentState, PaymentView, PaymentsPatterns, Roles, Services } from '@pk/contracts';
import { DomainError, ErrorCode, parseInput, requireCaller } from '@pk/core';
import { ServiceClients } from '@pk/messaging';
import { LineRow, OrderRow, ShipmentRow } from './order-rows';
import { OrderCancellation } from './order-cancellation';
import { orderView } from './order-view';
import { complaintsOf, historyOf } from './people-views';
import { orderCancelInput as cancelInput, curationOrderCancelInput as curationCancelInput, curationOrdersInput as curationInput, orderListInput as listInput, orderRef as ref } from '@pk/contracts/requests/orders';

// The views are the reply schemas' types (libs/contracts/src/replies/orders.ts).
export type { CurationOrderItem, OrderDetail, OrderListItem, OrderPaymentState } from '@pk/contracts';

// A curator says why, for the buyer and the record.

type CountedOrder = OrderRow & { total_count: string };

const notFound = (orderId: string) => new DomainError(ErrorCode.notFound, 'No such order.', { orderId });

/** Who reads or acts on an order: its buyer (their own only), or a curator (any, on the curation patterns). */
type Reader = { caller: Caller; as: 'buyer' | 'curator' };

/**
 * Orders as people read them: a buyer their own (any other id is "not found", never
 * "forbidden", so ids are not confirmed, and a curator is no owner on the buyer's patterns),
 * curators every order through their own. A buyer, or a curator saying why, cancels before
 * anything ships; OrderCancellation stops the payment or refunds it and gives the stock back.
 */
@Injectable()
export class OrdersService {
  private readonly logger = new Logger(OrdersService.name);

  constructor(
    private readonly db: DataSource,
    private readonly clients: ServiceClients,
    private readonly cancellation: OrderCancellation,
  ) {}

  async list(caller: Caller, data: unknown): Promise<{ items: OrderListItem[]; total: number }> {
    const q = parseInput(listInput, data ?? {});
    const rows: CountedOrder[] = await this.db.query(
      `SELECT *, count(*) OVER () AS total_count FROM orders.orders WHERE buyer_id = $1 AND ($2::text IS NULL OR status = $2)
       ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
      [caller.userId, q.status ?? null, q.limit, q.offset],
    );
    return { items: await this.items(this.db.manager, rows), total: rows.length ? Number(rows[0].total_count) : 0 };
  }

  /** The caller's own order, with its payment, timeline, complaints and reviews. */
  async get(caller: Caller, data: unknown): Promise<OrderDetail> {
    const { id: orderId } = parseInput(ref, data);
    return this.detail({ caller, as: 'buyer' }, orderId);
  }

  /** Curators: any order, its timeline naming who made each change. */
  async curationGet(caller: Caller, data: unknown): Promise<OrderDetail> {
    requireCaller({ caller }, Roles.curator);
    const { id: orderId } = parseInput(ref, data);
    return this.detail({ caller, as: 'curator' }, orderId);
  }

  /**
   * Before anything ships: unpaid, the payment is stopped and the stock given back; paid, every
   * shipment is cancelled and the whole amount refunded. Once a shipment left, 409 naming it.
   */
  async cancel(caller: Caller, data: unknown): Promise<OrderDetail> {
    const input = parseInput(cancelInput, data);
    const reason = input.reason ? `dibatalkan oleh pembeli: ${input.reason}` : 'dibatalkan oleh pembeli';
    return this.cancelAs({ caller, as: 'buyer' }, input.id, reason);
  }

  /** A curator cancels any order, with a reason, as themselves: the same refund and stock return as a buyer's. */
  async curationCancel(caller: Caller, data: unknown): Promise<OrderDetail> {
    requireCaller({ caller }, Roles.curator);
    const input = parseInput(curationCancelInput, data);
    return this.cancelAs({ caller, as: 'curator' }, input.id, `dibatalkan oleh kurator: ${input.reason}`);
  }

  private async cancelAs(reader: Reader, orderId: string, reason: string): Promise<OrderDetail> {
    const order = await this.own(this.db.manager, reader, orderId);
    if (order.status === 'completed') {
      throw new DomainError(ErrorCode.invalidTransition, 'This order is completed; open a complaint on a shipment instead.', { orderId: order.id, status: order.status });
    }
    if (order.status !== 'cancelled') {
      const outcome = await this.cancellation.cancel(order.id, reason, { actor: reader.as, userId: reader.caller.userId });
      if (outcome === 'paid_meanwhile') {
        const whose = reader.as === 'buyer' ? 'Your payment' : "The buyer's payment";
        throw new DomainError(ErrorCode.conflict, `${whose} arrived just now, so the order is paid; cancel it again to have it refunded.`, { orderId: order.id });
      }
    }
    return this.detail(reader, order.id);
  }

  /** Curators: every order, newest first, by status, buyer, artisan, number, day (WITA) or open complaint. */
  async curationList(data: unknown): Promise<{ items: CurationOrderItem[]; total: number }> {
    const q = parseInput(curationInput, data ?? {});
    const rows: CountedOrder[] = await this.db.query(
      `SELECT o.*, count(*) OVER () AS total_count FROM orders.orders o
       WHERE ($1::text IS NULL OR o.status = $1)
         AND ($2::uuid IS NULL OR o.buyer_id = $2)
         AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM orders.shipments s WHERE s.order_id = o.id AND s.artisan_id = $3))
         AND ($4::text IS NULL OR o.number = $4)
         AND ($5::date IS NULL OR o.created_at >= ($5::date)::timestamp AT TIME ZONE 'Asia/Makassar')
         AND ($6::date IS NULL OR o.created_at < ($6::date + 1)::timestamp AT TIME ZONE 'Asia/Makassar')
         AND (NOT $7::boolean OR EXISTS (SELECT 1 FROM orders.shipments s WHERE s.order_id = o.id AND s.complaint_open))
       ORDER BY o.created_at DESC, o.id DESC LIMIT $8 OFFSET $9`,
      [q.status ?? null, q.buyerId ?? null, q.artisanId ?? null, q.number ?? null, q.from ?? null, q.to ?? null, q.complaint === 'open', q.limit, q.offset],
    );
    const items = await this.items(this.db.manager, rows);
    const complaints = await complaintsOf(this.db.manager, rows.map((r) => r.id));
    return {
      items: items.map((o) => ({ ...o, complaints: complaints.get(o.id) ?? [] })),
      total: rows.length ? Number(rows[0].total_count) : 0,
    };
  }

  private async detail(reader: Reader, orderId: string): Promise<OrderDetail> {
    const order = await this.own(this.db.manager, reader, orderId);
    const [item] = await this.items(this.db.manager, [order]);
    const [history, complaints, reviews, payment] = await Promise.all([
      historyOf(this.db.manager, { orderIds: [order.id] }, { actorIds: reader.as === 'curator' }),
      complaintsOf(this.db.manager, [order.id]),
      this.db.query(
        `SELECT r.id, r.order_line_id AS "orderLineId", r.rating, r.reply FROM orders.reviews r
         JOIN orders.order_lines l ON l.id = r.order_line_id WHERE l.order_id = $1 ORDER BY r.created_at`,
        [order.id],
      ) as Promise<OrderDetail['reviews']>,
      this.payment(reader, order),
    ]);
    return { ...item, payment, history: history.get(order.id) ?? [], complaints: complaints.get(order.id) ?? [], reviews };
  }

  /** The buyer's own order (whatever other roles they hold), or any on a curator's pattern; anything else does not exist. */
  private async own(q: EntityManager, reader: Reader, orderId: string): Promise<OrderRow> {
    const rows: OrderRow[] = await q.query(`SELECT * FROM orders.orders WHERE id = $1`, [orderId]);
    if (!rows.length) throw notFound(orderId);
    if (reader.as === 'buyer' && rows[0].buyer_id !== reader.caller.userId) throw notFound(orderId);
    return rows[0];
  }

  private async items(q: EntityManager, orders: OrderRow[]): Promise<OrderListItem[]> {
    if (!orders.length) return [];
    const ids = orders.map((o) => o.id);
    const shipments: ShipmentRow[] = await q.query(`SELECT * FROM orders.shipments WHERE order_id = ANY($1::uuid[]) ORDER BY created_at, id`, [ids]);
    const lines: LineRow[] = await q.query(`SELECT * FROM orders.order_lines WHERE order_id = ANY($1::uuid[]) ORDER BY id`, [ids]);
    return orders.map((o) => {
      const own = shipments.filter((s) => s.order_id === o.id);
      const { total_count: _count, ...row } = o as CountedOrder;
      const refunded = own.reduce((sum, s) => sum + BigInt(s.refunded), 0n);
      return { ...orderView(row, own, lines.filter((l) => l.order_id === o.id)), paymentStatus: paymentState(o, refunded), refunded: refunded.toString() };
    });
  }

  private async payment(reader: Reader, order: OrderRow): Promise<PaymentView | null> {
    try {
      const pattern = reader.as === 'curator' ? PaymentsPatterns.curationGet : PaymentsPatterns.get;
      return await this.clients.send<PaymentView>(Services.payments, pattern, { orderId: order.id }, reader.caller);
    } catch (error) {
      // The order reads without it (payments down, or a checkout whose payment was never made).
      if (!(error instanceof DomainError && error.code === ErrorCode.notFound)) this.logger.warn(`payment of order ${order.id}: ${(error as Error).message}`);
      return null;
    }
  }
}

export function paymentState(o: Pick<OrderRow, 'status' | 'paid_at' | 'total'>, refunded: bigint): OrderPaymentState {
  if (o.status === 'pending_payment') return 'pending';
  if (!o.paid_at) return 'cancelled';
  if (refunded <= 0n) return 'paid';
  return refunded >= BigInt(o.total) ? 'refunded' : 'partly_refunded';
}
