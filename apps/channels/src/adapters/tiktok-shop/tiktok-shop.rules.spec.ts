import { channelListing, listingSnapshot, tiktokClothMapping } from '../listing.fixture';
import { validateForTikTokShop } from './tiktok-shop.rules';

const check = (overrides: Parameters<typeof listingSnapshot>[0] = {}, mapping = tiktokClothMapping) => validateForTikTokShop(channelListing(mapping, overrides));
const fields = (overrides: Parameters<typeof listingSnapshot>[0] = {}) => check(overrides).map((p) => p.field);
const base = listingSnapshot();

describe('TikTok Shop rules', () => {
  it('passes a complete listing', () => {
    expect(check()).toEqual([]);
  });

  it('needs a title of 25 to 255 characters', () => {
    expect(fields({ title: { id: 'Kain endek Sidemen asli', en: null } })).toEqual(['title']);
    expect(check({ title: { id: 'x'.repeat(24), en: null } })[0]!.reason).toContain('25–255 characters; this one has 24');
    expect(fields({ title: { id: 'x'.repeat(25), en: null } })).toEqual([]);
    expect(fields({ title: { id: 'x'.repeat(255), en: null } })).toEqual([]);
    expect(fields({ title: { id: 'x'.repeat(256), en: null } })).toEqual(['title']);
  });

  it('needs a mapped category and its required attributes, saying where the value comes from', () => {
    expect(validateForTikTokShop(channelListing(null))).toEqual([expect.objectContaining({ field: 'category', reason: expect.stringContaining('not mapped to a TikTok Shop category') })]);
    const problems = check({ materials: [] });
    expect(problems).toEqual([{ field: 'attributes.100198', reason: expect.stringContaining('"Material"') }]);
    expect(problems[0]!.reason).toContain('add the materials to the listing');
    // a curator's fixed value is enough
    const fixed = { ...tiktokClothMapping, attributes: [{ id: '100198', name: 'Material', required: true, value: 'Katun' }] };
    expect(check({ materials: [] }, fixed)).toEqual([]);
  });

  it('needs a photo, but more than nine is no refusal (the first nine go)', () => {
    expect(fields({ photos: [] })).toEqual(['photos']);
    expect(fields({ photos: Array.from({ length: 10 }, () => base.photos[0]!) })).toEqual([]);
  });

  it('needs the package weight and all three dimensions', () => {
    expect(fields({ weightGrams: 0 })).toEqual(['weight']);
    expect(fields({ dimensionsCm: { length: 20, width: 0, height: 2 } })).toEqual(['dimensions']);
  });

  it('takes SKUs of 1 to 50 characters without spaces, once each', () => {
    const variant = base.variants[0]!;
    expect(fields({ variants: [{ ...variant, sku: 'ENDEK CMP' }] })).toEqual(['variants[0].sku']);
    expect(fields({ variants: [{ ...variant, sku: 'E'.repeat(51) }] })).toEqual(['variants[0].sku']);
    expect(fields({ variants: [{ ...variant, sku: 'E'.repeat(50) }] })).toEqual([]);
    expect(fields({ variants: [variant, { ...base.variants[1]!, sku: variant.sku }] })).toEqual(['variants[1].sku']);
    expect(fields({ variants: [] })).toEqual(['variants']);
    expect(fields({ variants: Array.from({ length: 101 }, (_, i) => ({ ...variant, sku: `S${i}`, options: { No: String(i) } })) })).toEqual(['variants']);
  });

  it('takes whole-rupiah prices from 100 to 100 million and stock up to 999,999', () => {
    const variant = base.variants[0]!;
    expect(fields({ variants: [{ ...variant, price: '99', regularPrice: '99' }] })).toEqual(['variants[0].price']);
    expect(fields({ variants: [{ ...variant, price: '100000001', regularPrice: '100000001' }] })).toEqual(['variants[0].price']);
    expect(fields({ variants: [{ ...variant, price: '1500.50', regularPrice: '1500.50' }] })).toEqual(['variants[0].price']);
    expect(fields({ variants: [{ ...variant, stock: 1_000_000 }] })).toEqual(['variants[0].stock']);
    expect(fields({ variants: [{ ...variant, stock: 999_999 }] })).toEqual([]);
  });

  it('needs several variants to differ by their options', () => {
    const [a, b] = base.variants;
    expect(fields({ variants: [a!, { ...b!, options: { ...a!.options } }] })).toEqual(['variants[1].options']);
    expect(fields({ variants: [a!, { ...b!, options: {} }] })).toEqual(['variants[1].options']);
  });
});
