import type { ChannelImageRef } from './channel-adapter';
import { lazadaPriceQuantityPayload, lazadaProductPayload } from './lazada/lazada.payloads';
import { channelListing, lazadaClothMapping, tiktokClothMapping } from './listing.fixture';
import { tiktokProductBody } from './tiktok-shop/tiktok-shop.payloads';

const refs = (urls: string[]): ChannelImageRef[] => urls.map((u, i) => ({ sourceUrl: u, ref: `ref-${i}`, url: `https://cdn/${i}`, width: 800, height: 800 }));

describe('TikTok Shop product body', () => {
  const listing = channelListing(tiktokClothMapping);
  const images = refs(listing.listing.photos.map((p) => p.urls.full));

  it('shapes a listing as TikTok takes it', () => {
    const body = tiktokProductBody(listing, images, { warehouseId: 'w1' });
    expect(body).toMatchObject({
      title: 'Kain Endek Sidemen Tenun Ikat Motif Cemplong',
      description: '<p>Kain endek tenun tangan dari Sidemen.</p><p>Pewarna alami, dikerjakan tiga minggu.</p>',
      category_id: '601161',
      main_images: [{ uri: 'ref-0' }, { uri: 'ref-1' }],
      package_weight: { value: '0.45', unit: 'KILOGRAM' },
      package_dimensions: { length: '200', width: '110', height: '2', unit: 'CENTIMETER' },
      product_attributes: [{ id: '100198', values: [{ name: 'katun' }] }],
      external_product_id: listing.listing.id,
    });
    expect(body.skus[0]).toEqual({
      seller_sku: 'ENDEK-CMP-MERAH',
      external_sku_id: listing.listing.variants[0]!.id,
      price: { amount: '350000', currency: 'IDR' },
      inventory: [{ warehouse_id: 'w1', quantity: 5 }],
      sales_attributes: [{ name: 'Warna', value_name: 'Merah' }],
    });
  });

  it('keeps the SKU ids of an existing product on edit, and sends at most nine photos', () => {
    const many = channelListing(tiktokClothMapping, { photos: Array.from({ length: 10 }, (_, i) => ({ ...listing.listing.photos[0]!, urls: { ...listing.listing.photos[0]!.urls, full: `https://m/${i}.webp` } })) });
    const body = tiktokProductBody(many, refs(many.listing.photos.map((p) => p.urls.full)), {
      warehouseId: 'w1',
      existing: { productId: 'p1', skus: [{ sellerSku: 'ENDEK-CMP-BIRU', skuId: 'sku-9' }] },
    });
    expect(body.main_images).toHaveLength(9);
    expect(body.skus.map((s) => s.id)).toEqual([undefined, 'sku-9']);
  });

  it('rounds weight up to the hundredth of a kilo and centimetres up to whole ones', () => {
    const light = channelListing(tiktokClothMapping, { weightGrams: 3, dimensionsCm: { length: 20.2, width: 10, height: 0.5 } });
    const body = tiktokProductBody(light, images, { warehouseId: 'w1' });
    expect(body.package_weight.value).toBe('0.01');
    expect(body.package_dimensions).toMatchObject({ length: '21', width: '10', height: '1' });
  });

  it('refuses to build a body with a photo that was not uploaded', () => {
    expect(() => tiktokProductBody(listing, images.slice(0, 1), { warehouseId: 'w1' })).toThrow(/was not uploaded/);
  });
});

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
