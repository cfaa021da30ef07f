import type { ChannelAccountView, ChannelRunView } from '@pk/contracts';
import { ChannelSandboxes, SANDBOX_APPS } from '../start/channel-sandboxes';
import { Api } from './seed-catalogue';

// Connects the council's TikTok Shop and Lazada accounts to the sandboxes `npm start` runs, maps
// our crafts to their categories and starts an export of the demo catalogue, through the API.

const CLOTH = { tiktok_shop: '601161', lazada: '62541305' };
const SILVER = { tiktok_shop: '601190', lazada: '62541510' };
const CARVING = { tiktok_shop: '601210', lazada: '62541420' };
const PAINTING = { tiktok_shop: '601230', lazada: '62541601' };
const BASKET = { tiktok_shop: '601250', lazada: '62541650' };
const MATERIAL = { tiktok_shop: '100198', lazada: 'material' };

// Metalwork and pottery have no category in the sandboxes: their listings are refused before
// sending, with the reason, as a real run would refuse them.
const MAPPINGS: Array<[slug: string, ids: Record<'tiktok_shop' | 'lazada', string>, needsMaterial: boolean]> = [
  ['endek', CLOTH, true], ['songket', CLOTH, true], ['gringsing', CLOTH, true],
  ['silver-jewellery', SILVER, true], ['gold-jewellery', SILVER, true],
  ['wood-carving', CARVING, false], ['stone-carving', CARVING, false],
  ['kamasan-painting', PAINTING, false], ['contemporary-painting', PAINTING, false],
  ['bamboo-craft', BASKET, false], ['ata-basketry', BASKET, false],
];

export async function seedChannels(gatewayUrl: string, curatorEmail: string, password: string, sandboxes: ChannelSandboxes): Promise<string[]> {
  const api = new Api(gatewayUrl);
  const { accessToken: token } = await api.login(curatorEmail, password);
  const { items: existing } = await api.ok<{ items: ChannelAccountView[] }>('GET', '/curation/channels/accounts', token);
  const runs: ChannelRunView[] = [];
  for (const channel of ['tiktok_shop', 'lazada'] as const) {
    for (const [slug, ids, needsMaterial] of MAPPINGS) {
      await api.ok('PUT', `/curation/channels/mappings/${channel}/${slug}`, token, {
        channelCategoryId: ids[channel],
        attributes: needsMaterial ? [{ id: MATERIAL[channel], name: 'Material', required: true, from: 'materials' }] : [],
      });
    }
    // The sandboxes start empty each time: the council's account gets fresh credentials.
    const issued = channel === 'tiktok_shop' ? sandboxes.tiktok.issueShop() : sandboxes.lazada.issueSeller();
    const credentials = {
      appSecret: SANDBOX_APPS[channel].appSecret,
      accessToken: issued.accessToken,
      accessTokenExpiresAt: issued.accessTokenExpiresAt,
      refreshToken: issued.refreshToken,
      refreshTokenExpiresAt: issued.refreshTokenExpiresAt,
    };
    const council = existing.find((a) => a.channel === channel && a.scope === 'council');
    const account = council
      ? await api.ok<ChannelAccountView>('PATCH', `/curation/channels/accounts/${council.id}`, token, credentials)
      : await api.ok<ChannelAccountView>('POST', '/curation/channels/accounts', token, {
          channel,
          scope: 'council',
          name: channel === 'tiktok_shop' ? 'Dekranasda Bali · TikTok Shop (sandbox)' : 'Dekranasda Bali · Lazada (sandbox)',
          appKey: SANDBOX_APPS[channel].appKey,
          ...credentials,
          ...('shopCipher' in issued ? { shopCipher: issued.shopCipher, warehouseId: issued.warehouseId } : {}),
        });
    runs.push(await api.ok<ChannelRunView>('POST', `/curation/channels/accounts/${account.id}/sync`, token, {}));
  }
  const done = await Promise.all(runs.map((run) => waitRun(api, token, run.id)));
  return [
    'Channel export (sandboxes):',
    ...done.map((r) => `  ${(r.channel === 'tiktok_shop' ? 'TikTok Shop' : 'Lazada').padEnd(11)}  ${r.status}: ${r.counts.created} created, ${r.counts.updated} updated, ${r.counts.refused} refused before sending, ${r.counts.failed} failed`),
    `  runs: ${gatewayUrl.replace('127.0.0.1', 'localhost')}/api/v1/curation/channels/runs (as the curator)`,
  ];
}

async function waitRun(api: Api, token: string, id: string): Promise<ChannelRunView> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const run = await api.ok<ChannelRunView>('GET', `/curation/channels/runs/${id}`, token);
    if (run.status === 'succeeded' || run.status === 'failed' || Date.now() > deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
