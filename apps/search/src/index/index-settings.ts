import type { Settings } from 'meilisearch';
import { GLOSSARY } from './glossary';
import { VOCABULARY, VOCABULARY_VERSION, groupWords } from './vocabulary';

/**
 * The index settings, applied by code. Raise the version with any change: the search app applies
 * settings whose version differs from the one it recorded, and a reindex builds with these.
 */
export const SETTINGS_VERSION = 5;

/**
 * What the index was built with: these settings and the vocabulary (documents carry its words).
 * A change of either applies the settings and rebuilds every document (index-keeper.ts).
 */
export const INDEX_VERSION = `${SETTINGS_VERSION}.${VOCABULARY_VERSION}`;

// Words a buyer may use for the same thing, across Indonesian, English and Balinese: the
// vocabulary's groups, each mutual (any word finds listings that use any other).
const SYNONYM_GROUPS: string[][] = VOCABULARY.map(groupWords);

function mutual(groups: string[][]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of groups) {
    for (const word of group) out[word] = [...new Set([...(out[word] ?? []), ...group.filter((w) => w !== word)])];
  }
  return out;
}

// Indonesian function words (and a few English ones) that say nothing about the craft.
export const STOP_WORDS = [
  'yang', 'dan', 'di', 'ke', 'dari', 'untuk', 'dengan', 'ini', 'itu', 'atau', 'pada', 'adalah', 'dalam',
  'juga', 'akan', 'oleh', 'sebagai', 'karena', 'para', 'bagi', 'tersebut', 'serta', 'ada', 'sangat', 'lebih',
  'the', 'a', 'an', 'of', 'and', 'for', 'with', 'from', 'in', 'by', 'to', 'on', 'at', 'or',
];

export const INDEX_SETTINGS: Settings = {
  // In order of weight: the vocabulary's words for what the listing is (from its title, category,
  // materials and techniques, in both languages, so "kalung" weighs the same on a listing written
  // in English as on one written in Indonesian), the titles, category, materials and techniques,
  // artisan, regency, description and the words only it brings. Measured against titles first
  // by `npm run bench -- relevance`.
  searchableAttributes: [
    'glossary', 'titleId', 'titleEn', 'categoryNames', 'materials', 'techniques', 'shopName', 'place',
    'descriptionId', 'descriptionEn', 'descriptionGlossary',
  ],
  // Only what the API filters, facets and sorts by.
  filterableAttributes: [
    'categories', 'regency', 'materials', 'techniques', 'priceBand', 'inStock', 'priceMin', 'priceMax', 'shopSlug',
    'markCodes', 'markFacets', 'campaignSlugs', 'campaignFacets', 'shopFacet',
  ],
  sortableAttributes: ['priceMin', 'publishedAt', 'popularity'],
  // `sort` first: a buyer who asks for an order gets it, always (Meilisearch applies a rule only
  // when the search names a sort, so without one relevance orders as before).
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'popularity:desc'],
  displayedAttributes: ['*'],
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 4, twoTypos: 9 },
    // A craft term typed right is taken as typed: `perak` must not become "perajin".
    disableOnWords: GLOSSARY.allWords(),
    disableOnNumbers: true,
  },
  synonyms: mutual(SYNONYM_GROUPS),
  stopWords: STOP_WORDS,
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: 10_000 },
};
