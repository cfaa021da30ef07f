import request from 'supertest';
import { CatalogPatterns, REGENCIES } from '@pk/contracts';
import { newId } from '@pk/core';
import { bootSystem, TestSystem } from './support/apps';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { bearer, register, registerWithRoles, Session } from './support/http';
import { rpcClient } from './support/rpc';
import {
  counts,
  CreatedListing,
  expectIndexEqualsDb,
  FacetCount,
  finishedRun,
  Hit,
  ids,
  indexUid,
  ListingSpec,
  meili,
  publicListings,
  publishListing,
  search,
  searchRequest,
  seedShop,
  Shop,
  waitTask,
} from './support/search';

// Everything here goes through the gateway: listings are created and published by API, so the
// catalog announces them (listing.published with a snapshot) and the search app indexes them
// asynchronously; tests poll with eventually(). The one exception, seeded by SQL, is marked.
describe('search: the public listings index, its API and the curators who keep it', () => {
  let sys: TestSystem;
  let curator: Session;
  let buyer: Session;
  const api = () => request(sys.http);

  beforeAll(async () => {
    // The scheduled reconciler would repair drift the reconcile test makes on purpose.
    sys = await bootSystem('search', { services: ['catalog', 'search'], env: { SEARCH_RECONCILE_SECONDS: '3600' } });
    [curator, buyer] = await Promise.all([registerWithRoles(sys, ['curator']), register(sys)]);
  });
  afterAll(() => sys?.close());

  /** The hits of one shop (the suite's index holds every test's listings). */
  const inShop = (shop: Shop, params: Record<string, string | number | boolean | Array<string | number>> = {}) =>
    search(sys, { shop: shop.slug, limit: 48, ...params });
  const hitOf = async (shop: Shop, id: string, params: Record<string, string | number | boolean | Array<string | number>> = {}): Promise<Hit | undefined> =>
    (await inShop(shop, params)).hits.find((h) => h.id === id);
  const dbVersion = async (id: string) => (await queryDb<{ version: number }>(sys, 'SELECT version FROM catalog.listings WHERE id = $1', [id]))[0].version;
  const publish = (shop: Shop, spec: ListingSpec) => publishListing(sys, shop, curator, spec);

  describe('keeping the index in step with the catalogue', () => {
    it('indexes a listing once it is published, with what a buyer sees on a result card', async () => {
      const shop = await seedShop(sys, { name: 'Tenun Ikat Sidemen Ayu', regency: 'karangasem' });
      const draft = await api()
        .post('/api/v1/listings')
        .set(bearer(shop.session))
        .send({
          title: { id: 'Kain endek draf belum terbit', en: null },
          description: { id: 'Masih disiapkan oleh penenun.', en: null },
          category: 'endek',
          regency: 'karangasem',
          dimensionsCm: { length: 200, width: 110, height: 1 },
          weightGrams: 450,
          variants: [{ sku: `DRAFT-${newId().slice(-8)}`, price: 500000, stock: 1 }],
        })
        .expect(201);
      const listing = await publish(shop, {
        titleId: 'Kain endek Sidemen motif cepuk',
        titleEn: 'Sidemen endek cloth, cepuk motif',
        descriptionId: 'Ditenun dengan tangan di Sidemen, Karangasem, dengan pewarna alami.',
        category: 'endek',
        regency: 'karangasem',
        materials: ['Katun', 'Pewarna Alami'],
        techniques: ['Ikat Pakan'],
        variants: [
          { price: 750000, stock: 4 },
          { price: 825000, stock: 2 },
        ],
      });

      const hit = await eventually(async () => {
        const found = await hitOf(shop, listing.id, { q: 'cepuk' });
        expect(found).toBeDefined();
        return found!;
      });
      const [row] = await queryDb<{ version: number; published_at: Date }>(sys, 'SELECT version, published_at FROM catalog.listings WHERE id = $1', [listing.id]);
      expect(hit).toMatchObject({
        id: listing.id,
        version: row.version,
        title: { id: 'Kain endek Sidemen motif cepuk', en: 'Sidemen endek cloth, cepuk motif' },
        shop: { name: 'Tenun Ikat Sidemen Ayu', slug: shop.slug },
        artisanId: shop.artisanId,
        regency: 'karangasem',
        category: { slug: 'endek', path: ['woven-cloth', 'endek'], names: ['Kain tenun', 'Endek'] },
        materials: ['katun', 'pewarna alami'],
        techniques: ['ikat pakan'],
        price: { min: '750000', max: '825000' },
        inStock: true,
        stockTotal: 6,
        photo: { thumbnail: `/media/${listing.id}/t.webp`, card: `/media/${listing.id}/c.webp`, full: `/media/${listing.id}/f.webp` },
        popularity: 0,
      });
      expect(new Date(hit.publishedAt).toISOString()).toBe(hit.publishedAt);
      expect(new Date(hit.publishedAt).getTime()).toBe(row.published_at.getTime());
      expect(hit.highlight.title).toMatch(/<mark>cepuk<\/mark>/i);

      // The draft was created before the published listing: had it been indexed, it would be there by now.
      const all = await inShop(shop);
      expect(ids(all)).toEqual([listing.id]);
      expect(all.total).toBe(1);
      expect(ids(await search(sys, { q: 'draf belum terbit' }))).not.toContain(draft.body.id);
    });

    it('shows a new title, prices and stock: priceMin/priceMax, inStock and stockTotal follow the catalogue', async () => {
      const shop = await seedShop(sys, { name: 'Endek Gianyar Lestari', regency: 'gianyar' });
      const listing = await publish(shop, {
        titleId: 'Kamben endek motif jumputan',
        descriptionId: 'Kain endek untuk upacara, ditenun di Gianyar.',
        category: 'endek',
        regency: 'gianyar',
        variants: [
          { price: 400000, stock: 3 },
          { price: 450000, stock: 1 },
        ],
      });
      const [v1, v2] = listing.variants;
      await eventually(async () => expect(await hitOf(shop, listing.id)).toMatchObject({ price: { min: '400000', max: '450000' }, stockTotal: 4 }));

      const base = `/api/v1/listings/${listing.id}`;
      await api().patch(base).set(bearer(shop.session)).send({ title: { id: 'Kamben endek motif wajik' } }).expect(200);
      await eventually(async () => {
        const found = await hitOf(shop, listing.id, { q: 'wajik' });
        expect(found).toMatchObject({ title: { id: 'Kamben endek motif wajik', en: null }, version: await dbVersion(listing.id) });
        expect(found!.highlight.title).toMatch(/<mark>wajik<\/mark>/i);
      });
      expect(await hitOf(shop, listing.id, { q: 'jumputan' })).toBeUndefined();

      await api().patch(`${base}/variants/${v1.id}`).set(bearer(shop.session)).send({ price: 520000 }).expect(200);
      await api().post(`${base}/variants`).set(bearer(shop.session)).send({ sku: `${v1.sku}-XL`, options: { ukuran: 'XL' }, price: 1500000, stock: 2 }).expect(201);
      await eventually(async () =>
        expect(await hitOf(shop, listing.id)).toMatchObject({ price: { min: '450000', max: '1500000' }, stockTotal: 6, version: await dbVersion(listing.id) }),
      );
      // The range filter and the price bands see the new prices.
      expect(ids(await inShop(shop, { minPrice: 1_000_000 }))).toEqual([listing.id]);
      expect(ids(await inShop(shop, { priceBand: '250k-500k' }))).toEqual([listing.id]);

      const { body: now } = await api().get(base).set(bearer(shop.session)).expect(200);
      for (const v of now.variants as Array<{ id: string }>) {
        await api().put(`${base}/variants/${v.id}/stock`).set(bearer(shop.session)).send({ stock: 0, note: 'habis terjual' }).expect(200);
      }
      await eventually(async () => expect(await hitOf(shop, listing.id)).toMatchObject({ inStock: false, stockTotal: 0 }));
      expect(ids(await inShop(shop, { inStock: true }))).toEqual([]);
      expect(ids(await inShop(shop, { inStock: false }))).toEqual([listing.id]);

      await api().put(`${base}/variants/${v2.id}/stock`).set(bearer(shop.session)).send({ stock: 5 }).expect(200);
      await eventually(async () => expect(await hitOf(shop, listing.id, { inStock: true })).toMatchObject({ inStock: true, stockTotal: 5 }));
    });

    it('drops unpublished and archived listings and every listing of a suspended shop; reinstating brings them back', async () => {
      const shop = await seedShop(sys, { name: 'Ukiran Batu Batubulan', regency: 'gianyar' });
      const other = await seedShop(sys, { name: 'Ukiran Kayu Mas', regency: 'gianyar' });
      const spec = (title: string): ListingSpec => ({ titleId: title, category: 'stone-carving', regency: 'gianyar', materials: ['batu paras'], variants: [{ price: 2_000_000, stock: 1 }] });
      const moderated = await publish(shop, spec('Arca batu Ganesha duduk'));
      const archived = await publish(shop, spec('Arca batu Saraswati berdiri'));
      const kept = await publish(shop, spec('Relief batu paras bunga teratai'));
      const control = await publish(other, { ...spec('Patung kayu penari Legong'), category: 'wood-carving' });
      await eventually(async () => expect(ids(await inShop(shop)).sort()).toEqual([moderated.id, archived.id, kept.id].sort()));
      await eventually(async () => expect(ids(await inShop(other))).toEqual([control.id]));

      await api().post(`/api/v1/curation/listings/${moderated.id}/decision`).set(bearer(curator)).send({ decision: 'unpublish', reason: 'Foto tidak sesuai produk.' }).expect(200);
      await api().post(`/api/v1/listings/${archived.id}/archive`).set(bearer(shop.session)).expect(200);
      await eventually(async () => expect(ids(await inShop(shop))).toEqual([kept.id]));
      expect(ids(await search(sys, { q: 'Ganesha' }))).not.toContain(moderated.id);
      expect((await meili(sys, 'GET', `/indexes/${indexUid(sys)}/documents/${archived.id}`)).status).toBe(404);

      await api().post(`/api/v1/curation/artisans/${shop.artisanId}/decision`).set(bearer(curator)).send({ decision: 'suspend', reason: 'Laporan pembeli sedang diperiksa.' }).expect(200);
      await eventually(async () => expect((await inShop(shop)).total).toBe(0));
      expect(ids(await search(sys, { q: 'teratai' }))).not.toContain(kept.id);
      expect(ids(await inShop(other))).toEqual([control.id]);

      await api().post(`/api/v1/curation/artisans/${shop.artisanId}/decision`).set(bearer(curator)).send({ decision: 'reinstate', reason: 'Laporan tidak terbukti.' }).expect(200);
      // Only the listing that was still published comes back: the others are a draft and archived.
      await eventually(async () => expect(ids(await inShop(shop))).toEqual([kept.id]));
      expect(ids(await search(sys, { q: 'teratai' }))).toContain(kept.id);

      // Restored from the archive it is a draft; published again, it is found again.
      await api().post(`/api/v1/listings/${archived.id}/restore`).set(bearer(shop.session)).expect(200);
      await api().post(`/api/v1/listings/${archived.id}/submit`).set(bearer(shop.session)).expect(200);
      await api().post(`/api/v1/curation/listings/${archived.id}/decision`).set(bearer(curator)).send({ decision: 'approve' }).expect(200);
      await eventually(async () => expect(ids(await inShop(shop)).sort()).toEqual([archived.id, kept.id].sort()));
      expect((await hitOf(shop, archived.id))!.version).toBe(await dbVersion(archived.id));
    });
  });

  describe('facets, filters, sorting and paging over a known catalogue', () => {
    let shop: Shop;
    // [key, spec]: seven listings across three regencies, five crafts and all six price bands.
    const catalogue: Array<[string, ListingSpec]> = [
      ['endekLubeng', { titleId: 'Kain endek Gianyar motif lubeng', category: 'endek', regency: 'gianyar', materials: ['katun'], techniques: ['ikat pakan'], variants: [{ price: 150_000, stock: 3 }] }],
      ['endekPatra', { titleId: 'Kain endek Klungkung motif patra', category: 'endek', regency: 'klungkung', materials: ['katun', 'sutra'], techniques: ['ikat pakan'], variants: [{ price: 450_000, stock: 0 }] }],
      ['songket', { titleId: 'Kain songket Klungkung benang emas', category: 'songket', regency: 'klungkung', materials: ['sutra', 'benang emas'], techniques: ['songket'], variants: [{ price: 1_200_000, stock: 2 }] }],
      ['kalung', { titleId: 'Kalung perak filigri', category: 'silver-jewellery', regency: 'gianyar', materials: ['perak'], techniques: ['filigri'], variants: [{ price: 300_000, stock: 2 }, { price: 800_000, stock: 3 }] }],
      ['anting', { titleId: 'Anting perak kecil', category: 'silver-jewellery', regency: 'badung', materials: ['perak'], variants: [{ price: 90_000, stock: 1 }] }],
      ['garuda', { titleId: 'Patung kayu Garuda Wisnu', category: 'wood-carving', regency: 'gianyar', materials: ['kayu suar'], techniques: ['ukir'], variants: [{ price: 3_000_000, stock: 1 }] }],
      ['kamasan', { titleId: 'Lukisan Kamasan kisah Ramayana', category: 'kamasan-painting', regency: 'klungkung', materials: ['kain', 'cat alami'], variants: [{ price: 600_000, stock: 0 }] }],
    ];
    const listing: Record<string, CreatedListing> = {};
    const id = (key: string) => listing[key].id;
    /** The keys of a page's hits, to compare with the catalogue above. */
    const keysOf = (page: { hits: Array<{ id: string }> }) => page.hits.map((h) => Object.keys(listing).find((k) => listing[k].id === h.id) ?? h.id);

    beforeAll(async () => {
      shop = await seedShop(sys, { name: 'Galeri Kriya Nusantara Bali', regency: 'gianyar' });
      // One at a time: publishedAt follows this order, which the `newest` sort checks.
      for (const [key, spec] of catalogue) listing[key] = await publish(shop, spec);
      await eventually(async () => expect((await inShop(shop)).total).toBe(catalogue.length));
    });

    /** Counts sorted by count, largest first, as the contract says; ties in any order. */
    const expectSortedByCount = (facet: FacetCount[]) => {
      const values = facet.map((f) => f.count);
      expect(values).toEqual([...values].sort((a, b) => b - a));
      expect(values.every((c) => c > 0)).toBe(true);
    };
    /**
     * The category facet holds leaf crafts (and may hold their groups too): every leaf named with
     * its count, and any group present with the count of its leaves.
     */
    const expectCategories = (facet: FacetCount[], leaves: Record<string, number>, groups: Record<string, number>) => {
      const got = counts(facet);
      for (const [leaf, n] of Object.entries(leaves)) expect([leaf, got[leaf]]).toEqual([leaf, n]);
      for (const [value, n] of Object.entries(got)) expect([value, n]).toEqual([value, leaves[value] ?? groups[value]]);
    };

    it('counts every facet over the whole catalogue, labelled and sorted', async () => {
      const page = await inShop(shop);
      expect(page.total).toBe(7);
      expectCategories(
        page.facets.category,
        { endek: 2, songket: 1, 'silver-jewellery': 2, 'wood-carving': 1, 'kamasan-painting': 1 },
        { 'woven-cloth': 3, jewellery: 2, carving: 1, painting: 1 },
      );
      expect(page.facets.category.find((f) => f.value === 'silver-jewellery')!.label).toBe('Perhiasan perak');
      expect(counts(page.facets.regency)).toEqual({ gianyar: 3, klungkung: 3, badung: 1 });
      for (const f of page.facets.regency) expect(f.label).toBe(REGENCIES[f.value as keyof typeof REGENCIES]);
      expect(counts(page.facets.material)).toEqual({ katun: 2, sutra: 2, 'benang emas': 1, perak: 2, 'kayu suar': 1, kain: 1, 'cat alami': 1 });
      expect(counts(page.facets.technique)).toEqual({ 'ikat pakan': 2, songket: 1, filigri: 1, ukir: 1 });
      // By the cheapest variant: the necklace from Rp 300.000 is in 250k-500k.
      expect(counts(page.facets.priceBand)).toEqual({ lt100k: 1, '100k-250k': 1, '250k-500k': 2, '500k-1m': 1, '1m-2.5m': 1, 'gte2.5m': 1 });
      expect(counts(page.facets.inStock)).toEqual({ true: 5, false: 2 });
      for (const facet of Object.values(page.facets)) expectSortedByCount(facet);
    });

    it('filters within a facet with OR and across facets with AND; a facet’s own counts ignore its selection', async () => {
      const gianyar = await inShop(shop, { regency: 'gianyar' });
      expect(keysOf(gianyar).sort()).toEqual(['endekLubeng', 'garuda', 'kalung']);
      expect(counts(gianyar.facets.regency)).toEqual({ gianyar: 3, klungkung: 3, badung: 1 });
      expectCategories(gianyar.facets.category, { endek: 1, 'silver-jewellery': 1, 'wood-carving': 1 }, { 'woven-cloth': 1, jewellery: 1, carving: 1 });
      expect(counts(gianyar.facets.material)).toEqual({ katun: 1, perak: 1, 'kayu suar': 1 });
      expect(counts(gianyar.facets.inStock)).toEqual({ true: 3 });

      // Two regencies (OR) and a craft group (AND).
      const woven = await inShop(shop, { regency: ['gianyar', 'klungkung'], category: 'woven-cloth' });
      expect(keysOf(woven).sort()).toEqual(['endekLubeng', 'endekPatra', 'songket']);
      expect(counts(woven.facets.regency)).toEqual({ gianyar: 1, klungkung: 2 });
      expectCategories(
        woven.facets.category,
        { endek: 2, songket: 1, 'silver-jewellery': 1, 'wood-carving': 1, 'kamasan-painting': 1 },
        { 'woven-cloth': 3, jewellery: 1, carving: 1, painting: 1 },
      );
      expect(counts(woven.facets.material)).toEqual({ katun: 2, sutra: 2, 'benang emas': 1 });
      expect(counts(woven.facets.priceBand)).toEqual({ '100k-250k': 1, '250k-500k': 1, '1m-2.5m': 1 });
      expect(counts(woven.facets.inStock)).toEqual({ true: 2, false: 1 });

      // The same with comma-separated values, and a leaf instead of the group.
      expect(keysOf(await inShop(shop, { regency: 'gianyar,klungkung', category: 'endek,songket' })).sort()).toEqual(['endekLubeng', 'endekPatra', 'songket']);

      const inStockSilk = await inShop(shop, { inStock: true, material: 'sutra' });
      expect(keysOf(inStockSilk)).toEqual(['songket']);
      expect(counts(inStockSilk.facets.material)).toEqual({ katun: 1, sutra: 1, 'benang emas': 1, perak: 2, 'kayu suar': 1 });
      expect(counts(inStockSilk.facets.inStock)).toEqual({ true: 1, false: 1 });

      expect(keysOf(await inShop(shop, { technique: ['ikat pakan', 'ukir'] })).sort()).toEqual(['endekLubeng', 'endekPatra', 'garuda']);
      expect(keysOf(await inShop(shop, { priceBand: ['lt100k', 'gte2.5m'] })).sort()).toEqual(['anting', 'garuda']);
      expect(keysOf(await inShop(shop, { priceBand: '250k-500k' })).sort()).toEqual(['endekPatra', 'kalung']);
      // Ranges overlap: the necklace costs Rp 300.000–800.000.
      expect(keysOf(await inShop(shop, { minPrice: 700_000, maxPrice: 900_000 }))).toEqual(['kalung']);
      expect(keysOf(await inShop(shop, { minPrice: 1_000_000 })).sort()).toEqual(['garuda', 'songket']);
      expect(keysOf(await inShop(shop, { maxPrice: 100_000 }))).toEqual(['anting']);
      expect((await inShop(shop, { regency: 'tabanan' })).total).toBe(0);
    });

    it('sorts by price, newest and popularity, and pages through the results', async () => {
      expect(keysOf(await inShop(shop, { sort: 'price_asc' }))).toEqual(['anting', 'endekLubeng', 'kalung', 'endekPatra', 'kamasan', 'songket', 'garuda']);
      const desc = keysOf(await inShop(shop, { sort: 'price_desc' }));
      expect([desc[0], desc[1], desc.at(-1)]).toEqual(['garuda', 'songket', 'anting']);
      expect(keysOf(await inShop(shop, { sort: 'newest' }))).toEqual(catalogue.map(([key]) => key).reverse());

      // With words too: the buyer's sort wins over relevance. Three titles say "kain" and the
      // painting only in its materials, so relevance alone would put the painting last.
      expect(keysOf(await inShop(shop, { q: 'kain', sort: 'price_asc' }))).toEqual(['endekLubeng', 'endekPatra', 'kamasan', 'songket']);
      expect(keysOf(await inShop(shop, { q: 'kain', sort: 'price_desc' }))).toEqual(['songket', 'kamasan', 'endekPatra', 'endekLubeng']);
      expect(keysOf(await inShop(shop, { q: 'kain', sort: 'newest' }))).toEqual(['kamasan', 'songket', 'endekPatra', 'endekLubeng']);
      // Without a sort, relevance orders: the title matches before the painting.
      expect(keysOf(await inShop(shop, { q: 'kain' })).at(-1)).toBe('kamasan');

      // Paging: three pages of three, in the same order as one page of all.
      const all = keysOf(await inShop(shop, { sort: 'price_asc' }));
      const pages = [];
      for (const page of [1, 2, 3]) {
        const res = await inShop(shop, { sort: 'price_asc', limit: 3, page });
        expect(res).toMatchObject({ page, limit: 3, total: 7, totalPages: 3 });
        pages.push(...keysOf(res));
      }
      expect(pages).toEqual(all);
      const beyond = await inShop(shop, { sort: 'price_asc', limit: 3, page: 4 });
      expect(beyond).toMatchObject({ hits: [], total: 7, page: 4 });
      const defaults = await search(sys, { shop: shop.slug });
      expect(defaults).toMatchObject({ page: 1, limit: 24, degraded: false, query: '' });
      expect(typeof defaults.processingTimeMs).toBe('number');
    });

    // Last in this block: the sales change stock.
    it('ranks by units sold with sort=popular', async () => {
      const rpc = rpcClient(sys, 'catalog');
      try {
        const sell = async (variantId: string, quantity: number) => {
          const caller = { userId: buyer.user.id, roles: ['buyer' as const] };
          const held = await rpc.send<{ id: string }>(CatalogPatterns.reservationCreate, { key: newId(), lines: [{ variantId, quantity }] }, caller);
          await rpc.send(CatalogPatterns.reservationCommit, { id: held.id }, caller);
        };
        await sell(listing.kalung.variants[1].id, 3);
        await sell(listing.endekLubeng.variants[0].id, 1);
        await sell(listing.endekLubeng.variants[0].id, 1);
        await sell(listing.songket.variants[0].id, 1);
      } finally {
        await rpc.close();
      }
      await eventually(async () => {
        const page = await inShop(shop, { sort: 'popular' });
        expect(keysOf(page).slice(0, 3)).toEqual(['kalung', 'endekLubeng', 'songket']);
        expect(page.hits.slice(0, 3).map((h) => h.popularity)).toEqual([3, 2, 1]);
      }, { timeoutMs: 15_000 });
    });
  });

  describe('finding craft by the words buyers type', () => {
    // Long enough to be cropped; the word searched for sits near its end.
    const BASKET_DESCRIPTION =
      'Tas bulat dari rumput ata yang dipetik di lereng bukit, dijemur selama seminggu, lalu diasap supaya kuat dan tahan jamur. ' +
      'Setiap tas dikerjakan oleh ibu-ibu di desa Tenganan Pegringsingan, Karangasem, selama kurang lebih dua minggu. ' +
      'Tutupnya dikunci dengan kancing kayu dan tali kulit. Cocok untuk ke pantai, ke pasar, atau sebagai hadiah. ' +
      'Motif anyaman mata ikan dibuat tanpa pola tertulis, diwariskan turun-temurun.';
    const found: Record<string, string> = {};
    let silverShop: Shop;

    beforeAll(async () => {
      silverShop = await seedShop(sys, { name: 'Perak Celuk Ketut Sari', regency: 'gianyar' });
      const denpasar = await seedShop(sys, { name: 'Logam Mulia Denpasar', regency: 'denpasar' });
      const jepun = await seedShop(sys, { name: 'Kriya Jepun Ubud', regency: 'gianyar' });
      const weaver = await seedShop(sys, { name: 'Tenun Putri Gianyar', regency: 'gianyar' });
      const markup = await seedShop(sys, { name: 'Bros & Co', regency: 'badung' });
      const listings: Array<[string, Shop, ListingSpec]> = [
        ['celukBracelet', silverShop, {
          titleId: 'Gelang Perak Ukir Jawan',
          titleEn: 'Engraved silver bracelet, jawan motif',
          descriptionId: 'Perak 925 diukir tangan oleh perajin di Celuk, Gianyar.',
          category: 'silver-jewellery', regency: 'gianyar', materials: ['perak'], techniques: ['ukir'],
          variants: [{ price: 650_000, stock: 4 }],
        }],
        ['ring', denpasar, {
          titleId: 'Cincin perak polos',
          descriptionId: 'Cincin perak sederhana buatan Denpasar.',
          category: 'silver-jewellery', regency: 'denpasar', materials: ['perak'],
          variants: [{ price: 250_000, stock: 4 }],
        }],
        // Says "gelang perak" only: no English, no "silver" or "bracelet" anywhere in it.
        ['jepunBracelet', jepun, {
          titleId: 'Gelang perak bunga jepun',
          descriptionId: 'Gelang anyaman perak halus dengan hiasan bunga jepun.',
          category: 'silver-jewellery', regency: 'gianyar', materials: ['perak'],
          variants: [{ price: 375_000, stock: 2 }],
        }],
        ['endek', weaver, {
          titleId: 'Kamben endek Gianyar motif wajik',
          descriptionId: 'Kamben untuk hari Selasa, ditenun dengan alat tenun bukan mesin.',
          category: 'endek', regency: 'gianyar', materials: ['katun'], techniques: ['ikat pakan'],
          variants: [{ price: 480_000, stock: 6 }],
        }],
        ['songket', weaver, {
          titleId: 'Kain songket Klungkung motif cempaka',
          descriptionId: 'Songket dengan benang emas, ditenun di Sidemen.',
          category: 'songket', regency: 'klungkung', materials: ['sutra', 'benang emas'],
          variants: [{ price: 2_400_000, stock: 1 }],
        }],
        // Artisans type what they like; buyers' browsers render highlights as HTML.
        ['brooch', markup, {
          titleId: 'Bros <b>"Bunga"</b> & daun',
          descriptionId: 'Bros kuningan <script>alert(1)</script> berlapis.',
          category: 'gold-jewellery', regency: 'badung', materials: ['kuningan'],
          variants: [{ price: 120_000, stock: 9 }],
        }],
        ['basket', weaver, {
          titleId: 'Tas anyaman ata bulat',
          descriptionId: BASKET_DESCRIPTION,
          category: 'ata-basketry', regency: 'karangasem', materials: ['rumput ata'],
          variants: [{ price: 220_000, stock: 3 }],
        }],
      ];
      for (const [key, shop, spec] of listings) found[key] = (await publish(shop, spec)).id;
      await eventually(async () => {
        for (const key of Object.keys(found)) expect((await meili(sys, 'GET', `/indexes/${indexUid(sys)}/documents/${found[key]}`)).status).toBe(200);
      });
    });

    it('"perak celuk" puts the silver from the Celuk shop first', async () => {
      const page = await search(sys, { q: 'perak celuk' });
      expect(page.hits[0].id).toBe(found.celukBracelet);
      expect(ids(page)).toContain(found.celukBracelet);
    });

    it('"slver bracelet" (a typo) finds the Gelang Perak with an English title', async () => {
      const page = await search(sys, { q: 'slver bracelet' });
      expect(page.hits[0].id).toBe(found.celukBracelet);
    });

    it('"silver bracelet" finds a listing that says only "gelang perak" (synonyms, both words)', async () => {
      expect(ids(await search(sys, { q: 'silver bracelet' }))).toEqual(expect.arrayContaining([found.jepunBracelet, found.celukBracelet]));
      // One word alone, matched only through its synonym.
      expect(ids(await search(sys, { q: 'bracelet' }))).toContain(found.jepunBracelet);
      expect(ids(await search(sys, { q: 'silver', shop: (await shopSlugOf(found.jepunBracelet)) }))).toEqual([found.jepunBracelet]);
    });

    it('"kain tenun endek" finds endek cloth first; "kain songkt" finds songket', async () => {
      const endek = await search(sys, { q: 'kain tenun endek' });
      expect(endek.hits[0].category.slug).toBe('endek');
      expect(ids(endek)).toContain(found.endek);
      const songket = await search(sys, { q: 'kain songkt' });
      expect(songket.total).toBeGreaterThan(0);
      expect(songket.hits[0].category.slug).toBe('songket');
      expect(ids(songket)).toContain(found.songket);
    });

    it('marks the matched words in the title and the cropped description', async () => {
      const page = await search(sys, { q: 'anyaman', shop: await shopSlugOf(found.basket) });
      const hit = page.hits.find((h) => h.id === found.basket)!;
      expect(hit.highlight.title).toBe('Tas <mark>anyaman</mark> ata bulat');
      // The long description is cut down to the words around the match.
      expect(hit.highlight.description).toContain('<mark>anyaman</mark>');
      expect(hit.highlight.description.replace(/<\/?mark>/g, '').length).toBeLessThan(BASKET_DESCRIPTION.length / 2);
      const celuk = (await search(sys, { q: 'celuk', shop: silverShop.slug })).hits[0];
      expect(celuk.highlight.description).toMatch(/<mark>Celuk<\/mark>/);

      // Only the marks are markup: whatever the artisan typed comes back escaped.
      const brooch = (await search(sys, { q: 'bros bunga', shop: await shopSlugOf(found.brooch) })).hits[0];
      expect(brooch.id).toBe(found.brooch);
      expect(brooch.title.id).toBe('Bros <b>"Bunga"</b> & daun');
      expect(brooch.highlight.title.replace(/<\/?mark>/g, '')).toBe('Bros &lt;b&gt;&quot;Bunga&quot;&lt;/b&gt; &amp; daun');
      expect(brooch.highlight.title).toContain('<mark>Bros</mark>');
      expect(brooch.highlight.description).not.toMatch(/<(?!\/?mark>)/);
      expect(brooch.highlight.description).toContain('&lt;script&gt;');
    });

    it('suggests listings and crafts as the buyer types', async () => {
      const res = await api().get('/api/v1/search/suggest?q=gelang').expect(200);
      expect(res.body.query).toBe('gelang');
      expect(res.body.listings.map((l: { id: string }) => l.id)).toEqual(expect.arrayContaining([found.celukBracelet, found.jepunBracelet]));
      expect(res.body.listings.length).toBeLessThanOrEqual(6);
      for (const l of res.body.listings) expect(l).toMatchObject({ id: expect.any(String), title: expect.anything(), highlight: expect.anything() });
      expect(res.body.categories.map((c: FacetCount) => c.value)).toContain('silver-jewellery');
      const one = await api().get('/api/v1/search/suggest?q=gelang&limit=1').expect(200);
      expect(one.body.listings).toHaveLength(1);
      // A prefix: the last word is still being typed.
      const prefix = await api().get('/api/v1/search/suggest?q=kamben%20end').expect(200);
      expect(prefix.body.listings.map((l: { id: string }) => l.id)).toContain(found.endek);

      for (const [query, field] of [['', 'q'], [`q=${'a'.repeat(101)}`, 'q'], ['q=gelang&limit=11', 'limit'], ['q=gelang&limit=0', 'limit']] as const) {
        const bad = await api().get(`/api/v1/search/suggest?${query}`).expect(400);
        expect(bad.body.error.code).toBe('validation_failed');
        expect(bad.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
    });

    const shopSlugOf = async (listingId: string) =>
      (await queryDb<{ shop_slug: string }>(sys, 'SELECT a.shop_slug FROM catalog.listings l JOIN catalog.artisans a ON a.id = l.artisan_id WHERE l.id = $1', [listingId]))[0].shop_slug;
  });

  it('answers 400 naming the parameter for a bad value or an unknown parameter', async () => {
    const cases: Array<[Record<string, string | number | string[]>, string]> = [
      [{ sort: 'foo' }, 'sort'],
      [{ limit: 500 }, 'limit'],
      [{ limit: 0 }, 'limit'],
      [{ page: 0 }, 'page'],
      [{ inStock: 'maybe' }, 'inStock'],
      [{ regency: 'paris' }, 'regency'],
      [{ regency: ['gianyar', 'paris'] }, 'regency'],
      [{ colour: 'red' }, 'colour'],
      [{ minPrice: 'abc' }, 'minPrice'],
      [{ priceBand: 'cheap' }, 'priceBand'],
      [{ q: 'x'.repeat(201) }, 'q'],
    ];
    for (const [params, field] of cases) {
      const res = await searchRequest(sys, params);
      expect([JSON.stringify(params), res.status, res.body.error?.code]).toEqual([JSON.stringify(params), 400, 'validation_failed']);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const inverted = await searchRequest(sys, { minPrice: 500_000, maxPrice: 100_000 }).expect(400);
    expect(inverted.body.error.code).toBe('validation_failed');
    expect(inverted.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining([expect.stringMatching(/^(minPrice|maxPrice)$/)]));
    // The edges are fine.
    await searchRequest(sys, { limit: 48, q: 'x'.repeat(200), minPrice: 100_000, maxPrice: 100_000 }).expect(200);
  });

  describe('curators: reindex and reconcile', () => {
    let shop: Shop;
    const made: CreatedListing[] = [];

    beforeAll(async () => {
      // Listings of their own, so these tests stand alone (the index holds the others' too).
      shop = await seedShop(sys, { name: 'Perak Mas Kuta', regency: 'badung' });
      for (const motif of ['bunga', 'naga', 'daun', 'ombak']) {
        made.push(await publish(shop, { titleId: `Gelang perak motif ${motif}`, category: 'silver-jewellery', regency: 'badung', materials: ['perak'], variants: [{ price: 310_000, stock: 2 }] }));
      }
      await eventually(async () => expect(ids(await inShop(shop)).sort()).toEqual(made.map((l) => l.id).sort()));
    });

    it('reindexes everything while search keeps answering, and the index then equals Postgres', async () => {
      // Seeded by SQL on purpose: 300 listings the catalog never announced, so only the reindex
      // can bring them into the index (and it has enough to do that searches overlap it).
      const bamboo = await seedShop(sys, { name: 'Bambu Bangli Lestari', regency: 'bangli' });
      const seeded = await queryDb<{ id: string }>(
        sys,
        `INSERT INTO catalog.listings (id, artisan_id, status, title_id, description_id, category_id, regency, materials,
           length_cm, width_cm, height_cm, weight_grams, published_at)
         SELECT gen_random_uuid(), $1, 'published', 'Keranjang bambu tali nomor ' || g, 'Keranjang bambu tali dari Bangli, nomor ' || g || '.',
                (SELECT id FROM catalog.categories WHERE slug = 'bamboo-craft'), 'bangli', '{bambu}', 40, 40, 30, 800,
                now() - make_interval(mins => g)
         FROM generate_series(1, 300) g RETURNING id`,
        [bamboo.artisanId],
      );
      await queryDb(
        sys,
        `INSERT INTO catalog.variants (id, listing_id, artisan_id, sku, options, price, stock, position)
         SELECT gen_random_uuid(), l.id, l.artisan_id, 'BMB-' || row_number() OVER (ORDER BY l.id), '{}', 120000 + (row_number() OVER (ORDER BY l.id)) * 1000, 5, 0
         FROM catalog.listings l WHERE l.artisan_id = $1`,
        [bamboo.artisanId],
      );
      expect((await inShop(bamboo)).total).toBe(0);
      const before = await search(sys, { q: 'gelang perak' });
      expect(before.total).toBeGreaterThan(0);

      const started = await api().post('/api/v1/curation/search/reindex').set(bearer(curator)).expect(202);
      expect(started.body).toMatchObject({ id: expect.any(String), kind: 'reindex', status: 'queued', trigger: 'api' });

      // Searches all through the reindex: every one answers, with the results it had before. And
      // artisans keep editing: the new index must not miss what changed while it was built.
      const seen: Array<{ status: number; total: number; runAfter: string }> = [];
      let run = started.body as { status: string };
      const deadline = Date.now() + 30_000;
      while ((!['succeeded', 'failed'].includes(run.status) || seen.length < 5) && Date.now() < deadline) {
        if (run.status !== 'succeeded' && seen.length < 8) {
          const l = made[seen.length % made.length];
          await api().patch(`/api/v1/listings/${l.id}/variants/${l.variants[0].id}`).set(bearer(shop.session)).send({ price: 311_000 + seen.length * 1000 }).expect(200);
        }
        const res = await searchRequest(sys, { q: 'gelang perak' });
        run = (await api().get(`/api/v1/curation/search/runs/${started.body.id}`).set(bearer(curator)).expect(200)).body;
        seen.push({ status: res.status, total: res.body.total, runAfter: run.status });
      }
      expect(seen.filter((s) => s.status !== 200 || s.total < before.total)).toEqual([]);
      // Some of them were answered while the run was still going.
      expect(seen.filter((s) => s.runAfter === 'running').length).toBeGreaterThan(0);

      const done = await finishedRun(sys, curator, started.body.id);
      const expected = await publicListings(sys);
      expect(done).toMatchObject({
        status: 'succeeded',
        error: null,
        progress: { done: expected.length, total: expected.length },
        result: { documents: expected.length, indexUid: indexUid(sys), durationMs: expect.any(Number) },
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
      });
      await expectIndexEqualsDb(sys, 5_000);
      const bambooPage = await inShop(bamboo);
      expect(bambooPage.total).toBe(seeded.length);
      expect(bambooPage.facets.regency).toEqual([{ value: 'bangli', label: 'Bangli', count: 300 }]);

      const status = await api().get('/api/v1/curation/search/status').set(bearer(curator)).expect(200);
      expect(status.body).toMatchObject({ index: indexUid(sys), documents: expected.length, meilisearch: 'up' });
      expect(status.body).toHaveProperty('settingsVersion');
    }, 90_000);

    it('reconciles drift made behind its back: a lost document, a stray one, a wrong price', async () => {
      const expected = await expectIndexEqualsDb(sys);
      expect(expected.length).toBeGreaterThan(3);
      const [lost, mispriced] = [expected[0], expected[1]];
      const stray = newId();
      const uid = indexUid(sys);
      await waitTask(sys, (await meili<{ taskUid: number }>(sys, 'DELETE', `/indexes/${uid}/documents/${lost.id}`)).body.taskUid);
      await waitTask(sys, (await meili<{ taskUid: number }>(sys, 'PUT', `/indexes/${uid}/documents`, [{ id: mispriced.id, priceMin: 1, priceMax: 1 }])).body.taskUid);
      await waitTask(
        sys,
        (await meili<{ taskUid: number }>(sys, 'POST', `/indexes/${uid}/documents`, [
          { id: stray, version: 1, titleId: 'Barang tak bertuan', titleEn: null, priceMin: 5000, priceMax: 5000, inStock: true, stockTotal: 1, regency: 'badung' },
        ])).body.taskUid,
      );
      expect((await meili(sys, 'GET', `/indexes/${uid}/documents/${lost.id}`)).status).toBe(404);

      const started = await api().post('/api/v1/curation/search/reconcile').set(bearer(curator)).expect(202);
      expect(started.body).toMatchObject({ id: expect.any(String), kind: 'reconcile', trigger: 'api' });
      const done = await finishedRun(sys, curator, started.body.id);
      expect(done).toMatchObject({ status: 'succeeded', result: { missing: 1, extra: 1, stale: 1, fixed: 3 } });
      // Checked: every public listing (and the stray, if it counts what the index held too).
      expect([expected.length, expected.length + 1]).toContain(done.result!.checked);
      await expectIndexEqualsDb(sys, 5_000);
      expect((await meili(sys, 'GET', `/indexes/${uid}/documents/${stray}`)).status).toBe(404);

      const again = await api().post('/api/v1/curation/search/reconcile').set(bearer(curator)).expect(202);
      expect(await finishedRun(sys, curator, again.body.id)).toMatchObject({ status: 'succeeded', result: { missing: 0, extra: 0, stale: 0, fixed: 0 } });

      const runs = await api().get('/api/v1/curation/search/runs').set(bearer(curator)).expect(200);
      const listed = runs.body.items.map((r: { id: string }) => r.id);
      expect(listed.slice(0, 2)).toEqual([again.body.id, started.body.id]);
      expect(runs.body.items[0]).toMatchObject({ kind: 'reconcile', status: 'succeeded' });
    }, 90_000);

    it('lets only curators in: a buyer and an artisan get 403, anonymous callers 401', async () => {
      const artisan = await registerWithRoles(sys, ['artisan']);
      const latest = async (): Promise<string | null> => (await api().get('/api/v1/curation/search/runs').set(bearer(curator)).expect(200)).body.items[0]?.id ?? null;
      const before = await latest();
      const runId = before ?? newId();
      const calls = (auth: (r: request.Test) => request.Test) => [
        auth(api().post('/api/v1/curation/search/reindex')),
        auth(api().post('/api/v1/curation/search/reconcile')),
        auth(api().get('/api/v1/curation/search/runs')),
        auth(api().get(`/api/v1/curation/search/runs/${runId}`)),
        auth(api().get('/api/v1/curation/search/status')),
      ];
      for (const who of [buyer, artisan]) {
        for (const res of await Promise.all(calls((r) => r.set(bearer(who))))) expect([res.status, res.body.error?.code]).toEqual([403, 'forbidden']);
      }
      for (const res of await Promise.all(calls((r) => r))) expect(res.status).toBe(401);
      // None of them started a run.
      expect(await latest()).toBe(before);
    });
  });
});
