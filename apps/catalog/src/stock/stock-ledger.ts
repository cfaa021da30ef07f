import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CatalogEvents } from '@pk/contracts';
import { returned } from '@pk/database';
import { OutboxWriter } from '@pk/messaging';
import { StockMovement } from './stock-movement.entity';

export const StockReason = {
  created: 'created',
  edited: 'edited',
  imported: 'imported',
  reserved: 'reserved',
  released: 'released',
  expired: 'expired',
  returned: 'returned',
} as const;
export type StockReason = (typeof StockReason)[keyof typeof StockReason];

export interface StockChange {
  variantId: string;
  listingId: string;
  sku: string;
  from: number;
  to: number;
  /** The user who caused it; null for the system (expiry). */
  actorId: string | null;
  reason: StockReason;
  /** A reservation id, an import id: what the change belongs to. */
  reference?: string | null;
}

/**
 * Every stock change goes through here, in the transaction that makes it: the movement is
 * audited, the variant's stock version grows by one, and `stock.changed` leaves through the outbox
 * with it (listing snapshots carry the variant's version too, so copies can tell which is newer).
 */
@Injectable()
export class StockLedger {
  constructor(private readonly outbox: OutboxWriter) {}

  async record(tx: EntityManager, changes: StockChange[]): Promise<void> {
    const moved = changes.filter((c) => c.from !== c.to);
    if (moved.length === 0) return;
    await tx.getRepository(StockMovement).insert(
      moved.map((c) => ({
        variantId: c.variantId,
        actorId: c.actorId,
        fromStock: c.from,
        toStock: c.to,
        reason: c.reason,
        reference: c.reference ?? null,
      })),
    );
    // Each variant's stock version grows by its changes here, in one statement; the caller wrote the
    // variants' stock in this transaction, so their rows are already ours and the order is theirs.
    const changesOf = new Map<string, number>();
    for (const c of moved) changesOf.set(c.variantId, (changesOf.get(c.variantId) ?? 0) + 1);
    const bumped = returned<{ id: string; stock_version: number }>(await tx.query(
      `UPDATE catalog.variants v SET stock_version = v.stock_version + x.n
       FROM unnest($1::uuid[], $2::int[]) AS x(id, n) WHERE v.id = x.id RETURNING v.id, v.stock_version`,
      [[...changesOf.keys()], [...changesOf.values()]],
    ));
    const next = new Map(bumped.map((r) => [r.id, r.stock_version - changesOf.get(r.id)!]));
    for (const c of moved) {
      const stockVersion = (next.get(c.variantId) ?? 0) + 1;
      next.set(c.variantId, stockVersion);
      await this.outbox.add(tx, CatalogEvents.stockChanged, {
        stockVersion,
        variantId: c.variantId,
        listingId: c.listingId,
        sku: c.sku,
        stock: c.to,
        previous: c.from,
        reason: c.reason,
      });
    }
  }
}
