// The demo catalogue `npm start` puts on sale: Bali's crafts from the places that make them.

export interface DemoListing {
  title: { id: string; en: string };
  description: { id: string; en: string };
  category: string;
  materials: string[];
  techniques: string[];
  dimensionsCm: { length: number; width: number; height: number };
  /** The parcel as shipped, where it differs from the piece (cloth travels folded). */
  packageCm?: { length: number; width: number; height: number };
  weightGrams: number;
  leadTimeDays?: number;
  variants: Array<{ sku: string; options: Record<string, string>; price: number; stock: number }>;
  /** Two colours for the generated photo. */
  palette: [string, string];
}

export interface DemoArtisan {
  email: string;
  displayName: string;
  shop: { shopName: string; shopSlug: string; story: string; regency: string; craftTypes: string[] };
  listings: DemoListing[];
}

const cloth = { length: 200, width: 110, height: 1 };
// Cloth and shawls ship folded: the parcel, not the cloth, is what couriers and channels measure
// (Lazada refuses packages over 300 cm in length + width + height, createproduct.json 4165).
const foldedCloth = { length: 35, width: 25, height: 4 };
const foldedShawl = { length: 30, width: 20, height: 3 };

export const DEMO_ARTISANS: DemoArtisan[] = [
  {
    email: 'perajin@pasarkriya.id',
    displayName: 'I Wayan Perajin (Celuk)',
    shop: {
      shopName: 'Perak Celuk Wayan',
      shopSlug: 'perak-celuk-wayan',
      story: 'Tiga generasi perajin perak di Desa Celuk, Gianyar. Semua perhiasan dibuat dengan tangan, teknik jawan dan filigree.',
      regency: 'gianyar',
      craftTypes: ['silver-jewellery'],
    },
    listings: [
      {
        title: { id: 'Gelang perak motif jawan buatan Celuk', en: 'Silver bracelet with jawan granulation' },
        description: { id: 'Gelang perak 925 buatan tangan dengan butiran jawan khas Celuk.', en: 'Handmade 925 silver bracelet with the granulation Celuk is known for.' },
        category: 'silver-jewellery',
        materials: ['perak 925'],
        techniques: ['jawan', 'filigree'],
        dimensionsCm: { length: 7, width: 6, height: 1 },
        weightGrams: 45,
        variants: [
          { sku: 'CLK-GLG-S', options: { ukuran: 'S' }, price: 650000, stock: 5 },
          { sku: 'CLK-GLG-M', options: { ukuran: 'M' }, price: 690000, stock: 8 },
          { sku: 'CLK-GLG-L', options: { ukuran: 'L' }, price: 720000, stock: 3 },
        ],
        palette: ['#c0c0c8', '#5b5f6b'],
      },
      {
        title: { id: 'Cincin perak bunga jepun buatan Celuk', en: 'Silver frangipani ring' },
        description: { id: 'Cincin perak 925 berbentuk bunga jepun, dipoles halus.', en: 'A 925 silver ring shaped like a frangipani flower, finely polished.' },
        category: 'silver-jewellery',
        materials: ['perak 925'],
        techniques: ['ukir perak'],
        dimensionsCm: { length: 2, width: 2, height: 1 },
        weightGrams: 8,
        variants: [
          { sku: 'CLK-CCN-7', options: { ukuran: '7' }, price: 275000, stock: 10 },
          { sku: 'CLK-CCN-8', options: { ukuran: '8' }, price: 275000, stock: 6 },
        ],
        palette: ['#d9d9e0', '#8a6d3b'],
      },
    ],
  },
  {
    email: 'tenun@pasarkriya.id',
    displayName: 'Ni Made Tenun (Sidemen)',
    shop: {
      shopName: 'Tenun Endek Sidemen',
      shopSlug: 'tenun-endek-sidemen',
      story: 'Kelompok penenun perempuan di Sidemen, Karangasem. Endek dan songket ditenun dengan alat tenun bukan mesin.',
      regency: 'karangasem',
      craftTypes: ['endek', 'songket'],
    },
    listings: [
      {
        title: { id: 'Kain endek Sidemen motif cepuk', en: 'Sidemen endek cloth, cepuk motif' },
        description: { id: 'Kain endek tenun ikat pakan, pewarna alami, cocok untuk hari Selasa berendek.', en: 'Weft-ikat endek cloth in natural dyes, right for endek Tuesdays.' },
        category: 'endek',
        materials: ['katun', 'pewarna alami'],
        techniques: ['ikat pakan', 'ATBM'],
        dimensionsCm: cloth,
        packageCm: foldedCloth,
        weightGrams: 450,
        variants: [
          { sku: 'SDM-END-MRH', options: { warna: 'merah' }, price: 750000, stock: 4 },
          { sku: 'SDM-END-BRU', options: { warna: 'biru' }, price: 750000, stock: 6 },
        ],
        palette: ['#9e2a2b', '#e0a458'],
      },
      {
        title: { id: 'Selendang songket benang emas', en: 'Songket shawl with gold thread' },
        description: { id: 'Selendang songket dengan benang emas, ditenun sekitar tiga minggu.', en: 'A songket shawl woven with gold thread over about three weeks.' },
        category: 'songket',
        materials: ['sutra', 'benang emas'],
        techniques: ['songket'],
        dimensionsCm: { length: 180, width: 50, height: 1 },
        packageCm: foldedShawl,
        weightGrams: 300,
        leadTimeDays: 21,
        variants: [{ sku: 'SDM-SGK-EMS', options: { warna: 'ungu' }, price: 1850000, stock: 2 }],
        palette: ['#4a1942', '#d4af37'],
      },
    ],
  },
  {
    email: 'gringsing@pasarkriya.id',
    displayName: 'I Nyoman Gringsing (Tenganan)',
    shop: {
      shopName: 'Gringsing Tenganan',
      shopSlug: 'gringsing-tenganan',
      story: 'Kain gringsing ikat ganda dari Desa Tenganan Pegringsingan, satu-satunya di Indonesia.',
      regency: 'karangasem',
      craftTypes: ['gringsing'],
    },
    listings: [
      {
        title: { id: 'Kain gringsing wayang kebo', en: 'Gringsing double-ikat cloth, wayang kebo' },
        description: { id: 'Ikat ganda gringsing motif wayang kebo, pewarna alami dari akar mengkudu.', en: 'Double-ikat gringsing in the wayang kebo motif, dyed with morinda root.' },
        category: 'gringsing',
        materials: ['katun', 'mengkudu'],
        techniques: ['ikat ganda'],
        dimensionsCm: { length: 190, width: 50, height: 1 },
        packageCm: foldedShawl,
        weightGrams: 350,
        variants: [{ sku: 'TNG-GRS-KEBO', options: { motif: 'wayang kebo' }, price: 4500000, stock: 1 }],
        palette: ['#6b2d1a', '#f2e3c6'],
      },
    ],
  },
  {
    email: 'ukir@pasarkriya.id',
    displayName: 'I Ketut Ukir (Mas)',
    shop: {
      shopName: 'Ukiran Kayu Mas',
      shopSlug: 'ukiran-kayu-mas',
      story: 'Pemahat kayu dari Desa Mas, Ubud. Patung dan topeng dari kayu suar dan kayu pule.',
      regency: 'gianyar',
      craftTypes: ['wood-carving'],
    },
    listings: [
      {
        title: { id: 'Topeng Barong kayu pule ukiran Mas', en: 'Barong mask in pule wood' },
        description: { id: 'Topeng Barong diukir dari kayu pule dan diwarnai dengan tangan.', en: 'A Barong mask carved from pule wood and painted by hand.' },
        category: 'wood-carving',
        materials: ['kayu pule'],
        techniques: ['ukir kayu', 'prada'],
        dimensionsCm: { length: 35, width: 25, height: 15 },
        weightGrams: 900,
        variants: [{ sku: 'MAS-TPG-BRG', options: { ukuran: 'sedang' }, price: 1250000, stock: 3 }],
        palette: ['#7f1d1d', '#facc15'],
      },
      {
        title: { id: 'Patung Garuda kayu suar ukiran Mas', en: 'Garuda statue in suar wood' },
        description: { id: 'Patung Garuda Wisnu dari kayu suar, finishing minyak alami.', en: 'A Garuda Wisnu statue in suar wood with a natural oil finish.' },
        category: 'wood-carving',
        materials: ['kayu suar'],
        techniques: ['ukir kayu'],
        dimensionsCm: { length: 30, width: 20, height: 60 },
        weightGrams: 4000,
        leadTimeDays: 30,
        variants: [{ sku: 'MAS-PTG-GRD', options: { tinggi: '60 cm' }, price: 3200000, stock: 1 }],
        palette: ['#78350f', '#fde68a'],
      },
    ],
  },
  {
    email: 'kamasan@pasarkriya.id',
    displayName: 'Ni Wayan Kamasan (Klungkung)',
    shop: {
      shopName: 'Lukisan Kamasan Klungkung',
      shopSlug: 'lukisan-kamasan',
      story: 'Pelukis wayang gaya Kamasan, Klungkung, dengan cat alami di atas kain blacu.',
      regency: 'klungkung',
      craftTypes: ['kamasan-painting', 'uang-kepeng'],
    },
    listings: [
      {
        title: { id: 'Lukisan Kamasan kisah Ramayana', en: 'Kamasan painting of the Ramayana' },
        description: { id: 'Lukisan wayang gaya Kamasan, kisah Ramayana, cat alami di atas kain.', en: 'A Kamasan-style wayang painting of the Ramayana in natural paints on cloth.' },
        category: 'kamasan-painting',
        materials: ['kain blacu', 'cat alami'],
        techniques: ['lukis Kamasan'],
        dimensionsCm: { length: 90, width: 60, height: 1 },
        weightGrams: 500,
        variants: [{ sku: 'KMS-LKS-RMY', options: { ukuran: '90x60' }, price: 2750000, stock: 2 }],
        palette: ['#b45309', '#1e3a8a'],
      },
    ],
  },
  {
    email: 'gerabah@pasarkriya.id',
    displayName: 'I Made Gerabah (Pejaten)',
    shop: {
      shopName: 'Gerabah Pejaten',
      shopSlug: 'gerabah-pejaten',
      story: 'Keramik dan gerabah dari Desa Pejaten, Tabanan, dibakar di tungku kayu.',
      regency: 'tabanan',
      craftTypes: ['pejaten-pottery'],
    },
    listings: [
      {
        title: { id: 'Vas gerabah Pejaten glasir hijau', en: 'Pejaten pottery vase, green glaze' },
        description: { id: 'Vas gerabah dengan glasir hijau celadon khas Pejaten.', en: 'A pottery vase in the celadon green glaze Pejaten is known for.' },
        category: 'pejaten-pottery',
        materials: ['tanah liat'],
        techniques: ['putar', 'glasir'],
        dimensionsCm: { length: 18, width: 18, height: 30 },
        weightGrams: 1500,
        variants: [
          { sku: 'PJT-VAS-HJU', options: { warna: 'hijau' }, price: 385000, stock: 7 },
          { sku: 'PJT-VAS-PTH', options: { warna: 'putih' }, price: 385000, stock: 0 },
        ],
        palette: ['#4d7c0f', '#ecfccb'],
      },
    ],
  },
  {
    email: 'anyaman@pasarkriya.id',
    displayName: 'Ni Ketut Anyaman (Tenganan)',
    shop: {
      shopName: 'Anyaman Ata Karangasem',
      shopSlug: 'anyaman-ata',
      story: 'Tas dan keranjang anyaman ata dari Karangasem, diasap agar awet dan harum.',
      regency: 'karangasem',
      craftTypes: ['ata-basketry', 'bamboo-craft'],
    },
    listings: [
      {
        title: { id: 'Tas bulat anyaman ata Tenganan', en: 'Round ata-grass bag' },
        description: { id: 'Tas bulat anyaman ata dengan kancing kayu, diasap kayu kelapa.', en: 'A round ata-grass bag with a wooden clasp, smoked over coconut wood.' },
        category: 'ata-basketry',
        materials: ['rumput ata'],
        techniques: ['anyam'],
        dimensionsCm: { length: 20, width: 8, height: 20 },
        weightGrams: 300,
        variants: [
          { sku: 'ATA-TAS-20', options: { diameter: '20 cm' }, price: 225000, stock: 12 },
          { sku: 'ATA-TAS-25', options: { diameter: '25 cm' }, price: 265000, stock: 9 },
        ],
        palette: ['#a16207', '#fef3c7'],
      },
    ],
  },
];
