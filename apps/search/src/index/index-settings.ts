import type { Settings } from 'meilisearch';

/**
 * The index settings, applied by code. Raise the version with any change: the search app applies
 * settings whose version differs from the one it recorded, and a reindex builds with these.
 */
export const SETTINGS_VERSION = 3;

// Words a buyer may use for the same thing, across Indonesian, English and Balinese. Each group
// is mutual: any word finds listings that use any other.
const SYNONYM_GROUPS: string[][] = [
  ['perak', 'silver', 'selaka'],
  ['emas', 'gold'],
  ['perhiasan', 'jewellery', 'jewelry'],
  ['tenun', 'tenunan', 'weaving', 'woven', 'handwoven'],
  ['kain', 'cloth', 'fabric', 'wastra', 'textile'],
  ['kamen', 'sarung', 'sarong'],
  ['selendang', 'scarf', 'shawl'],
  ['sutra', 'sutera', 'silk'],
  ['katun', 'cotton'],
  ['ukiran', 'ukir', 'carving', 'carved'],
  ['patung', 'statue', 'sculpture'],
  ['topeng', 'mask'],
  ['lukisan', 'lukis', 'painting', 'painted'],
  ['gelang', 'bracelet', 'bangle'],
  ['cincin', 'ring'],
  ['kalung', 'necklace'],
  ['anting', 'earrings', 'earring'],
  ['kayu', 'wood', 'wooden'],
  ['batu', 'stone'],
  ['besi', 'iron'],
  ['bambu', 'bamboo'],
  ['gerabah', 'tembikar', 'pottery', 'earthenware'],
  ['anyaman', 'basketry', 'wickerwork'],
  ['keranjang', 'bakul', 'basket'],
  ['tas', 'bag'],
];

function mutual(groups: string[][]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of groups) {
    for (const word of group) out[word] = [...new Set([...(out[word] ?? []), ...group.filter((w) => w !== word)])];
  }
  return out;
}

// Indonesian function words (and a few English ones) that say nothing about the craft.
const STOP_WORDS = [
  'yang', 'dan', 'di', 'ke', 'dari', 'untuk', 'dengan', 'ini', 'itu', 'atau', 'pada', 'adalah', 'dalam',
  'juga', 'akan', 'oleh', 'sebagai', 'karena', 'para', 'bagi', 'tersebut', 'serta', 'ada', 'sangat', 'lebih',
  'the', 'a', 'an', 'of', 'and', 'for', 'with',
];

export const INDEX_SETTINGS: Settings = {
  // In order of weight: title, category, materials and techniques, artisan, description.
  searchableAttributes: [
    'titleId', 'titleEn', 'categoryNames', 'materials', 'techniques', 'shopName', 'descriptionId', 'descriptionEn',
  ],
  // Only what the API filters, facets and sorts by.
  filterableAttributes: [
    'categories', 'regency', 'materials', 'techniques', 'priceBand', 'inStock', 'priceMin', 'priceMax', 'shopSlug',
    'markCodes', 'markFacets', 'campaignSlugs', 'campaignFacets',
  ],
  sortableAttributes: ['priceMin', 'publishedAt', 'popularity'],
  // `sort` first: a buyer who asks for an order gets it, always (Meilisearch applies a rule only
  // when the search names a sort, so without one relevance orders as before).
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'popularity:desc'],
  displayedAttributes: ['*'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnNumbers: true },
  synonyms: mutual(SYNONYM_GROUPS),
  stopWords: STOP_WORDS,
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: 10_000 },
};
