import request from 'supertest';
import type { ChannelAccountView, ChannelRunView, ListingChannelAttributesView } from '@pk/contracts';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { bearer, registerWithRoles } from './support/http';
import type { Shop } from './support/search';
import {
  artisanShop,
  bootChannelsTestbed,
  ChannelsTestbed,
  connectTrip,
  createAccount,
  endekSpec,
  finishedRun,
  itemOf,
  LAZADA_APP,
  mapEndek,
  publishWithPhotos,
  sentFor,
  storedSecrets,
  storeTokens,
  syncAndWait,
  TIKTOK_APP,
  tiktokProduct,
  tiktokProductsWithSku,
  lazadaItem,
  untilPlanned,
} from './support/channels';

// Connecting TikTok Shop and Lazada seller accounts by the channels' own authorization pages
// (the sandboxes approve at once and redirect the browser to our callback), the scheduled token
// refresh, the channels' category data behind mappings, and the values a listing takes per channel.
// Refreshes here run every second (CHANNEL_TOKEN_REFRESH_CRON); only tokens lapsing within two
// hours are refreshed, and the sandboxes issue them for a week.

describe('channels: connecting seller accounts through the channel\'s authorization', () => {
  let tb: ChannelsTestbed;
  const api = () => request(tb.sys.http);
  const ownAccounts = async (shop: Shop) => (await api().get('/api/v1/channels/accounts').set(bearer(shop.session)).expect(200)).body.items as ChannelAccountView[];
  const fieldsOf = (body: { error?: { details?: Array<{ field: string }> } }) => (body.error?.details ?? []).map((d) => d.field);

  beforeAll(async () => {
    tb = await bootChannelsTestbed('channels-connect', { env: { CHANNEL_TOKEN_REFRESH_CRON: '* * * * * *' } });
  });
  afterAll(() => tb?.close());

  it('needs a connected account to read a channel\'s categories; who may connect what, and bad input named', async () => {
    const missing = await api().get('/api/v1/curation/channels/tiktok_shop/categories').set(bearer(tb.curator)).expect(409);
    expect(missing.body.error.code).toBe('channel_account_missing');
    const shop = await artisanShop(tb.sys, 'Tenun Uji Coba');
    await api().get('/api/v1/curation/channels/tiktok_shop/categories').set(bearer(shop.session)).expect(403);
    await api().get('/api/v1/curation/channels/tiktok_shop/categories').expect(401);
    expect(fieldsOf((await api().get('/api/v1/curation/channels/shopee/categories').set(bearer(tb.curator)).expect(400)).body)).toEqual(['channel']);

    expect(fieldsOf((await api().post('/api/v1/channels/connect/shopee').set(bearer(shop.session)).send({ scope: 'shop' }).expect(400)).body)).toEqual(['channel']);
    expect(fieldsOf((await api().post('/api/v1/channels/connect/lazada').set(bearer(shop.session)).send({ scope: 'everyone' }).expect(400)).body)).toEqual(['scope']);
    await api().post('/api/v1/channels/connect/lazada').send({ scope: 'shop' }).expect(401);
    // The council's account is the curators'; a shop's is its verified owner's.
    await api().post('/api/v1/channels/connect/lazada').set(bearer(shop.session)).send({ scope: 'council' }).expect(403);
    await api().post('/api/v1/channels/connect/lazada').set(bearer(tb.curator)).send({ scope: 'shop' }).expect(403);
    const buyer = await registerWithRoles(tb.sys, []);
    await api().post('/api/v1/channels/connect/lazada').set(bearer(buyer)).send({ scope: 'shop' }).expect(403);
    expect(await queryDb(tb.sys, 'SELECT 1 FROM channels.connect_states')).toEqual([]);
  });

  it('an artisan connects TikTok Shop and Lazada through the channels\' pages; the accounts hold sealed tokens and the seller\'s cipher and warehouse, and export', async () => {
    const shop = await artisanShop(tb.sys, 'Tenun Ikat Sidemen Ayu');
    for (const channel of ['tiktok_shop', 'lazada'] as const) {
      const trip = await connectTrip(tb, channel, shop.session, 'shop');
      const link = new URL(trip.start.url);
      expect(trip.start.url.startsWith(channel === 'tiktok_shop' ? tb.tiktok.authorizeUrl : tb.lazada.authorizeUrl)).toBe(true);
      expect(link.searchParams.get('redirect_uri')).toBe(`${tb.publicUrl}/api/v1/channels/connect/${channel}/callback`);
      const state = link.searchParams.get('state')!;
      expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Date.parse(trip.start.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
      expect(Date.parse(trip.start.expiresAt) - Date.now()).toBeLessThanOrEqual(10 * 60_000);
      // The channel brought the browser back with a code and our state, and we sent it on to the seller centre.
      expect(trip.callback.searchParams.get('code')).toBeTruthy();
      expect(trip.callback.searchParams.get('state')).toBe(state);
      expect(trip.location).toBe(`/seller/channels?connected=${channel}`);
      // The state is kept only as a hash, and is spent.
      const states = await queryDb<{ state_hash: string; used_at: Date | null }>(tb.sys, `SELECT state_hash, used_at FROM channels.connect_states WHERE channel = $1`, [channel]);
      expect(states.map((s) => s.state_hash)).not.toContain(state);
      expect(states.every((s) => s.used_at !== null)).toBe(true);
    }

    const accounts = await ownAccounts(shop);
    expect(accounts.map((a) => a.channel).sort()).toEqual(['lazada', 'tiktok_shop']);
    const tiktok = accounts.find((a) => a.channel === 'tiktok_shop')!;
    const lazada = accounts.find((a) => a.channel === 'lazada')!;
    for (const [a, appKey] of [[tiktok, TIKTOK_APP.appKey], [lazada, LAZADA_APP.appKey]] as const) {
      expect(a).toMatchObject({ scope: 'shop', artisanId: shop.artisanId, shopSlug: shop.slug, status: 'active', appKey, connectedVia: 'authorization', needsReconnect: false, reconnectReason: null });
      expect(a.sellerName).toEqual(expect.any(String));
    }
    // Tokens sealed at rest, never shown; the app secret is ours (config), not stored per account.
    const [rows, listed] = [await queryDb<{ id: string; secrets: string; settings: Record<string, unknown>; seller_id: string }>(tb.sys, 'SELECT id, secrets, settings, seller_id FROM channels.accounts WHERE artisan_id = $1', [shop.artisanId]), JSON.stringify(accounts)];
    for (const row of rows) {
      const secrets = await storedSecrets(tb, row.id);
      expect(secrets.accessToken.length).toBeGreaterThan(8);
      expect(secrets.appSecret).toBe('');
      for (const token of [secrets.accessToken, secrets.refreshToken]) {
        expect(row.secrets).not.toContain(token);
        expect(JSON.stringify(row.settings)).not.toContain(token);
        expect(listed).not.toContain(token);
      }
    }
    const tiktokRow = rows.find((r) => r.id === tiktok.id)!;
    const sandboxShop = tb.tiktok.state.shops.get(tiktokRow.settings.shopCipher as string);
    expect(sandboxShop).toBeDefined();
    expect(tiktokRow.settings).toMatchObject({ shopCipher: sandboxShop!.shopCipher, warehouseId: sandboxShop!.warehouseId, region: 'ID' });
    const lazadaRow = rows.find((r) => r.id === lazada.id)!;
    expect(tb.lazada.state.sellers.get(lazadaRow.seller_id)).toBeDefined();
    expect(lazadaRow.settings).toMatchObject({ sellerId: lazadaRow.seller_id });

    // Curators see the accounts with how they were connected.
    const all = (await api().get('/api/v1/curation/channels/accounts').set(bearer(tb.curator)).expect(200)).body.items as ChannelAccountView[];
    expect(all.find((a) => a.id === tiktok.id)).toMatchObject({ connectedVia: 'authorization', sellerName: tiktok.sellerName, needsReconnect: false });

    // And they export: the sandboxes take the tokens, the cipher and the warehouse.
    await mapEndek(tb);
    const listing = await publishWithPhotos(tb, shop, endekSpec());
    for (const id of [tiktok.id, lazada.id]) await untilPlanned(tb, id, { [listing.id]: 'create' });
    for (const id of [tiktok.id, lazada.id]) expect(await syncAndWait(tb, id)).toMatchObject({ status: 'succeeded', counts: { created: 1, failed: 0 } });
    const product = tiktokProduct(tb, { view: tiktok, channel: 'tiktok_shop', sandboxId: sandboxShop!.shopCipher, appKey: tiktok.appKey, issued: {} as never }, listing.variants[0]!.sku);
    expect(product.skus[0]!.inventory[0]).toMatchObject({ warehouseId: sandboxShop!.warehouseId });
    lazadaItem(tb, { view: lazada, channel: 'lazada', sandboxId: lazadaRow.seller_id, appKey: lazada.appKey, issued: {} as never }, listing.variants[0]!.sku);
  });

  it('sends the browser back with the reason, and makes no account, for a forged, expired, reused or mismatched state and a denied authorization', async () => {
    const shop = await artisanShop(tb.sys, 'Songket Klungkung Ayu');
    const none = async () => expect(await ownAccounts(shop)).toEqual([]);

    const forged = await connectTrip(tb, 'lazada', shop.session, 'shop', (u) => (u.searchParams.set('state', 'A'.repeat(43)), u));
    expect(forged.location).toBe('/seller/channels?connectError=state_invalid&channel=lazada');
    await none();

    const expired = await connectTrip(tb, 'lazada', shop.session, 'shop', async (u) => {
      await queryDb(tb.sys, `UPDATE channels.connect_states SET expires_at = now() - interval '1 second' WHERE requested_by = $1 AND used_at IS NULL`, [shop.session.user.id]);
      return u;
    });
    expect(expired.location).toBe('/seller/channels?connectError=state_expired&channel=lazada');
    await none();

    // A TikTok state brought to the Lazada callback.
    const crossed = await connectTrip(tb, 'tiktok_shop', shop.session, 'shop', (u) => new URL(u.toString().replace('/connect/tiktok_shop/callback', '/connect/lazada/callback')));
    expect(crossed.location).toBe('/seller/channels?connectError=state_invalid&channel=lazada');
    await none();

    tb.tiktok.denyNextAuthorization();
    const denied = await connectTrip(tb, 'tiktok_shop', shop.session, 'shop');
    expect(denied.callback.searchParams.get('error')).toBeTruthy();
    expect(denied.location).toBe('/seller/channels?connectError=denied&channel=tiktok_shop');
    await none();

    // A code the channel does not take (used, made up): the exchange fails and nothing is stored.
    const refused = await connectTrip(tb, 'lazada', shop.session, 'shop', (u) => (u.searchParams.set('code', 'not-a-code-lazada-issued'), u));
    expect(refused.location).toBe('/seller/channels?connectError=exchange_failed&channel=lazada');
    await none();

    // A callback without any state, as a bot might send it.
    const bare = await fetch(`${tb.publicUrl}/api/v1/channels/connect/lazada/callback?code=abc`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([302, '/seller/channels?connectError=state_invalid']);

    const ok = await connectTrip(tb, 'lazada', shop.session, 'shop');
    expect(ok.location).toBe('/seller/channels?connected=lazada');
    const [account] = await ownAccounts(shop);
    const tokens = await storedSecrets(tb, account!.id);
    // The same callback again (a reload, or someone replaying it) is refused and changes nothing.
    const replay = await fetch(ok.callback, { redirect: 'manual' });
    expect([replay.status, replay.headers.get('location')]).toEqual([302, '/seller/channels?connectError=state_invalid&channel=lazada']);
    expect((await ownAccounts(shop)).map((a) => a.id)).toEqual([account!.id]);
    expect((await storedSecrets(tb, account!.id)).accessToken).toBe(tokens.accessToken);
  });

  it("a curator connects the council's account the same way; its outcomes go back to the curator console", async () => {
    const expired = await connectTrip(tb, 'tiktok_shop', tb.curator, 'council', async (u) => {
      await queryDb(tb.sys, `UPDATE channels.connect_states SET expires_at = now() - interval '1 second' WHERE requested_by = $1 AND used_at IS NULL`, [tb.curator.user.id]);
      return u;
    });
    expect(expired.location).toBe('/curator/channels?connectError=state_expired&channel=tiktok_shop');
    expect(await queryDb(tb.sys, `SELECT 1 FROM channels.accounts WHERE scope = 'council'`)).toEqual([]);

    const ok = await connectTrip(tb, 'tiktok_shop', tb.curator, 'council');
    expect(ok.location).toBe('/curator/channels?connected=tiktok_shop');
    const all = (await api().get('/api/v1/curation/channels/accounts').set(bearer(tb.curator)).expect(200)).body.items as ChannelAccountView[];
    expect(all.filter((a) => a.scope === 'council')).toEqual([
      expect.objectContaining({ channel: 'tiktok_shop', artisanId: null, shopSlug: null, status: 'active', connectedVia: 'authorization', sellerName: expect.any(String) }),
    ]);
    const [row] = await queryDb<{ created_by: string }>(tb.sys, `SELECT created_by FROM channels.accounts WHERE scope = 'council'`);
    expect(row!.created_by).toBe(tb.curator.user.id);
  });

  it('refuses a seller another shop has connected (seller_taken); the owner reconnects the same account', async () => {
    const first = await artisanShop(tb.sys, 'Perak Celuk Kadek');
    const second = await artisanShop(tb.sys, 'Perak Celuk Wayan');
    await connectTrip(tb, 'lazada', first.session, 'shop');
    const [account] = await ownAccounts(first);
    const [row] = await queryDb<{ seller_id: string }>(tb.sys, 'SELECT seller_id FROM channels.accounts WHERE id = $1', [account!.id]);
    const seller = tb.lazada.state.sellers.get(row!.seller_id)!;
    const before = await storedSecrets(tb, account!.id);

    tb.lazada.authorize(seller); // the same seller signs in at the next visit
    const taken = await connectTrip(tb, 'lazada', second.session, 'shop');
    expect(taken.location).toBe('/seller/channels?connectError=seller_taken&channel=lazada');
    expect(await ownAccounts(second)).toEqual([]);

    // TikTok Shop: the seller's code for the same shop, brought back to our callback with a state of our own.
    await connectTrip(tb, 'tiktok_shop', first.session, 'shop');
    const [tiktokRow] = await queryDb<{ settings: { shopCipher: string } }>(tb.sys, `SELECT settings FROM channels.accounts WHERE artisan_id = $1 AND channel = 'tiktok_shop'`, [first.artisanId]);
    const start = await api().post('/api/v1/channels/connect/tiktok_shop').set(bearer(second.session)).send({ scope: 'shop' }).expect(201);
    const { code } = tb.tiktok.authorize(tb.tiktok.state.shops.get(tiktokRow!.settings.shopCipher)!);
    const back = await api().get('/api/v1/channels/connect/tiktok_shop/callback').query({ code, state: new URL(start.body.url).searchParams.get('state') }).redirects(0).expect(302);
    expect(back.headers.location).toBe('/seller/channels?connectError=seller_taken&channel=tiktok_shop');
    expect(await ownAccounts(second)).toEqual([]);

    tb.lazada.authorize(seller);
    const again = await connectTrip(tb, 'lazada', first.session, 'shop');
    expect(again.location).toBe('/seller/channels?connected=lazada');
    const after = (await ownAccounts(first)).filter((a) => a.channel === 'lazada');
    expect(after.map((a) => [a.id, a.status, a.needsReconnect])).toEqual([[account!.id, 'active', false]]);
    expect((await storedSecrets(tb, account!.id)).accessToken).not.toBe(before.accessToken);
  });

  it('lets only the owner disconnect: another artisan or a curator cannot; the account stops and its tokens are wiped', async () => {
    const owner = await artisanShop(tb.sys, 'Ukiran Mas Made');
    const other = await artisanShop(tb.sys, 'Ukiran Mas Nyoman');
    await connectTrip(tb, 'tiktok_shop', owner.session, 'shop');
    const [account] = await ownAccounts(owner);
    const url = `/api/v1/channels/accounts/${account!.id}`;
    await api().delete(url).set(bearer(other.session)).expect(404);
    await api().delete(url).set(bearer(tb.curator)).expect(404);
    await api().delete(url).expect(401);
    await api().delete('/api/v1/channels/accounts/not-a-uuid').set(bearer(owner.session)).expect(400);
    expect((await ownAccounts(owner))[0]).toMatchObject({ status: 'active' });

    const gone = await api().delete(url).set(bearer(owner.session)).expect(200);
    expect(gone.body).toMatchObject({ id: account!.id, status: 'disabled' });
    expect(await storedSecrets(tb, account!.id)).toMatchObject({ accessToken: '', refreshToken: '' });
    // The shop's own account exports nothing any more: the council's covers the shop again.
    const sync = await api().post('/api/v1/channels/sync').set(bearer(owner.session)).send({}).expect(202);
    const [council] = await queryDb<{ id: string }>(tb.sys, `SELECT id FROM channels.accounts WHERE scope = 'council' AND channel = 'tiktok_shop'`);
    expect((sync.body.runs as ChannelRunView[]).map((r) => r.accountId)).toEqual([council!.id]);

    await connectTrip(tb, 'tiktok_shop', owner.session, 'shop');
    expect((await ownAccounts(owner)).map((a) => [a.id, a.status])).toEqual([[account!.id, 'active']]);
  });

  it('refreshes on schedule the tokens that lapse within two hours, and stores the new ones at once', async () => {
    const shop = await artisanShop(tb.sys, 'Bambu Bangli Nyoman');
    const pair = await Promise.all([createAccount(tb, 'tiktok_shop', { scope: 'shop', shop }), createAccount(tb, 'lazada', { scope: 'shop', shop })]);
    const refreshes = () => [tb.tiktok.log.count('auth.token.refresh'), tb.lazada.log.count('/auth/token/refresh')];
    const before = refreshes();
    // Lapsing in an hour (a week in the sandbox, but the account is what the schedule reads).
    for (const a of pair) await queryDb(tb.sys, `UPDATE channels.accounts SET access_token_expires_at = now() + interval '1 hour' WHERE id = $1`, [a.view.id]);
    await eventually(async () => {
      for (const a of pair) {
        const [row] = await queryDb<{ access_token_expires_at: Date; tokens_refreshed_at: Date }>(tb.sys, 'SELECT access_token_expires_at, tokens_refreshed_at FROM channels.accounts WHERE id = $1', [a.view.id]);
        expect(row!.access_token_expires_at.getTime()).toBeGreaterThan(Date.now() + 24 * 3600_000);
        expect((await storedSecrets(tb, a.view.id)).accessToken).not.toBe(a.issued.accessToken);
      }
    }, { timeoutMs: 15_000, intervalMs: 250 });
    const after = refreshes();
    expect(after[0]! - before[0]!).toBeGreaterThanOrEqual(1);
    expect(after[1]! - before[1]!).toBeGreaterThanOrEqual(1);
    // The new tokens work: a run of each account succeeds without refreshing again.
    for (const a of pair) expect((await syncAndWait(tb, a.view.id)).status).toBe('succeeded');
    expect(refreshes()).toEqual(after);
    for (const a of (await ownAccounts(shop))) expect(a.needsReconnect).toBe(false);
  });

  it('marks an account whose refresh token the channel refuses; runs skip it and say why, until the owner connects again', async () => {
    const shop = await artisanShop(tb.sys, 'Lukisan Kamasan Ketut');
    const listing = await publishWithPhotos(tb, shop, endekSpec());
    const account = await createAccount(tb, 'lazada', { scope: 'shop', shop });
    await untilPlanned(tb, account, { [listing.id]: 'create' });
    await storeTokens(tb, account.view.id, { refreshToken: 'never-issued-refresh-token' }, new Date(Date.now() + 3600_000));
    const since = Date.now();
    const marked = await eventually(async () => {
      const [a] = await ownAccounts(shop);
      expect(a).toMatchObject({ needsReconnect: true, reconnectReason: expect.stringMatching(/connect/i) });
      return a!;
    }, { timeoutMs: 15_000, intervalMs: 250 });

    const res = await api().post('/api/v1/channels/sync').set(bearer(shop.session)).send({}).expect(202);
    const run = await finishedRun(tb, (res.body.runs as ChannelRunView[]).find((r) => r.accountId === account.view.id)!.id, { artisan: shop.session });
    expect(run).toMatchObject({ status: 'failed', error: expect.stringContaining('connected again') });
    expect(run.error).toContain(marked.reconnectReason);
    expect(sentFor(tb, account, { all: true, since })).toEqual({});

    const again = await connectTrip(tb, 'lazada', shop.session, 'shop');
    expect(again.location).toBe('/seller/channels?connected=lazada');
    expect((await ownAccounts(shop))[0]).toMatchObject({ id: account.view.id, needsReconnect: false, reconnectReason: null });
    const reconnected = await createAccount(tb, 'lazada', { scope: 'shop', shop });
    await untilPlanned(tb, reconnected, { [listing.id]: 'create' });
    expect(await syncAndWait(tb, reconnected)).toMatchObject({ status: 'succeeded', counts: { created: 1 } });
  });

  it("marks the account when a run's own token refresh is refused", async () => {
    const shop = await artisanShop(tb.sys, 'Tenun Gringsing Tenganan');
    const listing = await publishWithPhotos(tb, shop, endekSpec());
    const account = await createAccount(tb, 'tiktok_shop', { scope: 'shop', shop });
    await untilPlanned(tb, account, { [listing.id]: 'create' });
    // The schedule leaves it alone (a week to go), but the channel says the access token lapsed and refuses the refresh token.
    await storeTokens(tb, account.view.id, { refreshToken: 'never-issued-refresh-token' });
    tb.tiktok.expireAccessToken(account.issued.accessToken);
    const run = await syncAndWait(tb, account);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/connect/i);
    expect(tiktokProductsWithSku(tb, account, listing.variants[0]!.sku)).toEqual([]);
    expect((await ownAccounts(shop))[0]).toMatchObject({ needsReconnect: true, reconnectReason: expect.any(String) });
  });

  it("reads the channels' category trees and attributes through an account, caches them a week, and fetches again when asked or stale", async () => {
    const count = (api: string) => tb.tiktok.log.count(api);
    const tree = async (query = '') => (await api().get(`/api/v1/curation/channels/tiktok_shop/categories${query}`).set(bearer(tb.curator)).expect(200)).body as { items: Array<{ id: string; parentId: string | null; leaf: boolean; name: string }>; fetchedAt: string };
    const first = await tree();
    expect(first.items).toEqual(expect.arrayContaining([
      { id: '601161', parentId: '601152', name: 'Traditional Cloth', leaf: true },
      expect.objectContaining({ id: '601152', leaf: false }),
    ]));
    const fetches = count('products.categories');
    expect(await tree()).toEqual(first); // from the cache
    expect(count('products.categories')).toBe(fetches);
    const refreshed = await tree('?refresh=true');
    expect(count('products.categories')).toBe(fetches + 1);
    expect(Date.parse(refreshed.fetchedAt)).toBeGreaterThan(Date.parse(first.fetchedAt));
    await queryDb(tb.sys, `UPDATE channels.channel_categories SET fetched_at = now() - interval '8 days' WHERE channel = 'tiktok_shop'`);
    await tree();
    expect(count('products.categories')).toBe(fetches + 2);
    await api().get('/api/v1/curation/channels/tiktok_shop/categories?refresh=maybe').set(bearer(tb.curator)).expect(400);

    const attrs = (channel: string, id: string) => api().get(`/api/v1/curation/channels/${channel}/categories/${id}/attributes`).set(bearer(tb.curator));
    const cloth = (await attrs('tiktok_shop', '601161')).body;
    expect(cloth.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: '100198', name: 'Material', required: true, sales: false, customizable: true, multiple: true, values: expect.arrayContaining([{ id: '1000101', name: 'Katun' }]) }),
      expect.objectContaining({ id: '100000', name: 'Warna', sales: true }),
    ]));
    const attributeFetches = count('products.categories.attributes');
    expect((await attrs('tiktok_shop', '601161')).body).toEqual(cloth);
    expect(count('products.categories.attributes')).toBe(attributeFetches);
    const [stored] = await queryDb<{ fetched_at: Date }>(tb.sys, `SELECT fetched_at FROM channels.channel_attributes WHERE channel = 'tiktok_shop' AND category_id = '601161'`);
    expect(stored!.fetched_at.toISOString()).toBe(cloth.fetchedAt);
    expect(fieldsOf((await attrs('tiktok_shop', '601152').expect(400)).body)).toEqual(['categoryId']);
    expect(fieldsOf((await attrs('tiktok_shop', '999999').expect(400)).body)).toEqual(['categoryId']);

    const fabric = (await attrs('lazada', '62541305').expect(200)).body;
    expect(fabric.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'material', required: true, sales: false }), expect.objectContaining({ id: 'color_family', sales: true })]));
    const shop = await artisanShop(tb.sys, 'Tenun Penasaran');
    await api().get('/api/v1/curation/channels/lazada/categories/62541305/attributes').set(bearer(shop.session)).expect(403);
  });

  it('checks mappings against the channel\'s data and names each field at fault', async () => {
    const put = (channel: string, slug: string, body: Record<string, unknown>) => api().put(`/api/v1/curation/channels/mappings/${channel}/${slug}`).set(bearer(tb.curator)).send(body);
    const refused = async (body: Record<string, unknown>, channel = 'tiktok_shop') => fieldsOf((await put(channel, 'songket', body).expect(400)).body);

    expect(await refused({ channelCategoryId: '601161', attributes: [{ id: '100347', values: [{ id: '999', name: 'Kotak' }] }] })).toEqual(['attributes.0.values.0.id']);
    expect(await refused({ channelCategoryId: '601152', attributes: [] })).toEqual(['channelCategoryId']);
    expect(await refused({ channelCategoryId: '999999', attributes: [] })).toEqual(['channelCategoryId']);
    // Motif takes only its own values, and one of them.
    expect(await refused({ channelCategoryId: '601161', attributes: [{ id: '100347', values: [{ name: 'Kotak-kotak' }] }] })).toEqual(['attributes.0.values.0.name']);
    expect(await refused({ channelCategoryId: '601161', attributes: [{ id: '100347', values: [{ id: '1034701', name: 'Cemplong' }, { id: '1034702', name: 'Geringsing' }] }] })).toEqual(['attributes.0.values']);
    expect(await refused({ channelCategoryId: '601161', attributes: [{ id: '100000', from: 'materials' }, { id: 'nope' }] })).toEqual(['attributes.0.id', 'attributes.1.id']);
    expect(await refused({ channelCategoryId: '601161', attributes: [], salesAttributes: [{ id: '100198', optionLabels: ['Bahan'] }] })).toEqual(['salesAttributes.0.id']);
    expect(await refused({ channelCategoryId: '62541305', attributes: [{ id: 'weaving_technique', values: [{ name: 'Batik tulis' }] }] }, 'lazada')).toEqual(['attributes.0.values.0.name']);

    // A category with four sales attributes: TikTok takes three.
    const sales = (id: string, name: string) => ({ id, name, type: 'SALES_PROPERTY' as const, values: [{ id: `${id}1`, name: `${name} 1` }] });
    tb.tiktok.setCategory({ id: '601165', name: 'Kain Serbaguna', leaf: true, parentId: '601152', attributes: [sales('200001', 'Warna'), sales('200002', 'Ukuran'), sales('200003', 'Motif'), sales('200004', 'Panjang')] });
    const four = ['Warna', 'Ukuran', 'Motif', 'Panjang'].map((label, i) => ({ id: `20000${i + 1}`, optionLabels: [label] }));
    expect(await refused({ channelCategoryId: '601165', attributes: [], salesAttributes: four })).toEqual(['salesAttributes']);
    const three = await put('tiktok_shop', 'songket', { channelCategoryId: '601165', attributes: [], salesAttributes: four.slice(0, 3) }).expect(200);
    expect(three.body.salesAttributes).toEqual([
      { id: '200001', name: 'Warna', optionLabels: ['Warna'], options: [{ id: '2000011', name: 'Warna 1' }], customizable: expect.any(Boolean) },
      expect.objectContaining({ id: '200002' }),
      expect.objectContaining({ id: '200003' }),
    ]);

    // What passes is stored with the channel's data for the adapters.
    const ok = await put('tiktok_shop', 'songket', { channelCategoryId: '601161', attributes: [{ id: '100347', values: [{ name: 'cemplong' }] }, { id: '100198', from: 'materials' }] }).expect(200);
    expect(ok.body).toMatchObject({ channelCategoryId: '601161', channelCategoryName: 'Traditional Cloth' });
    expect(ok.body.attributes[0]).toEqual({
      id: '100347', name: 'Motif', required: false, multiple: false, customizable: false, level: 'product',
      values: [{ id: '1034701', name: 'Cemplong' }], options: expect.arrayContaining([{ id: '1034704', name: 'Poleng' }]),
    });
    expect(ok.body.attributes[1]).toMatchObject({ id: '100198', required: true, from: 'materials', options: expect.any(Array) });
  });

  it('takes per-listing values for a required attribute: a listing refused for want of one exports once its artisan gives it', async () => {
    // Kadar Perak is required on TikTok's Silver Jewellery and left open in the mapping: each artisan says it per listing.
    await api().put('/api/v1/curation/channels/mappings/tiktok_shop/silver-jewellery').set(bearer(tb.curator))
      .send({ channelCategoryId: '601190', attributes: [{ id: '100198', from: 'materials' }, { id: '100520' }] }).expect(200);
    const shop = await artisanShop(tb.sys, 'Perak Celuk Komang', 'gianyar');
    const other = await artisanShop(tb.sys, 'Perak Celuk Gede', 'gianyar');
    const account = await createAccount(tb, 'tiktok_shop', { scope: 'shop', shop });
    const listing = await publishWithPhotos(tb, shop, endekSpec({ titleId: 'Cincin perak Celuk ukiran bunga jepun 925', category: 'silver-jewellery', regency: 'gianyar', materials: ['Perak 925'] }));
    await untilPlanned(tb, account, { [listing.id]: 'create' });
    const refusedRun = await syncAndWait(tb, account);
    expect(itemOf(refusedRun, listing.id)).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('Kadar Perak') });
    expect(tiktokProductsWithSku(tb, account, listing.variants[0]!.sku)).toEqual([]);

    const url = `/api/v1/channels/listings/${listing.id}/attributes`;
    const view = (await api().get(url).set(bearer(shop.session)).expect(200)).body as ListingChannelAttributesView;
    expect(view.items.map((i) => [i.channel, i.categoryId])).toEqual([['tiktok_shop', '601190']]);
    const attrs = view.items[0]!.attributes;
    expect(attrs.find((a) => a.id === '100520')).toMatchObject({ name: 'Kadar Perak', required: true, value: null, source: null, values: expect.arrayContaining([{ id: '1052001', name: '925 Sterling' }]) });
    expect(attrs.find((a) => a.id === '100198')).toMatchObject({ source: 'field', value: [{ name: 'Perak 925' }] });
    await api().get(url).set(bearer(other.session)).expect(404);
    await api().get(url).set(bearer(tb.curator)).expect(200);
    await api().get(url).expect(401);

    const put = (session: typeof shop.session, values: unknown) => api().put(`${url}/tiktok_shop`).set(bearer(session)).send({ values });
    expect(fieldsOf((await put(shop.session, { '100520': [{ id: '1059999', name: 'Emas' }] }).expect(400)).body)).toEqual(['values.100520.0.id']);
    expect(fieldsOf((await put(shop.session, { '100520': [{ name: 'Perak campur' }] }).expect(400)).body)).toEqual(['values.100520.0.name']);
    expect(fieldsOf((await put(shop.session, { zzz: [{ name: 'x' }] }).expect(400)).body)).toEqual(['values.zzz']);
    expect(fieldsOf((await api().put(`${url}/shopee`).set(bearer(shop.session)).send({ values: {} }).expect(400)).body)).toEqual(['channel']);
    await put(other.session, { '100520': [{ id: '1052001', name: '925 Sterling' }] }).expect(404);

    const saved = (await put(shop.session, { '100520': [{ id: '1052001', name: 'whatever the web showed' }] }).expect(200)).body as ListingChannelAttributesView;
    expect(saved.items[0]!.attributes.find((a) => a.id === '100520')).toMatchObject({ source: 'listing', value: [{ id: '1052001', name: '925 Sterling' }] });
    // Queued at once (as "sync now"): the listing goes out without anyone starting a run.
    const product = await eventually(() => tiktokProduct(tb, account, listing.variants[0]!.sku), { timeoutMs: 20_000, intervalMs: 200 });
    expect(product.attributes['100520']).toEqual(['925 Sterling']);

    // What the channel is sent follows the value, so a changed value goes out again (an edit), soon.
    await eventually(async () => expect((await queryDb<{ n: number }>(tb.sys, `SELECT count(*)::int AS n FROM channels.runs WHERE account_id = $1 AND status IN ('queued', 'running')`, [account.view.id]))[0]!.n).toBe(0));
    await put(shop.session, { '100520': [{ name: '950' }] }).expect(200);
    await eventually(() => expect(tiktokProduct(tb, account, listing.variants[0]!.sku)).toMatchObject({ attributes: expect.objectContaining({ '100520': ['950'] }), edits: 1 }), { timeoutMs: 20_000, intervalMs: 200 });
  });

  // Last: it stops the channels service.
  it('sends the browser to a page with the reason, not an error page, when the channels service is down', async () => {
    await tb.sys.stopService('channels');
    const res = await fetch(`${tb.publicUrl}/api/v1/channels/connect/lazada/callback?code=abc&state=${'B'.repeat(43)}`, { redirect: 'manual' });
    expect([res.status, res.headers.get('location')]).toEqual([302, '/seller/channels?connectError=exchange_failed&channel=lazada']);
  });
});
