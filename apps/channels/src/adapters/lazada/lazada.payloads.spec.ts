import type { ChannelCategoryMapping, ChannelImageRef } from '../channel-adapter';
import { channelSkuFor } from '../listing-content';
import { channelListing, lazadaClothMapping } from '../listing.fixture';
import { lazadaPriceQuantityPayload, lazadaProductPayload } from './lazada.payloads';

const refs = (urls: string[]): ChannelImageRef[] => urls.map((u, i) => ({ sourceUrl: u, ref: `ref-${i}`, url: `https://cdn/${i}`, width: 800, height: 800 }));
const listing = channelListing(lazadaClothMapping, { dimensionsCm: { length: 20.456, width: 10, height: 2 } });
const images = refs(listing.listing.photos.map((p) => p.urls.full));

describe('Lazada payload', () => {
  it('keys saleProp by the category sale attribute, not by our option label (4143)', () => {
    const payload = lazadaProductPayload(listing, images, { noBrandId: '97623' });
    expect(payload.Request.Product.Skus.Sku.map((s) => s.saleProp)).toEqual([{ color_family: 'Merah' }, { color_family: 'Biru' }]);
  });

  it('sends brand_id (brand is deprecated): the curator brand, else the No Brand id', () => {
    const product = lazadaProductPayload(listing, images, { noBrandId: '97623' }).Request.Product;
    expect(product).toMatchObject({
      PrimaryCategory: '62541305',
      Images: { Image: ['ref-0', 'ref-1'] },
      Attributes: { brand_id: '97623', material: 'katun', name: 'Kain Endek Sidemen Tenun Ikat Motif Cemplong' },
    });
    expect(product.Attributes).not.toHaveProperty('brand');
    expect(product.Skus.Sku[1]).toEqual({
      SellerSku: 'ENDEK-CMP-BIRU',
      quantity: '3',
      price: '375000',
      package_length: '20.46',
      package_width: '10.00',
      package_height: '2.00',
      package_weight: '0.45',
      saleProp: { color_family: 'Biru' },
    });
    const branded: ChannelCategoryMapping = { ...lazadaClothMapping, attributes: [...lazadaClothMapping.attributes, { id: 'brand', name: 'Brand', required: true, values: [{ id: '20001', name: 'Tenun Sidemen' }] }] };
    expect(lazadaProductPayload({ ...listing, category: branded }, images, { noBrandId: '97623' }).Request.Product.Attributes.brand_id).toBe('20001');
  });

  it('puts sku-level attributes in each Sku, spells select values as the channel does, and lets the artisan value win', () => {
    const mapping: ChannelCategoryMapping = {
      ...lazadaClothMapping,
      attributes: [
        { id: 'material', name: 'Material', required: true, from: 'materials', options: [{ name: 'Cotton' }, { name: 'Katun' }] },
        { id: 'weaving_technique', name: 'Weaving Technique', required: false, from: 'techniques', options: [{ name: 'Ikat' }, { name: 'Tenun Ikat' }] },
        { id: 'package_content', name: "What's in the box", required: false, level: 'sku', value: '1 kain' },
      ],
    };
    const product = lazadaProductPayload({ ...listing, category: mapping, attributeValues: { weaving_technique: [{ name: 'ikat' }] } }, images, { noBrandId: '1' }).Request.Product;
    expect(product.Attributes).toMatchObject({ material: 'Katun', weaving_technique: 'Ikat' });
    expect(product.Attributes).not.toHaveProperty('package_content');
    expect(product.Skus.Sku.map((s) => s.package_content)).toEqual(['1 kain', '1 kain']);
  });

  it('on update keeps SkuIds and ties a new SKU with AssociatedSku, one of the product seller SKUs', () => {
    const existing = { productId: 'i9', skus: [{ sellerSku: 'ENDEK-CMP-MERAH', skuId: '501' }] };
    const product = lazadaProductPayload(listing, images, { existing, noBrandId: '1' }).Request.Product;
    expect(product).toMatchObject({ ItemId: 'i9', AssociatedSku: 'ENDEK-CMP-MERAH' });
    expect(product.Skus.Sku.map((s) => [s.SkuId, s.SellerSku])).toEqual([['501', 'ENDEK-CMP-MERAH'], [undefined, 'ENDEK-CMP-BIRU']]);
    // nothing new, no AssociatedSku
    const both = { productId: 'i9', skus: [...existing.skus, { sellerSku: 'ENDEK-CMP-BIRU', skuId: '502' }] };
    expect(lazadaProductPayload(listing, images, { existing: both, noBrandId: '1' }).Request.Product).not.toHaveProperty('AssociatedSku');
  });

  it('sends the artisan namespace on a council-wide store, and the namespaced SKU in price updates', () => {
    const artisan = listing.listing.artisan.id;
    const product = lazadaProductPayload(listing, images, { noBrandId: '1', namespaceSkus: true }).Request.Product;
    expect(product.Skus.Sku.map((s) => s.SellerSku)).toEqual([channelSkuFor(artisan, 'ENDEK-CMP-MERAH', true), channelSkuFor(artisan, 'ENDEK-CMP-BIRU', true)]);
    expect(product.Skus.Sku[0]!.SellerSku).not.toBe('ENDEK-CMP-MERAH');
    // a SKU Lazada already holds keeps its SellerSku (it cannot be changed), namespaced or not
    const existing = { productId: 'i9', skus: [{ sellerSku: 'ENDEK-CMP-MERAH', skuId: '501' }] };
    const legacy = lazadaProductPayload(listing, images, { existing, noBrandId: '1', namespaceSkus: true }).Request.Product;
    expect(legacy.Skus.Sku.map((s) => s.SellerSku)).toEqual(['ENDEK-CMP-MERAH', channelSkuFor(artisan, 'ENDEK-CMP-BIRU', true)]);
    expect(legacy.AssociatedSku).toBe('ENDEK-CMP-MERAH');
    const payload = lazadaPriceQuantityPayload([{ productId: 'i1', skuId: 's1', sellerSku: 'A', channelSku: 'ABC123-A', stock: 4 }]);
    expect(payload.Request.Product.Skus.Sku).toEqual([{ ItemId: 'i1', SkuId: 's1', SellerSku: 'ABC123-A', Quantity: '4' }]);
  });

  it('sends only what changes in a price/quantity batch', () => {
    const payload = lazadaPriceQuantityPayload([
      { productId: 'i1', skuId: 's1', sellerSku: 'A', stock: 0 },
      { productId: 'i1', skuId: 's2', sellerSku: 'B', price: '120000' },
    ]);
    expect(payload.Request.Product.Skus.Sku).toEqual([
      { ItemId: 'i1', SkuId: 's1', SellerSku: 'A', Quantity: '0' },
      { ItemId: 'i1', SkuId: 's2', SellerSku: 'B', Price: '120000' },
    ]);
  });
});
