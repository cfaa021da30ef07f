import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ArtisanShipmentView, Caller } from '@pk/contracts';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, parseInput } from '@pk/core';
import { NotificationsService } from '../notifications/notifications.service';
import { ArtisanStandingCheck } from './artisan-standing';
import { LineRow, ShipmentRow } from './order-rows';
import { OrderTransitions, Who } from './order-transitions';
import { OrderView, loadOrderView } from './order-view';
import { historyOf, lineView, shippingAddress } from './people-views';
import { shipmentInboxInput as inboxInput, shipmentShipInput as shipInput, shipmentRef as ref } from '@pk/contracts/requests/orders';

// ArtisanShipmentView is the reply schema's type (libs/contracts/src/replies/orders.ts).
export type { ArtisanShipmentView } from '@pk/contracts';

type InboxRow = ShipmentRow & { order_number: string; address: Record<string, unknown>; total?: string };
type OwnedShipment = ShipmentRow & { buyer_id: string; order_number: string };

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const notFound = (shipmentId: string) => new DomainError(ErrorCode.notFound, 'No such shipment.', { shipmentId });

/**
 * The artisan's side of an order (their own shipments only: accept, ship with a tracking number,
 * deliver) and the buyer's confirmation of receipt. Every status change goes through
 * OrderTransitions; a shipment that is not the caller's is "not found", whatever id is tried.
 * The artisan's side is open only while the catalog has their shop verified (ArtisanStandingCheck).
 */
@Injectable()
export class ShipmentsService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transitions: OrderTransitions,
    private readonly notifications: NotificationsService,
    private readonly standing: ArtisanStandingCheck,
  ) {}

  /** The artisan's paid shipments (never one still waiting for payment), newest first. */
  async inbox(caller: Caller, data: unknown): Promise<{ items: ArtisanShipmentView[]; total: number }> {
    const q = parseInput(inboxInput, data ?? {});
    await this.standing.assertMayFulfil(caller);
    const rows: InboxRow[] = await this.db.query(
      `SELECT s.*, o.number AS order_number, o.address, count(*) OVER () AS total
       FROM orders.shipments s JOIN orders.orders o ON o.id = s.order_id
       WHERE s.artisan_user_id = $1 AND s.paid_at IS NOT NULL AND ($2::text[] IS NULL OR s.status = ANY($2::text[]))
       ORDER BY s.paid_at DESC, s.id DESC LIMIT $3 OFFSET $4`,
      [caller.userId, q.status ?? null, q.limit, q.offset],
    );
    return { items: await this.views(this.db.manager, rows), total: rows.length ? Number(rows[0].total) : 0 };
  }

  async accept(caller: Caller, data: unknown): Promise<ArtisanShipmentView> {
    const { id: shipmentId } = parseInput(ref, data);
    return this.asArtisan(caller, shipmentId, async (tx, s, who) => {
      await this.transitions.shipment(tx, s, s.buyer_id, 'accepted', who);
    });
  }

  /** Handed to the courier: the buyer hears the courier and the tracking number. */
  async ship(caller: Caller, data: unknown): Promise<ArtisanShipmentView> {
    const input = parseInput(shipInput, data);
    return this.asArtisan(caller, input.id, async (tx, s, who) => {
      const courier = input.courier ?? s.courier;
      await this.transitions.shipment(tx, s, s.buyer_id, 'shipped', who, { courier, tracking: input.trackingNumber });
      await this.notifications.notify(
        tx, s.buyer_id, 'shipment.shipped', `Pesanan ${s.order_number} dikirim`,
        `${s.shop_name} mengirim pesanan Anda dengan ${courier}, nomor resi ${input.trackingNumber}.`,
        { orderId: s.order_id, shipmentId: s.id, courier, trackingNumber: input.trackingNumber },
      );
    });
  }

  async deliver(caller: Caller, data: unknown): Promise<ArtisanShipmentView> {
    const { id: shipmentId } = parseInput(ref, data);
    return this.asArtisan(caller, shipmentId, async (tx, s, who) => {
      await this.transitions.shipment(tx, s, s.buyer_id, 'delivered', who);
      await this.notifications.notify(
        tx, s.buyer_id, 'shipment.delivered', `Pesanan ${s.order_number} sudah sampai`,
        `Kiriman dari ${s.shop_name} sudah diantar. Konfirmasi penerimaan, atau ajukan komplain bila ada masalah.`,
        { orderId: s.order_id, shipmentId: s.id },
      );
    });
  }

  /**
   * The buyer has the goods: the shipment completes (the artisan's money is released) and, when
   * every shipment of the order is done, so does the order. Not while a complaint is open.
   */
  async confirmReceipt(caller: Caller, data: unknown): Promise<OrderView> {
    const { id: shipmentId } = parseInput(ref, data);
    const orderId = await this.db.transaction(async (tx) => {
      const found: OwnedShipment[] = await tx.query(
        `SELECT s.*, o.buyer_id, o.number AS order_number FROM orders.shipments s JOIN orders.orders o ON o.id = s.order_id
         WHERE s.id = $1 AND o.buyer_id = $2 FOR UPDATE OF s`,
        [shipmentId, caller.userId],
      );
      if (!found.length) throw notFound(shipmentId);
      const s = found[0];
      if (s.complaint_open) {
        throw new DomainError(ErrorCode.conflict, 'Your complaint about this shipment is still open; the council resolves it first.', { shipmentId });
      }
      await this.transitions.shipment(tx, s, s.buyer_id, 'completed', { actor: 'buyer', userId: caller.userId }, { note: 'receipt confirmed by the buyer' });
      await this.notifications.notify(
        tx, s.artisan_user_id, 'shipment.completed', `Pesanan ${s.order_number} selesai`,
        'Pembeli sudah menerima pesanan; hasil penjualan masuk ke saldo Anda.', { orderId: s.order_id, shipmentId: s.id },
      );
      // Shipment, then order, the order the clocks lock in.
      await this.transitions.closeIfDone(tx, s.order_id, { actor: 'buyer', userId: caller.userId });
      return s.order_id;
    });
    return ((await loadOrderView(this.db.manager, orderId)) as { view: OrderView }).view;
  }

  /** Runs `work` on the caller's own shipment, locked, and answers it as the inbox shows it. */
  private async asArtisan(caller: Caller, shipmentId: string, work: (tx: EntityManager, s: OwnedShipment, who: Who) => Promise<void>): Promise<ArtisanShipmentView> {
    await this.standing.assertMayFulfil(caller);
    await this.db.transaction(async (tx) => {
      const rows: OwnedShipment[] = await tx.query(
        `SELECT s.*, o.buyer_id, o.number AS order_number FROM orders.shipments s JOIN orders.orders o ON o.id = s.order_id
         WHERE s.id = $1 AND s.artisan_user_id = $2 FOR UPDATE OF s`,
        [shipmentId, caller.userId],
      );
      if (!rows.length) throw notFound(shipmentId);
      if (rows[0].cancel_requested_at) {
        // The clock is cancelling it: its refund is on its way to the buyer.
        throw new DomainError(ErrorCode.invalidTransition, `This shipment was not shipped in time and is being cancelled; the buyer is refunded.`, {
          shipmentId, status: rows[0].status,
        });
      }
      await work(tx, rows[0], { actor: 'artisan', userId: caller.userId });
    });
    const rows: InboxRow[] = await this.db.query(
      `SELECT s.*, o.number AS order_number, o.address FROM orders.shipments s JOIN orders.orders o ON o.id = s.order_id WHERE s.id = $1`,
      [shipmentId],
    );
    return (await this.views(this.db.manager, rows))[0];
  }

  private async views(q: EntityManager, rows: InboxRow[]): Promise<ArtisanShipmentView[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const lines: LineRow[] = await q.query(`SELECT * FROM orders.order_lines WHERE shipment_id = ANY($1::uuid[]) ORDER BY id`, [ids]);
    const history = await historyOf(q, { shipmentIds: ids });
    const deadline = this.config.orders.shipCancelAfterSeconds * 1000;
    return rows.map((s) => ({
      id: s.id,
      orderId: s.order_id,
      orderNumber: s.order_number,
      status: s.status,
      courier: s.courier,
      service: s.service,
      shippingFee: String(s.shipping_fee),
      goodsTotal: String(s.goods_total),
      weightGrams: s.weight_grams,
      trackingNumber: s.tracking_number,
      complaintOpen: s.complaint_open,
      refunded: String(s.refunded),
      paidAt: iso(s.paid_at),
      acceptedAt: iso(s.accepted_at),
      shippedAt: iso(s.shipped_at),
      deliveredAt: iso(s.delivered_at),
      completedAt: iso(s.completed_at),
      cancelledAt: iso(s.cancelled_at),
      cancelReason: s.cancel_reason,
      shipBy: s.paid_at && (s.status === 'paid' || s.status === 'accepted') ? new Date(new Date(s.paid_at).getTime() + deadline).toISOString() : null,
      address: s.status === 'cancelled' ? null : shippingAddress(s.address),
      lines: lines.filter((l) => l.shipment_id === s.id).map(lineView),
      history: history.get(s.id) ?? [],
    }));
  }
}
