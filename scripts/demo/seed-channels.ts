import type { ChannelAccountView, ChannelConnectStart, ChannelRunView } from '@pk/contracts';
import { Api } from './seed-catalogue';

// Connects the council's TikTok Shop and Lazada accounts to the sandboxes `npm start` runs through
// the channels' authorization flow (as a curator's browser would: our link, the channel's authorize
// page, our callback), maps our crafts to their categories (checked against the categories the
// channels give) and starts an export of the demo catalogue, all through the API.

const CLOTH = { tiktok_shop: '601161', lazada: '62541305' };
const SILVER = { tiktok_shop: '601190', lazada: '62541510' };
const CARVING = { tiktok_shop: '601210', lazada: '62541420' };
const PAINTING = { tiktok_shop: '601230', lazada: '62541601' };
const BASKET = { tiktok_shop: '601250', lazada: '62541650' };
const MATERIAL = { tiktok_shop: '100198', lazada: 'material' };

// Metalwork and pottery have no category in the sandboxes: their listings are refused before
// sending, with the reason, as a real run would refuse them.
// Lazada takes variants only by the category's sale attributes (saleProp keys), select attributes
// only with its own words, and a real brand where No Brand is refused (the sandbox's silver; 20000 is
// its "Celuk Silver" in the brand list).
const SIZES = { salesAttributes: [{ id: 'size', optionLabels: ['ukuran', 'tinggi', 'diameter'] }] };
const SILVER_BRAND = { id: 'brand', value: '20000' };
const LAZADA: Record<string, { attributes?: Array<Record<string, unknown>>; salesAttributes: Array<{ id: string; optionLabels: string[] }> }> = {
  endek: { salesAttributes: [{ id: 'color_family', optionLabels: ['warna'] }] },
  songket: { salesAttributes: [{ id: 'color_family', optionLabels: ['warna'] }] },
  'silver-jewellery': { attributes: [{ id: 'material', values: [{ name: 'Sterling Silver 925' }] }, SILVER_BRAND], ...SIZES },
  'gold-jewellery': { attributes: [{ id: 'material', values: [{ name: 'Gold Plated Silver' }] }, SILVER_BRAND], ...SIZES },
  'wood-carving': SIZES,
  'stone-carving': SIZES,
  'kamasan-painting': SIZES,
  'contemporary-painting': SIZES,
  'bamboo-craft': SIZES,
  'ata-basketry': SIZES,
};

const MAPPINGS: Array<[slug: string, ids: Record<'tiktok_shop' | 'lazada', string>, lazadaMaterial: boolean]> = [
  ['endek', CLOTH, true], ['songket', CLOTH, true], ['gringsing', CLOTH, true],
  ['silver-jewellery', SILVER, true], ['gold-jewellery', SILVER, true],
  ['wood-carving', CARVING, false], ['stone-carving', CARVING, false],
  ['kamasan-painting', PAINTING, false], ['contemporary-painting', PAINTING, false],
  ['bamboo-craft', BASKET, false], ['ata-basketry', BASKET, false],
];

/** Reaches the sandboxes only as a browser would reach a channel: through their authorize pages. */
export async function seedChannels(gatewayUrl: string, curatorEmail: string, password: string): Promise<string[]> {
  const api = new Api(gatewayUrl);
  const { accessToken: token } = await api.login(curatorEmail, password);
  const accounts: ChannelAccountView[] = [];
  // The sandboxes start empty each time: the council's account is connected again (a reconnect keeps its id).
  for (const channel of ['tiktok_shop', 'lazada'] as const) accounts.push(await connectCouncil(api, gatewayUrl, token, channel));
  const runs: ChannelRunView[] = [];
  for (const account of accounts) {
    for (const [slug, ids, lazadaMaterial] of MAPPINGS) {
      // Every TikTok category here has Material (required in most); Lazada's only where marked.
      const attributes: Array<Record<string, unknown>> = lazadaMaterial || account.channel === 'tiktok_shop' ? [{ id: MATERIAL[account.channel], from: 'materials' }] : [];
      // TikTok's Silver Jewellery requires the silver's purity: fixed for silver; gold pieces give theirs per listing.
      if (account.channel === 'tiktok_shop' && slug === 'silver-jewellery') attributes.push({ id: '100520', values: [{ name: '925 Sterling' }] });
      const lazada = account.channel === 'lazada' ? LAZADA[slug] : undefined;
      await api.ok('PUT', `/curation/channels/mappings/${account.channel}/${slug}`, token, {
        channelCategoryId: ids[account.channel],
        attributes: lazada?.attributes ?? attributes,
        ...(lazada ? { salesAttributes: lazada.salesAttributes } : {}),
      });
    }
    runs.push(await api.ok<ChannelRunView>('POST', `/curation/channels/accounts/${account.id}/sync`, token, {}));
  }
  const done = await Promise.all(runs.map((run) => waitRun(api, token, run.id)));
  const name = (channel: string) => (channel === 'tiktok_shop' ? 'TikTok Shop' : 'Lazada').padEnd(11);
  return [
    "Channel export (sandboxes; the council's accounts connected through each channel's authorize page):",
    ...accounts.map((a) => `  ${name(a.channel)}  connected seller "${a.sellerName}"`),
    ...done.map((r) => `  ${name(r.channel)}  ${r.status}: ${r.counts.created} created, ${r.counts.updated} updated, ${r.counts.refused} refused before sending, ${r.counts.failed} failed`),
    `  runs: ${gatewayUrl.replace('127.0.0.1', 'localhost')}/api/v1/curation/channels/runs (as the curator); artisans connect their own shops from the seller centre`,
  ];
}

/** Our link (POST /channels/connect/:channel), the channel's authorize page (the sandbox approves at once), our callback. */
async function connectCouncil(api: Api, gatewayUrl: string, token: string, channel: 'tiktok_shop' | 'lazada'): Promise<ChannelAccountView> {
  const { url } = await api.ok<ChannelConnectStart>('POST', `/channels/connect/${channel}`, token, { scope: 'council' });
  const authorize = await fetch(url, { redirect: 'manual' });
  const callback = authorize.headers.get('location');
  if (authorize.status !== 302 || !callback) throw new Error(`the ${channel} authorize page answered ${authorize.status}`);
  const back = await fetch(new URL(callback, gatewayUrl), { redirect: 'manual' });
  const outcome = back.headers.get('location') ?? '';
  if (!outcome.includes(`connected=${channel}`)) throw new Error(`connecting ${channel} ended at ${outcome || back.status}`);
  const { items } = await api.ok<{ items: ChannelAccountView[] }>('GET', '/curation/channels/accounts', token);
  return items.find((a) => a.channel === channel && a.scope === 'council')!;
}

async function waitRun(api: Api, token: string, id: string): Promise<ChannelRunView> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const run = await api.ok<ChannelRunView>('GET', `/curation/channels/runs/${id}`, token);
    if (run.status === 'succeeded' || run.status === 'failed' || Date.now() > deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
