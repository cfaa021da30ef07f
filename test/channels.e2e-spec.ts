import request from 'supertest';
import type { ChannelRunView } from '@pk/contracts';
import { channelSkuFor } from '../apps/channels/src/adapters/listing-content';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { bearer, Session } from './support/http';
import type { Shop } from './support/search';
import {
  accountBody,
  AccountPair,
  accountPair,
  artisanShop,
  bootChannelsTestbed,
  channelState,
  ChannelsTestbed,
  countedOutcomes,
  ENDEK_MAPPINGS,
  endekSpec,
  ExportedListing,
  finishedRun,
  itemOf,
  LAZADA_APP,
  lazadaItem,
  lazadaItemsWithSku,
  listAccounts,
  mapEndek,
  publishWithPhotos,
  RunDetail,
  sentFor,
  sentSince,
  shopChannelListings,
  storedSecrets,
  syncAndWait,
  throttledFor,
  TIKTOK_APP,
  tiktokProduct,
  tiktokProductsWithSku,
  untilPlanned,
} from './support/channels';

// The channels app end to end: curators set up accounts and mappings through the gateway,
// artisans publish listings through it, the catalog announces them, and runs export them to the
// TikTok Shop and Lazada sandboxes, which hold what they were sent and count every request.
// Each test after the first group has a shop with accounts of its own, so what a sandbox was
// sent for that shop belongs to that test alone.

describe('channels: exporting the catalogue to TikTok Shop and Lazada', () => {
  let tb: ChannelsTestbed;
  const api = () => request(tb.sys.http);
  const ids = (listings: ExportedListing[]) => listings.map((l) => l.id).sort();
  const both = <T>(pair: AccountPair, fn: (account: AccountPair['tiktok']) => Promise<T>) => Promise.all([fn(pair.tiktok), fn(pair.lazada)]);

  beforeAll(async () => {
    tb = await bootChannelsTestbed('channels');
  });
  afterAll(() => tb?.close());

  describe('council accounts: the first full export and the incremental runs after it', () => {
    let council: AccountPair;
    let shopA: Shop;
    let listingsA: ExportedListing[];
    let firstRuns: RunDetail[];

    it('keeps one council account per channel (connected by a curator through the channel) and the category mappings, and never shows a secret again', async () => {
      council = await accountPair(tb, { scope: 'council' });
      await mapEndek(tb);
      const connected = { status: 'active', lastRun: null, connectedVia: 'authorization', needsReconnect: false, reconnectReason: null, sellerName: expect.any(String) };
      expect(council.tiktok.view).toMatchObject({ channel: 'tiktok_shop', scope: 'council', shopSlug: null, artisanId: null, appKey: TIKTOK_APP.appKey, ...connected });
      expect(council.lazada.view).toMatchObject({ channel: 'lazada', scope: 'council', shopSlug: null, appKey: LAZADA_APP.appKey, ...connected });
      expect(Date.parse(council.tiktok.view.accessTokenExpiresAt)).toBe(Date.parse(council.tiktok.issued.accessTokenExpiresAt));

      // Pasting tokens (older accounts) is still refused where the council already has an account.
      const second = accountBody(tb, 'tiktok_shop', { scope: 'council', name: 'Dekranasda kedua' });
      await api().post('/api/v1/curation/channels/accounts').set(bearer(tb.curator)).send(second.body).expect(409);

      const secrets = [TIKTOK_APP.appSecret, LAZADA_APP.appSecret, ...[council.tiktok, council.lazada].flatMap((a) => [a.issued.accessToken, a.issued.refreshToken])];
      const listed = await api().get('/api/v1/curation/channels/accounts').set(bearer(tb.curator)).expect(200);
      expect(listed.body.items.map((a: { id: string }) => a.id).sort()).toEqual([council.tiktok.view.id, council.lazada.view.id].sort());
      for (const secret of secrets) expect(JSON.stringify(listed.body)).not.toContain(secret);

      // At rest: every row of the channels schema, as text, holds the accounts but no secret in clear.
      const tables = await queryDb<{ name: string }>(tb.sys, `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'channels' AND table_type = 'BASE TABLE'`);
      let stored = '';
      for (const { name } of tables) {
        const rows = await queryDb<{ row: string }>(tb.sys, `SELECT row_to_json(t)::text AS row FROM channels."${name}" t`);
        stored += rows.map((r) => r.row).join('\n');
      }
      expect(stored).toContain(council.tiktok.view.id);
      for (const secret of secrets) expect(stored).not.toContain(secret);

      const mappings = await api().get('/api/v1/curation/channels/mappings?channel=tiktok_shop').set(bearer(tb.curator)).expect(200);
      // Stored with the channel's own data for the attribute (its flags and values), for the adapters.
      expect(mappings.body.items).toEqual([
        expect.objectContaining({
          channel: 'tiktok_shop',
          categorySlug: 'endek',
          channelCategoryId: '601161',
          attributes: [expect.objectContaining({ ...ENDEK_MAPPINGS.tiktok_shop.attributes[0], options: expect.any(Array) })],
          salesAttributes: [],
        }),
      ]);
      // Listings are filed under leaf categories only; a group cannot be mapped.
      const group = await api().put('/api/v1/curation/channels/mappings/lazada/woven-cloth').set(bearer(tb.curator)).send(ENDEK_MAPPINGS.lazada);
      expect(group.status).toBeGreaterThanOrEqual(400);
      expect(group.status).toBeLessThan(500);
    });

    it('exports every listing on the first run, as the catalogue holds it: titles, SKUs, prices, stock and photos', async () => {
      shopA = await artisanShop(tb.sys, 'Tenun Ikat Sidemen Ayu');
      listingsA = [
        await publishWithPhotos(tb, shopA, endekSpec()),
        await publishWithPhotos(tb, shopA, endekSpec({ variants: [{ price: 425_000, stock: 3 }, { price: 460_000, stock: 0 }] }), 2),
        await publishWithPhotos(tb, shopA, endekSpec({ variants: [{ price: 1_250_000, stock: 1 }] })),
      ];
      const creates = Object.fromEntries(listingsA.map((l) => [l.id, 'create' as const]));
      await both(council, (account) => untilPlanned(tb, account, creates));

      firstRuns = await both(council, (account) => syncAndWait(tb, account));
      for (const [run, account] of [[firstRuns[0]!, council.tiktok], [firstRuns[1]!, council.lazada]] as const) {
        expect(run).toMatchObject({
          accountId: account.view.id,
          channel: account.channel,
          kind: 'manual',
          status: 'succeeded',
          error: null,
          counts: { considered: 3, created: 3, updated: 0, deactivated: 0, unchanged: 0, refused: 0, failed: 0 },
        });
        expect(run.requests).toBeGreaterThan(0);
        expect(run.items.map((i) => [i.listingId, i.action, i.outcome]).sort()).toEqual(ids(listingsA).map((id) => [id, 'create', 'ok']));
      }

      const seen = await shopChannelListings(tb, shopA.session);
      expect(seen.map((i) => i.listingId).sort()).toEqual(ids(listingsA));
      for (const listing of listingsA) {
        const product = tiktokProduct(tb, council.tiktok, listing.variants[0]!.sku);
        expect(product).toMatchObject({ title: listing.title, categoryId: '601161', status: 'PENDING', attributes: { '100198': ['Katun'] } });
        expect(product.mainImages).toHaveLength(listing.photos);
        // A council-wide store holds each seller SKU under its artisan's code.
        expect(product.skus.map((s) => [s.sellerSku, Number(s.price.amount), s.inventory[0]?.quantity])).toEqual(listing.variants.map((v) => [channelSkuFor(shopA.artisanId, v.sku, true), v.price, v.stock]));

        const item = lazadaItem(tb, council.lazada, listing.variants[0]!.sku);
        expect(item).toMatchObject({ primaryCategory: '62541305', attributes: expect.objectContaining({ name: listing.title, material: 'Katun' }), qc: { status: 'pending' }, active: true });
        expect(item.images).toHaveLength(listing.photos);
        // A council-wide Lazada store holds each SellerSku under its artisan's code (SellerSku is unique per store).
        expect(item.skus.map((s) => [s.sellerSku, Number(s.price), s.quantity])).toEqual(listing.variants.map((v) => [channelSkuFor(shopA.artisanId, v.sku, true), v.price, v.stock]));

        expect(channelState(seen, listing.id, 'tiktok_shop')).toMatchObject({ accountId: council.tiktok.view.id, status: 'in_review', productId: product.id, reason: null, rejectedBy: null, lastSyncedAt: expect.any(String) });
        expect(channelState(seen, listing.id, 'lazada')).toMatchObject({ accountId: council.lazada.view.id, status: 'in_review', productId: item.itemId, reason: null, rejectedBy: null, lastSyncedAt: expect.any(String) });
      }

      const accounts = await listAccounts(tb);
      expect(accounts.find((a) => a.id === council.tiktok.view.id)?.lastRun).toMatchObject({ id: firstRuns[0]!.id, status: 'succeeded' });
      expect(accounts.find((a) => a.id === council.lazada.view.id)?.lastRun).toMatchObject({ id: firstRuns[1]!.id, status: 'succeeded' });
    });

    it('sends only what changed: an edited title is one update, the other listings are skipped', async () => {
      const [edited, ...others] = listingsA;
      const title = 'Kain endek Sidemen motif cepuk pewarna alami, edisi Galungan';
      await api().patch(`/api/v1/listings/${edited!.id}`).set(bearer(shopA.session)).send({ title: { id: title, en: null } }).expect(200);
      const plan = { [edited!.id]: 'update' as const, ...Object.fromEntries(others.map((l) => [l.id, 'skip' as const])) };
      await both(council, (account) => untilPlanned(tb, account, plan));

      const before = [sentFor(tb, council.tiktok), sentFor(tb, council.lazada)];
      const runs = await both(council, (account) => syncAndWait(tb, account));
      expect(sentSince(before[0]!, sentFor(tb, council.tiktok))).toEqual({ 'products.edit': 1 });
      expect(sentSince(before[1]!, sentFor(tb, council.lazada))).toEqual({ '/product/update': 1 });
      for (const run of runs) {
        expect(run).toMatchObject({ status: 'succeeded', counts: { considered: 3, created: 0, updated: 1, unchanged: 2, deactivated: 0, refused: 0, failed: 0 } });
        expect(itemOf(run, edited!.id)).toMatchObject({ action: 'update', outcome: 'ok' });
        for (const other of others) expect(itemOf(run, other.id)).toMatchObject({ action: 'skip', outcome: 'ok' });
      }
      expect(tiktokProduct(tb, council.tiktok, edited!.variants[0]!.sku)).toMatchObject({ title, edits: 1 });
      expect(lazadaItem(tb, council.lazada, edited!.variants[0]!.sku)).toMatchObject({ attributes: expect.objectContaining({ name: title }), edits: 1 });
      for (const other of others) {
        expect(tiktokProduct(tb, council.tiktok, other.variants[0]!.sku).edits).toBe(0);
        expect(lazadaItem(tb, council.lazada, other.variants[0]!.sku).edits).toBe(0);
      }
      expect((await shopChannelListings(tb, shopA.session)).find((l) => l.listingId === edited!.id)?.title).toBe(title);
    });

    it('sends nothing when nothing changed', async () => {
      const before = [sentFor(tb, council.tiktok), sentFor(tb, council.lazada)];
      const runs = await both(council, (account) => syncAndWait(tb, account));
      expect(sentSince(before[0]!, sentFor(tb, council.tiktok))).toEqual({});
      expect(sentSince(before[1]!, sentFor(tb, council.lazada))).toEqual({});
      for (const run of runs) {
        expect(run).toMatchObject({ status: 'succeeded', counts: { considered: 3, created: 0, updated: 0, unchanged: 3, deactivated: 0, refused: 0, failed: 0 } });
        expect(run.items.map((i) => i.action)).toEqual(['skip', 'skip', 'skip']);
      }
    });

    it("lets an artisan sync their own shop now, limited to its listings; other shops' runs and curator routes stay closed", async () => {
      const shopB = await artisanShop(tb.sys, 'Endek Gianyar Wayan', 'gianyar');
      const listingsB = [await publishWithPhotos(tb, shopB, endekSpec({ regency: 'gianyar' })), await publishWithPhotos(tb, shopB, endekSpec({ regency: 'gianyar' }))];
      await both(council, (account) => untilPlanned(tb, account, Object.fromEntries(listingsB.map((l) => [l.id, 'create' as const]))));

      const before = [sentFor(tb, council.tiktok), sentFor(tb, council.lazada)];
      const res = await api().post('/api/v1/channels/sync').set(bearer(shopB.session)).send({}).expect(202);
      const runs = res.body.runs as ChannelRunView[];
      expect(runs.map((r) => r.accountId).sort()).toEqual([council.tiktok.view.id, council.lazada.view.id].sort());
      for (const run of runs) expect(run).toMatchObject({ artisanId: shopB.artisanId, kind: 'manual' });
      for (const run of runs) {
        const done = await finishedRun(tb, run.id, { artisan: shopB.session });
        // Only shop B's listings, although the council account covers shop A's as well.
        expect(done).toMatchObject({ status: 'succeeded', counts: { considered: 2, created: 2, failed: 0 } });
        expect(done.items.map((i) => i.listingId).sort()).toEqual(ids(listingsB));
      }
      expect(sentSince(before[0]!, sentFor(tb, council.tiktok))).toEqual({ 'images.upload': 2, 'products.create': 2 });
      const lazadaSent = sentSince(before[1]!, sentFor(tb, council.lazada));
      // Photos go up by upload or by migration (a URL Lazada fetches), one per listing either way.
      expect(lazadaSent['/product/create']).toBe(2);
      expect((lazadaSent['/image/upload'] ?? 0) + (lazadaSent['/image/migrate'] ?? 0)).toBe(2);
      expect(Object.keys(lazadaSent).filter((k) => !['/product/create', '/image/upload', '/image/migrate'].includes(k))).toEqual([]);
      const seen = await shopChannelListings(tb, shopB.session);
      expect(seen.map((l) => l.listingId).sort()).toEqual(ids(listingsB));
      for (const listing of listingsB) {
        expect(channelState(seen, listing.id, 'tiktok_shop')).toMatchObject({ status: 'in_review', productId: tiktokProduct(tb, council.tiktok, listing.variants[0]!.sku).id });
        expect(channelState(seen, listing.id, 'lazada')).toMatchObject({ status: 'in_review', productId: lazadaItem(tb, council.lazada, listing.variants[0]!.sku).itemId });
      }

      // Another shop's run, and a curator's run of the council account, are not shop B's to read.
      await api().get(`/api/v1/channels/runs/${runs[0]!.id}`).set(bearer(shopA.session)).expect(404);
      await api().get(`/api/v1/channels/runs/${firstRuns[0]!.id}`).set(bearer(shopB.session)).expect(404);
      await api().get('/api/v1/curation/channels/accounts').set(bearer(shopB.session)).expect(403);
      await api().get('/api/v1/curation/channels/runs').set(bearer(shopB.session)).expect(403);
      await api().get(`/api/v1/curation/channels/runs/${runs[0]!.id}`).set(bearer(shopB.session)).expect(403);
      await api().post(`/api/v1/curation/channels/accounts/${council.tiktok.view.id}/sync`).set(bearer(shopB.session)).send({}).expect(403);
      await api().put('/api/v1/curation/channels/mappings/tiktok_shop/endek').set(bearer(shopB.session)).send(ENDEK_MAPPINGS.tiktok_shop).expect(403);
      await api().get('/api/v1/channels/listings').expect(401);
      await api().post('/api/v1/channels/sync').send({}).expect(401);
      await api().get(`/api/v1/channels/runs/${runs[0]!.id}`).expect(401);
      await api().get('/api/v1/curation/channels/accounts').expect(401);
    });
  });

  describe("shop accounts: what goes wrong, and what the artisan is told", () => {
    /** A shop with its own account on each channel (each a fresh sandbox shop or seller). */
    async function shopWithAccounts(name: string, opts: { appSecret?: string; accessTokenTtlSeconds?: number } = {}): Promise<{ shop: Shop; accounts: AccountPair }> {
      const shop = await artisanShop(tb.sys, name);
      const accounts = await accountPair(tb, { scope: 'shop', shop, ...opts });
      expect(accounts.tiktok.view).toMatchObject({ scope: 'shop', shopSlug: shop.slug, artisanId: shop.artisanId });
      return { shop, accounts };
    }
    const planAll = (accounts: AccountPair, listings: ExportedListing[], action: 'create' | null = null) =>
      both(accounts, (account) => untilPlanned(tb, account, Object.fromEntries(listings.map((l) => [l.id, action]))));
    const statusOf = async (session: Session, listing: ExportedListing) => {
      const seen = await shopChannelListings(tb, session);
      return { tiktok: channelState(seen, listing.id, 'tiktok_shop'), lazada: channelState(seen, listing.id, 'lazada') };
    };

    it('refuses before sending a listing the channel would refuse, tells the artisan why, and sends nothing for it', async () => {
      const { shop, accounts } = await shopWithAccounts('Tenun Gringsing Tenganan');
      const short = await publishWithPhotos(tb, shop, endekSpec({ titleId: 'Kain endek asli Bali' })); // 20 characters: too short for TikTok only
      const bare = await publishWithPhotos(tb, shop, endekSpec({ materials: [] })); // Material is required on both channels
      await planAll(accounts, [short, bare]);

      const [tiktokRun, lazadaRun] = await both(accounts, (account) => syncAndWait(tb, account));
      expect(tiktokRun).toMatchObject({ status: 'succeeded', counts: { considered: 2, refused: 2, created: 0, failed: 0 } });
      expect(itemOf(tiktokRun, short.id)).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('25–255') });
      expect(itemOf(tiktokRun, bare.id)).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('Material') });
      expect(lazadaRun).toMatchObject({ status: 'succeeded', counts: { considered: 2, refused: 1, created: 1, failed: 0 } });
      expect(itemOf(lazadaRun, short.id)).toMatchObject({ action: 'create', outcome: 'ok' });
      expect(itemOf(lazadaRun, bare.id)).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('Material') });

      // Not a request for this shop reached TikTok, not even a photo upload; Lazada got only `short`.
      expect(sentFor(tb, accounts.tiktok, { all: true })).toEqual({});
      expect(lazadaItemsWithSku(tb, accounts.lazada, bare.variants[0]!.sku)).toEqual([]);
      const shortItem = lazadaItem(tb, accounts.lazada, short.variants[0]!.sku);

      const shortStatus = await statusOf(shop.session, short);
      expect(shortStatus.tiktok).toMatchObject({ status: 'rejected', rejectedBy: 'precheck', reason: expect.stringContaining('25–255'), productId: null });
      expect(shortStatus.lazada).toMatchObject({ status: 'in_review', rejectedBy: null, productId: shortItem.itemId });
      const bareStatus = await statusOf(shop.session, bare);
      expect(bareStatus.tiktok).toMatchObject({ status: 'rejected', rejectedBy: 'precheck', reason: expect.stringContaining('Material'), productId: null });
      expect(bareStatus.lazada).toMatchObject({ status: 'rejected', rejectedBy: 'precheck', reason: expect.stringContaining('Material'), productId: null });
    });

    it("surfaces the channel's rejection to the artisan with the channel's reason", async () => {
      // A category TikTok rejects outright, for the verdict that comes without anyone acting.
      tb.tiktok.setCategory({ id: '601299', name: 'Songket (closed)', leaf: true, audit: { outcome: 'rejected', reasons: ['Kategori ini sedang ditutup'] } });
      await api()
        .put('/api/v1/curation/channels/mappings/tiktok_shop/songket')
        .set(bearer(tb.curator))
        .send({ channelCategoryId: '601299', channelCategoryName: 'Songket (closed)', attributes: [] })
        .expect(200);
      await api()
        .put('/api/v1/curation/channels/mappings/lazada/songket')
        .set(bearer(tb.curator))
        .send({ channelCategoryId: '62541305', attributes: [{ id: 'material', name: 'Material', required: true, from: 'materials' }] })
        .expect(200);

      const { shop, accounts } = await shopWithAccounts('Songket Klungkung Ayu');
      const blurry = await publishWithPhotos(tb, shop, endekSpec());
      const fine = await publishWithPhotos(tb, shop, endekSpec());
      const songket = await publishWithPhotos(tb, shop, endekSpec({ titleId: 'Kain songket Klungkung benang emas motif bunga', category: 'songket' }));
      await planAll(accounts, [blurry, fine, songket], 'create');
      const first = await both(accounts, (account) => syncAndWait(tb, account));
      for (const run of first) expect(run).toMatchObject({ status: 'succeeded', counts: { created: 3, failed: 0 } });

      const product = tiktokProduct(tb, accounts.tiktok, blurry.variants[0]!.sku);
      const item = lazadaItem(tb, accounts.lazada, blurry.variants[0]!.sku);
      tb.tiktok.reject(product.id, ['Foto utama buram']);
      tb.lazada.reject(item.itemId, 'Gambar mengandung watermark');

      const second = await both(accounts, (account) => syncAndWait(tb, account));
      for (const run of second) expect(run.status).toBe('succeeded');
      const blurryStatus = await statusOf(shop.session, blurry);
      expect(blurryStatus.tiktok).toMatchObject({ status: 'rejected', rejectedBy: 'channel', reason: expect.stringContaining('Foto utama buram'), productId: product.id });
      expect(blurryStatus.lazada).toMatchObject({ status: 'rejected', rejectedBy: 'channel', reason: expect.stringContaining('Gambar mengandung watermark'), productId: item.itemId });
      const songketStatus = await statusOf(shop.session, songket);
      expect(songketStatus.tiktok).toMatchObject({ status: 'rejected', rejectedBy: 'channel', reason: expect.stringContaining('Kategori ini sedang ditutup') });
      expect(songketStatus.lazada).toMatchObject({ status: 'in_review', reason: null });
      const fineStatus = await statusOf(shop.session, fine);
      expect(fineStatus.tiktok).toMatchObject({ status: 'in_review', reason: null, rejectedBy: null });
      expect(fineStatus.lazada).toMatchObject({ status: 'in_review', reason: null, rejectedBy: null });
    });

    it("refreshes a lapsed access token and carries on; the account's expiry moves", async () => {
      const { shop, accounts } = await shopWithAccounts('Ukiran Mas Made');
      const listing = await publishWithPhotos(tb, shop, endekSpec());
      await planAll(accounts, [listing], 'create');

      const refreshes = () => [tb.tiktok.log.count('auth.token.refresh'), tb.lazada.log.count('/auth/token/refresh')];
      const refreshesBefore = refreshes();
      const logged = [tb.tiktok.log.entries.length, tb.lazada.log.entries.length];
      tb.tiktok.expireAccessToken(accounts.tiktok.issued.accessToken);
      tb.lazada.expireAccessToken(accounts.lazada.issued.accessToken);

      const runs = await both(accounts, (account) => syncAndWait(tb, account));
      for (const run of runs) expect(run).toMatchObject({ status: 'succeeded', counts: { created: 1, failed: 0 } });
      tiktokProduct(tb, accounts.tiktok, listing.variants[0]!.sku);
      lazadaItem(tb, accounts.lazada, listing.variants[0]!.sku);
      expect(refreshes().map((n, i) => n - refreshesBefore[i]!)).toEqual([1, 1]);
      // The channels said the token had lapsed, and the adapters refreshed it rather than fail.
      expect(tb.tiktok.log.entries.slice(logged[0]).map((e) => e.code)).toContain('105002');
      expect(tb.lazada.log.entries.slice(logged[1]).map((e) => e.code)).toContain('IllegalAccessToken');

      const views = await listAccounts(tb);
      for (const account of [accounts.tiktok, accounts.lazada]) {
        const view = views.find((a) => a.id === account.view.id)!;
        // A new token, stored (sealed) at once, lasting no less than the one the authorization gave.
        expect(Date.parse(view.accessTokenExpiresAt)).toBeGreaterThanOrEqual(Date.parse(account.issued.accessTokenExpiresAt));
        expect((await storedSecrets(tb, account.view.id)).accessToken).not.toBe(account.issued.accessToken);
      }
    });

    it('answers throttling with backoff and loses no listing', async () => {
      const { shop, accounts } = await shopWithAccounts('Bambu Bangli Nyoman');
      const listings: ExportedListing[] = [];
      for (let i = 0; i < 6; i++) listings.push(await publishWithPhotos(tb, shop, endekSpec()));
      await planAll(accounts, listings, 'create');

      tb.tiktok.setRateLimit(2);
      tb.lazada.setRateLimit(2);
      let runs: RunDetail[];
      try {
        runs = await both(accounts, (account) => syncAndWait(tb, account, { timeoutMs: 45_000 }));
      } finally {
        tb.tiktok.setRateLimit(50);
        tb.lazada.setRateLimit(20);
      }
      for (const run of runs) expect(run).toMatchObject({ status: 'succeeded', counts: { considered: 6, created: 6, failed: 0 } });
      for (const listing of listings) {
        tiktokProduct(tb, accounts.tiktok, listing.variants[0]!.sku);
        lazadaItem(tb, accounts.lazada, listing.variants[0]!.sku);
      }
      expect(throttledFor(tb, accounts.tiktok)).toBeGreaterThan(0);
      expect(throttledFor(tb, accounts.lazada)).toBeGreaterThan(0);
    });

    it('deactivates on the channel a listing taken off sale, once', async () => {
      const { shop, accounts } = await shopWithAccounts('Lukisan Kamasan Ketut');
      const kept = await publishWithPhotos(tb, shop, endekSpec());
      const archived = await publishWithPhotos(tb, shop, endekSpec());
      await planAll(accounts, [kept, archived], 'create');
      await both(accounts, (account) => syncAndWait(tb, account));
      // TikTok deactivates only products in the Activate status (deactivate-products.spec.json).
      tb.tiktok.approve(tiktokProduct(tb, accounts.tiktok, archived.variants[0]!.sku).id);

      await api().post(`/api/v1/listings/${archived.id}/archive`).set(bearer(shop.session)).expect(200);
      await both(accounts, (account) => untilPlanned(tb, account, { [archived.id]: 'deactivate', [kept.id]: 'skip' }));
      const before = [sentFor(tb, accounts.tiktok), sentFor(tb, accounts.lazada)];
      const runs = await both(accounts, (account) => syncAndWait(tb, account));
      for (const run of runs) {
        expect(run).toMatchObject({ status: 'succeeded', counts: { deactivated: 1, unchanged: 1, created: 0, updated: 0, failed: 0 } });
        expect(itemOf(run, archived.id)).toMatchObject({ action: 'deactivate', outcome: 'ok' });
      }
      expect(sentSince(before[0]!, sentFor(tb, accounts.tiktok))).toEqual({ 'products.deactivate': 1 });
      expect(sentSince(before[1]!, sentFor(tb, accounts.lazada))).toEqual({ '/product/deactivate': 1 });
      expect(tiktokProduct(tb, accounts.tiktok, archived.variants[0]!.sku).status).toBe('SELLER_DEACTIVATED');
      expect(lazadaItem(tb, accounts.lazada, archived.variants[0]!.sku).active).toBe(false);
      expect(tiktokProduct(tb, accounts.tiktok, kept.variants[0]!.sku).status).toBe('PENDING');
      expect(lazadaItem(tb, accounts.lazada, kept.variants[0]!.sku).active).toBe(true);

      const again = [sentFor(tb, accounts.tiktok), sentFor(tb, accounts.lazada)];
      await both(accounts, (account) => syncAndWait(tb, account));
      expect(sentSince(again[0]!, sentFor(tb, accounts.tiktok))).toEqual({});
      expect(sentSince(again[1]!, sentFor(tb, accounts.lazada))).toEqual({});
    });

    it('pushes a stock change to both channels within seconds, stock only, without a run being started', async () => {
      const { shop, accounts } = await shopWithAccounts('Perak Celuk Kadek');
      const listing = await publishWithPhotos(tb, shop, endekSpec({ variants: [{ price: 600_000, stock: 5 }, { price: 650_000, stock: 2 }] }));
      await planAll(accounts, [listing], 'create');
      await both(accounts, (account) => syncAndWait(tb, account));
      // Approved by both channels; the next run re-checks the audit and marks the listing synced.
      const [sold, other] = listing.variants;
      tb.tiktok.approve(tiktokProduct(tb, accounts.tiktok, sold!.sku).id);
      tb.lazada.approve(lazadaItem(tb, accounts.lazada, sold!.sku).itemId);
      await both(accounts, (account) => syncAndWait(tb, account));
      const synced = await statusOf(shop.session, listing);
      expect([synced.tiktok.status, synced.lazada.status]).toEqual(['synced', 'synced']);

      const before = [sentFor(tb, accounts.tiktok), sentFor(tb, accounts.lazada)];
      await api().put(`/api/v1/listings/${listing.id}/variants/${sold!.id}/stock`).set(bearer(shop.session)).send({ stock: 1, note: 'terjual di pasar seni' }).expect(200);
      await eventually(
        () => {
          const ttSku = tiktokProduct(tb, accounts.tiktok, sold!.sku).skus.find((s) => s.sellerSku === sold!.sku)!;
          const lzSku = lazadaItem(tb, accounts.lazada, sold!.sku).skus.find((s) => s.sellerSku === sold!.sku)!;
          expect([ttSku.inventory[0]!.quantity, lzSku.quantity]).toEqual([1, 1]);
        },
        { timeoutMs: 6000, intervalMs: 100 },
      );
      expect(tiktokProduct(tb, accounts.tiktok, other!.sku).skus.find((s) => s.sellerSku === other!.sku)!.inventory[0]!.quantity).toBe(2);
      expect(lazadaItem(tb, accounts.lazada, other!.sku).skus.find((s) => s.sellerSku === other!.sku)!.quantity).toBe(2);
      // Stock only: no product edit, no price, no photos.
      const tiktokSent = sentSince(before[0]!, sentFor(tb, accounts.tiktok));
      const lazadaSent = sentSince(before[1]!, sentFor(tb, accounts.lazada));
      expect(Object.keys(tiktokSent)).toEqual(['products.inventory.update']);
      expect(Object.keys(lazadaSent)).toEqual(['/product/price_quantity/update']);

      // The run records the push once the channel has answered, so it may trail the sandbox a little.
      for (const account of [accounts.tiktok, accounts.lazada]) {
        await eventually(async () => {
          const runs = await api().get(`/api/v1/curation/channels/runs?accountId=${account.view.id}&limit=20`).set(bearer(tb.curator)).expect(200);
          const stockRuns = (runs.body.items as ChannelRunView[]).filter((r) => r.kind === 'stock');
          expect(stockRuns.length).toBeGreaterThanOrEqual(1);
          expect(stockRuns.reduce((n, r) => n + r.counts.stockUpdated, 0)).toBeGreaterThanOrEqual(1);
        });
      }
    });

    it('dry run: shows curators and the artisan the payloads and sends nothing', async () => {
      const { shop, accounts } = await shopWithAccounts('Keranjang Ata Karangasem');
      const listings = [await publishWithPhotos(tb, shop, endekSpec()), await publishWithPhotos(tb, shop, endekSpec({ variants: [{ price: 275_000, stock: 4 }, { price: 300_000, stock: 1 }] }))];
      const plans = await planAll(accounts, listings, 'create');
      for (const [plan, account] of [[plans[0], accounts.tiktok], [plans[1], accounts.lazada]] as const) {
        expect(plan).toMatchObject({ accountId: account.view.id, kind: 'dry_run', status: 'succeeded', requests: 0 });
        for (const listing of listings) {
          const item = itemOf(plan, listing.id);
          expect(item).toMatchObject({ action: 'create', outcome: 'planned' });
          const payload = JSON.stringify(item.payload);
          expect(payload).toContain(listing.title);
          for (const v of listing.variants) expect(payload).toContain(v.sku);
        }
      }

      const res = await api().post('/api/v1/channels/sync').set(bearer(shop.session)).send({ dryRun: true }).expect(202);
      const runs = res.body.runs as ChannelRunView[];
      expect(runs.map((r) => r.accountId).sort()).toEqual([accounts.tiktok.view.id, accounts.lazada.view.id].sort());
      for (const run of runs) {
        expect(run).toMatchObject({ kind: 'dry_run', artisanId: shop.artisanId });
        const done = await finishedRun(tb, run.id, { artisan: shop.session });
        expect(done.items.map((i) => [i.listingId, i.outcome]).sort()).toEqual(ids(listings).map((id) => [id, 'planned']));
      }

      expect(sentFor(tb, accounts.tiktok, { all: true })).toEqual({});
      expect(sentFor(tb, accounts.lazada, { all: true })).toEqual({});
      for (const listing of listings) {
        expect(tiktokProductsWithSku(tb, accounts.tiktok, listing.variants[0]!.sku)).toEqual([]);
        expect(lazadaItemsWithSku(tb, accounts.lazada, listing.variants[0]!.sku)).toEqual([]);
        // The artisan still sees it as not sent: no channel state beyond pending, no product id.
        const seen = (await shopChannelListings(tb, shop.session)).find((l) => l.listingId === listing.id);
        expect(seen).toBeDefined();
        expect(seen!.channels.filter((c) => c.status !== 'pending' || c.productId !== null)).toEqual([]);
      }
    });

    // An older account with pasted tokens and its own app secret (the flow's accounts sign with the app's).
    it('signs requests the sandboxes accept, and an account with a wrong app secret is refused and creates nothing', async () => {
      const { shop, accounts } = await shopWithAccounts('Tenun Salah Kunci', { appSecret: 'not-the-app-secret' });
      const listing = await publishWithPhotos(tb, shop, endekSpec());
      await planAll(accounts, [listing], 'create');

      const refusedBefore = [tb.tiktok.log.entries.filter((e) => e.code === '106001').length, tb.lazada.log.entries.filter((e) => e.code === 'IncompleteSignature').length];
      const runs = await both(accounts, (account) => syncAndWait(tb, account));
      for (const run of runs) {
        expect(run.counts).toMatchObject({ considered: 1, created: 0, failed: 1 });
        expect(countedOutcomes(run.counts)).toBe(run.counts.considered);
        expect(itemOf(run, listing.id)).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/signature/i) });
      }
      expect(tb.tiktok.log.entries.filter((e) => e.code === '106001').length).toBeGreaterThan(refusedBefore[0]!);
      expect(tb.lazada.log.entries.filter((e) => e.code === 'IncompleteSignature').length).toBeGreaterThan(refusedBefore[1]!);
      expect(tiktokProductsWithSku(tb, accounts.tiktok, listing.variants[0]!.sku)).toEqual([]);
      expect(lazadaItemsWithSku(tb, accounts.lazada, listing.variants[0]!.sku)).toEqual([]);
      // Refused at the signature, nothing got as far as the shop's rate-limited APIs.
      expect(sentFor(tb, accounts.tiktok, { all: true })).toEqual({});
      expect(sentFor(tb, accounts.lazada, { all: true })).toEqual({});

      const status = await statusOf(shop.session, listing);
      expect(status.tiktok).toMatchObject({ status: 'failed', reason: expect.stringMatching(/signature/i), productId: null });
      expect(status.lazada).toMatchObject({ status: 'failed', reason: expect.stringMatching(/signature/i), productId: null });
    });
  });
});
