import { describe, expect, it } from '@jest/globals';
import { emptyListing, listingFields, listingValues, localProblems } from './listing-values';
import type { Listing } from './seller-api';

// The listing form's package size: optional, all three or none, sent as packageCm.

const typed = {
  ...emptyListing('karangasem'), length: '200', width: '110', height: '1', weightGrams: '450',
  variants: [{ sku: 'END-1', options: [{ name: 'warna', value: 'merah' }], price: '750.000', stock: '2' }],
};

describe('listing form values: package size', () => {
  it('sends no package size (null, which clears one) when the three fields are blank', () => {
    expect(listingFields(typed)).toMatchObject({ dimensionsCm: { length: 200, width: 110, height: 1 }, packageCm: null });
    expect(localProblems(typed)).toEqual({});
  });

  it('sends the parcel as typed, a decimal comma too', () => {
    const folded = { ...typed, packageLength: '35', packageWidth: '25,5', packageHeight: '4' };
    expect(listingFields(folded).packageCm).toEqual({ length: 35, width: 25.5, height: 4 });
    expect(localProblems(folded)).toEqual({});
  });

  it('asks for all three before sending when only some are filled', () => {
    expect(localProblems({ ...typed, packageLength: '35' })).toEqual({
      'packageCm.width': 'seller.listing.packageAllOrNone',
      'packageCm.height': 'seller.listing.packageAllOrNone',
    });
  });

  it('fills the fields from a saved listing, blank when it has none', () => {
    const saved = {
      title: { id: 'Kain endek', en: null }, description: { id: 'Kain endek tenun.', en: null }, category: { slug: 'endek' },
      materials: [], techniques: [], regency: 'karangasem', dimensionsCm: { length: 200, width: 110, height: 1 }, weightGrams: 450,
      handmade: true, leadTimeDays: null, variants: [], photos: [],
    } as unknown as Listing;
    expect(listingValues({ ...saved, packageCm: { length: 35, width: 25, height: 4 } })).toMatchObject({ packageLength: '35', packageWidth: '25', packageHeight: '4' });
    expect(listingValues({ ...saved, packageCm: null })).toMatchObject({ packageLength: '', packageWidth: '', packageHeight: '' });
    expect(listingValues(saved)).toMatchObject({ packageLength: '', packageWidth: '', packageHeight: '' });
  });
});
