import { channelListing, lazadaClothMapping, listingSnapshot } from '../listing.fixture';
import { validateForLazada } from './lazada.rules';

const check = (overrides: Parameters<typeof listingSnapshot>[0] = {}) => validateForLazada(channelListing(lazadaClothMapping, overrides));
const fields = (overrides: Parameters<typeof listingSnapshot>[0] = {}) => check(overrides).map((p) => p.field);
const base = listingSnapshot();

describe('Lazada rules', () => {
  it('passes a complete listing', () => {
    expect(check()).toEqual([]);
  });

  it('takes names up to 255 characters, short ones included', () => {
    expect(fields({ title: { id: 'Kain endek', en: null } })).toEqual([]);
    expect(fields({ title: { id: 'x'.repeat(256), en: null } })).toEqual(['title']);
    expect(fields({ title: { id: '  ', en: null } })).toEqual(['title']);
  });

  it('needs a mapped category and its required attributes', () => {
    expect(validateForLazada(channelListing(null)).map((p) => p.field)).toEqual(['category']);
    expect(check({ materials: [] })).toEqual([{ field: 'attributes.material', reason: expect.stringContaining('Lazada requires "Material"') }]);
  });

  it('needs a photo, package weight and dimensions', () => {
    expect(fields({ photos: [], weightGrams: 0, dimensionsCm: { length: 0, width: 1, height: 1 } })).toEqual(['photos', 'weight', 'dimensions']);
  });

  it('takes SKUs with spaces (unlike TikTok) but not twice, and prices above zero', () => {
    const variant = base.variants[0]!;
    expect(fields({ variants: [{ ...variant, sku: 'ENDEK CMP MERAH' }] })).toEqual([]);
    expect(fields({ variants: [variant, { ...base.variants[1]!, sku: variant.sku }] })).toEqual(['variants[1].sku']);
    expect(fields({ variants: [{ ...variant, price: '0' }] })).toEqual(['variants[0].price']);
    expect(fields({ variants: [{ ...variant, stock: -1 }] })).toEqual(['variants[0].stock']);
  });
});
