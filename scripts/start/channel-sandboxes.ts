import { LazadaSandbox, startLazadaSandbox } from '../../test/sandboxes/lazada-sandbox';
import { TikTokShopSandbox, startTikTokShopSandbox } from '../../test/sandboxes/tiktok-shop-sandbox';

// TikTok Shop and Lazada cannot be reached from a development machine; `npm start` runs the
// sandboxes the tests use (approving products at once), so the export can be watched working.

export const SANDBOX_APPS = {
  tiktok_shop: { appKey: 'pk-demo-tiktok', appSecret: 'pk-demo-tiktok-secret' },
  lazada: { appKey: '100100', appSecret: 'pk-demo-lazada-secret' },
} as const;

export interface ChannelSandboxes {
  tiktok: TikTokShopSandbox;
  lazada: LazadaSandbox;
  /** What the apps need to reach them. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startChannelSandboxes(): Promise<ChannelSandboxes> {
  const [tiktok, lazada] = await Promise.all([
    startTikTokShopSandbox({ ...SANDBOX_APPS.tiktok_shop, host: '127.0.0.1', autoApprove: true }),
    startLazadaSandbox({ ...SANDBOX_APPS.lazada, host: '127.0.0.1', autoApprove: true }),
  ]);
  return {
    tiktok,
    lazada,
    env: {
      TIKTOK_SHOP_API_URL: tiktok.url,
      TIKTOK_SHOP_AUTH_URL: tiktok.authUrl,
      TIKTOK_SHOP_AUTHORIZE_URL: tiktok.authorizeUrl,
      TIKTOK_SHOP_APP_KEY: SANDBOX_APPS.tiktok_shop.appKey,
      TIKTOK_SHOP_APP_SECRET: SANDBOX_APPS.tiktok_shop.appSecret,
      LAZADA_API_URL: lazada.url,
      LAZADA_AUTH_URL: lazada.authUrl,
      LAZADA_AUTHORIZE_URL: lazada.authorizeUrl,
      LAZADA_APP_KEY: SANDBOX_APPS.lazada.appKey,
      LAZADA_APP_SECRET: SANDBOX_APPS.lazada.appSecret,
    },
    close: async () => {
      await Promise.all([tiktok.close(), lazada.close()]);
    },
  };
}
