import { ChannelProductState, type ChannelProductStatus } from '../adapters/channel-adapter';

// products/get-product.spec.json: `listing_platform` values for sellers migrated from Tokopedia.
const PLATFORM_NAMES: Record<string, string> = { TIKTOK_SHOP: 'TikTok Shop', TOKOPEDIA: 'Tokopedia' };

const outcome = (p: NonNullable<ChannelProductStatus['platforms']>[number]): string => {
  switch (p.state) {
    case ChannelProductState.rejected:
      return `refused in review: ${p.reasons.join(' ').replace(/\.$/, '') || 'no reason given'}`;
    case ChannelProductState.inReview:
      return 'still in review';
    case ChannelProductState.deleted:
      return 'deleted';
    default:
      return `not on sale (${p.channelStatus})`;
  }
};

/**
 * For a product the channel lists on several platforms (TikTok Shop and Tokopedia for a seller
 * migrated from Tokopedia), each platform it is not live on and why, e.g. "Tokopedia: refused in
 * review: Foto buram."; null when it is live on every platform, or the channel has one.
 */
export function notLiveOn(verdict: ChannelProductStatus): string | null {
  const others = (verdict.platforms ?? []).filter((p) => p.state !== ChannelProductState.live);
  if (!others.length) return null;
  return others.map((p) => `${PLATFORM_NAMES[p.platform] ?? p.platform}: ${outcome(p)}.`).join(' ');
}
