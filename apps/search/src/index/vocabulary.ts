/**
 * The bilingual craft vocabulary: words that name the same thing in Indonesian, English and
 * Balinese. It is data, reviewed like code. Each document carries the words of every group its
 * title, category, materials, techniques and description use (see glossary.ts), so a buyer's
 * typo or prefix in either language meets a word the document really holds: `slver` finds a
 * listing that says only "perak". The same groups are the query-time synonyms, and their words
 * are never typo-corrected into other words (`perak` must not match "perajin").
 *
 * Raise VOCABULARY_VERSION with any change: the search app then applies the settings and
 * rebuilds every document (index-keeper.ts).
 *
 * Grown from the synonym groups the index used before (settings v2) and from the taxonomy's
 * Indonesian and English category names (migrations/1764000000002-catalog.ts).
 * A phrase is matched as consecutive words, the longest first ("pendant lamp" is a lamp, not a
 * pendant: see `also`); a word in two groups brings the words of both.
 */
// 2: documents carry the groups' words in the order the listing uses them.
export const VOCABULARY_VERSION = 2;

export interface VocabularyGroup {
  id: string[];
  en: string[];
  /** Balinese and regional words, where buyers use them. */
  ban?: string[];
  /**
   * Phrases that name the group's thing but are not added to documents: "pendant lamp" is a lamp,
   * and read as one phrase it does not make the lamp a pendant (liontin).
   */
  also?: string[];
}

export const VOCABULARY: readonly VocabularyGroup[] = [
  // Materials
  { id: ['perak'], en: ['silver', 'sterling'], ban: ['selaka'] },
  { id: ['emas'], en: ['gold', 'golden'], ban: ['mas-masan'] },
  { id: ['kuningan'], en: ['brass'] },
  { id: ['tembaga'], en: ['copper'] },
  { id: ['logam'], en: ['metal', 'metalwork'] },
  { id: ['besi'], en: ['iron'] },
  { id: ['baja'], en: ['steel'] },
  { id: ['kayu'], en: ['wood', 'wooden'] },
  { id: ['batu'], en: ['stone'] },
  { id: ['bambu'], en: ['bamboo'] },
  { id: ['rotan'], en: ['rattan'] },
  { id: ['sutra', 'sutera'], en: ['silk'] },
  { id: ['katun'], en: ['cotton'] },
  { id: ['benang'], en: ['thread', 'yarn'] },
  { id: ['mutiara'], en: ['pearl', 'pearls'] },
  { id: ['tanah liat'], en: ['clay'] },
  { id: ['keramik'], en: ['ceramic', 'ceramics'] },
  { id: ['kanvas'], en: ['canvas'] },
  { id: ['kulit'], en: ['leather'] },
  { id: ['daun lontar', 'lontar'], en: ['palm leaf'] },
  { id: ['rumput ata', 'ata'], en: ['ata grass'] },
  // Crafts and techniques
  { id: ['kerajinan'], en: ['craft', 'crafts', 'handicraft'] },
  { id: ['perhiasan'], en: ['jewellery', 'jewelry'] },
  { id: ['tenun', 'tenunan', 'ditenun', 'menenun'], en: ['weaving', 'woven', 'handwoven', 'weave'] },
  { id: ['kain', 'wastra'], en: ['cloth', 'fabric', 'textile'] },
  // Gringsing is the double ikat of Tenganan (the taxonomy's "Gringsing double ikat").
  { id: ['ikat ganda', 'gringsing', 'geringsing'], en: ['double ikat'] },
  { id: ['ukir', 'ukiran', 'diukir', 'berukir'], en: ['carving', 'carved', 'carvings', 'engraved'] },
  { id: ['patung', 'arca'], en: ['statue', 'sculpture', 'figurine'] },
  { id: ['topeng'], en: ['mask'] },
  { id: ['relief'], en: ['relief', 'panel'] },
  { id: ['lukisan', 'lukis', 'dilukis'], en: ['painting', 'painted', 'paintings'] },
  { id: ['kontemporer'], en: ['contemporary'] },
  // "woven" is tenun's word too: a woven bag may be either.
  { id: ['anyaman', 'anyam', 'dianyam'], en: ['basketry', 'wickerwork', 'wicker', 'woven'] },
  { id: ['gerabah', 'tembikar', 'terakota'], en: ['pottery', 'earthenware', 'terracotta'] },
  { id: ['tempa', 'ditempa'], en: ['forged', 'hand-forged'] },
  { id: ['pewarna alam', 'pewarna alami'], en: ['natural dye', 'natural dyes'] },
  { id: ['buatan tangan'], en: ['handmade', 'hand-made'] },
  // Things
  { id: ['gelang'], en: ['bracelet', 'bangle'] },
  { id: ['kalung'], en: ['necklace'] },
  { id: ['cincin'], en: ['ring'] },
  { id: ['anting', 'anting-anting'], en: ['earrings', 'earring'] },
  { id: ['liontin'], en: ['pendant'] },
  { id: ['bros'], en: ['brooch'] },
  { id: ['kamen', 'kamben', 'sarung'], en: ['sarong'] },
  { id: ['selendang', 'syal'], en: ['scarf', 'shawl'] },
  { id: ['kemeja', 'baju'], en: ['shirt'] },
  { id: ['sabuk'], en: ['sash', 'belt'] },
  { id: ['keranjang', 'bakul'], en: ['basket'] },
  { id: ['tas'], en: ['bag', 'handbag'] },
  { id: ['dompet'], en: ['purse', 'wallet'] },
  { id: ['tatakan'], en: ['placemat', 'coaster'] },
  { id: ['kursi'], en: ['chair'] },
  { id: ['meja'], en: ['table'] },
  { id: ['rak'], en: ['shelf'] },
  { id: ['tikar'], en: ['mat'] },
  { id: ['lampu', 'lampion'], en: ['lamp', 'lantern'], also: ['lampu gantung', 'pendant lamp'] },
  { id: ['vas'], en: ['vase'] },
  { id: ['piring'], en: ['plate'] },
  { id: ['mangkuk'], en: ['bowl'] },
  { id: ['cangkir'], en: ['cup', 'mug'] },
  { id: ['guci'], en: ['jar', 'urn'] },
  { id: ['pot'], en: ['planter', 'flowerpot'] },
  { id: ['celengan'], en: ['piggy bank', 'money box'] },
  { id: ['pisau'], en: ['knife'] },
  { id: ['keris'], en: ['kris', 'dagger'] },
  { id: ['pancuran'], en: ['fountain'] },
  { id: ['hiasan', 'dekorasi'], en: ['decoration', 'ornament', 'decor'] },
  { id: ['dinding'], en: ['wall'] },
  { id: ['uang kepeng', 'kepeng'], en: ['kepeng coins', 'chinese coins'], ban: ['pis bolong'] },
  { id: ['kalender'], en: ['calendar'] },
  // Words of colour and size that buyers add
  { id: ['merah'], en: ['red'] },
  { id: ['biru'], en: ['blue'] },
  { id: ['hitam'], en: ['black'] },
  { id: ['putih'], en: ['white'] },
  { id: ['hijau'], en: ['green'] },
  { id: ['kuning'], en: ['yellow'] },
  { id: ['kecil'], en: ['small'] },
  { id: ['besar'], en: ['large', 'big'] },
];

/** Every word and phrase of a group, in one list. */
export const groupWords = (group: VocabularyGroup): string[] => [...group.id, ...group.en, ...(group.ban ?? [])];
