import { EntityManager } from 'typeorm';
import { CollectionListingCard, CollectionView, ListingSnapshot, PhotoRenditions } from '@pk/contracts';

export interface CollectionRow {
  id: string;
  slug: string;
  title_id: string;
  title_en: string | null;
  description_id: string;
  description_en: string | null;
  cover: PhotoRenditions | null;
  position: number;
  published: boolean;
  created_at: Date;
  updated_at: Date;
}

// A listing buyers can see: published, by a verified shop.
export const VISIBLE = `l.status = 'published' AND a.status = 'verified'`;

interface ItemRow { collection_id: string; listing_id: string; title_id: string; status: string; visible: boolean }

/** Collections as curators manage them, each with every item in order. */
export async function collectionViews(tx: EntityManager, rows: CollectionRow[], urls: (keys: PhotoRenditions) => PhotoRenditions): Promise<CollectionView[]> {
  if (rows.length === 0) return [];
  const items: ItemRow[] = await tx.query(
    `SELECT ci.collection_id, ci.listing_id, l.title_id, l.status, (${VISIBLE}) AS visible
     FROM catalog.collection_items ci
     JOIN catalog.listings l ON l.id = ci.listing_id
     JOIN catalog.artisans a ON a.id = l.artisan_id
     WHERE ci.collection_id = ANY($1::uuid[])
     ORDER BY ci.collection_id, ci.position`,
    [rows.map((r) => r.id)],
  );
  return rows.map((r) => ({
    ...face(r, urls),
    position: r.position,
    published: r.published,
    items: items
      .filter((i) => i.collection_id === r.id)
      .map((i) => ({ listingId: i.listing_id, title: i.title_id, status: i.status, visible: i.visible })),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

export function face(r: CollectionRow, urls: (keys: PhotoRenditions) => PhotoRenditions) {
  return {
    id: r.id,
    slug: r.slug,
    title: { id: r.title_id, en: r.title_en },
    description: { id: r.description_id, en: r.description_en },
    cover: r.cover ? urls(r.cover) : null,
  };
}

/** A listing's card, from its snapshot: prices now, and without the campaign when one applies. */
export function listingCard(s: ListingSnapshot): CollectionListingCard {
  const range = (values: number[]) => (values.length ? { min: String(Math.min(...values)), max: String(Math.max(...values)) } : { min: '0', max: '0' });
  const price = range(s.variants.map((v) => Number(v.price)));
  const regular = range(s.variants.map((v) => Number(v.regularPrice)));
  const discounted = s.variants.some((v) => v.price !== v.regularPrice);
  return {
    id: s.id,
    title: s.title,
    shop: { name: s.artisan.shopName, slug: s.artisan.shopSlug, regency: s.artisan.regency },
    price,
    regularPrice: discounted ? regular : null,
    inStock: s.variants.some((v) => v.stock > 0),
    photo: s.photos[0]?.urls ?? null,
    marks: s.marks,
  };
}
