import type { Settings } from 'meilisearch';
import { GLOSSARY } from '../apps/search/src/index/glossary';
import { INDEX_SETTINGS } from '../apps/search/src/index/index-settings';
import { MatchingStrategy } from '../apps/search/src/query/search-request';

// The settings the relevance bench weighs against the deployed ones, each over a copy of the
// index. "before" is the index as it was before the vocabulary (settings v2, frozen here): its
// documents without the vocabulary's fields.

export interface Variant {
  name: string;
  settings: Settings;
  documents?: (doc: Record<string, unknown>) => Record<string, unknown>;
  matching?: MatchingStrategy;
}

const V2_SYNONYM_GROUPS = [
  ['perak', 'silver', 'selaka'], ['emas', 'gold'], ['perhiasan', 'jewellery', 'jewelry'], ['tenun', 'tenunan', 'weaving', 'woven', 'handwoven'],
  ['kain', 'cloth', 'fabric', 'wastra', 'textile'], ['kamen', 'sarung', 'sarong'], ['selendang', 'scarf', 'shawl'], ['sutra', 'sutera', 'silk'],
  ['katun', 'cotton'], ['ukiran', 'ukir', 'carving', 'carved'], ['patung', 'statue', 'sculpture'], ['topeng', 'mask'],
  ['lukisan', 'lukis', 'painting', 'painted'], ['gelang', 'bracelet', 'bangle'], ['cincin', 'ring'], ['kalung', 'necklace'],
  ['anting', 'earrings', 'earring'], ['kayu', 'wood', 'wooden'], ['batu', 'stone'], ['besi', 'iron'], ['bambu', 'bamboo'],
  ['gerabah', 'tembikar', 'pottery', 'earthenware'], ['anyaman', 'basketry', 'wickerwork'], ['keranjang', 'bakul', 'basket'], ['tas', 'bag'],
];
const mutual = (groups: string[][]) =>
  Object.fromEntries(groups.flatMap((g) => g.map((w) => [w, g.filter((o) => o !== w)])));

export const BEFORE_SETTINGS: Settings = {
  ...INDEX_SETTINGS,
  searchableAttributes: ['titleId', 'titleEn', 'categoryNames', 'materials', 'techniques', 'shopName', 'descriptionId', 'descriptionEn'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'popularity:desc'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnNumbers: true },
  synonyms: mutual(V2_SYNONYM_GROUPS),
  stopWords: [
    'yang', 'dan', 'di', 'ke', 'dari', 'untuk', 'dengan', 'ini', 'itu', 'atau', 'pada', 'adalah', 'dalam', 'juga', 'akan', 'oleh',
    'sebagai', 'karena', 'para', 'bagi', 'tersebut', 'serta', 'ada', 'sangat', 'lebih', 'the', 'a', 'an', 'of', 'and', 'for', 'with',
  ],
};

const withoutVocabulary = ({ glossary: _g, descriptionGlossary: _d, place: _p, ...doc }: Record<string, unknown>) => doc;
const typos = (over: Record<string, unknown>): Settings => ({ ...INDEX_SETTINGS, typoTolerance: { ...INDEX_SETTINGS.typoTolerance, ...over } });
const EXACT = GLOSSARY.allWords();

export const VARIANTS: Variant[] = [
  { name: 'before: settings v2, no vocabulary', settings: BEFORE_SETTINGS, documents: withoutVocabulary, matching: 'last' },
  { name: 'vocabulary; typos from 5 letters', settings: typos({ minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnWords: [] }) },
  { name: 'vocabulary; typos from 4 letters', settings: typos({ minWordSizeForTypos: { oneTypo: 4, twoTypos: 9 }, disableOnWords: [] }) },
  { name: 'vocabulary; from 5, craft terms exact', settings: typos({ minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnWords: EXACT }) },
  { name: 'vocabulary; from 4, craft terms exact', settings: typos({ minWordSizeForTypos: { oneTypo: 4, twoTypos: 9 }, disableOnWords: EXACT }) },
  { name: 'vocabulary; from 3, craft terms exact', settings: typos({ minWordSizeForTypos: { oneTypo: 3, twoTypos: 8 }, disableOnWords: EXACT }) },
  { name: 'vocabulary; from 4, no typos in descriptions', settings: typos({ minWordSizeForTypos: { oneTypo: 4, twoTypos: 9 }, disableOnWords: [], disableOnAttributes: ['descriptionId', 'descriptionEn', 'descriptionGlossary'] }) },
  { name: 'vocabulary; from 4, exact terms, no typos in descriptions', settings: typos({ minWordSizeForTypos: { oneTypo: 4, twoTypos: 9 }, disableOnWords: EXACT, disableOnAttributes: ['descriptionId', 'descriptionEn', 'descriptionGlossary'] }) },
  { name: 'deployed settings, "perajin" a stop word too', settings: { ...INDEX_SETTINGS, stopWords: [...(INDEX_SETTINGS.stopWords ?? []), 'perajin', 'pengrajin'] } },
  { name: 'deployed settings, matching "last" (drops the last word first)', settings: INDEX_SETTINGS, matching: 'last' },
  {
    name: 'deployed settings, vocabulary words after titles',
    settings: { ...INDEX_SETTINGS, searchableAttributes: ['titleId', 'titleEn', 'glossary', ...(INDEX_SETTINGS.searchableAttributes ?? []).filter((a) => !['glossary', 'titleId', 'titleEn'].includes(a))] },
  },
  { name: 'deployed settings, no query-time synonyms', settings: { ...INDEX_SETTINGS, synonyms: {} } },
];
