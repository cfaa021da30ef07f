import { Client } from 'pg';
import { REGENCY_SLUGS, Regency } from '@pk/contracts';
import { newId } from '@pk/core';

// A large, plausible Balinese craft catalogue written straight into Postgres with set-based SQL
// (one generate_series for the listings, one for their variants), for the search benchmark.

/** How one leaf of the seeded taxonomy is made up: words for titles, materials, prices, sizes. */
interface Craft {
  slug: string;
  nounsId: string[];
  /** English nouns, parallel to nounsId. */
  nounsEn: string[];
  styles: string[];
  places: string[];
  /** format() patterns over (noun, style, place). */
  titleId: string;
  titleEn: string;
  materials: string[];
  techniques: string[];
  priceLo: number;
  priceHi: number;
  /** Typical length, width, height in cm and weight in grams; each listing scales them. */
  dims: [number, number, number];
  weight: number;
  option: string;
  optionValues: [string, string, string];
}

const SIZES: [string, string, string] = ['Kecil', 'Sedang', 'Besar'];

const CRAFTS: Craft[] = [
  {
    slug: 'endek',
    nounsId: ['Kain endek', 'Selendang endek', 'Kemeja endek', 'Kamen endek', 'Syal endek', 'Taplak endek'],
    nounsEn: ['Endek cloth', 'Endek shawl', 'Endek shirt', 'Endek sarong', 'Endek scarf', 'Endek table runner'],
    styles: ['cepuk', 'patra', 'keker', 'wajik', 'rang-rang', 'sekar jagat', 'poleng', 'encak saji', 'mas-masan'],
    places: ['Sidemen', 'Gelgel', 'Gianyar', 'Klungkung', 'Denpasar'],
    titleId: '%s motif %s %s',
    titleEn: '%s, %s motif, %s',
    materials: ['katun', 'sutra', 'rayon'],
    techniques: ['tenun ikat', 'ikat pakan', 'pewarna alam', 'tenun atbm'],
    priceLo: 250_000, priceHi: 2_500_000, dims: [200, 110, 1], weight: 450,
    option: 'Warna', optionValues: ['Merah marun', 'Biru indigo', 'Hijau daun'],
  },
  {
    slug: 'songket',
    nounsId: ['Kain songket', 'Selendang songket', 'Kamen songket', 'Saput songket'],
    nounsEn: ['Songket cloth', 'Songket shawl', 'Songket sarong', 'Songket overskirt'],
    styles: ['bunga emas', 'cakra', 'patra punggel', 'wayang', 'ceplok', 'kuskusan'],
    places: ['Sidemen', 'Klungkung', 'Negara', 'Beratan', 'Jembrana'],
    titleId: '%s motif %s %s',
    titleEn: '%s, %s motif, %s',
    materials: ['sutra', 'katun', 'benang emas', 'benang perak'],
    techniques: ['tenun songket', 'tenun tangan', 'sulam benang emas'],
    priceLo: 1_000_000, priceHi: 12_000_000, dims: [200, 100, 1], weight: 600,
    option: 'Warna', optionValues: ['Merah emas', 'Hitam emas', 'Ungu perak'],
  },
  {
    slug: 'gringsing',
    nounsId: ['Kain gringsing', 'Selendang gringsing', 'Sabuk gringsing'],
    nounsEn: ['Gringsing cloth', 'Gringsing shawl', 'Gringsing sash'],
    styles: ['lubeng', 'wayang kebo', 'cemplong', 'sanan empeg', 'cecempakaan', 'isi'],
    places: ['Tenganan Pegringsingan'],
    titleId: '%s motif %s %s',
    titleEn: '%s, %s motif, %s',
    materials: ['katun', 'benang kapas'],
    techniques: ['ikat ganda', 'pewarna alam', 'tenun tangan'],
    priceLo: 2_500_000, priceHi: 15_000_000, dims: [180, 50, 1], weight: 300,
    option: 'Warna', optionValues: ['Merah soga', 'Hitam', 'Kuning gading'],
  },
  {
    slug: 'silver-jewellery',
    nounsId: ['Cincin perak', 'Anting perak', 'Kalung perak', 'Gelang perak', 'Bros perak', 'Liontin perak'],
    nounsEn: ['Silver ring', 'Silver earrings', 'Silver necklace', 'Silver bracelet', 'Silver brooch', 'Silver pendant'],
    styles: ['jawan', 'granulasi', 'filigri', 'bunga jepun', 'naga', 'kupu-kupu', 'batu garnet', 'mutiara'],
    places: ['Celuk', 'Singapadu', 'Sukawati'],
    titleId: '%s %s khas %s',
    titleEn: '%s, %s, from %s',
    materials: ['perak', 'perak 925', 'batu garnet', 'mutiara'],
    techniques: ['jawan', 'granulasi', 'filigri', 'tempa', 'ukir logam'],
    priceLo: 150_000, priceHi: 3_500_000, dims: [5, 3, 2], weight: 30,
    option: 'Ukuran', optionValues: ['S', 'M', 'L'],
  },
  {
    slug: 'gold-jewellery',
    nounsId: ['Cincin emas', 'Anting emas', 'Kalung emas', 'Gelang emas', 'Liontin emas'],
    nounsEn: ['Gold ring', 'Gold earrings', 'Gold necklace', 'Gold bracelet', 'Gold pendant'],
    styles: ['jawan', 'granulasi', 'bunga cempaka', 'naga', 'berlian'],
    places: ['Celuk', 'Kamasan'],
    titleId: '%s %s khas %s',
    titleEn: '%s, %s, from %s',
    materials: ['emas', 'emas 18k', 'emas 22k', 'berlian'],
    techniques: ['jawan', 'granulasi', 'tempa', 'cor'],
    priceLo: 1_500_000, priceHi: 15_000_000, dims: [5, 3, 2], weight: 20,
    option: 'Ukuran', optionValues: ['S', 'M', 'L'],
  },
  {
    slug: 'wood-carving',
    nounsId: ['Patung kayu', 'Topeng kayu', 'Relief kayu', 'Garuda kayu', 'Patung Dewi Saraswati', 'Panel ukir'],
    nounsEn: ['Wooden statue', 'Wooden mask', 'Wood relief', 'Wooden Garuda', 'Saraswati statue', 'Carved panel'],
    styles: ['gaya Mas', 'gaya Ubud', 'klasik', 'modern', 'bunga teratai', 'naga'],
    places: ['Mas', 'Ubud', 'Tegallalang', 'Peliatan'],
    titleId: '%s %s dari %s',
    titleEn: '%s (%s), %s',
    materials: ['kayu', 'kayu suar', 'kayu jati', 'kayu cempaka', 'kayu waru'],
    techniques: ['ukir', 'pahat', 'finishing natural', 'prada'],
    priceLo: 100_000, priceHi: 8_000_000, dims: [30, 15, 15], weight: 1500,
    option: 'Ukuran', optionValues: SIZES,
  },
  {
    slug: 'stone-carving',
    nounsId: ['Patung batu', 'Relief batu paras', 'Arca Ganesha', 'Pancuran batu', 'Lampion batu'],
    nounsEn: ['Stone statue', 'Paras stone relief', 'Ganesha statue', 'Stone fountain', 'Stone lantern'],
    styles: ['gaya Batubulan', 'klasik', 'modern', 'Dewi Sri', 'Buddha'],
    places: ['Batubulan', 'Silakarang', 'Gianyar'],
    titleId: '%s %s dari %s',
    titleEn: '%s (%s), %s',
    materials: ['batu paras', 'batu candi', 'batu lahar', 'batu padas'],
    techniques: ['pahat', 'ukir', 'finishing alami'],
    priceLo: 250_000, priceHi: 15_000_000, dims: [40, 30, 30], weight: 15000,
    option: 'Ukuran', optionValues: SIZES,
  },
  {
    slug: 'kamasan-painting',
    nounsId: ['Lukisan Kamasan', 'Lukisan wayang Kamasan', 'Ider-ider', 'Kalender Bali tika'],
    nounsEn: ['Kamasan painting', 'Kamasan wayang painting', 'Ider-ider temple banner', 'Balinese tika calendar'],
    styles: ['Ramayana', 'Mahabharata', 'Sutasoma', 'Tantri', 'Pelelintangan'],
    places: ['Kamasan', 'Klungkung'],
    titleId: '%s kisah %s, %s',
    titleEn: '%s, %s story, %s',
    materials: ['kain belacu', 'cat alami', 'kanvas'],
    techniques: ['lukis tangan', 'pewarna alam', 'gaya wayang'],
    priceLo: 500_000, priceHi: 10_000_000, dims: [100, 60, 2], weight: 800,
    option: 'Ukuran', optionValues: SIZES,
  },
  {
    slug: 'contemporary-painting',
    nounsId: ['Lukisan kanvas', 'Lukisan akrilik', 'Lukisan cat minyak', 'Lukisan abstrak'],
    nounsEn: ['Canvas painting', 'Acrylic painting', 'Oil painting', 'Abstract painting'],
    styles: ['sawah', 'penari legong', 'pura', 'pantai Sanur', 'Barong', 'potret'],
    places: ['Ubud', 'Denpasar', 'Sanur', 'Batuan'],
    titleId: '%s %s karya perupa %s',
    titleEn: '%s: %s, by a %s painter',
    materials: ['kanvas', 'cat akrilik', 'cat minyak'],
    techniques: ['lukis tangan', 'palet', 'gaya batuan', 'impasto'],
    priceLo: 750_000, priceHi: 15_000_000, dims: [80, 60, 3], weight: 1500,
    option: 'Ukuran', optionValues: SIZES,
  },
  {
    slug: 'uang-kepeng',
    nounsId: ['Uang kepeng', 'Patung uang kepeng', 'Hiasan uang kepeng', 'Sesaji uang kepeng'],
    nounsEn: ['Kepeng coins', 'Kepeng coin figure', 'Kepeng coin ornament', 'Kepeng coin offering'],
    styles: ['Dewi Sri', 'rambut sedana', 'cili', 'bintang'],
    places: ['Kamasan', 'Klungkung'],
    titleId: '%s %s %s',
    titleEn: '%s, %s, %s',
    materials: ['kuningan', 'tembaga', 'benang'],
    techniques: ['cor', 'rangkai', 'tempa'],
    priceLo: 25_000, priceHi: 1_000_000, dims: [20, 10, 2], weight: 200,
    option: 'Ukuran', optionValues: SIZES,
  },
  {
    slug: 'iron-craft',
    nounsId: ['Keris', 'Pisau tempa', 'Lampu besi', 'Hiasan dinding besi', 'Pahat ukir'],
    nounsEn: ['Keris dagger', 'Forged knife', 'Iron lamp', 'Iron wall decor', 'Carving chisel'],
    styles: ['pamor', 'tempa tradisional', 'ukir', 'minimalis'],
    places: ['Tabanan', 'Kediri', 'Marga'],
    titleId: '%s %s pande %s',
    titleEn: '%s, %s, smith of %s',
    materials: ['besi', 'baja', 'kayu', 'kuningan'],
    techniques: ['tempa', 'pande', 'las', 'ukir logam'],
    priceLo: 100_000, priceHi: 5_000_000, dims: [40, 10, 5], weight: 800,
    option: 'Ukuran', optionValues: SIZES,
  },
  {
    slug: 'pejaten-pottery',
    nounsId: ['Vas gerabah', 'Piring keramik', 'Guci gerabah', 'Cangkir keramik', 'Celengan gerabah', 'Pot tanah liat'],
    nounsEn: ['Terracotta vase', 'Ceramic plate', 'Earthenware jar', 'Ceramic cup', 'Terracotta piggy bank', 'Clay pot'],
    styles: ['hijau celadon', 'terakota', 'motif tumpal', 'polos', 'bunga'],
    places: ['Pejaten', 'Tabanan'],
    titleId: '%s %s %s',
    titleEn: '%s, %s, %s',
    materials: ['tanah liat', 'keramik', 'glasir'],
    techniques: ['gerabah putar', 'cetak tangan', 'bakar tungku', 'glasir'],
    priceLo: 25_000, priceHi: 1_500_000, dims: [20, 20, 25], weight: 1200,
    option: 'Warna', optionValues: ['Terakota', 'Hijau celadon', 'Putih gading'],
  },
  {
    slug: 'bamboo-craft',
    nounsId: ['Kursi bambu', 'Keranjang bambu', 'Lampu bambu', 'Sokasi bambu', 'Rak bambu', 'Tikar bambu'],
    nounsEn: ['Bamboo chair', 'Bamboo basket', 'Bamboo lamp', 'Sokasi bamboo box', 'Bamboo shelf', 'Bamboo mat'],
    styles: ['anyaman', 'tingkat', 'minimalis', 'motif ulat'],
    places: ['Bangli', 'Kayubihi', 'Jembrana'],
    titleId: '%s %s %s',
    titleEn: '%s, %s, %s',
    materials: ['bambu', 'bambu tali', 'rotan'],
    techniques: ['anyam', 'raut', 'ikat', 'finishing natural'],
    priceLo: 50_000, priceHi: 3_500_000, dims: [45, 45, 80], weight: 4000,
    option: 'Ukuran', optionValues: SIZES,
  },
  {
    slug: 'ata-basketry',
    nounsId: ['Tas ata', 'Keranjang ata', 'Dompet ata', 'Tatakan ata', 'Bokor ata'],
    nounsEn: ['Ata bag', 'Ata basket', 'Ata purse', 'Ata placemat', 'Ata bowl'],
    styles: ['bulat', 'anyaman rapat', 'motif kotak', 'asap'],
    places: ['Tenganan', 'Bugbug', 'Karangasem'],
    titleId: '%s %s %s',
    titleEn: '%s, %s, %s',
    materials: ['rumput ata', 'daun lontar', 'kulit'],
    techniques: ['anyam', 'pengasapan', 'jahit'],
    priceLo: 50_000, priceHi: 900_000, dims: [30, 10, 25], weight: 350,
    option: 'Ukuran', optionValues: SIZES,
  },
];

/** What each regency is known for (DESIGN.md), and how many of the 400 artisans live there. */
const REGENCY_CRAFTS: Record<Regency, { crafts: string[]; weight: number }> = {
  gianyar: { crafts: ['silver-jewellery', 'wood-carving', 'stone-carving', 'gold-jewellery', 'endek'], weight: 90 },
  klungkung: { crafts: ['songket', 'endek', 'kamasan-painting', 'uang-kepeng'], weight: 60 },
  karangasem: { crafts: ['endek', 'gringsing', 'ata-basketry'], weight: 55 },
  denpasar: { crafts: ['endek', 'contemporary-painting', 'silver-jewellery'], weight: 45 },
  badung: { crafts: ['contemporary-painting', 'silver-jewellery', 'wood-carving'], weight: 40 },
  tabanan: { crafts: ['iron-craft', 'pejaten-pottery'], weight: 35 },
  bangli: { crafts: ['bamboo-craft', 'wood-carving'], weight: 30 },
  buleleng: { crafts: ['songket', 'endek', 'bamboo-craft'], weight: 25 },
  jembrana: { crafts: ['songket', 'bamboo-craft'], weight: 20 },
};

const FIRST_NAMES = ['Wayan', 'Made', 'Nyoman', 'Ketut', 'Putu', 'Kadek', 'Komang', 'Gede', 'Ni Luh', 'Ayu'];
const LAST_NAMES = ['Sukerta', 'Astawa', 'Suardana', 'Mertayasa', 'Widiantara', 'Sudarsana', 'Arsana', 'Wirawan', 'Pradnyani',
  'Sriasih', 'Darmawan', 'Suastika', 'Juliantara', 'Kartika', 'Adnyana'];
const SHOP_WORD: Record<string, string> = {
  endek: 'Tenun', songket: 'Songket', gringsing: 'Tenun Gringsing', 'silver-jewellery': 'Perak', 'gold-jewellery': 'Emas',
  'wood-carving': 'Ukiran', 'stone-carving': 'Pahat Batu', 'kamasan-painting': 'Sanggar Lukis', 'contemporary-painting': 'Galeri',
  'uang-kepeng': 'Kepeng', 'iron-craft': 'Pande Besi', 'pejaten-pottery': 'Gerabah', 'bamboo-craft': 'Bambu', 'ata-basketry': 'Anyaman Ata',
};

export interface CatalogueOptions {
  artisans: number;
  listings: number;
}

export interface GeneratedArtisan {
  id: string;
  userId: string;
  regency: Regency;
  craft: string;
}

export interface Catalogue {
  artisans: GeneratedArtisan[];
  listings: number;
  variants: number;
  /** Listings whose every variant has stock 0. */
  outOfStock: number;
  seconds: number;
}

/**
 * Writes `artisans` verified shops spread over the nine regencies and `listings` published
 * listings (1–3 variants each) into catalog.artisans/listings/variants, in one transaction.
 * No outbox events: the index learns of them only through a reindex.
 */
export async function generateCatalogue(databaseUrl: string, opts: CatalogueOptions): Promise<Catalogue> {
  const started = performance.now();
  const artisans = planArtisans(opts.artisans);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    // A bench database: losing the commit on a crash costs nothing; waiting for the flush does.
    await client.query('SET LOCAL synchronous_commit = off');
    await client.query('SELECT setseed(0.4242)');
    await client.query(
      `CREATE TEMP TABLE bench_crafts ON COMMIT DROP AS
       SELECT t.n::int AS n, c->>'slug' AS slug, cat.id AS category_id,
              ARRAY(SELECT jsonb_array_elements_text(c->'nounsId')) AS nouns_id,
              ARRAY(SELECT jsonb_array_elements_text(c->'nounsEn')) AS nouns_en,
              ARRAY(SELECT jsonb_array_elements_text(c->'styles')) AS styles,
              ARRAY(SELECT jsonb_array_elements_text(c->'places')) AS places,
              c->>'titleId' AS title_id_fmt, c->>'titleEn' AS title_en_fmt,
              ARRAY(SELECT jsonb_array_elements_text(c->'materials')) AS materials,
              ARRAY(SELECT jsonb_array_elements_text(c->'techniques')) AS techniques,
              (c->>'priceLo')::float8 AS price_lo, (c->>'priceHi')::float8 AS price_hi,
              ARRAY(SELECT jsonb_array_elements_text(c->'dims')::float8) AS dims, (c->>'weight')::float8 AS weight,
              c->>'option' AS opt_name, ARRAY(SELECT jsonb_array_elements_text(c->'optionValues')) AS opt_values
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(c, n)
       JOIN catalog.categories cat ON cat.slug = c->>'slug'`,
      [JSON.stringify(CRAFTS)],
    );
    const leaves = await client.query(
      `SELECT count(*)::int AS leaves, (SELECT count(*)::int FROM bench_crafts) AS known
       FROM catalog.categories c WHERE NOT EXISTS (SELECT 1 FROM catalog.categories k WHERE k.parent_id = c.id)`,
    );
    if (leaves.rows[0].leaves !== CRAFTS.length || leaves.rows[0].known !== CRAFTS.length) {
      throw new Error(`taxonomy mismatch: ${leaves.rows[0].leaves} leaves seeded, ${leaves.rows[0].known} of ${CRAFTS.length} crafts matched`);
    }

    const cols = {
      id: artisans.map((a) => a.id),
      userId: artisans.map((a) => a.userId),
      name: artisans.map((a) => a.shopName),
      slug: artisans.map((a) => a.shopSlug),
      regency: artisans.map((a) => a.regency),
      craft: artisans.map((a) => a.craft),
    };
    await client.query(
      `INSERT INTO catalog.artisans (id, user_id, shop_name, shop_slug, story, regency, craft_types,
         bank_name, bank_account_name, bank_account_number, status, verified_at, created_at, updated_at)
       SELECT t.id, t.user_id, t.shop_name, t.shop_slug,
              format('Kami perajin %s dari %s, meneruskan keahlian keluarga turun-temurun.', lower(replace(t.craft, '-', ' ')), initcap(t.regency)),
              t.regency, ARRAY[t.craft], 'BPD Bali', t.shop_name, lpad((1000000000 + t.ord)::text, 10, '0'),
              'verified', now() - interval '400 days', now() - interval '420 days', now() - interval '400 days'
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY
            AS t(id, user_id, shop_name, shop_slug, regency, craft, ord)`,
      [cols.id, cols.userId, cols.name, cols.slug, cols.regency, cols.craft],
    );
    await client.query(
      `CREATE TEMP TABLE bench_artisans ON COMMIT DROP AS
       SELECT (t.ord - 1)::int AS n, t.id, t.shop_name, t.regency, c.n AS craft_n
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(id, shop_name, regency, craft, ord)
       JOIN bench_crafts c ON c.slug = t.craft`,
      [cols.id, cols.name, cols.regency, cols.craft],
    );

    // Listing g belongs to artisan g mod N; 85% are the artisan's own craft, the rest any leaf.
    await client.query(
      `CREATE TEMP TABLE bench_gen ON COMMIT DROP AS
       WITH picks AS MATERIALIZED (
         SELECT g, a.id AS artisan_id, a.regency, a.shop_name,
                CASE WHEN random() < 0.85 THEN a.craft_n ELSE 1 + floor(random() * $2)::int END AS cn,
                random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
                random() AS r7, random() AS r8, random() AS r9, random() AS r10, random() AS r11, random() AS r12,
                random() AS r13, random() AS r14, random() AS r15, random() AS r16
         FROM generate_series(1, $1) g JOIN bench_artisans a ON a.n = g % $3
       ), chosen AS (
         SELECT p.g, p.artisan_id, p.regency, p.shop_name, c.category_id, c.n AS cn,
                c.nouns_id[1 + floor(p.r1 * cardinality(c.nouns_id))::int] AS noun_id,
                c.nouns_en[1 + floor(p.r1 * cardinality(c.nouns_en))::int] AS noun_en,
                c.styles[1 + floor(p.r2 * cardinality(c.styles))::int] AS style,
                c.places[1 + floor(p.r3 * cardinality(c.places))::int] AS place,
                c.title_id_fmt, c.title_en_fmt,
                CASE WHEN p.r13 < 0.4 AND floor(p.r4 * cardinality(c.materials)) <> floor(p.r5 * cardinality(c.materials))
                     THEN ARRAY[c.materials[1 + floor(p.r4 * cardinality(c.materials))::int], c.materials[1 + floor(p.r5 * cardinality(c.materials))::int]]
                     ELSE ARRAY[c.materials[1 + floor(p.r4 * cardinality(c.materials))::int]] END AS materials,
                CASE WHEN p.r14 < 0.5 AND floor(p.r6 * cardinality(c.techniques)) <> floor(p.r15 * cardinality(c.techniques))
                     THEN ARRAY[c.techniques[1 + floor(p.r6 * cardinality(c.techniques))::int], c.techniques[1 + floor(p.r15 * cardinality(c.techniques))::int]]
                     ELSE ARRAY[c.techniques[1 + floor(p.r6 * cardinality(c.techniques))::int]] END AS techniques,
                round((c.dims[1] * (0.7 + p.r7 * 0.8))::numeric, 1) AS length_cm,
                round((c.dims[2] * (0.7 + p.r7 * 0.8))::numeric, 1) AS width_cm,
                round((c.dims[3] * (0.7 + p.r7 * 0.8))::numeric, 1) AS height_cm,
                greatest(1, round(c.weight * (0.7 + p.r7 * 0.8)))::int AS weight_grams,
                -- log-uniform between the craft's bounds, whole thousands of rupiah
                (round(exp(ln(c.price_lo) + p.r8 * (ln(c.price_hi) - ln(c.price_lo))) / 1000) * 1000)::bigint AS base_price,
                p.r9 < 0.08 AS out_of_stock,
                1 + floor(p.r10 * 3)::int AS nvar,
                p.r11 < 0.2 AS indonesian_only,
                -- most listings sell a little, a few sell a lot
                floor(power(p.r16, 4) * 800)::int AS units_sold,
                now() - p.r12 * interval '365 days' AS published_at
         FROM picks p JOIN bench_crafts c ON c.n = p.cn
       )
       SELECT gen_random_uuid() AS id, ch.*,
              format(ch.title_id_fmt, ch.noun_id, ch.style, ch.place) AS title_id,
              CASE WHEN ch.indonesian_only THEN NULL ELSE format(ch.title_en_fmt, ch.noun_en, ch.style, ch.place) END AS title_en
       FROM chosen ch`,
      [opts.listings, CRAFTS.length, opts.artisans],
    );
    await client.query(
      `INSERT INTO catalog.listings (id, artisan_id, status, title_id, title_en, description_id, description_en, category_id,
         materials, techniques, regency, length_cm, width_cm, height_cm, weight_grams, handmade, version, units_sold,
         submitted_at, published_at, created_at, updated_at)
       SELECT b.id, b.artisan_id, 'published', b.title_id, b.title_en,
              format('%s. Dibuat dengan tangan oleh %s di %s, Bali. Bahan: %s. Teknik: %s. Ukuran %s x %s x %s cm, berat %s gram. '
                     'Setiap karya unik; warna dan motif bisa sedikit berbeda dari foto.',
                     b.title_id, b.shop_name, initcap(b.regency), array_to_string(b.materials, ', '),
                     array_to_string(b.techniques, ', '), b.length_cm, b.width_cm, b.height_cm, b.weight_grams),
              CASE WHEN b.title_en IS NULL THEN NULL ELSE
                format('%s. Handmade by %s in %s, Bali. Materials: %s. Techniques: %s. About %s x %s x %s cm, %s g. '
                       'Every piece is unique; colours and patterns may differ slightly from the photos.',
                       b.title_en, b.shop_name, initcap(b.regency), array_to_string(b.materials, ', '),
                       array_to_string(b.techniques, ', '), b.length_cm, b.width_cm, b.height_cm, b.weight_grams) END,
              b.category_id, b.materials, b.techniques, b.regency, b.length_cm, b.width_cm, b.height_cm, b.weight_grams, true, 1, b.units_sold,
              b.published_at - interval '1 day', b.published_at, b.published_at - interval '2 days', b.published_at
       FROM bench_gen b`,
    );
    const variants = await client.query(
      `INSERT INTO catalog.variants (id, listing_id, artisan_id, sku, options, price, stock, position, created_at, updated_at)
       SELECT gen_random_uuid(), b.id, b.artisan_id, 'BK' || b.g || '-' || v,
              CASE WHEN b.nvar = 1 THEN '{}'::jsonb ELSE jsonb_build_object(c.opt_name, c.opt_values[v]) END,
              least(15000000, round(b.base_price * (1 + 0.25 * (v - 1)) / 1000) * 1000)::bigint,
              CASE WHEN b.out_of_stock THEN 0 ELSE floor(random() * 51)::int END,
              v - 1, b.published_at, b.published_at
       FROM bench_gen b JOIN bench_crafts c ON c.n = b.cn CROSS JOIN LATERAL generate_series(1, b.nvar) v`,
    );
    const oos = await client.query(
      `SELECT count(*)::int AS n FROM (SELECT listing_id FROM catalog.variants GROUP BY listing_id HAVING max(stock) = 0) x`,
    );
    await client.query('COMMIT');
    // Fresh statistics, so the reindex's reads are planned for 100k rows, not for an empty table.
    await client.query('ANALYZE catalog.artisans, catalog.listings, catalog.variants');
    return {
      artisans: artisans.map(({ id, userId, regency, craft }) => ({ id, userId, regency, craft })),
      listings: opts.listings,
      variants: variants.rowCount ?? 0,
      outOfStock: oos.rows[0].n,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** `count` artisans: regencies by weight, each artisan one of its regency's crafts. */
function planArtisans(count: number): Array<GeneratedArtisan & { shopName: string; shopSlug: string }> {
  const total = REGENCY_SLUGS.reduce((sum, r) => sum + REGENCY_CRAFTS[r].weight, 0);
  const slots: Regency[] = [];
  for (const r of REGENCY_SLUGS) {
    const share = Math.max(1, Math.round((REGENCY_CRAFTS[r].weight / total) * count));
    for (let i = 0; i < share; i++) slots.push(r);
  }
  return Array.from({ length: count }, (_, i) => {
    const regency = slots[i % slots.length];
    const crafts = REGENCY_CRAFTS[regency].crafts;
    const craft = crafts[i % crafts.length];
    const shopName = `${SHOP_WORD[craft]} ${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 7) % LAST_NAMES.length]}`;
    const shopSlug = `${shopName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${i + 1}`;
    return { id: newId(), userId: newId(), regency, craft, shopName, shopSlug };
  });
}
