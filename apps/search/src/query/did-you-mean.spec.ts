import { Dictionary, correct, editDistance } from './did-you-mean';

describe('editDistance', () => {
  it('counts an adjacent swap as one edit and stops early past the limit', () => {
    expect(editDistance('braclet', 'bracelet', 2)).toBe(1);
    expect(editDistance('kalugn', 'kalung', 2)).toBe(1);
    expect(editDistance('sngket', 'songket', 2)).toBe(1);
    expect(editDistance('perak', 'perajin', 2)).toBeGreaterThan(2);
    expect(editDistance('kayu', 'bambu', 1)).toBeGreaterThan(1);
  });
});

describe('correct', () => {
  const dictionary: Dictionary = new Map([
    ['keranjang', Number.MAX_SAFE_INTEGER], ['bambu', Number.MAX_SAFE_INTEGER], ['perak', Number.MAX_SAFE_INTEGER],
    ['endek', 40], ['gringsing', 12], ['katun', 30], ['kaktus', 1], ['dan', 0],
  ]);

  it('replaces each unknown word by the nearest known one and keeps the rest', () => {
    expect(correct('kerangjang dan bmabu', dictionary)).toBe('keranjang dan bambu');
    expect(correct('endk Gianyar', dictionary)).toBe('endek gianyar');
    expect(correct('grngsing', dictionary)).toBe('gringsing');
  });

  it('prefers the nearer word, then the commoner one, then the longer', () => {
    expect(correct('katus', dictionary)).toBe('katun');
    expect(correct('lukisn', new Map([['lukis', 1], ['lukisan', 1]]))).toBe('lukisan');
  });

  it('answers null when every word is known or nothing is near', () => {
    expect(correct('perak bambu', dictionary)).toBeNull();
    expect(correct('xylofon', dictionary)).toBeNull();
    expect(correct('925', dictionary)).toBeNull();
  });
});
