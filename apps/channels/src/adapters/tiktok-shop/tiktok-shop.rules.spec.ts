import { channelListing, listingSnapshot, tiktokClothMapping } from '../listing.fixture';
import { PROBLEM_CODES, problemText } from '../problem-codes';
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
    // Letters that never repeat ten times in a row (see the format rule below).
    const text = (n: number) => 'abcdefghij'.repeat(26).slice(0, n);
    expect(check({ title: { id: text(24), en: null } })[0]!.reason).toContain('25–255 characters; this one has 24');
    expect(fields({ title: { id: text(25), en: null } })).toEqual([]);
    expect(fields({ title: { id: text(255), en: null } })).toEqual([]);
    expect(fields({ title: { id: text(256), en: null } })).toEqual(['title']);
  });

  it('needs a mapped category and its required attributes, saying where the value comes from', () => {
    expect(validateForTikTokShop(channelListing(null))).toEqual([expect.objectContaining({ field: 'category', reason: expect.stringContaining('not mapped to a TikTok Shop category') })]);
    const problems = check({ materials: [] });
    expect(problems).toEqual([{ field: 'attributes.100198', code: 'tiktok.attribute_required', params: expect.objectContaining({ attribute: 'Material' }), reason: expect.stringContaining('"Material"') }]);
    expect(problems[0]!.reason).toContain('add the materials to the listing');
    // a curator's fixed value is enough
    const fixed = { ...tiktokClothMapping, attributes: [{ id: '100198', name: 'Material', required: true, customizable: true, value: 'Katun' }] };
    expect(check({ materials: [] }, fixed)).toEqual([]);
  });

  it('holds title and description to the documented format (12052931/12052932): no HTML escapes, emojis, control characters, symbols only or 10 repeats', () => {
    const base25 = 'Kain endek Sidemen tenun ikat ';
    expect(check({ title: { id: `${base25}&nbsp;motif`, en: null } })).toEqual([expect.objectContaining({ field: 'title', code: 'tiktok.title_format', params: { rule: 'html_escape' } })]);
    expect(check({ title: { id: `${base25}motif 🌺`, en: null } })[0]).toMatchObject({ code: 'tiktok.title_format', params: { rule: 'emoji' } });
    expect(check({ title: { id: `${base25}!!!!!!!!!!`, en: null } })[0]).toMatchObject({ code: 'tiktok.title_format', params: { rule: 'repeated' } });
    expect(check({ title: { id: '*'.repeat(5) + '/'.repeat(5) + '#'.repeat(5) + '!?'.repeat(6), en: null } })[0]).toMatchObject({ code: 'tiktok.title_format', params: { rule: 'symbols_only' } });
    expect(check({ description: { id: 'Kain tenun\u0007 tangan.', en: null } })).toEqual([expect.objectContaining({ field: 'description', code: 'tiktok.description_format', params: { rule: 'control' } })]);
    // Paragraphs and line breaks are fine; nine of a kind too.
    expect(check({ description: { id: 'Kain tenun.\n\nPewarna alami!!!!!!!!!', en: null } })).toEqual([]);
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

  it('takes whole-rupiah prices from 100 to 100 million and stock from 1 to 99,999 (create-product / update-inventory range)', () => {
    const variant = base.variants[0]!;
    expect(fields({ variants: [{ ...variant, price: '99', regularPrice: '99' }] })).toEqual(['variants[0].price']);
    expect(fields({ variants: [{ ...variant, price: '100000001', regularPrice: '100000001' }] })).toEqual(['variants[0].price']);
    expect(fields({ variants: [{ ...variant, price: '1500.50', regularPrice: '1500.50' }] })).toEqual(['variants[0].price']);
    expect(fields({ variants: [{ ...variant, stock: 100_000 }] })).toEqual(['variants[0].stock']);
    // 0 is not sent as a quantity (see the payload), so it is no refusal; a negative stock is.
    expect(fields({ variants: [{ ...variant, stock: 0 }] })).toEqual([]);
    expect(fields({ variants: [{ ...variant, stock: -1 }] })).toEqual(['variants[0].stock']);
    expect(fields({ variants: [{ ...variant, stock: 99_999 }] })).toEqual([]);
    expect(fields({ variants: [{ ...variant, stock: 1 }] })).toEqual([]);
    expect(check({ variants: [{ ...variant, stock: 100_000 }] })[0]).toMatchObject({ code: 'tiktok.stock_range', params: { min: 1, max: 99_999, stock: 100_000 } });
  });

  it('needs several variants to differ by their options', () => {
    const [a, b] = base.variants;
    expect(fields({ variants: [a!, { ...b!, options: { ...a!.options } }] })).toEqual(['variants[1].options']);
    expect(fields({ variants: [a!, { ...b!, options: {} }] })).toEqual(['variants[1].options']);
  });
});

describe('TikTok Shop problem codes', () => {
  it('gives every problem a code with Indonesian and English text', () => {
    const variant = base.variants[0]!;
    const all = [
      ...check({ title: { id: 'pendek', en: null }, description: { id: '', en: null }, photos: [], weightGrams: 0, materials: [] }),
      ...check({ variants: [{ ...variant, sku: 'A B', price: '1', regularPrice: '1', stock: -1 }, { ...variant, sku: 'A B', options: {} }] }),
      ...validateForTikTokShop(channelListing(null)),
    ];
    expect(all.length).toBeGreaterThan(8);
    for (const p of all) {
      expect(p.code).toMatch(/^tiktok\./);
      expect(PROBLEM_CODES[p.code!]).toBeDefined();
      expect(problemText(p.code!, p.params, 'id')).not.toMatch(/\{\w+\}/);
      expect(problemText(p.code!, p.params, 'en')).not.toMatch(/\{\w+\}/);
    }
  });
});
