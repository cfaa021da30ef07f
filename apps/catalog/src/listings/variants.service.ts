import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller } from '@pk/contracts';
import { DomainError, ErrorCode, newId, parseInput } from '@pk/core';
import { ArtisanAccess } from '../artisans/artisan-access';
import { StockLedger, StockReason } from '../stock/stock-ledger';
import { ListingEvents } from './listing-events';
import { ListingView, ListingViews } from './listing-views';
import { Listing } from './listing.entity';
import { VariantInput } from './listing-input';
import { asSkuClash, assertSkusFree } from './sku-clash';
import { Variant } from './variant.entity';
import { variantAddInput as addInput, variantRemoveInput as removeInput, variantStockInput as stockInput, variantUpdateInput as updateInput } from '@pk/contracts/requests/listings';

const MAX_VARIANTS = 100;

/** A listing's variants: SKU, options, price and stock, each change checked and audited. */
@Injectable()
export class VariantsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: ArtisanAccess,
    private readonly ledger: StockLedger,
    private readonly events: ListingEvents,
    private readonly views: ListingViews,
  ) {}

  async add(caller: Caller, data: unknown): Promise<ListingView> {
    const { listingId, variant } = parseInput(addInput, data);
    return this.change(caller, listingId, async (tx, listing) => {
      const count = await tx.getRepository(Variant).countBy({ listingId });
      if (count >= MAX_VARIANTS) throw new DomainError(ErrorCode.conflict, `A listing has at most ${MAX_VARIANTS} variants.`);
      await this.insertAll(tx, caller, listing, [variant], count, StockReason.created);
    });
  }

  async update(caller: Caller, data: unknown): Promise<ListingView> {
    const { listingId, variantId, patch } = parseInput(updateInput, data);
    return this.change(caller, listingId, async (tx, listing) => {
      const variant = await this.lockVariant(tx, listingId, variantId);
      if (patch.sku !== undefined && patch.sku.toLowerCase() !== variant.sku.toLowerCase()) {
        await assertSkusFree(tx, listing.artisanId, [{ sku: patch.sku, field: 'sku' }], { variantIds: [variant.id] });
      }
      const from = variant.stock;
      Object.assign(variant, {
        sku: patch.sku ?? variant.sku,
        options: patch.options ?? variant.options,
        price: patch.price ?? variant.price,
        stock: patch.stock ?? variant.stock,
      });
      await tx.getRepository(Variant).save(variant);
      await this.ledger.record(tx, [
        { variantId, listingId, sku: variant.sku, from, to: variant.stock, actorId: caller.userId, reason: StockReason.edited },
      ]);
    });
  }

  async remove(caller: Caller, data: unknown): Promise<ListingView> {
    const { listingId, variantId } = parseInput(removeInput, data);
    return this.change(caller, listingId, async (tx) => {
      await this.lockVariant(tx, listingId, variantId);
      const count = await tx.getRepository(Variant).countBy({ listingId });
      if (count <= 1) throw new DomainError(ErrorCode.conflict, 'A listing needs at least one variant; add another before removing this one.');
      await assertNotHeld(tx, [variantId]);
      await tx.getRepository(Variant).delete({ id: variantId });
    });
  }

  /** Sets the stock a variant has on hand; the ledger keeps who changed it, from what, and why. */
  async setStock(caller: Caller, data: unknown): Promise<ListingView> {
    const { listingId, variantId, stock, note } = parseInput(stockInput, data);
    return this.change(
      caller,
      listingId,
      async (tx) => {
        const variant = await this.lockVariant(tx, listingId, variantId);
        const from = variant.stock;
        await tx.getRepository(Variant).update({ id: variantId }, { stock });
        await this.ledger.record(tx, [
          { variantId, listingId, sku: variant.sku, from, to: stock, actorId: caller.userId, reason: StockReason.edited, reference: note ?? null },
        ]);
      },
      { announce: false },
    );
  }

  /** Inserts new variants after `position`; their opening stock is a ledger entry too. */
  async insertAll(tx: EntityManager, caller: Caller, listing: Listing, inputs: VariantInput[], position: number, reason: StockReason): Promise<void> {
    await assertSkusFree(
      tx,
      listing.artisanId,
      inputs.map((v, i) => ({ sku: v.sku, field: `variants.${i}.sku` })),
    );
    const rows = inputs.map((v, i) =>
      tx.getRepository(Variant).create({
        id: newId(),
        listingId: listing.id,
        artisanId: listing.artisanId,
        sku: v.sku,
        options: v.options,
        price: v.price,
        stock: v.stock,
        position: position + i,
      }),
    );
    await tx.getRepository(Variant).insert(rows).catch((error) => {
      throw asSkuClash(error);
    });
    await this.ledger.record(
      tx,
      rows.map((r) => ({ variantId: r.id, listingId: listing.id, sku: r.sku, from: 0, to: r.stock, actorId: caller.userId, reason })),
    );
  }

  /**
   * Makes a listing's variants exactly `inputs`, matched by SKU: matches are updated in place
   * (stock through the ledger), new SKUs added, the rest removed.
   */
  async replaceAll(tx: EntityManager, caller: Caller, listing: Listing, inputs: VariantInput[], reason: StockReason): Promise<void> {
    const existing = await tx.getRepository(Variant).find({ where: { listingId: listing.id }, lock: { mode: 'pessimistic_write' } });
    const byKey = new Map(existing.map((v) => [v.sku.toLowerCase(), v]));
    const fresh = inputs.map((v, i) => ({ v, i })).filter(({ v }) => !byKey.has(v.sku.toLowerCase()));
    await assertSkusFree(
      tx,
      listing.artisanId,
      fresh.map(({ v, i }) => ({ sku: v.sku, field: `variants.${i}.sku` })),
      { listingId: listing.id },
    );
    const keep = new Set(inputs.map((v) => v.sku.toLowerCase()));
    const gone = existing.filter((v) => !keep.has(v.sku.toLowerCase()));
    if (gone.length > 0) {
      await assertNotHeld(tx, gone.map((v) => v.id));
      await tx.getRepository(Variant).delete(gone.map((v) => v.id));
    }
    const moves = [];
    for (const [i, input] of inputs.entries()) {
      const current = byKey.get(input.sku.toLowerCase());
      if (!current) continue;
      moves.push({ variantId: current.id, listingId: listing.id, sku: input.sku, from: current.stock, to: input.stock, actorId: caller.userId, reason });
      await tx.getRepository(Variant).update(
        { id: current.id },
        { sku: input.sku, options: input.options, price: input.price, stock: input.stock, position: i },
      );
    }
    await this.ledger.record(tx, moves);
    for (const { v, i } of fresh) await this.insertAll(tx, caller, listing, [v], i, reason);
  }

  /** One write to an owner's listing: locked, checked, announced when it is public. */
  private async change(
    caller: Caller,
    listingId: string,
    work: (tx: EntityManager, listing: Listing) => Promise<void>,
    opts: { announce: boolean } = { announce: true },
  ): Promise<ListingView> {
    return this.db.transaction(async (tx) => {
      const { listing } = await this.access.ownListing(caller, listingId, tx);
      if (listing.status === 'archived') {
        throw new DomainError(ErrorCode.invalidTransition, 'This listing is archived; restore it before changing it.', { status: listing.status });
      }
      await work(tx, listing);
      await tx.getRepository(Listing).update({ id: listing.id }, { updatedAt: new Date() });
      if (opts.announce && listing.status === 'published') await this.events.announce(tx, [listing.id], { kind: 'updated' });
      return this.views.owner(listing.id, tx);
    });
  }

  private async lockVariant(tx: EntityManager, listingId: string, variantId: string): Promise<Variant> {
    const variant = await tx.getRepository(Variant).findOne({ where: { id: variantId, listingId }, lock: { mode: 'pessimistic_write' } });
    if (!variant) throw new DomainError(ErrorCode.notFound, 'This listing has no such variant.', { listingId, variantId });
    return variant;
  }
}

/** A variant a buyer is checking out (a held reservation) cannot be removed under them. */
async function assertNotHeld(tx: EntityManager, variantIds: string[]): Promise<void> {
  const held: Array<{ sku: string }> = await tx.query(
    `SELECT DISTINCT l.sku FROM catalog.reservation_lines l JOIN catalog.reservations r ON r.id = l.reservation_id
     WHERE l.variant_id = ANY($1::uuid[]) AND r.status = 'held'`,
    [variantIds],
  );
  if (held.length > 0) {
    throw new DomainError(ErrorCode.conflict, `Buyers are checking out ${held.map((h) => h.sku).join(', ')}; set the stock to 0 instead of removing it.`, {
      skus: held.map((h) => h.sku),
    });
  }
}
