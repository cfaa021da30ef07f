import request from 'supertest';
import type { ChannelRunView } from '@pk/contracts';
import { eventually } from './support/eventually';
import { bearer } from './support/http';
import {
  accountPair,
  AccountPair,
  artisanShop,
  bootChannelsTestbed,
  channelState,
  ChannelsTestbed,
  countedOutcomes,
  endekSpec,
  ExportedListing,
  lazadaItemsWithSku,
  logOf,
  mapEndek,
  publishWithPhotos,
  RunDetail,
  shopChannelListings,
  startSync,
  TestAccount,
  tiktokProductsWithSku,
  untilPlanned,
} from './support/channels';

// A run killed halfway: the channels service is stopped while both exports are under way (the
// sandboxes and the client both held to 2 requests a second per API, so 40 listings take about
// 20 s), then started again. The BullMQ job is retried and must finish the export without
// creating any product twice, however far the first attempt got.

const LISTINGS = 40;
const RATE = 2;

jest.setTimeout(150_000);

describe('channels: a run killed halfway resumes without duplicates', () => {
  let tb: ChannelsTestbed;
  const api = () => request(tb.sys.http);

  beforeAll(async () => {
    tb = await bootChannelsTestbed('channels-resume', {
      env: { TIKTOK_SHOP_REQUESTS_PER_SECOND: String(RATE), LAZADA_REQUESTS_PER_SECOND: String(RATE) },
      tiktok: { rateLimitPerSecond: RATE },
      lazada: { rateLimitPerSecond: RATE },
    });
    await mapEndek(tb);
  });
  afterAll(() => tb?.close());

  /** Products (TikTok) and items (Lazada) the sandboxes hold for the council shop and seller. */
  const madeFor = (account: TestAccount) =>
    account.channel === 'tiktok_shop'
      ? [...tb.tiktok.state.products.values()].filter((p) => p.shopCipher === account.sandboxId).length
      : [...tb.lazada.state.items.values()].filter((i) => i.sellerId === account.sandboxId).length;
  const requestsFor = (account: TestAccount, from: number, to: number) =>
    logOf(tb, account.channel).entries.filter((e) => e.rateKey?.startsWith(`${account.appKey}:${account.sandboxId}:`) && e.at >= from && e.at < to).length;

  /**
   * The run once the export is over: the run itself if its retried job finished it, else the
   * newest real run of the account after it (a retry run), with nothing of the account still
   * queued or running.
   */
  async function settled(account: TestAccount, run: ChannelRunView): Promise<RunDetail> {
    return eventually(
      async () => {
        const res = await api().get(`/api/v1/curation/channels/runs?accountId=${account.view.id}&limit=50`).set(bearer(tb.curator)).expect(200);
        const runs = (res.body.items as ChannelRunView[]).filter((r) => r.kind !== 'dry_run');
        expect(runs.filter((r) => r.status === 'queued' || r.status === 'running')).toEqual([]);
        const original = runs.find((r) => r.id === run.id);
        expect(original).toBeDefined();
        const final =
          original!.status === 'succeeded'
            ? original!
            : runs.filter((r) => r.status === 'succeeded' && r.createdAt >= run.createdAt).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
        expect(final).toBeDefined();
        return (await api().get(`/api/v1/curation/channels/runs/${final!.id}`).set(bearer(tb.curator)).expect(200)).body as RunDetail;
      },
      { timeoutMs: 100_000, intervalMs: 250 },
    );
  }

  it('stops the channels service mid-run, starts it again, and every listing exists exactly once on each channel', async () => {
    const shop = await artisanShop(tb.sys, 'Tenun Endek Sidemen Bersama');
    const council: AccountPair = await accountPair(tb, { scope: 'council' });
    const listings: ExportedListing[] = [];
    for (let i = 0; i < LISTINGS; i += 5) {
      listings.push(...(await Promise.all(Array.from({ length: 5 }, () => publishWithPhotos(tb, shop, endekSpec())))));
    }
    const creates = Object.fromEntries(listings.map((l) => [l.id, 'create' as const]));
    await Promise.all([untilPlanned(tb, council.tiktok, creates, 30_000), untilPlanned(tb, council.lazada, creates, 30_000)]);

    const runs = await Promise.all([startSync(tb, council.tiktok), startSync(tb, council.lazada)]);
    // Under way: a few products made, far from all of them.
    await eventually(() => expect(madeFor(council.tiktok) + madeFor(council.lazada)).toBeGreaterThanOrEqual(6), { timeoutMs: 30_000, intervalMs: 50 });
    await tb.sys.stopService('channels');
    const stoppedAt = Date.now();
    const madeAtStop = [madeFor(council.tiktok), madeFor(council.lazada)];
    expect(madeAtStop[0]! + madeAtStop[1]!).toBeLessThan(2 * LISTINGS);
    // Stopped means stopped: nothing more reaches the channels until the service is back.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const madeWhileStopped = [madeFor(council.tiktok), madeFor(council.lazada)];
    const sentWhileStopped = [requestsFor(council.tiktok, stoppedAt + 250, Date.now()), requestsFor(council.lazada, stoppedAt + 250, Date.now())];
    if (sentWhileStopped.some((n) => n > 0)) {
      // A run that outlives its worker later ends on cut Redis connections, where BullMQ can retry
      // without pause and starve the event loop: this suite would then hang without a word.
      console.error(`channels: ${sentWhileStopped.join(' + ')} requests reached the sandboxes after stopService('channels') returned; the export run was not stopped`);
    }
    expect({ madeWhileStopped, sentWhileStopped }).toEqual({ madeWhileStopped: madeAtStop, sentWhileStopped: [0, 0] });
    await tb.sys.startService('channels');

    const finals = await Promise.all([settled(council.tiktok, runs[0]!), settled(council.lazada, runs[1]!)]);

    // Exactly one product per listing on each channel, and nothing else in the shop.
    for (const listing of listings) {
      const sku = listing.variants[0]!.sku;
      expect({ sku, tiktok: tiktokProductsWithSku(tb, council.tiktok, sku).length, lazada: lazadaItemsWithSku(tb, council.lazada, sku).length }).toEqual({ sku, tiktok: 1, lazada: 1 });
    }
    expect([madeFor(council.tiktok), madeFor(council.lazada)]).toEqual([LISTINGS, LISTINGS]);

    for (const final of finals) {
      expect(final).toMatchObject({ status: 'succeeded', counts: { considered: LISTINGS, failed: 0, refused: 0, updated: 0, deactivated: 0 } });
      expect(countedOutcomes(final.counts)).toBe(final.counts.considered);
      // The listings made before the stop are either counted as created by the resumed run or skipped by a retry run.
      expect(final.counts.created + final.counts.unchanged).toBe(LISTINGS);
      const itemIds = final.items.map((i) => i.listingId);
      expect(new Set(itemIds).size).toBe(itemIds.length);
      expect([...itemIds].sort()).toEqual(listings.map((l) => l.id).sort());
      expect(final.items.filter((i) => i.outcome !== 'ok')).toEqual([]);
    }

    const seen = await shopChannelListings(tb, shop.session);
    for (const listing of listings) {
      const sku = listing.variants[0]!.sku;
      expect(channelState(seen, listing.id, 'tiktok_shop')).toMatchObject({ status: 'in_review', productId: tiktokProductsWithSku(tb, council.tiktok, sku)[0]!.id });
      expect(channelState(seen, listing.id, 'lazada')).toMatchObject({ status: 'in_review', productId: lazadaItemsWithSku(tb, council.lazada, sku)[0]!.itemId });
    }
  });
});
