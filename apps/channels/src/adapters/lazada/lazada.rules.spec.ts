import type { ChannelCategoryMapping } from '../channel-adapter';
import { channelListing, lazadaClothMapping, listingSnapshot } from '../listing.fixture';
import { FOLDED_CLOTH_CM } from './lazada.fixture';
import { validateForLazada } from './lazada.rules';

const check = (overrides: Parameters<typeof listingSnapshot>[0] = {}, mapping: ChannelCategoryMapping = lazadaClothMapping) =>
  validateForLazada(channelListing(mapping, { dimensionsCm: FOLDED_CLOTH_CM, ...overrides }));
const fields = (overrides: Parameters<typeof listingSnapshot>[0] = {}) => check(overrides).map((p) => p.field);
const codes = (overrides: Parameters<typeof listingSnapshot>[0] = {}, mapping?: ChannelCategoryMapping) => check(overrides, mapping).map((p) => p.code);
const base = listingSnapshot();

/** Silver Jewellery as the sandbox describes it: a select material and a brand No Brand will not do for. */
const silverMapping: ChannelCategoryMapping = {
  categoryId: '62541510',
  categoryName: 'Silver Jewellery',
  attributes: [
    { id: 'material', name: 'Material', required: true, from: 'materials', options: [{ name: 'Sterling Silver 925' }, { name: 'Silver' }] },
    { id: 'brand', name: 'Brand', required: true },
  ],
  salesAttributes: [{ id: 'ring_size', name: 'Ring Size', optionLabels: ['Ukuran'], options: ['6', '7', '8'].map((name) => ({ name })) }],
};

describe('Lazada rules', () => {
  it('passes a complete listing', () => {
    expect(check()).toEqual([]);
  });

  it('gives every problem a code and params', () => {
    const problems = check({ title: { id: ' ', en: null }, photos: [], weightGrams: 0, materials: [] });
    expect(problems.map((p) => p.code)).toEqual(['lazada.title_missing', 'lazada.attribute_missing', 'lazada.photos_missing', 'lazada.weight_missing']);
    expect(problems.every((p) => p.params !== undefined)).toBe(true);
    expect(problems[1]).toMatchObject({ field: 'attributes.material', params: { attribute: 'Material', category: 'Traditional Fabric' } });
  });

  it('counts the name in bytes, 255 at most (createproduct.json 4160)', () => {
    expect(fields({ title: { id: 'Kain endek', en: null } })).toEqual([]);
    // 128 two-byte characters: 128 characters, 256 bytes
    expect(check({ title: { id: 'é'.repeat(128), en: null } })).toEqual([expect.objectContaining({ field: 'title', code: 'lazada.title_too_long', params: { max: 255, length: 256 } })]);
  });

  it('refuses variants whose option is not mapped to one of the category sale attributes (4143)', () => {
    const variants = base.variants.map((v, i) => ({ ...v, options: { Motif: i ? 'Cepuk' : 'Cemplong' } }));
    expect(check({ variants })).toEqual([
      expect.objectContaining({ field: 'variants[0].options', code: 'lazada.sale_prop_unmapped', params: { option: 'Motif', sku: 'ENDEK-CMP-MERAH' } }),
      expect.objectContaining({ field: 'variants[1].options', code: 'lazada.sale_prop_unmapped', params: { option: 'Motif', sku: 'ENDEK-CMP-BIRU' } }),
    ]);
    // one variant needs no sale attribute (create-a-product.md)
    expect(check({ variants: [variants[0]!] })).toEqual([]);
  });

  it('takes only option names for select attributes, matched without regard to case', () => {
    const ring = (size: string, sku: string) => ({ ...base.variants[0]!, sku, options: { Ukuran: size } });
    const branded = { ...silverMapping, attributes: [silverMapping.attributes[0]!, { ...silverMapping.attributes[1]!, values: [{ id: '20000', name: 'Celuk Silver' }] }] };
    expect(check({ materials: ['sterling silver 925'], variants: [ring('7', 'R7'), ring('8', 'R8')] }, branded)).toEqual([]);
    expect(check({ materials: ['perak'], variants: [ring('7', 'R7'), ring('12', 'R12')] }, branded)).toEqual([
      expect.objectContaining({ field: 'attributes.material', code: 'lazada.attribute_not_an_option', params: { attribute: 'Material', value: 'perak', options: 'Sterling Silver 925, Silver' } }),
      expect.objectContaining({ field: 'variants[1].options', code: 'lazada.sale_value_not_an_option', params: expect.objectContaining({ attribute: 'Ring Size', value: '12', sku: 'R12' }) }),
    ]);
  });

  it('needs a brand where the curator marked it required (No Brand refused there), and lets the artisan value win', () => {
    const listing = { materials: ['Silver'], variants: [base.variants[0]!] };
    expect(codes(listing, silverMapping)).toEqual(['lazada.brand_required']);
    const silver = channelListing(silverMapping, { ...listing, dimensionsCm: FOLDED_CLOTH_CM });
    expect(validateForLazada({ ...silver, attributeValues: { brand: [{ id: '20000', name: 'Celuk Silver' }] } })).toEqual([]);
    // and an artisan value must be one of Lazada's options too
    expect(validateForLazada({ ...silver, attributeValues: { brand: [{ id: '20000', name: 'Celuk Silver' }], material: [{ name: 'Emas' }] } }).map((p) => p.code)).toEqual([
      'lazada.attribute_not_an_option',
    ]);
  });

  it('holds the package to 40 kg and 300 cm (4164, 4165) and a product to 50 SKUs', () => {
    expect(codes({ weightGrams: 40_001 })).toEqual(['lazada.weight_too_heavy']);
    expect(codes({ dimensionsCm: { length: 200, width: 99, height: 2 } })).toEqual(['lazada.package_size_needed']);
    expect(codes({ packageCm: { length: 200, width: 99, height: 2 } })).toEqual(['lazada.dimensions_too_large']);
    const many = Array.from({ length: 51 }, (_, i) => ({ ...base.variants[0]!, id: `v${i}`, sku: `S-${i}`, options: { Warna: `W${i}` } }));
    expect(codes({ variants: many })).toEqual(['lazada.too_many_variants']);
  });

  it('takes SKUs with spaces (unlike TikTok) but not twice, and prices above zero', () => {
    const variant = base.variants[0]!;
    expect(fields({ variants: [{ ...variant, sku: 'ENDEK CMP MERAH' }] })).toEqual([]);
    expect(fields({ variants: [variant, { ...base.variants[1]!, sku: variant.sku }] })).toEqual(['variants[1].sku']);
    expect(fields({ variants: [{ ...variant, price: '0' }] })).toEqual(['variants[0].price']);
    expect(fields({ variants: [{ ...variant, stock: -1 }] })).toEqual(['variants[0].stock']);
  });

  it('refuses the characters " ^ ~ < > | in the name and in attribute and variant values (4129)', () => {
    expect(check({ title: { id: 'Kain endek "Cemplong" <asli>', en: null } })).toEqual([
      expect.objectContaining({ field: 'title', code: 'lazada.special_characters', params: { characters: '" < >', value: 'Kain endek "Cemplong" <asli>' } }),
    ]);
    expect(check({ materials: ['katun|sutra'] }).map((p) => [p.field, p.code])).toEqual([['attributes.material', 'lazada.special_characters']]);
    const variants = base.variants.map((v, i) => ({ ...v, options: { Warna: i ? 'Biru~tua' : 'Merah' } }));
    expect(check({ variants }).map((p) => [p.field, p.code])).toEqual([['variants[1].options', 'lazada.special_characters']]);
  });

  it('needs a mapped category', () => {
    expect(validateForLazada(channelListing(null, { dimensionsCm: FOLDED_CLOTH_CM }))).toEqual([expect.objectContaining({ field: 'category', code: 'lazada.category_unmapped', params: { category: 'Kain › Endek' } })]);
  });
});
