import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, NotificationView } from '@pk/contracts';
import { DomainError, ErrorCode, newId, parseInput } from '@pk/core';
import { notificationListInput as listInput, notificationReadInput } from '@pk/contracts/requests/orders';

/** What happened to a user's orders and shipments, kept per user and listable; written in the transaction of the change. */
@Injectable()
export class NotificationsService {
  constructor(private readonly db: DataSource) {}

  async notify(tx: EntityManager, userId: string, kind: string, title: string, body: string, data: Record<string, unknown> = {}): Promise<void> {
    await tx.query(
      `INSERT INTO orders.notifications (id, user_id, kind, title, body, data) VALUES ($1, $2, $3, $4, $5, $6)`,
      [newId(), userId, kind, title, body, JSON.stringify(data)],
    );
  }

  async list(caller: Caller, data: unknown): Promise<{ items: NotificationView[]; total: number; unread: number }> {
    const q = parseInput(listInput, data ?? {});
    const rows: Array<NotificationView & { total: string; unread_count: string }> = await this.db.query(
      `SELECT id, kind, title, body, data, read_at AS "readAt", created_at AS "createdAt", count(*) OVER () AS total,
              (SELECT count(*) FROM orders.notifications u WHERE u.user_id = $1 AND u.read_at IS NULL) AS unread_count
       FROM orders.notifications WHERE user_id = $1 AND ($2::boolean IS NULL OR (read_at IS NULL) = $2)
       ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
      [caller.userId, q.unread === undefined ? null : q.unread === 'true', q.limit, q.offset],
    );
    return {
      items: rows.map(({ total: _t, unread_count: _u, ...n }) => ({
        ...n,
        readAt: n.readAt ? new Date(n.readAt).toISOString() : null,
        createdAt: new Date(n.createdAt).toISOString(),
      })),
      total: rows.length ? Number(rows[0].total) : 0,
      unread: rows.length ? Number(rows[0].unread_count) : 0,
    };
  }

  async markRead(caller: Caller, data: unknown): Promise<{ read: number }> {
    const { ids } = parseInput(notificationReadInput, data);
    const [, read]: [unknown, number] = await this.db.query(
      `UPDATE orders.notifications SET read_at = now() WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL`,
      [caller.userId, ids],
    );
    if (read === 0) {
      const mine: unknown[] = await this.db.query(`SELECT 1 FROM orders.notifications WHERE user_id = $1 AND id = ANY($2::uuid[])`, [caller.userId, ids]);
      if (!mine.length) throw new DomainError(ErrorCode.notFound, 'No such notifications.', { ids });
    }
    return { read };
  }
}
