import { ListingSnapshot, PRICE_BANDS, PhotoRenditions, PriceBand, Regency } from '@pk/contracts';

/** A public listing as the index holds it: what buyers search, filter, facet and sort by. */
export interface ListingDocument {
  id: string;
  version: number;
  titleId: string;
  titleEn: string | null;
  descriptionId: string;
  descriptionEn: string | null;
  /** The category path as slugs, group first: a filter on either level matches. */
  categories: string[];
  categoryNames: string[];
  materials: string[];
  techniques: string[];
  regency: Regency;
  artisanId: string;
  shopName: string;
  shopSlug: string;
  priceMin: number;
  priceMax: number;
  priceBand: PriceBand;
  inStock: boolean;
  stockTotal: number;
  photo: PhotoRenditions | null;
  popularity: number;
  /** Epoch milliseconds, so it sorts. */
  publishedAt: number;
}

export function priceBandOf(rupiah: number): PriceBand {
  return (PRICE_BANDS.find((band) => rupiah >= band.from && rupiah < band.to) ?? PRICE_BANDS[PRICE_BANDS.length - 1]).value;
}

// Facet values are compared as typed, so materials and techniques are kept in one case.
const normalise = (words: string[]) => [...new Set(words.map((w) => w.trim().toLowerCase()).filter(Boolean))];

export function toDocument(s: ListingSnapshot): ListingDocument {
  // Rupiah fit a double exactly (the catalog caps a price at Rp 10 billion).
  const prices = s.variants.map((v) => Number(v.price));
  const stockTotal = s.variants.reduce((sum, v) => sum + v.stock, 0);
  const priceMin = prices.length ? Math.min(...prices) : 0;
  return {
    id: s.id,
    version: s.version,
    titleId: s.title.id,
    titleEn: s.title.en,
    descriptionId: s.description.id,
    descriptionEn: s.description.en,
    categories: s.category.path,
    categoryNames: s.category.names,
    materials: normalise(s.materials),
    techniques: normalise(s.techniques),
    regency: s.regency,
    artisanId: s.artisan.id,
    shopName: s.artisan.shopName,
    shopSlug: s.artisan.shopSlug,
    priceMin,
    priceMax: prices.length ? Math.max(...prices) : 0,
    priceBand: priceBandOf(priceMin),
    inStock: stockTotal > 0,
    stockTotal,
    photo: s.photos[0]?.urls ?? null,
    popularity: s.unitsSold,
    publishedAt: s.publishedAt ? Date.parse(s.publishedAt) : 0,
  };
}
