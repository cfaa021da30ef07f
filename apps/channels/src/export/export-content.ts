import { createHash } from 'node:crypto';
import { ListingSnapshot } from '@pk/contracts';
import type { ChannelAdapter, ChannelListing } from '../adapters/channel-adapter';

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
 * export sends a listing again only when this changes. Each adapter says what its product body
 * carries (TikTok Shop: no campaign price, which goes as a promotion activity; Lazada: its
 * special_price), so a change the channel never sees does not send an identical product again.
 */
export function contentHash(listing: ChannelListing, adapter: Pick<ChannelAdapter, 'contentForHash'>): string {
  return createHash('sha256').update(JSON.stringify(adapter.contentForHash(listing))).digest('hex');
}

/** Stock per seller SKU, as the channel should hold it. */
export function stockBySku(s: ListingSnapshot): Record<string, number> {
  return Object.fromEntries(s.variants.map((v) => [v.sku, v.stock]));
}
