import { FixtureListing, RELEVANCE_CATALOGUE } from './relevance-catalogue';

// What buyers type, and what they mean. Each query names concepts (relevance-catalogue.ts): a
// listing is relevant when it has a concept of every group (`want` is an AND of ORs), and
// acceptable when it has any of them or of `ok`. From those:
//   must:    the relevant listings, when there are at most 10 (all must be in the top 10);
//   mustNot: the listings that are not even acceptable (none may be in the top 10).
// recall@10 = relevant in the top 10 / min(10, relevant); precision@5 likewise over the top 5.

export type Kind = 'id' | 'en' | 'mixed' | 'typo' | 'prefix' | 'craft' | 'place' | 'phrase';

export interface RelevanceQuery {
  id: string;
  q: string;
  kind: Kind;
  want: string[][];
  ok?: string[];
}

const Q = (kind: Kind, id: string, q: string, want: Array<string | string[]>, ok?: string[]): RelevanceQuery => ({
  id: `${kind}-${id}`,
  q,
  kind,
  want: want.map((w) => (Array.isArray(w) ? w : [w])),
  ok,
});

export const RELEVANCE_QUERIES: RelevanceQuery[] = [
  // Indonesian, one or two words, as typed
  Q('id', 'perak', 'perak', ['silver']),
  Q('id', 'emas', 'emas', ['gold']),
  Q('id', 'gelang', 'gelang', ['bracelet']),
  Q('id', 'kalung', 'kalung', ['necklace']),
  Q('id', 'cincin', 'cincin', ['ring']),
  Q('id', 'anting', 'anting', ['earrings']),
  Q('id', 'liontin', 'liontin', ['pendant']),
  Q('id', 'bros', 'bros', ['brooch']),
  Q('id', 'patung', 'patung', ['statue']),
  Q('id', 'topeng', 'topeng', ['mask']),
  Q('id', 'kayu', 'kayu', ['wood']),
  Q('id', 'lukisan', 'lukisan', ['painting']),
  Q('id', 'gerabah', 'gerabah', ['pottery']),
  Q('id', 'bambu', 'bambu', ['bamboo']),
  Q('id', 'keranjang', 'keranjang', ['basket']),
  Q('id', 'tas', 'tas', ['bag']),
  Q('id', 'besi', 'besi', ['iron']),
  Q('id', 'keris', 'keris', ['keris']),
  Q('id', 'selendang', 'selendang', ['scarf']),
  Q('id', 'kamen', 'kamen', ['sarong']),
  Q('id', 'tenun', 'tenun', ['weaving'], ['wickerwork']),
  Q('id', 'ukiran', 'ukiran', ['carving']),
  Q('id', 'kain', 'kain', ['cloth'], ['weaving', 'painting']),
  Q('id', 'vas', 'vas', ['vase']),
  Q('id', 'piring', 'piring', ['plate']),
  Q('id', 'kursi', 'kursi', ['chair']),
  Q('id', 'lampu', 'lampu', ['lamp']),
  Q('id', 'perhiasan', 'perhiasan', ['jewellery']),
  Q('id', 'anyaman', 'anyaman', ['wickerwork']),
  Q('id', 'dompet', 'dompet', ['purse']),
  Q('id', 'gelang-perak', 'gelang perak', ['bracelet', 'silver']),
  Q('id', 'kalung-emas', 'kalung emas', ['necklace', 'gold']),
  Q('id', 'cincin-perak', 'cincin perak', ['ring', 'silver']),
  Q('id', 'patung-kayu', 'patung kayu', ['statue', 'wood']),
  Q('id', 'topeng-kayu', 'topeng kayu', ['mask', 'wood']),
  Q('id', 'patung-batu', 'patung batu', ['statue', 'stone']),
  Q('id', 'kain-endek', 'kain endek', ['endek'], ['cloth']),
  Q('id', 'tas-ata', 'tas ata', ['bag', 'ata']),
  Q('id', 'keranjang-bambu', 'keranjang bambu', ['basket', 'bamboo']),
  Q('id', 'lampu-bambu', 'lampu bambu', ['lamp', 'bamboo']),
  Q('id', 'vas-gerabah', 'vas gerabah', ['vase']),
  Q('id', 'anting-perak', 'anting perak', ['earrings', 'silver']),
  Q('id', 'ukiran-batu', 'ukiran batu', ['carving', 'stone']),
  Q('id', 'lukisan-kamasan', 'lukisan kamasan', ['painting', 'kamasan']),
  Q('id', 'selendang-songket', 'selendang songket', ['scarf', 'songket']),
  Q('id', 'pisau-tempa', 'pisau tempa', ['knife']),
  Q('id', 'cangkir-keramik', 'cangkir keramik', ['cup']),
  Q('id', 'perhiasan-perak', 'perhiasan perak', ['jewellery', 'silver']),

  // English, as tourists and foreign buyers type
  Q('en', 'silver', 'silver', ['silver']),
  Q('en', 'gold', 'gold', ['gold']),
  Q('en', 'bracelet', 'bracelet', ['bracelet']),
  Q('en', 'necklace', 'necklace', ['necklace']),
  Q('en', 'ring', 'ring', ['ring']),
  Q('en', 'earrings', 'earrings', ['earrings']),
  Q('en', 'statue', 'statue', ['statue']),
  Q('en', 'mask', 'mask', ['mask']),
  Q('en', 'wood', 'wood', ['wood']),
  Q('en', 'painting', 'painting', ['painting']),
  Q('en', 'pottery', 'pottery', ['pottery']),
  Q('en', 'bamboo', 'bamboo', ['bamboo']),
  Q('en', 'basket', 'basket', ['basket']),
  Q('en', 'bag', 'bag', ['bag']),
  Q('en', 'dagger', 'dagger', ['keris']),
  Q('en', 'scarf', 'scarf', ['scarf']),
  Q('en', 'sarong', 'sarong', ['sarong']),
  Q('en', 'weaving', 'weaving', ['weaving'], ['wickerwork']),
  Q('en', 'carving', 'carving', ['carving']),
  Q('en', 'vase', 'vase', ['vase']),
  Q('en', 'plate', 'plate', ['plate']),
  Q('en', 'chair', 'chair', ['chair']),
  Q('en', 'lamp', 'lamp', ['lamp']),
  Q('en', 'jewelry', 'jewelry', ['jewellery']),
  Q('en', 'jewellery', 'jewellery', ['jewellery']),
  Q('en', 'silver-bracelet', 'silver bracelet', ['silver', 'bracelet']),
  Q('en', 'gold-necklace', 'gold necklace', ['gold', 'necklace']),
  Q('en', 'silver-ring', 'silver ring', ['silver', 'ring']),
  Q('en', 'wooden-statue', 'wooden statue', ['wood', 'statue']),
  Q('en', 'wooden-mask', 'wooden mask', ['wood', 'mask']),
  Q('en', 'wood-carving', 'wood carving', ['wood', 'carving']),
  Q('en', 'stone-statue', 'stone statue', ['stone', 'statue']),
  Q('en', 'stone-carving', 'stone carving', ['stone', 'carving']),
  Q('en', 'bamboo-lamp', 'bamboo lamp', ['bamboo', 'lamp']),
  Q('en', 'bamboo-basket', 'bamboo basket', ['bamboo', 'basket']),
  Q('en', 'silk-scarf', 'silk scarf', ['scarf'], ['silk']),
  Q('en', 'handwoven-cloth', 'handwoven cloth', ['weaving', 'cloth']),
  Q('en', 'clay-pot', 'clay pot', ['pottery']),
  Q('en', 'iron-lamp', 'iron lamp', ['iron', 'lamp']),
  Q('en', 'silver-necklace', 'silver necklace', ['silver', 'necklace']),
  Q('en', 'kepeng-coins', 'kepeng coins', ['kepeng']),
  Q('en', 'woven-bag', 'woven bag', ['bag']),

  // Mixed: a word of each language
  Q('mixed', 'gelang-silver', 'gelang silver', ['bracelet', 'silver']),
  Q('mixed', 'silver-gelang', 'silver gelang', ['silver', 'bracelet']),
  Q('mixed', 'kalung-silver', 'kalung silver', ['necklace', 'silver']),
  Q('mixed', 'perak-necklace', 'perak necklace', ['silver', 'necklace']),
  Q('mixed', 'patung-wood', 'patung wood', ['statue', 'wood']),
  Q('mixed', 'wooden-topeng', 'wooden topeng', ['wood', 'mask']),
  Q('mixed', 'tas-bamboo', 'bamboo keranjang', ['bamboo', 'basket']),
  Q('mixed', 'ata-bag', 'ata bag', ['ata', 'bag']),
  Q('mixed', 'endek-scarf', 'endek scarf', ['endek', 'scarf']),
  Q('mixed', 'songket-silk', 'songket sutra silk', ['songket'], ['silk']),
  Q('mixed', 'gold-cincin', 'gold cincin', ['gold', 'ring']),
  Q('mixed', 'stone-patung', 'stone patung', ['stone', 'statue']),

  // Typos (one or two letters off), in both languages
  Q('typo', 'slver', 'slver', ['silver']),
  Q('typo', 'sliver', 'sliver', ['silver']),
  Q('typo', 'silvr', 'silvr', ['silver']),
  Q('typo', 'braclet', 'braclet', ['bracelet']),
  Q('typo', 'bracelt', 'bracelt', ['bracelet']),
  Q('typo', 'neckalce', 'neckalce', ['necklace']),
  Q('typo', 'necklase', 'necklase', ['necklace']),
  Q('typo', 'kalng', 'kalng', ['necklace']),
  Q('typo', 'gelng', 'gelng', ['bracelet']),
  Q('typo', 'carvng', 'carvng', ['carving']),
  Q('typo', 'woodn-statue', 'woodn statue', ['wood', 'statue']),
  Q('typo', 'slver-bracelet', 'slver bracelet', ['silver', 'bracelet']),
  Q('typo', 'endk', 'endk', ['endek']),
  Q('typo', 'songkt', 'songkt', ['songket']),
  Q('typo', 'sngket', 'sngket', ['songket']),
  Q('typo', 'gringsng', 'gringsng', ['gringsing']),
  Q('typo', 'geringsing', 'geringsing', ['gringsing']),
  Q('typo', 'kamsan', 'kamsan', ['kamasan']),
  Q('typo', 'lukisn', 'lukisn', ['painting']),
  Q('typo', 'patng', 'patng', ['statue']),
  Q('typo', 'paintng', 'paintng', ['painting']),
  Q('typo', 'potery', 'potery', ['pottery']),
  Q('typo', 'bambo', 'bambo', ['bamboo']),
  // A typo'd prefix of "basket" is one of "basketry" too.
  Q('typo', 'baskt', 'baskt', ['basket'], ['wickerwork']),
  Q('typo', 'keranjng', 'keranjng', ['basket']),
  Q('typo', 'anyman', 'anyman', ['wickerwork']),
  Q('typo', 'topng', 'topng', ['mask']),
  Q('typo', 'earings', 'earings', ['earrings']),
  Q('typo', 'jewelery', 'jewelery', ['jewellery']),
  Q('typo', 'selendng', 'selendng', ['scarf']),
  Q('typo', 'statu', 'statu', ['statue']),
  Q('typo', 'gerabh', 'gerabh', ['pottery']),
  Q('typo', 'kepng', 'kepng', ['kepeng']),
  Q('typo', 'gelang-perk', 'gelang perk', ['bracelet', 'silver']),
  Q('typo', 'kalung-emass', 'kalung emass', ['necklace', 'gold']),
  Q('typo', 'wodden-mask', 'wodden mask', ['wood', 'mask']),
  Q('typo', 'ukirn-kayu', 'ukirn kayu', ['carving', 'wood']),

  // Prefixes, as the buyer types
  Q('prefix', 'silv', 'silv', ['silver']),
  Q('prefix', 'brac', 'brac', ['bracelet']),
  Q('prefix', 'neckl', 'neckl', ['necklace']),
  Q('prefix', 'gela', 'gela', ['bracelet']),
  Q('prefix', 'kalu', 'kalu', ['necklace']),
  Q('prefix', 'songk', 'songk', ['songket']),
  Q('prefix', 'grings', 'grings', ['gringsing']),
  Q('prefix', 'kamas', 'kamas', ['kamasan']),
  Q('prefix', 'luki', 'luki', ['painting']),
  Q('prefix', 'patu', 'patu', ['statue']),
  Q('prefix', 'stat', 'stat', ['statue']),
  Q('prefix', 'carv', 'carv', ['carving']),
  Q('prefix', 'bamb', 'bamb', ['bamboo']),
  Q('prefix', 'pott', 'pott', ['pottery']),
  Q('prefix', 'tope', 'tope', ['mask']),
  Q('prefix', 'gelang-per', 'gelang per', ['bracelet', 'silver']),
  Q('prefix', 'silver-brac', 'silver brac', ['silver', 'bracelet']),
  Q('prefix', 'wooden-sta', 'wooden sta', ['wood', 'statue']),

  // Bali's own crafts by name
  Q('craft', 'endek', 'endek', ['endek']),
  Q('craft', 'songket', 'songket', ['songket']),
  Q('craft', 'gringsing', 'gringsing', ['gringsing']),
  Q('craft', 'kamasan', 'kamasan', ['kamasan']),
  Q('craft', 'uang-kepeng', 'uang kepeng', ['kepeng']),
  Q('craft', 'pis-bolong', 'pis bolong', ['kepeng']),
  Q('craft', 'ata', 'ata', ['ata']),
  Q('craft', 'rumput-ata', 'rumput ata', ['ata']),
  Q('craft', 'garuda', 'garuda', ['garuda']),
  Q('craft', 'barong', 'barong mask', ['mask'], ['barong']),
  Q('craft', 'ikat-ganda', 'ikat ganda', ['gringsing']),
  Q('craft', 'double-ikat', 'double ikat', ['gringsing']),
  Q('craft', 'endek-seragam', 'endek seragam selasa', ['endek', 'uniform'], ['endek']),
  Q('craft', 'wayang-kamasan', 'wayang kamasan', ['kamasan', 'painting']),
  Q('craft', 'sokasi', 'sokasi', ['box']),

  // Where it is made: regencies and craft villages
  Q('place', 'gianyar', 'gianyar', ['gianyar']),
  Q('place', 'klungkung', 'klungkung', ['klungkung']),
  Q('place', 'karangasem', 'karangasem', ['karangasem']),
  Q('place', 'tabanan', 'tabanan', ['tabanan']),
  Q('place', 'bangli', 'bangli', ['bangli']),
  Q('place', 'jembrana', 'jembrana', ['jembrana']),
  Q('place', 'buleleng', 'buleleng', ['buleleng']),
  Q('place', 'celuk', 'celuk', ['celuk']),
  Q('place', 'batubulan', 'batubulan', ['batubulan']),
  Q('place', 'tenganan', 'tenganan', ['tenganan']),
  Q('place', 'sidemen', 'sidemen', ['sidemen']),
  Q('place', 'pejaten', 'pejaten', ['pejaten']),
  Q('place', 'endek-gianyar', 'endek gianyar', ['endek', 'gianyar']),
  Q('place', 'songket-klungkung', 'songket klungkung', ['songket', 'klungkung']),
  Q('place', 'perak-celuk', 'perak celuk', ['silver', 'celuk']),
  Q('place', 'ukiran-mas', 'ukiran kayu mas', ['carving', 'wood']),
  Q('place', 'gerabah-pejaten', 'gerabah pejaten', ['pottery', 'pejaten']),
  Q('place', 'tenun-sidemen', 'tenun sidemen', ['weaving', 'sidemen']),
  Q('place', 'bambu-bangli', 'bambu bangli', ['bamboo', 'bangli']),
  Q('place', 'keris-tabanan', 'keris tabanan', ['keris', 'tabanan']),
  Q('place', 'silver-from-celuk', 'silver from celuk', ['silver', 'celuk']),

  // Phrases with function words, as people write them
  Q('phrase', 'tas-dan-keranjang', 'tas dan keranjang', [['bag', 'basket']]),
  Q('phrase', 'gelang-dan-kalung', 'gelang dan kalung perak', [['bracelet', 'necklace'], 'silver']),
  Q('phrase', 'kain-tenun-endek', 'kain tenun endek', ['endek'], ['cloth']),
  Q('phrase', 'patung-dari-kayu', 'patung dari kayu', ['statue', 'wood']),
  Q('phrase', 'bags-and-baskets', 'bags and baskets', [['bag', 'basket']]),
  Q('phrase', 'statue-of-ganesha', 'statue of ganesha', ['statue', 'ganesha']),
  Q('phrase', 'gelang-perak-ukir', 'gelang perak ukir', ['bracelet', 'silver']),
  Q('phrase', 'kalung-perak-untuk-wanita', 'kalung perak untuk wanita', ['necklace', 'silver']),
];

export interface Judged {
  query: RelevanceQuery;
  relevant: string[];
  must: string[];
  mustNot: string[];
}

const has = (l: FixtureListing, concepts: string[]) => concepts.some((c) => l.concepts.includes(c));

/** The judgements of a query over a catalogue. */
export function judge(query: RelevanceQuery, catalogue: FixtureListing[] = RELEVANCE_CATALOGUE): Judged {
  const relevant = catalogue.filter((l) => query.want.every((group) => has(l, group))).map((l) => l.key);
  const acceptable = new Set([...relevant, ...catalogue.filter((l) => has(l, [...query.want.flat(), ...(query.ok ?? [])])).map((l) => l.key)]);
  return {
    query,
    relevant,
    must: relevant.length <= 10 ? relevant : [],
    mustNot: catalogue.filter((l) => !acceptable.has(l.key)).map((l) => l.key),
  };
}

export interface Outcome {
  id: string;
  q: string;
  kind: Kind;
  top: string[];
  recall: number;
  precision: number;
  missing: string[];
  wrong: string[];
  passed: boolean;
}

/** How one query did, given the keys of its hits in order. */
export function score(judged: Judged, hits: string[]): Outcome {
  const top10 = hits.slice(0, 10);
  const top5 = hits.slice(0, 5);
  const relevant = new Set(judged.relevant);
  const recall = relevant.size === 0 ? 1 : top10.filter((k) => relevant.has(k)).length / Math.min(10, relevant.size);
  const precision = relevant.size === 0 ? 1 : top5.filter((k) => relevant.has(k)).length / Math.min(5, relevant.size);
  const missing = judged.must.filter((k) => !top10.includes(k));
  const banned = new Set(judged.mustNot);
  const wrong = top10.filter((k) => banned.has(k));
  return { id: judged.query.id, q: judged.query.q, kind: judged.query.kind, top: top10, recall, precision, missing, wrong, passed: missing.length === 0 && wrong.length === 0 };
}

export interface Summary { queries: number; recall: number; precision: number; passed: number; failing: Outcome[] }

export function summarise(outcomes: Outcome[]): Summary {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    queries: outcomes.length,
    recall: mean(outcomes.map((o) => o.recall)),
    precision: mean(outcomes.map((o) => o.precision)),
    passed: outcomes.filter((o) => o.passed).length,
    failing: outcomes.filter((o) => !o.passed),
  };
}
