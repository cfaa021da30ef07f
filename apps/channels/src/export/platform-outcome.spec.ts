import { notLiveOn } from './platform-outcome';

describe('notLiveOn', () => {
  it('names each platform a product is not live on, and why', () => {
    const out = notLiveOn({
      state: 'live', reasons: [], channelStatus: 'TIKTOK_SHOP=ACTIVATE TOKOPEDIA=FAILED',
      platforms: [
        { platform: 'TIKTOK_SHOP', state: 'live', channelStatus: 'ACTIVATE', reasons: [] },
        { platform: 'TOKOPEDIA', state: 'rejected', channelStatus: 'FAILED', reasons: ['product: Foto buram.'] },
      ],
    });
    expect(out?.reason).toBe('Tokopedia: refused in review: product: Foto buram.');
    expect(out?.problems).toEqual([
      { field: 'channel', reason: out?.reason, code: 'channel.platform_not_live', params: { live: 'TikTok Shop', platform: 'Tokopedia', detail: 'refused in review: product: Foto buram' } },
    ]);
  });

  it('says nothing when every platform has it live, or the channel has one platform', () => {
    expect(notLiveOn({ state: 'live', reasons: [], channelStatus: 'ACTIVATE' })).toBeNull();
    expect(notLiveOn({
      state: 'live', reasons: [], channelStatus: 'TIKTOK_SHOP=ACTIVATE TOKOPEDIA=ACTIVATE',
      platforms: [
        { platform: 'TIKTOK_SHOP', state: 'live', channelStatus: 'ACTIVATE', reasons: [] },
        { platform: 'TOKOPEDIA', state: 'live', channelStatus: 'ACTIVATE', reasons: [] },
      ],
    })).toBeNull();
  });

  it('tells a platform still in review from one refused', () => {
    expect(notLiveOn({
      state: 'live', reasons: [], channelStatus: '',
      platforms: [
        { platform: 'TIKTOK_SHOP', state: 'in_review', channelStatus: 'PENDING', reasons: [] },
        { platform: 'TOKOPEDIA', state: 'live', channelStatus: 'ACTIVATE', reasons: [] },
      ],
    })?.reason).toBe('TikTok Shop: still in review.');
  });
});
