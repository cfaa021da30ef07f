import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, StockHistoryReply } from '@pk/contracts';
import { DomainError, ErrorCode, parseInput } from '@pk/core';
import { ArtisanAccess } from '../artisans/artisan-access';
import { Variant } from '../listings/variant.entity';
import { stockHistoryQuery } from './reservation-input';
import { StockMovement } from './stock-movement.entity';

/** A variant's stock movements, newest first, for the shop that owns it. */
@Injectable()
export class StockHistoryService {
  constructor(
    private readonly db: DataSource,
    private readonly access: ArtisanAccess,
  ) {}

  async history(caller: Caller, data: unknown): Promise<StockHistoryReply> {
    const q = parseInput(stockHistoryQuery, data);
    // Any status: a suspended shop may still read its own books.
    const artisan = await this.access.own(caller);
    const variant = await this.db.getRepository(Variant).findOneBy({ id: q.variantId, listingId: q.listingId });
    if (!variant) throw new DomainError(ErrorCode.notFound, 'No such variant on this listing.', { listingId: q.listingId, variantId: q.variantId });
    if (variant.artisanId !== artisan.id) throw new DomainError(ErrorCode.forbidden, 'This variant belongs to another shop.', { variantId: q.variantId });
    const qb = this.db
      .getRepository(StockMovement)
      .createQueryBuilder('m')
      .where('m.variant_id = :id', { id: variant.id })
      .orderBy('m.id', 'DESC')
      .take(q.limit + 1);
    if (q.before) qb.andWhere('m.id < :before', { before: q.before });
    const rows = await qb.getMany();
    const page = rows.slice(0, q.limit);
    return {
      variant: { id: variant.id, listingId: variant.listingId, sku: variant.sku, stock: variant.stock },
      movements: page.map((m) => ({
        id: m.id,
        from: m.fromStock,
        to: m.toStock,
        reason: m.reason,
        reference: m.reference,
        actorId: m.actorId,
        at: m.createdAt.toISOString(),
      })),
      nextBefore: rows.length > q.limit ? page[page.length - 1].id : null,
    };
  }
}
