import { ChannelProductState, type ChannelProductStatus, type ValidationProblem } from '../adapters/channel-adapter';

// products/get-product.spec.json: `listing_platform` values for sellers migrated from Tokopedia.
const PLATFORM_NAMES: Record<string, string> = { TIKTOK_SHOP: 'TikTok Shop', TOKOPEDIA: 'Tokopedia' };
const nameOf = (platform: string) => PLATFORM_NAMES[platform] ?? platform;

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
 * migrated from Tokopedia) and has live on some: each platform it is not live on and why, as the
 * reason ("Tokopedia: refused in review: Foto buram.") and as problems (`channel.platform_not_live`);
 * null when it is live on every platform, or the channel has one.
 */
export function notLiveOn(verdict: ChannelProductStatus): { reason: string; problems: ValidationProblem[] } | null {
  const platforms = verdict.platforms ?? [];
  const others = platforms.filter((p) => p.state !== ChannelProductState.live);
  if (!others.length) return null;
  const live = platforms.filter((p) => p.state === ChannelProductState.live).map((p) => nameOf(p.platform)).join(', ');
  return {
    reason: others.map((p) => `${nameOf(p.platform)}: ${outcome(p)}.`).join(' '),
    problems: others.map((p) => ({
      field: 'channel',
      reason: `${nameOf(p.platform)}: ${outcome(p)}.`,
      code: 'channel.platform_not_live',
      params: { live, platform: nameOf(p.platform), detail: outcome(p) },
    })),
  };
}
