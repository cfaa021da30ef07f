import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@pk/core';
import type { ChannelAdapter } from '../adapters/channel-adapter';
import { LazadaAdapter } from '../adapters/lazada/lazada.adapter';
import { RateLimiter, RateRule, sharedRateLimiter } from '../adapters/rate-limiter';
import { TikTokShopAdapter } from '../adapters/tiktok-shop/tiktok-shop.adapter';
import { AccountsService, ChannelAccount } from './accounts.service';

/** Counts the requests an adapter sends (retries included) while drawing from the shared limiter. */
export class CountingLimiter implements RateLimiter {
  count = 0;
  acquire(key: string, rule: RateRule): Promise<void> {
    this.count += 1;
    return sharedRateLimiter.acquire(key, rule);
  }
}

/** An adapter for one account, with its secrets, that stores the tokens it refreshes. */
@Injectable()
export class AdapterFactory {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsService,
  ) {}

  create(account: ChannelAccount, limiter: CountingLimiter): ChannelAdapter {
    const { tiktokShop, lazada } = this.config.channels;
    // An authorized account signs with our app's key and secret; an older one with what was pasted.
    const app = account.connectedVia === 'authorization' ? (account.channel === 'tiktok_shop' ? tiktokShop.app : lazada.app) : null;
    const common = {
      accountId: account.id,
      appKey: app?.appKey ?? account.appKey,
      appSecret: app?.appSecret ?? account.secrets.appSecret,
      tokens: {
        accessToken: account.secrets.accessToken,
        accessTokenExpiresAt: account.accessTokenExpiresAt,
        refreshToken: account.secrets.refreshToken,
        refreshTokenExpiresAt: account.refreshTokenExpiresAt,
      },
      onTokensRefreshed: (tokens: Parameters<AccountsService['saveTokens']>[1]) => this.accounts.saveTokens(account, tokens),
      rateLimiter: limiter,
    };
    switch (account.channel) {
      case 'tiktok_shop':
        return new TikTokShopAdapter({
          ...common,
          baseUrl: tiktokShop.apiUrl,
          authBaseUrl: tiktokShop.authUrl,
          shopCipher: account.settings.shopCipher ?? '',
          warehouseId: account.settings.warehouseId ?? '',
          // Only sellers migrated from Tokopedia take listing_platforms (products/create-product.spec.json), as
          // the authorization found; an account connected with pasted tokens has none, and sends none.
          listingPlatforms: account.settings.listingPlatforms,
          // A council-wide account holds every artisan's listings in one shop; the docs are silent on
          // seller_sku uniqueness there, so SKUs are namespaced (the stricter reading, as for Lazada).
          namespaceSkus: account.scope === 'council',
        });
      case 'lazada':
        // A council-wide account holds every artisan's listings in one Lazada store, where SellerSku must be unique.
        return new LazadaAdapter({ ...common, baseUrl: lazada.apiUrl, authBaseUrl: lazada.authUrl, requestsPerSecond: lazada.requestsPerSecond, namespaceSkus: account.scope === 'council' });
    }
  }
}
