import { ListingSnapshot, PRICE_BANDS, PhotoRenditions, PriceBand, REGENCIES, Regency } from '@pk/contracts';
import { GLOSSARY } from './glossary';

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
  /** The regency's name, so "gianyar" finds what is made there. */
  place: string;
  /**
   * The vocabulary's words (both languages) for the craft terms of the title, category, materials
   * and techniques, and apart from them those only the description uses: typo tolerance and
   * prefixes then work across languages (vocabulary.ts).
   */
  glossary: string[];
  descriptionGlossary: string[];
  artisanId: string;
  shopName: string;
  shopSlug: string;
  /** `slug|name`: counted for suggestions, so each shop's count carries its name. */
  shopFacet: string;
  /** What a buyer pays now: a live campaign's price when one applies. */
  priceMin: number;
  priceMax: number;
  /** Without the campaign; equal to priceMin/priceMax when no campaign price applies. */
  regularPriceMin: number;
  regularPriceMax: number;
  priceBand: PriceBand;
  /** Live marks' codes (filtered on), `code|name` (faceted on, so counts carry their label), and for hits. */
  markCodes: string[];
  markFacets: string[];
  marks: Array<{ code: string; name: { id: string; en: string } }>;
  /** Live campaigns' slugs, `slug|title`, and for hits, the same way as marks. */
  campaignSlugs: string[];
  campaignFacets: string[];
  campaigns: Array<{ slug: string; title: { id: string; en: string | null } }>;
  inStock: boolean;
  stockTotal: number;
  photo: PhotoRenditions | null;
  popularity: number;
  /** Epoch milliseconds, so it sorts. */
  publishedAt: number;
}

/** Between a facet value and its label in markFacets and campaignFacets (codes and slugs never hold it). */
export const LABEL_SEPARATOR = '|';

export function priceBandOf(rupiah: number): PriceBand {
  return (PRICE_BANDS.find((band) => rupiah >= band.from && rupiah < band.to) ?? PRICE_BANDS[PRICE_BANDS.length - 1]).value;
}

// Facet values are compared as typed, so materials and techniques are kept in one case.
const normalise = (words: string[]) => [...new Set(words.map((w) => w.trim().toLowerCase()).filter(Boolean))];

export function toDocument(s: ListingSnapshot): ListingDocument {
  // Rupiah fit a double exactly (the catalog caps a price at Rp 10 billion).
  const prices = s.variants.map((v) => Number(v.price));
  const regular = s.variants.map((v) => Number(v.regularPrice ?? v.price));
  const stockTotal = s.variants.reduce((sum, v) => sum + v.stock, 0);
  const priceMin = prices.length ? Math.min(...prices) : 0;
  // Snapshots from before marks and campaigns existed have neither.
  const marks = s.marks ?? [];
  const campaigns = s.campaigns ?? [];
  const named = GLOSSARY.groupsOf([s.title.id, s.title.en, ...s.category.names, ...s.materials, ...s.techniques]);
  const described = [...GLOSSARY.groupsOf([s.description.id, s.description.en])].filter((g) => !named.has(g));
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
    place: REGENCIES[s.regency] ?? s.regency,
    glossary: GLOSSARY.wordsOf(named),
    descriptionGlossary: GLOSSARY.wordsOf(described),
    artisanId: s.artisan.id,
    shopName: s.artisan.shopName,
    shopSlug: s.artisan.shopSlug,
    shopFacet: `${s.artisan.shopSlug}${LABEL_SEPARATOR}${s.artisan.shopName}`,
    priceMin,
    priceMax: prices.length ? Math.max(...prices) : 0,
    regularPriceMin: regular.length ? Math.min(...regular) : 0,
    regularPriceMax: regular.length ? Math.max(...regular) : 0,
    priceBand: priceBandOf(priceMin),
    markCodes: marks.map((m) => m.code),
    markFacets: marks.map((m) => `${m.code}${LABEL_SEPARATOR}${m.name.id}`),
    marks: marks.map((m) => ({ code: m.code, name: m.name })),
    campaignSlugs: campaigns.map((c) => c.slug),
    campaignFacets: campaigns.map((c) => `${c.slug}${LABEL_SEPARATOR}${c.title.id}`),
    campaigns: campaigns.map((c) => ({ slug: c.slug, title: c.title })),
    inStock: stockTotal > 0,
    stockTotal,
    photo: s.photos[0]?.urls ?? null,
    popularity: s.unitsSold,
    publishedAt: s.publishedAt ? Date.parse(s.publishedAt) : 0,
  };
}
