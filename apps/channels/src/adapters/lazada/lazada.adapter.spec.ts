import { lazadaListing } from './lazada.fixture';
import { LazadaAdapter } from './lazada.adapter';

const adapter = new LazadaAdapter({
  accountId: 'a1',
  baseUrl: 'http://lazada.invalid/rest',
  appKey: 'k',
  appSecret: 's',
  tokens: { accessToken: 'a', accessTokenExpiresAt: '2099-01-01T00:00:00Z', refreshToken: 'r', refreshTokenExpiresAt: null },
  rateLimiter: null,
});

describe('Lazada adapter (no calls)', () => {
  const campaign = (endsAt: string) => ({ campaigns: [{ slug: 'selasa-endek', title: { id: 'Selasa Endek', en: null }, endsAt }] });
  const discounted = (endsAt: string) => {
    const listing = lazadaListing(campaign(endsAt));
    listing.listing.variants = listing.listing.variants.map((v, i) => (i === 0 ? { ...v, price: '300000' } : v));
    return listing;
  };

  it('hashes what the body carries: the campaign price and its end, not the moving start, and not the stock', () => {
    const at = (ms: number) => {
      jest.useFakeTimers({ now: ms });
      try {
        return JSON.stringify(adapter.contentForHash(discounted('2099-11-24T16:00:00.000Z')));
      } finally {
        jest.useRealTimers();
      }
    };
    const early = at(Date.parse('2099-11-24T02:00:00Z'));
    expect(at(Date.parse('2099-11-24T03:00:00Z'))).toBe(early);
    expect(early).toContain('"special_price":"300000"');
    expect(early).not.toContain('special_from_date');
    expect(JSON.stringify(adapter.contentForHash(discounted('2099-11-25T16:00:00.000Z')))).not.toBe(early);
    const restocked = discounted('2099-11-24T16:00:00.000Z');
    restocked.listing.variants = restocked.listing.variants.map((v) => ({ ...v, stock: v.stock + 7 }));
    jest.useFakeTimers({ now: Date.parse('2099-11-24T02:00:00Z') });
    try {
      expect(JSON.stringify(adapter.contentForHash(restocked))).toBe(early);
    } finally {
      jest.useRealTimers();
    }
  });

  it('hashes the artisan attribute values and the mapped sale attributes', () => {
    const plain = JSON.stringify(adapter.contentForHash(lazadaListing()));
    expect(plain).toContain('"saleProp":{"color_family":"Merah"}');
    expect(JSON.stringify(adapter.contentForHash({ ...lazadaListing(), attributeValues: { material: [{ name: 'Silk' }] } }))).not.toBe(plain);
  });

  it('takes price and stock in every state but deleted (the docs name no state that refuses them)', () => {
    expect(['in_review', 'live', 'rejected', 'inactive'].every((s) => adapter.acceptsPriceStock(s as never))).toBe(true);
    expect(adapter.acceptsPriceStock('deleted')).toBe(false);
  });
});
