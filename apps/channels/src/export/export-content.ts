import { createHash } from 'node:crypto';
import { ListingSnapshot } from '@pk/contracts';
import type { ChannelCategoryMapping, ChannelListing } from '../adapters/channel-adapter';
import { livePromotion, regularPriceOf } from '../adapters/listing-content';

/** Relative photo links (local media) made absolute, so a channel can fetch them. */
export function withAbsolutePhotos(snapshot: ListingSnapshot, publicUrl: string): ListingSnapshot {
  const abs = (url: string) => (/^https?:\/\//.test(url) ? url : new URL(url, publicUrl).toString());
  return {
    ...snapshot,
    photos: snapshot.photos.map((p) => ({ ...p, urls: { thumbnail: abs(p.urls.thumbnail), card: abs(p.urls.card), full: abs(p.urls.full) } })),
  };
}

/**
 * What the channel is sent about a listing, stock aside (stock goes on its own, quickly): the
 * export sends a listing again only when this changes.
 */
export function contentHash(listing: ChannelListing): string {
  const s = listing.listing;
  const promotion = livePromotion(s);
  const content = {
    title: s.title,
    description: s.description,
    category: listing.category satisfies ChannelCategoryMapping | null,
    materials: s.materials,
    techniques: s.techniques,
    regency: s.regency,
    handmade: s.handmade,
    dimensionsCm: s.dimensionsCm,
    weightGrams: s.weightGrams,
    // The regular price and a promotion's end only when a campaign sets them apart, so hashes
    // of listings in no campaign stay what they were.
    variants: s.variants.map((v) => ({ sku: v.sku, options: v.options, price: v.price, ...(regularPriceOf(v) !== v.price ? { regularPrice: regularPriceOf(v) } : {}) })),
    photos: s.photos.map((p) => p.urls.full),
    ...(promotion ? { promotionEndsAt: promotion.endsAt } : {}),
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** Stock per seller SKU, as the channel should hold it. */
export function stockBySku(s: ListingSnapshot): Record<string, number> {
  return Object.fromEntries(s.variants.map((v) => [v.sku, v.stock]));
}
