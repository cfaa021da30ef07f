import type { ChannelAttributeMapping, ChannelCategoryMapping, ChannelImageRef } from '../channel-adapter';
import { channelSkuFor } from '../listing-content';
import { channelListing, listingSnapshot, tiktokClothMapping } from '../listing.fixture';
import { TikTokShopAdapter } from './tiktok-shop.adapter';
import { tiktokProductBody } from './tiktok-shop.payloads';
import { validateForTikTokShop } from './tiktok-shop.rules';

const refs = (urls: string[]): ChannelImageRef[] => urls.map((u, i) => ({ sourceUrl: u, ref: `ref-${i}`, url: `https://cdn/${i}`, width: 800, height: 800 }));
const listing = channelListing(tiktokClothMapping);
const images = refs(listing.listing.photos.map((p) => p.urls.full));
const withAttribute = (a: Partial<ChannelAttributeMapping>): ChannelCategoryMapping => ({
  ...tiktokClothMapping,
  attributes: [{ id: '100347', name: 'Motif', required: true, multiple: false, customizable: false, options: [{ id: '1034701', name: 'Cemplong' }, { id: '1034702', name: 'Geringsing' }], ...a }],
});

describe('TikTok Shop product body', () => {
  it('shapes a listing as TikTok takes it: built-in value ids where the listing text matches an option', () => {
    const body = tiktokProductBody(listing, images, { warehouseId: 'w1' });
    expect(body).toMatchObject({
      title: 'Kain Endek Sidemen Tenun Ikat Motif Cemplong',
      description: '<p>Kain endek tenun tangan dari Sidemen.</p><p>Pewarna alami, dikerjakan tiga minggu.</p>',
      category_id: '601161',
      main_images: [{ uri: 'ref-0' }, { uri: 'ref-1' }],
      package_weight: { value: '0.45', unit: 'KILOGRAM' },
      package_dimensions: { length: '200', width: '110', height: '2', unit: 'CENTIMETER' },
      // "katun" matched to the option "Katun" case-insensitively: sent by id, not as free text.
      product_attributes: [{ id: '100198', values: [{ id: '1000101' }] }],
      external_product_id: listing.listing.id,
    });
    expect(body.skus[0]).toEqual({
      seller_sku: 'ENDEK-CMP-MERAH',
      external_sku_id: listing.listing.variants[0]!.id,
      price: { amount: '350000', currency: 'IDR' },
      inventory: [{ warehouse_id: 'w1', quantity: 5 }],
      // "Warna" maps to the category's sales attribute 100000; "Merah" is its value 1000001.
      sales_attributes: [{ id: '100000', value_id: '1000001' }],
    });
  });

  it('sends listing_platforms only for a seller migrated from Tokopedia', () => {
    expect(tiktokProductBody(listing, images, { warehouseId: 'w1' })).not.toHaveProperty('listing_platforms');
    expect(tiktokProductBody(listing, images, { warehouseId: 'w1', listingPlatforms: ['TIKTOK_SHOP', 'TOKOPEDIA'] }).listing_platforms).toEqual(['TIKTOK_SHOP', 'TOKOPEDIA']);
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

  it('sends a sold-out SKU without a quantity (1-99,999 documented): on create no quantity, on edit no inventory (kept)', () => {
    const soldOut = channelListing(tiktokClothMapping, { variants: listing.listing.variants.map((v, i) => ({ ...v, stock: i === 0 ? 0 : v.stock })) });
    expect(tiktokProductBody(soldOut, images, { warehouseId: 'w1' }).skus.map((s) => s.inventory)).toEqual([[{ warehouse_id: 'w1' }], [{ warehouse_id: 'w1', quantity: 3 }]]);
    const edit = tiktokProductBody(soldOut, images, { warehouseId: 'w1', existing: { productId: 'p', skus: [{ sellerSku: 'ENDEK-CMP-MERAH', skuId: 's1' }, { sellerSku: 'ENDEK-CMP-BIRU', skuId: 's2' }] } });
    expect(edit.skus[0]).not.toHaveProperty('inventory');
    expect(edit.skus[1]!.inventory).toEqual([{ warehouse_id: 'w1', quantity: 3 }]);
  });

  it('sends a council-wide store the namespaced seller SKU', () => {
    const body = tiktokProductBody(listing, images, { warehouseId: 'w1', namespaceSkus: true });
    const artisan = listing.listing.artisan.id;
    expect(body.skus.map((s) => s.seller_sku)).toEqual(listing.listing.variants.map((v) => channelSkuFor(artisan, v.sku, true)));
    expect(body.skus[0]!.seller_sku).not.toBe('ENDEK-CMP-MERAH');
  });
});

describe('TikTok Shop attributes', () => {
  const body = (mapping: ChannelCategoryMapping, overrides = {}, attributeValues?: Record<string, Array<{ id?: string; name: string }>>) =>
    tiktokProductBody({ ...channelListing(mapping, overrides), attributeValues }, images, { warehouseId: 'w1' });
  const problems = (mapping: ChannelCategoryMapping, overrides = {}, attributeValues?: Record<string, Array<{ id?: string; name: string }>>) =>
    validateForTikTokShop({ ...channelListing(mapping, overrides), attributeValues });

  it('takes the artisan’s values for this listing over the listing field and the mapping', () => {
    const mapping = withAttribute({ from: 'techniques', values: [{ id: '1034702', name: 'Geringsing' }] });
    expect(body(mapping, { techniques: ['Cemplong'] }, { '100347': [{ id: '1034701', name: 'Cemplong' }] }).product_attributes).toEqual([{ id: '100347', values: [{ id: '1034701' }] }]);
    // without the artisan's value, the curator's chosen value
    expect(body(mapping, { techniques: ['Cemplong'] }).product_attributes).toEqual([{ id: '100347', values: [{ id: '1034702' }] }]);
  });

  it('sends listing text as a name only where the attribute is customizable, else refuses with a code', () => {
    const custom = body(tiktokClothMapping, { materials: ['benang emas'] }).product_attributes;
    expect(custom).toEqual([{ id: '100198', values: [{ name: 'benang emas' }] }]);
    const refused = problems(withAttribute({ from: 'techniques' }), { techniques: ['Poleng modern'] });
    expect(refused).toEqual([
      expect.objectContaining({ field: 'attributes.100347', code: 'tiktok.attribute_value_unknown', params: expect.objectContaining({ attribute: 'Motif', value: 'Poleng modern' }) }),
    ]);
  });

  it('sends one value where the attribute takes one, and several where it is multiple', () => {
    expect(body(tiktokClothMapping, { materials: ['katun', 'Sutra'] }).product_attributes).toEqual([{ id: '100198', values: [{ id: '1000101' }, { id: '1000102' }] }]);
    expect(problems(withAttribute({ from: 'techniques' }), { techniques: ['Cemplong', 'Geringsing'] })).toEqual([expect.objectContaining({ code: 'tiktok.attribute_single_value', params: expect.objectContaining({ count: 2 }) })]);
  });

  it('needs required attributes, with a code and where the value comes from', () => {
    const missing = problems(tiktokClothMapping, { materials: [] });
    expect(missing).toEqual([expect.objectContaining({ field: 'attributes.100198', code: 'tiktok.attribute_required', params: expect.objectContaining({ attribute: 'Material' }) })]);
    expect(missing[0]!.reason).toContain('add the materials to the listing');
  });

  it('keeps older mappings (no option data) sending free text for TikTok to judge', () => {
    const legacy: ChannelCategoryMapping = { categoryId: '601161', attributes: [{ id: '100198', name: 'Material', required: true, from: 'materials' }] };
    expect(body(legacy, { materials: ['Katun', 'Sutra'] }).product_attributes).toEqual([{ id: '100198', values: [{ name: 'Katun, Sutra' }] }]);
  });
});

describe('TikTok Shop sales attributes', () => {
  const base = listingSnapshot();
  const variants = (options: Array<Record<string, string>>) => options.map((o, i) => ({ ...base.variants[0]!, id: `v${i}`, sku: `SKU-${i}`, options: o }));

  it('keeps an option with no mapping as a custom sales attribute name (create-product allows custom names)', () => {
    const l = channelListing(tiktokClothMapping, { variants: variants([{ Warna: 'Merah', Panjang: '2 m' }, { Warna: 'Merah', Panjang: '3 m' }]) });
    const skus = tiktokProductBody(l, images, { warehouseId: 'w1' }).skus;
    expect(skus.map((s) => s.sales_attributes)).toEqual([
      [{ name: 'Panjang', value_name: '2 m' }, { id: '100000', value_id: '1000001' }],
      [{ name: 'Panjang', value_name: '3 m' }, { id: '100000', value_id: '1000001' }],
    ]);
    expect(validateForTikTokShop(l)).toEqual([]);
  });

  it('holds names to 20 characters, values to 50 and at most 3 kinds', () => {
    const long = channelListing(tiktokClothMapping, { variants: variants([{ 'Panjang kain dalam meter': '2' }, { 'Panjang kain dalam meter': '3' }]) });
    expect(validateForTikTokShop(long).map((p) => p.code)).toEqual(['tiktok.sales_attribute_name_length']);
    const value = channelListing(tiktokClothMapping, { variants: variants([{ Warna: 'x'.repeat(51) }, { Warna: 'Biru' }]) });
    expect(validateForTikTokShop(value).map((p) => p.code)).toEqual(['tiktok.sales_attribute_value_length']);
    const four = channelListing(tiktokClothMapping, { variants: variants([{ A: '1', B: '1', C: '1', D: '1' }, { A: '2', B: '1', C: '1', D: '1' }]) });
    expect(validateForTikTokShop(four).map((p) => p.code)).toEqual(['tiktok.sales_attribute_count']);
  });

  it('sends no sales attributes for a single variant', () => {
    const one = channelListing(tiktokClothMapping, { variants: [base.variants[0]!] });
    expect(tiktokProductBody(one, images, { warehouseId: 'w1' }).skus[0]).not.toHaveProperty('sales_attributes');
  });
});

describe('TikTok Shop adapter decisions', () => {
  const adapter = new TikTokShopAdapter({
    accountId: 'a', baseUrl: 'http://127.0.0.1:1', appKey: 'k', appSecret: 's', shopCipher: 'c', warehouseId: 'w',
    tokens: { accessToken: 't', accessTokenExpiresAt: new Date(Date.now() + 3600_000).toISOString(), refreshToken: 'r', refreshTokenExpiresAt: null },
    rateLimiter: null,
  });

  it('takes price and stock for live products only (update-inventory: ACTIVATE products)', () => {
    expect(['in_review', 'live', 'rejected', 'inactive', 'deleted'].filter((s) => adapter.acceptsPriceStock(s as never))).toEqual(['live']);
  });

  it('hashes what the body carries: a campaign price (a promotion activity) does not change it, the regular price and attributes do', () => {
    const plain = channelListing(tiktokClothMapping);
    const campaign = channelListing(tiktokClothMapping, {
      variants: plain.listing.variants.map((v) => ({ ...v, price: '300000' })),
      campaigns: [{ slug: 'selasa-endek', title: { id: 'Selasa Endek', en: null }, endsAt: new Date(Date.now() + 86_400_000).toISOString() } as never],
    });
    expect(adapter.contentForHash(campaign)).toEqual(adapter.contentForHash(plain));
    const dearer = channelListing(tiktokClothMapping, { variants: plain.listing.variants.map((v) => ({ ...v, price: '400000', regularPrice: '400000' })) });
    expect(adapter.contentForHash(dearer)).not.toEqual(adapter.contentForHash(plain));
    expect(adapter.contentForHash({ ...plain, attributeValues: { '100198': [{ id: '1000102', name: 'Sutra' }] } })).not.toEqual(adapter.contentForHash(plain));
    // stock goes on its own
    expect(adapter.contentForHash(channelListing(tiktokClothMapping, { variants: plain.listing.variants.map((v) => ({ ...v, stock: 1 })) }))).toEqual(adapter.contentForHash(plain));
  });

  it('does not send a stock outside 1-99,999 (update-inventory range) and says why', async () => {
    const result = await adapter.updatePriceStock([{ productId: 'p', skuId: 's', sellerSku: 'ENDEK', stock: 0 }, { productId: 'p', skuId: 's2', sellerSku: 'ENDEK-2', stock: 100_000 }]);
    expect(result.requests).toBe(0);
    expect(result.failed.map((f) => f.code)).toEqual(['tiktok.stock_range', 'tiktok.stock_range']);
  });
});
