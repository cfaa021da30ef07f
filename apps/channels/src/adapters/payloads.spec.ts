import type { ChannelImageRef } from './channel-adapter';
import { lazadaPriceQuantityPayload, lazadaProductPayload } from './lazada/lazada.payloads';
import { channelListing, lazadaClothMapping, tiktokClothMapping } from './listing.fixture';
import { tiktokProductBody } from './tiktok-shop/tiktok-shop.payloads';

const refs = (urls: string[]): ChannelImageRef[] => urls.map((u, i) => ({ sourceUrl: u, ref: `ref-${i}`, url: `https://cdn/${i}`, width: 800, height: 800 }));

// TikTok Shop's body: tiktok-shop/tiktok-shop.payloads.spec.ts.
// Lazada's payload: lazada/lazada.payloads.spec.ts.

describe('a live campaign price', () => {
  const now = Date.parse('2026-11-24T02:00:00Z');
  const base = channelListing(lazadaClothMapping);
  const [merah, biru] = base.listing.variants;
  const listing = {
    ...base,
    listing: {
      ...base.listing,
      variants: [{ ...merah!, price: '300000' }, biru!],
      campaigns: [{ slug: 'selasa-endek', title: { id: 'Selasa Endek', en: null }, endsAt: '2026-11-24T16:00:00.000Z' }],
    },
  };
  const images = refs(listing.listing.photos.map((p) => p.urls.full));

  it('goes to Lazada as the special price of its SKU, from now to the campaign end in WIB', () => {
    const [a, b] = lazadaProductPayload(listing, images, undefined, now).Request.Product.Skus.Sku;
    expect(a).toMatchObject({ price: '350000', special_price: '300000', special_from_date: '2026-11-24 09:00:00', special_to_date: '2026-11-24 23:00:00' });
    expect(b).not.toHaveProperty('special_price');
    // Once past its end the campaign is not sent, whatever the copy still says.
    expect(lazadaProductPayload(listing, images, undefined, Date.parse('2026-11-24T16:00:00Z')).Request.Product.Skus.Sku[0]).not.toHaveProperty('special_price');
  });

  it('leaves TikTok Shop the regular price', () => {
    const body = tiktokProductBody({ ...listing, category: tiktokClothMapping }, refs(listing.listing.photos.map((p) => p.urls.full)), { warehouseId: 'w1' });
    expect(body.skus[0]!.price.amount).toBe('350000');
  });

  it('goes into a price update as Lazada sale price and dates', () => {
    const payload = lazadaPriceQuantityPayload([
      { productId: 'i1', skuId: 's1', sellerSku: 'A', special: { price: '90000', from: '2026-11-24T01:00:00Z', to: '2026-11-25T01:00:00Z' } },
    ]);
    expect(payload.Request.Product.Skus.Sku[0]).toEqual({
      ItemId: 'i1', SkuId: 's1', SellerSku: 'A', SalePrice: '90000', SaleStartDate: '2026-11-24 08:00:00', SaleEndDate: '2026-11-25 08:00:00',
    });
  });
});
