import { REGENCIES, Regency } from '@pk/contracts';

// The relevance suite's fixture catalogue: 300+ listings written the way Bali's artisans write
// them (most in Indonesian only, some in English only, some in both; capitals, "ASLI BALI",
// the word "perajin" in most descriptions), generated deterministically from the templates below
// with the crafts and places of DESIGN.md, and a few written by hand. Each listing carries the
// concepts a buyer's query is judged against (relevance-queries.ts), in English, never shown to
// the search: what the listing *is*, whatever words it uses.

export type Lang = 'id' | 'en' | 'both';

export interface FixtureListing {
  key: string;
  shop: string;
  titleId: string;
  titleEn: string | null;
  descriptionId: string;
  descriptionEn: string | null;
  category: string;
  regency: Regency;
  materials: string[];
  techniques: string[];
  price: number;
  stock: number;
  lang: Lang;
  concepts: string[];
}

export interface FixtureShop { key: string; name: string; regency: Regency }

interface Term { id: string; en: string; c?: string[] }
interface Place { name: string; regency: Regency; shop: string }
interface Craft {
  slug: string;
  count: number;
  /** What every listing of the craft is. */
  concepts: string[];
  products: Term[];
  motifs: Term[];
  materials: Term[];
  techniques: Term[];
  places: Place[];
  price: [number, number];
}

const t = (id: string, en: string, ...c: string[]): Term => ({ id, en, c });
const p = (name: string, regency: Regency, shop: string): Place => ({ name, regency, shop });

const CRAFTS: Craft[] = [
  {
    slug: 'endek', count: 30, concepts: ['endek', 'weaving'],
    products: [t('Kain endek', 'Endek cloth', 'cloth'), t('Selendang endek', 'Endek scarf', 'scarf'), t('Kemeja endek', 'Endek shirt', 'shirt'),
      t('Kamen endek', 'Endek sarong', 'sarong', 'cloth'), t('Tas endek', 'Endek bag', 'bag')],
    motifs: [t('cepuk', 'cepuk'), t('patra', 'patra'), t('wajik', 'wajik'), t('rang-rang', 'rang-rang'), t('sekar jagat', 'sekar jagat'), t('poleng', 'poleng checked')],
    materials: [t('katun', 'cotton', 'cotton'), t('sutra', 'silk', 'silk'), t('rayon', 'rayon')],
    techniques: [t('ikat pakan', 'weft ikat'), t('tenun ATBM', 'handloom')],
    places: [p('Sidemen', 'karangasem', 'Tenun Ikat Sidemen Ayu'), p('Gelgel', 'klungkung', 'Endek Gelgel Mertha'), p('Gianyar', 'gianyar', 'Tenun Putri Gianyar'),
      p('Denpasar', 'denpasar', 'Endek Bali Denpasar'), p('Singaraja', 'buleleng', 'Tenun Buleleng Jaya')],
    price: [250_000, 2_500_000],
  },
  {
    slug: 'songket', count: 22, concepts: ['songket', 'weaving'],
    products: [t('Kain songket', 'Songket cloth', 'cloth'), t('Selendang songket', 'Songket scarf', 'scarf'), t('Kamen songket', 'Songket sarong', 'sarong', 'cloth'), t('Saput songket', 'Songket overskirt', 'cloth')],
    motifs: [t('bunga emas', 'golden flower', 'gold'), t('cakra', 'cakra'), t('wayang', 'wayang'), t('ceplok', 'ceplok'), t('kuskusan', 'kuskusan')],
    materials: [t('sutra', 'silk', 'silk'), t('katun', 'cotton', 'cotton'), t('benang emas', 'gold thread', 'gold')],
    techniques: [t('tenun songket', 'songket weaving'), t('tenun tangan', 'hand weaving')],
    places: [p('Klungkung', 'klungkung', 'Songket Klungkung Sari'), p('Negara', 'jembrana', 'Songket Jembrana Lestari'), p('Sidemen', 'karangasem', 'Pelangi Songket Sidemen'),
      p('Beratan', 'buleleng', 'Songket Beratan Singaraja')],
    price: [1_000_000, 12_000_000],
  },
  {
    slug: 'gringsing', count: 14, concepts: ['gringsing', 'weaving', 'tenganan'],
    products: [t('Kain gringsing', 'Gringsing cloth', 'cloth'), t('Selendang gringsing', 'Gringsing scarf', 'scarf'), t('Sabuk gringsing', 'Gringsing sash', 'sash')],
    motifs: [t('lubeng', 'lubeng'), t('wayang kebo', 'wayang kebo'), t('cemplong', 'cemplong'), t('sanan empeg', 'sanan empeg')],
    materials: [t('katun', 'cotton', 'cotton'), t('benang kapas', 'hand-spun cotton', 'cotton')],
    techniques: [t('ikat ganda', 'double ikat'), t('pewarna alam', 'natural dye')],
    places: [p('Tenganan Pegringsingan', 'karangasem', 'Gringsing Tenganan Asli')],
    price: [2_500_000, 15_000_000],
  },
  {
    slug: 'silver-jewellery', count: 36, concepts: ['silver', 'jewellery'],
    products: [t('Gelang perak', 'Silver bracelet', 'bracelet'), t('Kalung perak', 'Silver necklace', 'necklace'), t('Cincin perak', 'Silver ring', 'ring'),
      t('Anting perak', 'Silver earrings', 'earrings'), t('Liontin perak', 'Silver pendant', 'pendant'), t('Bros perak', 'Silver brooch', 'brooch')],
    motifs: [t('jawan', 'jawan'), t('granulasi', 'granulation'), t('filigri', 'filigree'), t('bunga jepun', 'frangipani flower'), t('naga', 'dragon'), t('kupu-kupu', 'butterfly')],
    materials: [t('perak 925', '925 silver'), t('perak', 'silver'), t('perak 925 dan garnet', '925 silver and garnet')],
    techniques: [t('ukir', 'carving', 'carving'), t('filigri', 'filigree'), t('granulasi', 'granulation'), t('tempa', 'forging')],
    places: [p('Celuk', 'gianyar', 'Perak Celuk Ketut Sari'), p('Singapadu', 'gianyar', 'Singapadu Silver Art'), p('Denpasar', 'denpasar', 'Logam Mulia Denpasar'),
      p('Kuta', 'badung', 'Perak Mas Kuta')],
    price: [150_000, 3_500_000],
  },
  {
    slug: 'gold-jewellery', count: 16, concepts: ['gold', 'jewellery'],
    products: [t('Cincin emas', 'Gold ring', 'ring'), t('Kalung emas', 'Gold necklace', 'necklace'), t('Gelang emas', 'Gold bracelet', 'bracelet'), t('Anting emas', 'Gold earrings', 'earrings')],
    motifs: [t('jawan', 'jawan'), t('granulasi', 'granulation'), t('bunga cempaka', 'cempaka flower'), t('naga', 'dragon')],
    materials: [t('emas 18k', '18k gold'), t('emas 22k', '22k gold')],
    techniques: [t('granulasi', 'granulation'), t('tempa', 'forging')],
    places: [p('Celuk', 'gianyar', 'Emas Celuk Widia'), p('Kamasan', 'klungkung', 'Pande Emas Kamasan')],
    price: [1_500_000, 15_000_000],
  },
  {
    slug: 'wood-carving', count: 30, concepts: ['wood', 'carving'],
    products: [t('Patung kayu', 'Wooden statue', 'statue'), t('Topeng kayu', 'Wooden mask', 'mask'), t('Relief kayu', 'Wood relief panel', 'relief'),
      t('Patung Garuda kayu', 'Wooden Garuda statue', 'statue', 'garuda'), t('Patung Dewi Saraswati kayu', 'Saraswati wooden statue', 'statue'), t('Mangkuk kayu ukir', 'Carved wooden bowl', 'bowl')],
    motifs: [t('gaya Mas', 'Mas style', 'mas'), t('klasik', 'classic'), t('bunga teratai', 'lotus flower'), t('naga', 'dragon'), t('Barong', 'Barong', 'barong')],
    materials: [t('kayu suar', 'suar wood'), t('kayu jati', 'teak wood'), t('kayu cempaka', 'cempaka wood'), t('kayu waru', 'waru wood')],
    techniques: [t('ukir', 'carving'), t('pahat', 'chiselling'), t('prada', 'gold leaf')],
    places: [p('Mas', 'gianyar', 'Ukiran Kayu Mas'), p('Ubud', 'gianyar', 'Ubud Woodcraft'), p('Tegallalang', 'gianyar', 'Tegallalang Carving'), p('Kintamani', 'bangli', 'Pahat Kayu Bangli')],
    price: [100_000, 8_000_000],
  },
  {
    slug: 'stone-carving', count: 20, concepts: ['stone', 'carving'],
    products: [t('Patung batu', 'Stone statue', 'statue'), t('Arca Ganesha batu paras', 'Ganesha paras stone statue', 'statue', 'ganesha'),
      t('Relief batu paras', 'Paras stone relief', 'relief'), t('Pancuran batu', 'Stone fountain', 'fountain'), t('Lampion batu', 'Stone lantern', 'lamp')],
    motifs: [t('gaya Batubulan', 'Batubulan style', 'batubulan'), t('Dewi Sri', 'Dewi Sri'), t('Buddha', 'Buddha'), t('bunga teratai', 'lotus flower')],
    materials: [t('batu paras', 'paras stone'), t('batu candi', 'candi stone'), t('batu padas', 'padas stone')],
    techniques: [t('pahat', 'chiselling'), t('ukir', 'carving')],
    places: [p('Batubulan', 'gianyar', 'Ukiran Batu Batubulan'), p('Silakarang', 'gianyar', 'Paras Silakarang')],
    price: [250_000, 15_000_000],
  },
  {
    slug: 'kamasan-painting', count: 18, concepts: ['painting', 'kamasan'],
    products: [t('Lukisan Kamasan', 'Kamasan painting', 'wayang'), t('Lukisan wayang Kamasan', 'Kamasan wayang painting', 'wayang'), t('Ider-ider lukisan Kamasan', 'Kamasan ider-ider temple banner')],
    motifs: [t('kisah Ramayana', 'Ramayana story'), t('kisah Mahabharata', 'Mahabharata story'), t('Sutasoma', 'Sutasoma'), t('Tantri', 'Tantri fables'), t('Pelelintangan', 'Pelelintangan astrology')],
    materials: [t('kain belacu', 'cotton cloth'), t('cat alami', 'natural pigments'), t('kanvas', 'canvas', 'canvas')],
    techniques: [t('lukis tangan', 'hand painting'), t('gaya wayang', 'wayang style')],
    places: [p('Kamasan', 'klungkung', 'Sanggar Lukis Kamasan'), p('Klungkung', 'klungkung', 'Galeri Wayang Klungkung')],
    price: [500_000, 10_000_000],
  },
  {
    slug: 'contemporary-painting', count: 16, concepts: ['painting'],
    products: [t('Lukisan kanvas', 'Canvas painting', 'canvas'), t('Lukisan akrilik', 'Acrylic painting'), t('Lukisan cat minyak', 'Oil painting'), t('Lukisan abstrak', 'Abstract painting')],
    motifs: [t('sawah terasering', 'rice terraces'), t('penari legong', 'legong dancer'), t('pura', 'temple'), t('pantai Sanur', 'Sanur beach')],
    materials: [t('kanvas', 'canvas', 'canvas'), t('cat akrilik', 'acrylic paint'), t('cat minyak', 'oil paint')],
    techniques: [t('lukis tangan', 'hand painting'), t('impasto', 'impasto')],
    places: [p('Ubud', 'gianyar', 'Galeri Seni Ubud'), p('Batuan', 'gianyar', 'Sanggar Batuan'), p('Sanur', 'denpasar', 'Sanur Art Space'), p('Canggu', 'badung', 'Canggu Canvas')],
    price: [750_000, 15_000_000],
  },
  {
    slug: 'uang-kepeng', count: 14, concepts: ['kepeng', 'kamasan'],
    products: [t('Uang kepeng', 'Kepeng coins', 'coin'), t('Patung uang kepeng', 'Kepeng coin figure', 'statue'), t('Hiasan uang kepeng', 'Kepeng coin ornament', 'decoration')],
    motifs: [t('Dewi Sri', 'Dewi Sri'), t('rambut sedana', 'rambut sedana'), t('cili', 'cili')],
    materials: [t('kuningan', 'brass', 'brass'), t('tembaga', 'copper', 'copper')],
    techniques: [t('cor', 'casting'), t('rangkai', 'stringing')],
    places: [p('Kamasan', 'klungkung', 'Kepeng Kamasan Bali')],
    price: [25_000, 1_000_000],
  },
  {
    slug: 'iron-craft', count: 18, concepts: ['iron', 'metalwork'],
    products: [t('Keris', 'Keris dagger', 'keris'), t('Pisau tempa', 'Forged knife', 'knife'), t('Lampu besi', 'Iron lamp', 'lamp'), t('Hiasan dinding besi', 'Iron wall decoration', 'decoration')],
    motifs: [t('pamor', 'pamor'), t('tempa tradisional', 'traditional forging'), t('minimalis', 'minimalist')],
    materials: [t('besi', 'iron'), t('baja', 'steel', 'steel'), t('besi dan kayu', 'iron and wood', 'wood')],
    techniques: [t('tempa', 'forging'), t('pande', 'smithing')],
    places: [p('Kediri', 'tabanan', 'Pande Besi Tabanan'), p('Marga', 'tabanan', 'Besi Tempa Marga')],
    price: [100_000, 5_000_000],
  },
  {
    slug: 'pejaten-pottery', count: 24, concepts: ['pottery', 'pejaten'],
    products: [t('Vas gerabah', 'Terracotta vase', 'vase'), t('Piring keramik', 'Ceramic plate', 'plate', 'ceramic'), t('Guci gerabah', 'Earthenware jar', 'jar'),
      t('Cangkir keramik', 'Ceramic cup', 'cup', 'ceramic'), t('Pot tanah liat', 'Clay plant pot', 'pot'), t('Celengan gerabah', 'Terracotta piggy bank', 'piggy-bank')],
    motifs: [t('hijau celadon', 'celadon green'), t('terakota', 'terracotta'), t('motif tumpal', 'tumpal pattern'), t('polos', 'plain')],
    materials: [t('tanah liat', 'clay', 'clay'), t('keramik', 'ceramic', 'ceramic')],
    techniques: [t('gerabah putar', 'wheel throwing'), t('bakar tungku', 'kiln firing')],
    places: [p('Pejaten', 'tabanan', 'Gerabah Pejaten Ayu')],
    price: [25_000, 1_500_000],
  },
  {
    slug: 'bamboo-craft', count: 22, concepts: ['bamboo'],
    products: [t('Kursi bambu', 'Bamboo chair', 'chair'), t('Keranjang bambu', 'Bamboo basket', 'basket', 'wickerwork'), t('Lampu bambu', 'Bamboo lamp', 'lamp'),
      t('Sokasi bambu', 'Sokasi bamboo box', 'box', 'wickerwork'), t('Tikar bambu', 'Bamboo mat', 'mat', 'wickerwork')],
    motifs: [t('anyaman halus', 'fine weave', 'wickerwork'), t('minimalis', 'minimalist'), t('motif ulat', 'ulat pattern')],
    materials: [t('bambu tali', 'tali bamboo'), t('bambu', 'bamboo')],
    techniques: [t('anyam', 'weaving'), t('raut', 'shaving')],
    places: [p('Kayubihi', 'bangli', 'Bambu Bangli Lestari'), p('Bangli', 'bangli', 'Kriya Bambu Bangli')],
    price: [50_000, 3_500_000],
  },
  {
    slug: 'ata-basketry', count: 20, concepts: ['ata', 'wickerwork'],
    products: [t('Tas ata', 'Ata bag', 'bag'), t('Keranjang ata', 'Ata basket', 'basket'), t('Dompet ata', 'Ata purse', 'purse'), t('Tatakan ata', 'Ata placemat', 'placemat')],
    motifs: [t('bulat', 'round'), t('anyaman rapat', 'tight weave'), t('motif kotak', 'square pattern'), t('asap', 'smoked')],
    materials: [t('rumput ata', 'ata grass'), t('rumput ata dan kulit', 'ata grass and leather')],
    techniques: [t('anyam', 'weaving'), t('pengasapan', 'smoking')],
    places: [p('Tenganan', 'karangasem', 'Anyaman Ata Tenganan'), p('Bugbug', 'karangasem', 'Ata Bugbug Karangasem')],
    price: [50_000, 900_000],
  },
];

// Deterministic "randomness": the same catalogue on every run.
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lower = (s: string) => s.charAt(0) + s.slice(1).toLowerCase();
const SIZES = ['kecil', 'sedang', 'besar'];

function titleId(i: number, product: Term, motif: Term, place: string): string {
  switch (i % 6) {
    case 0: return `${product.id} motif ${motif.id} khas ${place}`;
    case 1: return `${product.id} ${motif.id} ${place}`;
    case 2: return `${product.id.toUpperCase()} ${motif.id.toUpperCase()} ASLI BALI`;
    case 3: return `${product.id} ${motif.id} buatan tangan`;
    case 4: return `Jual ${product.id.toLowerCase()} ${motif.id} ukuran ${SIZES[i % 3]} - ${place}`;
    default: return `${product.id} ${motif.id}, ${place} Bali`;
  }
}

function titleEn(i: number, product: Term, motif: Term, place: string): string {
  switch (i % 3) {
    case 0: return `${product.en}, ${motif.en} motif, ${place}`;
    case 1: return `Handmade ${lower(product.en)} with ${motif.en} motif`;
    default: return `${product.en} from ${place}, Bali (${motif.en})`;
  }
}

function descriptionId(i: number, product: Term, motif: Term, material: Term, place: Place, craft: Craft): string {
  const regency = REGENCIES[place.regency];
  const days = 3 + (i % 12);
  const extra = craft.slug === 'silver-jewellery' && i % 4 === 0 ? ' Dikemas dalam kotak kayu kecil.' : '';
  switch (i % 5) {
    case 0: return `${product.id} motif ${motif.id} dibuat dengan tangan oleh perajin di ${place.name}, ${regency}. Bahan ${material.id}. Cocok untuk hadiah.${extra}`;
    case 1: return `Karya perajin lokal ${place.name}. Dikerjakan selama ${days} hari. Bahan: ${material.id}. Setiap produk unik, warna bisa sedikit berbeda dari foto.${extra}`;
    case 2: return `Produk asli Bali dari perajin ${regency}. ${cap(product.id.toLowerCase())} dengan motif ${motif.id}. Hubungi kami untuk pesanan khusus.${extra}`;
    case 3: return `Dibuat oleh para perajin di desa ${place.name} dengan bahan ${material.id}. Kualitas ekspor, dikemas rapi dan aman.${extra}`;
    default: return `Ready stok. ${product.id} ${motif.id} bahan ${material.id}, langsung dari perajin ${place.name}. Pengiriman ke seluruh Indonesia.${extra}`;
  }
}

function descriptionEn(i: number, product: Term, motif: Term, material: Term, place: Place): string {
  const regency = REGENCIES[place.regency];
  switch (i % 3) {
    case 0: return `Handmade by artisans in ${place.name}, ${regency}, Bali. Made of ${material.en}. A lovely gift.`;
    case 1: return `Each piece is made by hand by local artisans in ${place.name}. ${product.en} with a ${motif.en} motif.`;
    default: return `${product.en} in ${material.en}, ${motif.en} motif, from the craft village of ${place.name}, ${regency}.`;
  }
}

function generated(): FixtureListing[] {
  const random = rng(16);
  const out: FixtureListing[] = [];
  for (const craft of CRAFTS) {
    for (let i = 0; i < craft.count; i++) {
      const product = craft.products[i % craft.products.length];
      const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
      const motif = pick(craft.motifs);
      const material = pick(craft.materials);
      const technique = pick(craft.techniques);
      const place = craft.places[(i * 7) % craft.places.length];
      // About two in three in Indonesian only, one in five in both, the rest in English only.
      const r = (i * 7 + craft.slug.length) % 20;
      const lang: Lang = r < 13 ? 'id' : r < 17 ? 'both' : 'en';
      const [lo, hi] = craft.price;
      const price = Math.round((lo + random() * (hi - lo)) / 5000) * 5000;
      const tId = titleId(i, product, motif, place.name);
      const tEn = titleEn(i, product, motif, place.name);
      const dId = descriptionId(i, product, motif, material, place, craft);
      const dEn = descriptionEn(i, product, motif, material, place);
      out.push({
        key: `${craft.slug}-${String(i + 1).padStart(2, '0')}`,
        shop: place.shop,
        // English-only artisans write English into the only field the catalogue requires.
        titleId: lang === 'en' ? tEn : tId,
        titleEn: lang === 'both' ? tEn : null,
        descriptionId: lang === 'en' ? dEn : dId,
        descriptionEn: lang === 'both' ? dEn : null,
        category: craft.slug,
        regency: place.regency,
        materials: lang === 'en' ? [] : [material.id],
        techniques: lang === 'en' ? [] : [technique.id],
        price,
        stock: i % 9 === 0 ? 0 : 1 + (i % 7),
        lang,
        concepts: [],
      });
      // A listing is judged by what it says: a material, technique or village counts only when written.
      const listing = out[out.length - 1];
      const text = [listing.titleId, listing.titleEn, listing.descriptionId, listing.descriptionEn, ...listing.materials, ...listing.techniques].join(' ').toLowerCase();
      const written = (term: Term) => text.includes(term.id.toLowerCase()) || text.includes(term.en.toLowerCase());
      listing.concepts = [...new Set([
        ...craft.concepts, ...(product.c ?? []), ...(motif.c ?? []),
        ...(written(material) ? material.c ?? [] : []), ...(written(technique) ? technique.c ?? [] : []),
        // The shop's name says where it is, and buyers search it too.
        ...(`${text} ${place.shop.toLowerCase()}`.includes(place.name.toLowerCase()) ? [place.name.toLowerCase()] : []), place.regency,
      ])];
    }
  }
  return out;
}

/** Written by hand: the listings the issue names, and a few odd ones artisans really write. */
const HANDWRITTEN: FixtureListing[] = [
  {
    key: 'celuk-gelang-ukir', shop: 'Perak Celuk Ketut Sari', lang: 'id',
    titleId: 'Gelang perak ukir Celuk', titleEn: null,
    descriptionId: 'Gelang perak 925 dengan ukiran motif patra, dikerjakan perajin Celuk, Gianyar. Lebar 1,5 cm.', descriptionEn: null,
    category: 'silver-jewellery', regency: 'gianyar', materials: ['perak 925'], techniques: ['ukir'], price: 850_000, stock: 3,
    concepts: ['silver', 'jewellery', 'bracelet', 'carving', 'celuk', 'gianyar'],
  },
  {
    key: 'sterling-necklace', shop: 'Singapadu Silver Art', lang: 'en',
    titleId: 'Sterling silver necklace', titleEn: null,
    descriptionId: 'Sterling silver necklace with a hand-engraved frangipani pendant, made by a silversmith in Singapadu, Gianyar.', descriptionEn: null,
    category: 'silver-jewellery', regency: 'gianyar', materials: [], techniques: [], price: 1_250_000, stock: 2,
    concepts: ['silver', 'jewellery', 'necklace', 'pendant', 'singapadu', 'gianyar'],
  },
  {
    key: 'endek-seragam', shop: 'Endek Bali Denpasar', lang: 'id',
    titleId: 'Kain endek seragam Selasa motif cepuk', titleEn: null,
    descriptionId: 'Kain endek untuk seragam hari Selasa (Surat Edaran Gubernur 4/2021). Bisa pesan banyak untuk kantor.', descriptionEn: null,
    category: 'endek', regency: 'denpasar', materials: ['katun'], techniques: ['ikat pakan'], price: 180_000, stock: 40,
    concepts: ['endek', 'weaving', 'cloth', 'uniform', 'denpasar'],
  },
  {
    key: 'gringsing-wayang', shop: 'Gringsing Tenganan Asli', lang: 'both',
    titleId: 'Geringsing wayang putri, tenun ikat ganda Tenganan', titleEn: 'Geringsing double ikat cloth, wayang putri',
    descriptionId: 'Kain geringsing asli Tenganan Pegringsingan, dikerjakan bertahun-tahun dengan pewarna alam.',
    descriptionEn: 'Authentic geringsing from Tenganan Pegringsingan, years in the making, natural dyes.',
    category: 'gringsing', regency: 'karangasem', materials: ['katun'], techniques: ['ikat ganda'], price: 18_000_000, stock: 1,
    concepts: ['gringsing', 'weaving', 'cloth', 'tenganan', 'karangasem'],
  },
  {
    key: 'kepeng-offering', shop: 'Kepeng Kamasan Bali', lang: 'id',
    titleId: 'Pis bolong / uang kepeng 100 keping untuk upakara', titleEn: null,
    descriptionId: 'Uang kepeng (pis bolong) kuningan, 100 keping, untuk sarana upacara.', descriptionEn: null,
    category: 'uang-kepeng', regency: 'klungkung', materials: ['kuningan'], techniques: ['cor'], price: 75_000, stock: 50,
    concepts: ['kepeng', 'coin', 'brass', 'kamasan', 'klungkung'],
  },
  {
    key: 'ata-tas-besar', shop: 'Anyaman Ata Tenganan', lang: 'id',
    titleId: 'TAS ATA BULAT BESAR ANYAMAN TENGANAN', titleEn: null,
    descriptionId: 'Tas bulat dari rumput ata, diasap supaya kuat. Tali kulit. Dibuat ibu-ibu perajin di Tenganan, Karangasem.', descriptionEn: null,
    category: 'ata-basketry', regency: 'karangasem', materials: ['rumput ata', 'kulit'], techniques: ['anyam'], price: 320_000, stock: 6,
    concepts: ['ata', 'wickerwork', 'bag', 'leather', 'tenganan', 'karangasem'],
  },
  {
    key: 'wood-mask-en', shop: 'Ubud Woodcraft', lang: 'en',
    titleId: 'Balinese Barong mask, hand carved and painted', titleEn: null,
    descriptionId: 'A Barong dance mask carved from pule wood and painted by hand in Mas village, Gianyar.', descriptionEn: null,
    category: 'wood-carving', regency: 'gianyar', materials: [], techniques: [], price: 1_800_000, stock: 1,
    concepts: ['wood', 'carving', 'mask', 'barong', 'mas', 'gianyar'],
  },
  {
    key: 'pottery-perajin', shop: 'Gerabah Pejaten Ayu', lang: 'id',
    titleId: 'Set piring dan mangkuk gerabah Pejaten', titleEn: null,
    descriptionId: 'Dibuat perajin gerabah Pejaten. Perajin kami membakar tanah liat di tungku kayu. Para perajin desa Pejaten menjaga tradisi.', descriptionEn: null,
    category: 'pejaten-pottery', regency: 'tabanan', materials: ['tanah liat'], techniques: ['gerabah putar'], price: 420_000, stock: 5,
    concepts: ['pottery', 'plate', 'bowl', 'clay', 'pejaten', 'tabanan'],
  },
  {
    key: 'bamboo-lamp-en', shop: 'Kriya Bambu Bangli', lang: 'en',
    titleId: 'Woven bamboo pendant lamp', titleEn: null,
    descriptionId: 'A pendant lamp woven from tali bamboo by artisans in Bangli. Fits a standard E27 bulb.', descriptionEn: null,
    category: 'bamboo-craft', regency: 'bangli', materials: [], techniques: [], price: 650_000, stock: 4,
    concepts: ['bamboo', 'lamp', 'wickerwork', 'bangli'],
  },
  {
    key: 'kamasan-calendar', shop: 'Sanggar Lukis Kamasan', lang: 'id',
    titleId: 'Kalender Bali tika lukisan Kamasan', titleEn: null,
    descriptionId: 'Tika, kalender wuku Bali, dilukis tangan dengan gaya wayang Kamasan di atas kain.', descriptionEn: null,
    category: 'kamasan-painting', regency: 'klungkung', materials: ['kain', 'cat alami'], techniques: ['lukis tangan'], price: 1_400_000, stock: 1,
    concepts: ['painting', 'kamasan', 'calendar', 'klungkung'],
  },
];

export const RELEVANCE_CATALOGUE: FixtureListing[] = [...generated(), ...HANDWRITTEN];

/** Each shop once, with the regency of its first listing. */
export const RELEVANCE_SHOPS: FixtureShop[] = [...new Map(RELEVANCE_CATALOGUE.map((l) => [l.shop, { key: l.shop, name: l.shop, regency: l.regency }])).values()];
