import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PublicCollectionPage, PublicCollectionSummary } from '@pk/contracts';
import { DomainError, ErrorCode, parseInput } from '@pk/core';
import { ListingSnapshots } from '../listings/listing-snapshots';
import { bySlugInput } from './collection-input';
import { CollectionRow, VISIBLE, face, listingCard } from './collection-views';

/** How many listings the home page shows of each collection. */
export const PREVIEW_LISTINGS = 4;

// Published collections with the ids of the listings buyers can see, in the curators' order.
const PUBLISHED_SQL = `
  SELECT c.*, COALESCE(v.ids, '{}') AS listing_ids
  FROM catalog.collections c
  LEFT JOIN LATERAL (
    SELECT array_agg(ci.listing_id ORDER BY ci.position) AS ids
    FROM catalog.collection_items ci
    JOIN catalog.listings l ON l.id = ci.listing_id
    JOIN catalog.artisans a ON a.id = l.artisan_id
    WHERE ci.collection_id = c.id AND ${VISIBLE}
  ) v ON true
  WHERE c.published`;

type PublishedRow = CollectionRow & { listing_ids: string[] };

/** What buyers see of collections: only published ones, only listings on sale. */
@Injectable()
export class CollectionPagesService {
  constructor(
    private readonly db: DataSource,
    private readonly snapshots: ListingSnapshots,
  ) {}

  /** Published collections in the curators' order, each with its first few listings. */
  async list(): Promise<{ items: PublicCollectionSummary[] }> {
    const rows: PublishedRow[] = await this.db.query(`${PUBLISHED_SQL} ORDER BY c.position, c.id`);
    const cards = await this.cards(rows.flatMap((r) => r.listing_ids.slice(0, PREVIEW_LISTINGS)));
    return {
      items: rows.map((r) => ({
        ...face(r, (keys) => this.snapshots.photoUrls(keys)),
        listings: r.listing_ids.slice(0, PREVIEW_LISTINGS).flatMap((id) => cards.get(id) ?? []),
        listingCount: r.listing_ids.length,
      })),
    };
  }

  async page(data: unknown): Promise<PublicCollectionPage> {
    const { slug } = parseInput(bySlugInput, data);
    const [row]: PublishedRow[] = await this.db.query(`${PUBLISHED_SQL} AND c.slug = $1`, [slug]);
    if (!row) throw new DomainError(ErrorCode.notFound, 'No such collection.', { slug });
    const cards = await this.cards(row.listing_ids);
    return { ...face(row, (keys) => this.snapshots.photoUrls(keys)), listings: row.listing_ids.flatMap((id) => cards.get(id) ?? []) };
  }

  private async cards(ids: string[]) {
    const rows = await this.snapshots.load([...new Set(ids)]);
    return new Map([...rows].map(([id, row]) => [id, listingCard(row.snapshot)]));
  }
}
