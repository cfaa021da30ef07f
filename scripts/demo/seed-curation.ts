import { DEMO_ARTISANS } from './catalogue';
import { Api, demoPhoto } from './seed-catalogue';

// What the council curates on the demo marketplace, through the REST API like a curator would:
// provenance marks, two featured collections, the Tuesday endek campaign (live now) and an online
// exhibition that opens tomorrow. Skipped when the first collection exists.

interface Card { id: string; title: { id: string } }
interface ShopPage { shop: { id: string }; listings: { items: Card[] } }

const DAY_MS = 86_400_000;
/** A moment as Bali's wall clock reads it ('YYYY-MM-DDTHH:mm', WITA), which the campaign API takes. */
const wita = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

async function upload(api: Api, path: string, token: string, palette: [string, string]): Promise<void> {
  const form = new FormData();
  form.append('file', new Blob([await demoPhoto(palette, 1200)], { type: 'image/jpeg' }), 'sampul.jpg');
  await api.ok('PUT', path, token, form);
}

export async function seedCuration(gatewayUrl: string, curatorEmail: string, password: string): Promise<string[]> {
  const api = new Api(gatewayUrl);
  if ((await api.call('GET', '/collections/wastra-bali', null)).status === 200) return ['Demo curation: already there'];
  const { accessToken: curator } = await api.login(curatorEmail, password);

  const shops = new Map<string, ShopPage>();
  for (const a of DEMO_ARTISANS) shops.set(a.shop.shopSlug, await api.ok<ShopPage>('GET', `/shops/${a.shop.shopSlug}?limit=50`, null));
  const cards = (slug: string) => shops.get(slug)?.listings.items ?? [];
  const ids = (...slugs: string[]) => slugs.flatMap((s) => cards(s).map((c) => c.id));

  // Marks: the council's handmade mark on every demo shop; the geographical indications on the cloth they name.
  const evidence = 'Kunjungan lapangan Dekranasda Provinsi Bali; proses tenun dan bahan diperiksa di bengkel perajin.';
  for (const page of shops.values()) await api.ok('POST', '/curation/marks', curator, { code: 'kriya-bali-asli', artisanId: page.shop.id, evidence });
  for (const id of ids('tenun-endek-sidemen')) await api.ok('POST', '/curation/marks', curator, { code: 'ig-endek-bali', listingId: id, evidence });
  for (const id of ids('gringsing-tenganan')) await api.ok('POST', '/curation/marks', curator, { code: 'ig-gringsing', listingId: id, evidence });

  // Collections, featured on the home page in this order.
  const collections = [
    { slug: 'wastra-bali', title: { id: 'Wastra Bali', en: 'Balinese cloth' }, description: { id: 'Endek, songket dan gringsing dari penenun Sidemen dan Tenganan.', en: 'Endek, songket and gringsing from the weavers of Sidemen and Tenganan.' }, shops: ['tenun-endek-sidemen', 'gringsing-tenganan'], palette: ['#7a1f3d', '#e0b84c'] as [string, string] },
    { slug: 'perak-dan-ukiran', title: { id: 'Perak dan ukiran', en: 'Silver and carving' }, description: { id: 'Perhiasan perak Celuk dan ukiran kayu Mas, dibuat dengan tangan.', en: 'Celuk silver jewellery and Mas wood carving, made by hand.' }, shops: ['perak-celuk-wayan', 'ukiran-kayu-mas'], palette: ['#5b5f6b', '#c0c0c8'] as [string, string] },
  ];
  const collectionIds: string[] = [];
  for (const c of collections) {
    const made = await api.ok<{ id: string }>('POST', '/curation/collections', curator, { slug: c.slug, title: c.title, description: c.description, published: true });
    await api.ok('PUT', `/curation/collections/${made.id}/items`, curator, { listingIds: ids(...c.shops) });
    await upload(api, `/curation/collections/${made.id}/cover`, curator, c.palette);
    collectionIds.push(made.id);
  }
  await api.ok('PUT', '/curation/collections/order', curator, { ids: collectionIds });

  // The Tuesday endek campaign, live for the coming week at 10 % off; an online exhibition from tomorrow, two weeks long.
  const now = Date.now();
  const endek = await api.ok<{ id: string }>('POST', '/curation/campaigns', curator, {
    kind: 'campaign',
    slug: 'selasa-endek',
    title: { id: 'Selasa Endek', en: 'Endek Tuesday' },
    description: { id: 'Setiap Selasa kita berbusana endek (SE Gubernur Bali 4/2021): kain endek Sidemen diskon 10%.', en: 'Every Tuesday Bali wears endek: Sidemen endek cloth 10% off.' },
    startsAt: wita(new Date(now + 60_000)),
    endsAt: wita(new Date(now + 7 * DAY_MS)),
    discountPercent: 10,
  });
  await api.ok('POST', `/curation/campaigns/${endek.id}/members`, curator, { listingIds: ids('tenun-endek-sidemen') });
  await upload(api, `/curation/campaigns/${endek.id}/banner`, curator, ['#1f4e7a', '#e0b84c']);
  const expo = await api.ok<{ id: string }>('POST', '/curation/campaigns', curator, {
    kind: 'exhibition',
    slug: 'pameran-daring-kriya-bali',
    title: { id: 'Pameran Daring Kriya Bali', en: 'Bali Craft Online Exhibition' },
    description: { id: 'Pameran daring dua minggu Dekranasda Provinsi Bali: perak, ukiran, lukisan Kamasan dan gerabah.', en: "The council's two-week online exhibition: silver, carving, Kamasan painting and pottery." },
    startsAt: wita(new Date(now + DAY_MS)),
    endsAt: wita(new Date(now + 15 * DAY_MS)),
  });
  const artisanIds = ['perak-celuk-wayan', 'ukiran-kayu-mas', 'lukisan-kamasan', 'gerabah-pejaten'].map((s) => shops.get(s)!.shop.id);
  await api.ok('POST', `/curation/campaigns/${expo.id}/members`, curator, { artisanIds });
  return [
    `Demo curation: ${shops.size} shops marked kriya-bali-asli, 2 featured collections, "Selasa Endek" live within a minute (10% off endek), an online exhibition from tomorrow`,
    `  home page: ${gatewayUrl.replace('127.0.0.1', 'localhost')}/api/v1/home`,
  ];
}
