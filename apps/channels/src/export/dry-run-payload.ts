import type { ChannelImageRef, ChannelListing, ChannelProductRef } from '../adapters/channel-adapter';
import { photoUrls } from '../adapters/listing-content';
import { lazadaProductPayload } from '../adapters/lazada/lazada.payloads';
import { tiktokProductBody } from '../adapters/tiktok-shop/tiktok-shop.payloads';
import { TIKTOK_SHOP_LIMITS } from '../adapters/tiktok-shop/tiktok-shop.rules';
import { LAZADA_LIMITS } from '../adapters/lazada/lazada.rules';
import type { ChannelAccount } from '../accounts/accounts.service';

/**
 * What a run would send for a listing, without sending anything: photos appear as their source
 * URLs, since they would be uploaded first.
 */
export function dryRunPayload(account: ChannelAccount, listing: ChannelListing, existing: ChannelProductRef | null): unknown {
  const max = account.channel === 'tiktok_shop' ? TIKTOK_SHOP_LIMITS.images.max : LAZADA_LIMITS.images.max;
  const images: ChannelImageRef[] = photoUrls(listing.listing, max).map((url) => ({ sourceUrl: url, ref: url, url, width: null, height: null }));
  switch (account.channel) {
    case 'tiktok_shop':
      return tiktokProductBody(listing, images, {
        warehouseId: account.settings.warehouseId ?? '',
        // As the adapter sends it (AdapterFactory): platforms only for a migrated seller, SKUs namespaced in a council-wide shop.
        listingPlatforms: account.settings.listingPlatforms,
        namespaceSkus: account.scope === 'council',
        existing: existing ?? undefined,
      });
    case 'lazada':
      return lazadaProductPayload(listing, images, existing ?? undefined);
  }
}
