import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CatalogEvents } from '@pk/contracts';
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
 * audited and `stock.changed` leaves through the outbox with the variant's stock version (its
 * count of movements; listing snapshots carry the same count, so copies can tell which is newer).
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
    // Each variant's stock version: its count of movements, this one included (its row lock orders them).
    const counts: Array<{ variant_id: string; n: number }> = await tx.query(
      `SELECT variant_id, count(*)::int AS n FROM catalog.stock_movements WHERE variant_id = ANY($1::uuid[]) GROUP BY variant_id`,
      [[...new Set(moved.map((c) => c.variantId))]],
    );
    const next = new Map(counts.map((r) => [r.variant_id, r.n - moved.filter((c) => c.variantId === r.variant_id).length]));
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
