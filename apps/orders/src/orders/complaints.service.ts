import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller } from '@pk/contracts';
import { DomainError, ErrorCode, formatRupiah, newId, parseInput } from '@pk/core';
import { returned } from '@pk/database';
import { NotificationsService } from '../notifications/notifications.service';
import { OrderRow, ShipmentRow } from './order-rows';
import { OrderRefunds } from './order-refunds';
import { OrderTransitions } from './order-transitions';
import { ComplaintRow, ComplaintView, complaintView } from './people-views';
import { complaintOpenInput as openInput, complaintResolveInput as resolveInput } from '@pk/contracts/requests/orders';

type OwnedShipment = ShipmentRow & { buyer_id: string; order_number: string };

const notFound = (complaintId: string) => new DomainError(ErrorCode.notFound, 'No such complaint.', { complaintId });

/**
 * A buyer's complaint about a shipment that was shipped or delivered: while it is open the
 * shipment does not complete by itself. A curator resolves it, refunding the buyer (all that is
 * left on the shipment, or part of it) or rejecting it with a note.
 */
@Injectable()
export class ComplaintsService {
  constructor(
    private readonly db: DataSource,
    private readonly transitions: OrderTransitions,
    private readonly refunds: OrderRefunds,
    private readonly notifications: NotificationsService,
  ) {}

  async open(caller: Caller, data: unknown): Promise<ComplaintView> {
    const input = parseInput(openInput, data);
    return this.db.transaction(async (tx) => {
      const rows: OwnedShipment[] = await tx.query(
        `SELECT s.*, o.buyer_id, o.number AS order_number FROM orders.shipments s JOIN orders.orders o ON o.id = s.order_id
         WHERE s.id = $1 AND o.buyer_id = $2 FOR UPDATE OF s`,
        [input.shipmentId, caller.userId],
      );
      if (!rows.length) throw new DomainError(ErrorCode.notFound, 'No such shipment.', { shipmentId: input.shipmentId });
      const s = rows[0];
      if (s.status !== 'shipped' && s.status !== 'delivered') {
        throw new DomainError(ErrorCode.invalidTransition, `This shipment is ${s.status.replace('_', ' ')}; a complaint is about a shipment that was sent and is not yet completed.`, {
          shipmentId: s.id, status: s.status,
        });
      }
      if (s.complaint_open) throw new DomainError(ErrorCode.conflict, 'A complaint about this shipment is already open.', { shipmentId: s.id });
      const [complaint]: ComplaintRow[] = await tx.query(
        `INSERT INTO orders.complaints (id, shipment_id, buyer_id, reason) VALUES ($1, $2, $3, $4) RETURNING *`,
        [newId(), s.id, caller.userId, input.reason],
      );
      await tx.query(`UPDATE orders.shipments SET complaint_open = true WHERE id = $1`, [s.id]);
      await this.note(tx, s, 'complaint opened by the buyer', 'buyer', caller.userId);
      await this.notifications.notify(
        tx, s.artisan_user_id, 'complaint.opened', `Komplain untuk pesanan ${s.order_number}`,
        `Pembeli mengajukan komplain: "${input.reason}". Dekranasda akan meninjaunya; dana ditahan sampai selesai.`,
        { orderId: s.order_id, shipmentId: s.id, complaintId: complaint.id },
      );
      return complaintView(complaint);
    });
  }

  /**
   * A refund of everything left on the shipment cancels it; a partial refund completes it (the
   * buyer keeps the goods and the artisan is paid the rest). The money goes first, under a key of
   * the complaint, so a resolution that fails half-way is retried without refunding twice.
   */
  async resolve(caller: Caller, data: unknown): Promise<ComplaintView> {
    const input = parseInput(resolveInput, data);
    const found: ComplaintRow[] = await this.db.query(`SELECT * FROM orders.complaints WHERE id = $1`, [input.id]);
    if (!found.length) throw notFound(input.id);
    this.stillOpen(found[0]);
    if (input.resolution === 'reject') return this.reject(caller, input.id, input.note);

    const [before]: ShipmentRow[] = await this.db.query(`SELECT * FROM orders.shipments WHERE id = $1`, [found[0].shipment_id]);
    const left = BigInt(before.goods_total) + BigInt(before.shipping_fee) - BigInt(before.refunded);
    const amount = input.amount ? BigInt(input.amount) : left;
    if (left <= 0n || amount > left) {
      throw new DomainError(ErrorCode.refundTooLarge, `At most ${formatRupiah(left)} is left to refund on this shipment.`, {
        shipmentId: before.id, requested: amount.toString(), refundable: left.toString(),
      });
    }
    const reason = input.note ?? 'complaint upheld by the council';
    await this.refunds.refundNow(before, reason, `complaint:${input.id}`, amount);

    return this.db.transaction(async (tx) => {
      const [order]: OrderRow[] = await tx.query(`SELECT * FROM orders.orders WHERE id = $1`, [before.order_id]);
      const [complaint]: ComplaintRow[] = await tx.query(`SELECT * FROM orders.complaints WHERE id = $1 FOR UPDATE`, [input.id]);
      this.stillOpen(complaint);
      const s = await this.lockShipment(tx, before.id);
      // The refund itself was recorded on the shipment when payments answered (OrderRefunds).
      await tx.query(`UPDATE orders.shipments SET complaint_open = false WHERE id = $1`, [s.id]);
      const full = amount === left;
      const note = `complaint upheld: ${formatRupiah(amount)} refunded${input.note ? ` (${input.note})` : ''}`;
      if (full) {
        await this.transitions.shipment(tx, s, order.buyer_id, 'cancelled', { actor: 'curator', userId: caller.userId }, { note, refund: amount.toString() });
      } else {
        // Only the system completes for someone else; the curator is kept as the one who acted.
        await this.transitions.shipment(tx, s, order.buyer_id, 'completed', { actor: 'system', userId: caller.userId }, { note });
      }
      const [resolved] = returned<ComplaintRow>(await tx.query(
        `UPDATE orders.complaints SET status = 'refunded', resolution = $2, resolved_by = $3, resolved_at = now() WHERE id = $1 RETURNING *`,
        [input.id, note, caller.userId],
      ));
      await this.notifications.notify(
        tx, order.buyer_id, 'complaint.refunded', `Komplain ${order.number} disetujui`,
        `Dekranasda menyetujui komplain Anda untuk kiriman dari ${s.shop_name}: ${formatRupiah(amount)} dikembalikan.`,
        { orderId: order.id, shipmentId: s.id, complaintId: input.id, amount: amount.toString() },
      );
      await this.notifications.notify(
        tx, s.artisan_user_id, 'complaint.refunded', `Komplain ${order.number} disetujui`,
        `Dekranasda mengembalikan ${formatRupiah(amount)} kepada pembeli${full ? '; kiriman ini dibatalkan' : ''}.`,
        { orderId: order.id, shipmentId: s.id, complaintId: input.id, amount: amount.toString() },
      );
      await this.transitions.closeIfDone(tx, order.id, { actor: 'curator', userId: caller.userId });
      return complaintView(resolved);
    });
  }

  private async reject(caller: Caller, complaintId: string, note: string): Promise<ComplaintView> {
    return this.db.transaction(async (tx) => {
      const [complaint]: ComplaintRow[] = await tx.query(`SELECT * FROM orders.complaints WHERE id = $1 FOR UPDATE`, [complaintId]);
      this.stillOpen(complaint);
      const s = await this.lockShipment(tx, complaint.shipment_id);
      const [{ number }]: Array<{ number: string }> = await tx.query(`SELECT number FROM orders.orders WHERE id = $1`, [s.order_id]);
      await tx.query(`UPDATE orders.shipments SET complaint_open = false WHERE id = $1`, [s.id]);
      const [resolved] = returned<ComplaintRow>(await tx.query(
        `UPDATE orders.complaints SET status = 'rejected', resolution = $2, resolved_by = $3, resolved_at = now() WHERE id = $1 RETURNING *`,
        [complaintId, note, caller.userId],
      ));
      await this.note(tx, s, `complaint rejected: ${note}`, 'curator', caller.userId);
      await this.notifications.notify(
        tx, complaint.buyer_id, 'complaint.rejected', `Komplain ${number} ditolak`, `Dekranasda menolak komplain Anda: ${note}`,
        { orderId: s.order_id, shipmentId: s.id, complaintId },
      );
      await this.notifications.notify(
        tx, s.artisan_user_id, 'complaint.rejected', `Komplain ${number} ditolak`, 'Komplain pembeli ditolak; pesanan berjalan seperti biasa.',
        { orderId: s.order_id, shipmentId: s.id, complaintId },
      );
      return complaintView(resolved);
    });
  }

  private stillOpen(c: ComplaintRow): void {
    if (c.status !== 'open') {
      throw new DomainError(ErrorCode.invalidTransition, `This complaint was already ${c.status}.`, { complaintId: c.id, status: c.status });
    }
  }

  private async lockShipment(tx: EntityManager, shipmentId: string): Promise<ShipmentRow> {
    const rows: ShipmentRow[] = await tx.query(`SELECT * FROM orders.shipments WHERE id = $1 FOR UPDATE`, [shipmentId]);
    return rows[0];
  }

  // A complaint is not a status change, but it belongs on the order's timeline.
  private async note(tx: EntityManager, s: ShipmentRow, note: string, role: string, userId: string): Promise<void> {
    await tx.query(
      `INSERT INTO orders.history (order_id, shipment_id, from_status, to_status, actor_id, actor_role, note) VALUES ($1, $2, $3, $3, $4, $5, $6)`,
      [s.order_id, s.id, s.status, userId, role, note],
    );
  }
}
