import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { Caller, ListingCard, ListingStatus, Roles } from '@pk/contracts';
import { DomainError, ErrorCode, hasAnyRole, newId, parseInput } from '@pk/core';
import { ArtisanAccess } from '../artisans/artisan-access';
import { Artisan } from '../artisans/artisan.entity';
import { CategoriesService } from '../categories/categories.service';
import { StockReason } from '../stock/stock-ledger';
import { ListingEvents } from './listing-events';
import { ListingInput, ListingPatch, listingInput, listingPatch } from './listing-input';
import { ListingSnapshots } from './listing-snapshots';
import { ListingView, ListingViews, PublicListingView, isPublic, ownerView, publicView } from './listing-views';
import { Listing } from './listing.entity';
import { VariantsService } from './variants.service';
import { byId } from '@pk/contracts/requests/common';
import { listingMineQuery as mineQuery, listingUpdateInput } from '@pk/contracts/requests/listings';

// The catalog reads the patch on its own, so a bad field is named from the body (`title.id`).
const updateInput = listingUpdateInput.extend({ patch: z.unknown() });

/** Listings: what an artisan writes, what owners and curators read, what buyers read. */
@Injectable()
export class ListingsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: ArtisanAccess,
    private readonly categories: CategoriesService,
    private readonly variants: VariantsService,
    private readonly events: ListingEvents,
    private readonly snapshots: ListingSnapshots,
    private readonly views: ListingViews,
  ) {}

  /** A new draft with its variants, in the artisan's own verified shop. */
  async create(caller: Caller, data: unknown): Promise<ListingView> {
    const input = parseInput(listingInput, data);
    return this.db.transaction(async (tx) => {
      const artisan = await this.access.ownVerified(caller, tx);
      const listing = await this.createInTx(tx, caller, artisan, input);
      return this.views.owner(listing.id, tx);
    });
  }

  /** Creates a draft inside the caller's transaction (the API and the CSV import share it). */
  async createInTx(tx: EntityManager, caller: Caller, artisan: Artisan, input: ListingInput): Promise<Listing> {
    const category = await this.categories.leaf(input.category);
    const listing = tx.getRepository(Listing).create({
      id: newId(),
      artisanId: artisan.id,
      status: 'draft',
      ...fields(input),
      categoryId: category.id,
      version: 1,
    });
    await tx.getRepository(Listing).insert(listing);
    await this.variants.insertAll(tx, caller, listing, input.variants, 0, StockReason.created);
    return listing;
  }

  /**
   * Makes an existing listing exactly `input` inside the caller's transaction: fields, and the
   * variant set matched by SKU. A published listing stays published and is announced.
   */
  async replaceInTx(tx: EntityManager, caller: Caller, artisan: Artisan, listing: Listing, input: ListingInput, reason: StockReason = StockReason.imported): Promise<Listing> {
    if (listing.artisanId !== artisan.id) throw new DomainError(ErrorCode.forbidden, 'This listing belongs to another shop.', { listingId: listing.id });
    if (listing.status === 'archived') {
      throw new DomainError(ErrorCode.invalidTransition, 'This listing is archived; restore it before changing it.', { listingId: listing.id });
    }
    const category = await this.categories.leaf(input.category);
    Object.assign(listing, fields(input), { categoryId: category.id, updatedAt: new Date() });
    await tx.getRepository(Listing).save(listing);
    await this.variants.replaceAll(tx, caller, listing, input.variants, reason);
    if (listing.status === 'published') await this.events.announce(tx, [listing.id], { kind: 'updated' });
    return listing;
  }

  async update(caller: Caller, data: unknown): Promise<ListingView> {
    const { id, patch: body } = parseInput(updateInput, data);
    // Parsed on its own, so a bad field is named as the client sent it (`packageCm.height`, not `patch.packageCm.height`).
    const patch = parseInput(listingPatch, body);
    return this.db.transaction(async (tx) => {
      const { listing } = await this.access.ownListing(caller, id, tx);
      if (listing.status === 'archived') {
        throw new DomainError(ErrorCode.invalidTransition, 'This listing is archived; restore it before changing it.', { status: listing.status });
      }
      const categoryId = patch.category === undefined ? listing.categoryId : (await this.categories.leaf(patch.category)).id;
      Object.assign(listing, fields(patch), { categoryId, updatedAt: new Date() });
      await tx.getRepository(Listing).save(listing);
      if (listing.status === 'published') await this.events.announce(tx, [listing.id], { kind: 'updated' });
      return this.views.owner(listing.id, tx);
    });
  }

  /** Any status for the shop's owner and for curators; anyone else gets the public read. */
  async get(caller: Caller, data: unknown): Promise<ListingView | PublicListingView> {
    const { id } = parseInput(byId, data);
    const row = await this.snapshots.one(id);
    if (!row) throw new DomainError(ErrorCode.notFound, 'No such listing.', { listingId: id });
    if (row.artisanUserId !== caller.userId && !hasAnyRole(caller, [Roles.curator])) {
      if (isPublic(row)) return publicView(row);
      throw new DomainError(ErrorCode.notFound, 'No such listing.', { listingId: id });
    }
    return ownerView(row);
  }

  /** A buyer's read: one statement, and only a published listing of a verified shop. */
  async getPublic(data: unknown): Promise<PublicListingView> {
    const { id } = parseInput(byId, data);
    const row = await this.snapshots.one(id);
    if (!row || !isPublic(row)) throw new DomainError(ErrorCode.notFound, 'No such listing, or it is not on sale.', { listingId: id });
    return publicView(row);
  }

  async mine(caller: Caller, data: unknown): Promise<{ items: ListingCard[]; total: number; limit: number; offset: number }> {
    const q = parseInput(mineQuery, data ?? {});
    const artisan = await this.access.own(caller);
    const rows: Array<Omit<ListingCard, 'thumbnail'> & { thumb_key: string | null; total: string }> = await this.db.query(
      `SELECT l.id, l.status, l.title_id AS title, c.slug AS category, l.rejection_reason AS "rejectionReason",
              l.updated_at AS "updatedAt", v.min_price::text AS "minPrice", v.max_price::text AS "maxPrice",
              v.stock::int AS stock, v.n::int AS variants,
              (SELECT ph.keys->>'thumbnail' FROM catalog.listing_photos ph WHERE ph.listing_id = l.id ORDER BY ph.position LIMIT 1) AS thumb_key,
              count(*) OVER () AS total
       FROM catalog.listings l
       JOIN catalog.categories c ON c.id = l.category_id
       CROSS JOIN LATERAL (SELECT min(price) AS min_price, max(price) AS max_price, sum(stock) AS stock, count(*) AS n
                           FROM catalog.variants WHERE listing_id = l.id) v
       WHERE l.artisan_id = $1 AND ($2::text IS NULL OR l.status = $2)
       ORDER BY l.updated_at DESC, l.id
       LIMIT $3 OFFSET $4`,
      [artisan.id, q.status ?? null, q.limit, q.offset],
    );
    return {
      items: rows.map(({ thumb_key, total: _total, ...card }) => ({
        ...card,
        updatedAt: new Date(card.updatedAt).toISOString(),
        thumbnail: thumb_key ? this.snapshots.mediaUrl(thumb_key) : null,
      })),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      limit: q.limit,
      offset: q.offset,
    };
  }
}

/** The listing columns an input sets (the category is resolved separately). */
function fields(input: Partial<ListingInput> | ListingPatch): Partial<Listing> {
  const out: Partial<Listing> = {};
  if (input.title) Object.assign(out, { titleId: input.title.id, titleEn: input.title.en });
  if (input.description) Object.assign(out, { descriptionId: input.description.id, descriptionEn: input.description.en });
  if (input.materials) out.materials = input.materials;
  if (input.techniques) out.techniques = input.techniques;
  if (input.regency) out.regency = input.regency;
  if (input.dimensionsCm) Object.assign(out, { lengthCm: input.dimensionsCm.length, widthCm: input.dimensionsCm.width, heightCm: input.dimensionsCm.height });
  if (input.weightGrams !== undefined) out.weightGrams = input.weightGrams;
  if (input.packageCm !== undefined) {
    const p = input.packageCm;
    Object.assign(out, { packageLengthCm: p?.length ?? null, packageWidthCm: p?.width ?? null, packageHeightCm: p?.height ?? null });
  }
  if (input.handmade !== undefined) out.handmade = input.handmade;
  if (input.leadTimeDays !== undefined) out.leadTimeDays = input.leadTimeDays;
  return out;
}
