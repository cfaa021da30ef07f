// Indonesia's 38 provinces (as of 2022) and the shipping zone each lies in, seen from Bali.

export const ZONES = ['bali', 'java', 'nusa-tenggara', 'sumatra', 'kalimantan', 'sulawesi', 'east'] as const;
export type Zone = (typeof ZONES)[number];

/** Official names, as stored on an address, with their zone. */
export const PROVINCE_ZONES: Readonly<Record<string, Zone>> = {
  Aceh: 'sumatra',
  'Sumatera Utara': 'sumatra',
  'Sumatera Barat': 'sumatra',
  Riau: 'sumatra',
  'Kepulauan Riau': 'sumatra',
  Jambi: 'sumatra',
  'Sumatera Selatan': 'sumatra',
  'Kepulauan Bangka Belitung': 'sumatra',
  Bengkulu: 'sumatra',
  Lampung: 'sumatra',
  'DKI Jakarta': 'java',
  'Jawa Barat': 'java',
  Banten: 'java',
  'Jawa Tengah': 'java',
  'DI Yogyakarta': 'java',
  'Jawa Timur': 'java',
  Bali: 'bali',
  'Nusa Tenggara Barat': 'nusa-tenggara',
  'Nusa Tenggara Timur': 'nusa-tenggara',
  'Kalimantan Barat': 'kalimantan',
  'Kalimantan Tengah': 'kalimantan',
  'Kalimantan Selatan': 'kalimantan',
  'Kalimantan Timur': 'kalimantan',
  'Kalimantan Utara': 'kalimantan',
  'Sulawesi Utara': 'sulawesi',
  Gorontalo: 'sulawesi',
  'Sulawesi Tengah': 'sulawesi',
  'Sulawesi Barat': 'sulawesi',
  'Sulawesi Selatan': 'sulawesi',
  'Sulawesi Tenggara': 'sulawesi',
  Maluku: 'east',
  'Maluku Utara': 'east',
  Papua: 'east',
  'Papua Barat': 'east',
  'Papua Barat Daya': 'east',
  'Papua Selatan': 'east',
  'Papua Tengah': 'east',
  'Papua Pegunungan': 'east',
};

export const PROVINCES = Object.keys(PROVINCE_ZONES);

// What people also type: older spellings, the usual abbreviations, English names.
const ALIASES: Record<string, string> = {
  'nanggroe aceh darussalam': 'Aceh',
  nad: 'Aceh',
  sumut: 'Sumatera Utara',
  'sumatra utara': 'Sumatera Utara',
  'north sumatra': 'Sumatera Utara',
  sumbar: 'Sumatera Barat',
  'sumatra barat': 'Sumatera Barat',
  'west sumatra': 'Sumatera Barat',
  kepri: 'Kepulauan Riau',
  'riau islands': 'Kepulauan Riau',
  sumsel: 'Sumatera Selatan',
  'sumatra selatan': 'Sumatera Selatan',
  'south sumatra': 'Sumatera Selatan',
  'bangka belitung': 'Kepulauan Bangka Belitung',
  babel: 'Kepulauan Bangka Belitung',
  'bangka belitung islands': 'Kepulauan Bangka Belitung',
  jakarta: 'DKI Jakarta',
  'daerah khusus ibukota jakarta': 'DKI Jakarta',
  'daerah khusus jakarta': 'DKI Jakarta',
  dkj: 'DKI Jakarta',
  jabar: 'Jawa Barat',
  'west java': 'Jawa Barat',
  jateng: 'Jawa Tengah',
  'central java': 'Jawa Tengah',
  yogyakarta: 'DI Yogyakarta',
  diy: 'DI Yogyakarta',
  'daerah istimewa yogyakarta': 'DI Yogyakarta',
  jogja: 'DI Yogyakarta',
  jatim: 'Jawa Timur',
  'east java': 'Jawa Timur',
  ntb: 'Nusa Tenggara Barat',
  'west nusa tenggara': 'Nusa Tenggara Barat',
  ntt: 'Nusa Tenggara Timur',
  'east nusa tenggara': 'Nusa Tenggara Timur',
  kalbar: 'Kalimantan Barat',
  'west kalimantan': 'Kalimantan Barat',
  kalteng: 'Kalimantan Tengah',
  'central kalimantan': 'Kalimantan Tengah',
  kalsel: 'Kalimantan Selatan',
  'south kalimantan': 'Kalimantan Selatan',
  kaltim: 'Kalimantan Timur',
  'east kalimantan': 'Kalimantan Timur',
  kaltara: 'Kalimantan Utara',
  'north kalimantan': 'Kalimantan Utara',
  sulut: 'Sulawesi Utara',
  'north sulawesi': 'Sulawesi Utara',
  sulteng: 'Sulawesi Tengah',
  'central sulawesi': 'Sulawesi Tengah',
  sulbar: 'Sulawesi Barat',
  'west sulawesi': 'Sulawesi Barat',
  sulsel: 'Sulawesi Selatan',
  'south sulawesi': 'Sulawesi Selatan',
  sultra: 'Sulawesi Tenggara',
  'southeast sulawesi': 'Sulawesi Tenggara',
  malut: 'Maluku Utara',
  'north maluku': 'Maluku Utara',
  'west papua': 'Papua Barat',
  'southwest papua': 'Papua Barat Daya',
  'south papua': 'Papua Selatan',
  'central papua': 'Papua Tengah',
  'highland papua': 'Papua Pegunungan',
};

const normalize = (s: string): string =>
  s
    .toLowerCase()
    .replace(/\./g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(provinsi|propinsi|province of|prov) /, '')
    .replace(/ province$/, '')
    .replace(/^d i /, 'di ')
    .replace(/^d k i /, 'dki ');

const LOOKUP = new Map<string, string>([
  ...PROVINCES.map((p): [string, string] => [normalize(p), p]),
  ...Object.entries(ALIASES),
]);

/** The official name of a province as typed (any case, common abbreviations), or null. */
export function canonicalProvince(input: string): string | null {
  return LOOKUP.get(normalize(input)) ?? null;
}

/** The zone of a province as typed, or null when it is not one of Indonesia's. */
export function zoneOf(province: string): Zone | null {
  const name = canonicalProvince(province);
  return name ? PROVINCE_ZONES[name] : null;
}
