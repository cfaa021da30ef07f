import { createHash } from 'node:crypto';
import { REGENCIES, type ListingCampaign, type ListingSnapshot } from '@pk/contracts';
import type { ChannelAttributeMapping, ChannelImageRef, ChannelCategoryMapping, ListingAttributeSource, ValidationProblem } from './channel-adapter';

// What both adapters derive from a listing snapshot before shaping it for their channel.

/** The listing fields a category attribute can take its value from. */
export function listingAttributeValues(listing: ListingSnapshot): Record<ListingAttributeSource, string> {
  return {
    materials: listing.materials.join(', '),
    techniques: listing.techniques.join(', '),
    origin: `${REGENCIES[listing.regency]}, Bali`,
    handmade: listing.handmade ? 'Yes' : 'No',
  };
}

export interface ResolvedAttribute {
  mapping: ChannelAttributeMapping;
  value: string;
}

/** Each mapped attribute with its value (a curator's fixed value wins over the listing's). */
export function resolveAttributes(listing: ListingSnapshot, category: ChannelCategoryMapping): ResolvedAttribute[] {
  const fromListing = listingAttributeValues(listing);
  return category.attributes.map((mapping) => ({
    mapping,
    value: (mapping.value ?? (mapping.from ? fromListing[mapping.from] : '')).trim(),
  }));
}

const SOURCE_HINT: Record<ListingAttributeSource, string> = {
  materials: 'add the materials to the listing',
  techniques: 'add the techniques to the listing',
  origin: 'set the regency of the listing',
  handmade: 'mark whether the listing is handmade',
};

/** Problems for required attributes with no value. */
export function missingAttributes(listing: ListingSnapshot, category: ChannelCategoryMapping, channelName: string): ValidationProblem[] {
  return resolveAttributes(listing, category)
    .filter((a) => a.mapping.required && !a.value)
    .map(({ mapping }) => ({
      field: `attributes.${mapping.id}`,
      reason:
        `${channelName} requires "${mapping.name}" for category ${category.categoryName ?? category.categoryId}: ` +
        (mapping.from ? `${SOURCE_HINT[mapping.from]}, or ask a curator to set a value in the category mapping.` : 'ask a curator to set a value in the category mapping.'),
    }));
}

/** Grams to kilograms with at most two decimals, never rounded down to zero. */
export function gramsToKg(grams: number): string {
  const hundredths = Math.max(1, Math.ceil(grams / 10));
  return (hundredths / 100).toFixed(2);
}

/**
 * The parcel a channel is told about: the package size the artisan gave (a cloth folded), else
 * the piece's own size, as before package sizes existed (older snapshots carry no packageCm).
 */
export function shippedDimensions(listing: ListingSnapshot): { length: number; width: number; height: number; source: 'package' | 'piece' } {
  return listing.packageCm ? { ...listing.packageCm, source: 'package' } : { ...listing.dimensionsCm, source: 'piece' };
}

/** Centimetres with at most two decimals. */
export const cm2 = (value: number): string => (Math.round(value * 100) / 100).toFixed(2);

/** Whole rupiah from the snapshot's price digits; null when it is not a whole number. */
export function parseRupiah(price: string): bigint | null {
  return /^\d+$/.test(price.trim()) ? BigInt(price.trim()) : null;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text to the paragraphs both channels accept (`<p>` only, no nesting). */
export function descriptionHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** The variant options as one label ("Warna: Merah, Ukuran: M"), for SKUs that must differ. */
export const optionsKey = (options: Record<string, string>) =>
  Object.entries(options)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');

/** The photo URLs a channel gets: the largest rendition of each, as many as the channel takes. */
export const photoUrls = (listing: ListingSnapshot, max: number): string[] => listing.photos.slice(0, max).map((p) => p.urls.full);

/** The channel refs of the listing's photos, in the listing's order; a photo not uploaded is an error. */
export function imageRefsFor(listing: ListingSnapshot, images: ChannelImageRef[], max: number): ChannelImageRef[] {
  const bySource = new Map(images.map((i) => [i.sourceUrl, i]));
  return photoUrls(listing, max).map((url) => {
    const ref = bySource.get(url);
    if (!ref) throw new Error(`The photo ${url} was not uploaded to the channel before the product was sent.`);
    return ref;
  });
}

/** What a buyer pays without a campaign (snapshots from before campaigns carry only `price`). */
export const regularPriceOf = (v: ListingSnapshot['variants'][number]): string => (v.regularPrice ?? v.price).trim();

/** A live campaign price as a channel promotion: the price per seller SKU, and when it ends. */
export interface ListingPromotion {
  prices: Record<string, string>;
  endsAt: string;
  /** The live campaign that ends first (by slug when two end together): the one the price is exported under. */
  campaign: ListingCampaign;
}

/**
 * The listing's campaign prices while a campaign it takes part in is live; null when none lowers a
 * price. It ends at the earliest end of its campaigns: the catalog announces the listing again
 * then, with whatever price follows.
 */
export function livePromotion(listing: ListingSnapshot, now = Date.now()): ListingPromotion | null {
  const live = listing.campaigns
    .filter((c) => Date.parse(c.endsAt) > now)
    .sort((a, b) => Date.parse(a.endsAt) - Date.parse(b.endsAt) || a.slug.localeCompare(b.slug));
  if (live.length === 0) return null;
  const prices: Record<string, string> = {};
  for (const v of listing.variants) {
    const price = parseRupiah(v.price);
    const regular = parseRupiah(regularPriceOf(v));
    if (price !== null && regular !== null && price > 0n && price < regular) prices[v.sku] = price.toString();
  }
  return Object.keys(prices).length ? { prices, endsAt: new Date(Date.parse(live[0].endsAt)).toISOString(), campaign: live[0] } : null;
}

/** What a run records about a listing's campaign price on a channel. */
export interface PromotionNote {
  exported: boolean;
  note: string;
}

/** "SKU-1 Rp 320000, SKU-2 Rp 250000": campaign prices for a run's notes. */
export const activityPrices = (prices: Record<string, string>): string =>
  Object.entries(prices).map(([sku, price]) => `${sku} Rp ${price}`).join(', ');

/** An ISO time as Bali reads it ("2026-11-24 21:00"), for notes. */
export const witaTime = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * The SKU as a shared (council-wide) channel store holds it: a short, stable code of the artisan
 * before ours, so two artisans' "ENDEK-01" never collide. Unchanged when not namespaced.
 */
export function channelSkuFor(artisanId: string, sku: string, namespaced: boolean): string {
  if (!namespaced) return sku;
  const code = createHash('sha256').update(artisanId).digest('hex').slice(0, 6).toUpperCase();
  return `${code}-${sku}`;
}
