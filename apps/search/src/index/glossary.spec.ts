import { Glossary, words } from './glossary';
import { VOCABULARY } from './vocabulary';
import { toDocument } from './listing-document';
import { ListingSnapshot } from '@pk/contracts';

describe('Glossary', () => {
  const glossary = new Glossary();
  const termsOf = (...texts: string[]) => glossary.wordsOf(glossary.groupsOf(texts));

  it('gives an Indonesian text its English words and an English one its Indonesian words', () => {
    expect(termsOf('Gelang perak ukir Celuk')).toEqual(expect.arrayContaining(['silver', 'bracelet', 'carving', 'perak', 'gelang', 'ukiran']));
    expect(termsOf('Sterling silver necklace')).toEqual(expect.arrayContaining(['perak', 'kalung']));
    expect(termsOf('Patung kayu Garuda')).toEqual(expect.arrayContaining(['statue', 'wood', 'wooden']));
    expect(termsOf('Celuk')).toEqual([]);
  });

  it('matches phrases as consecutive words, the longest first', () => {
    expect(termsOf('Hiasan uang kepeng')).toEqual(expect.arrayContaining(['kepeng coins', 'decoration']));
    // A pendant lamp is a lamp, not a pendant.
    expect(termsOf('Woven bamboo pendant lamp')).toEqual(expect.arrayContaining(['lampu', 'bambu']));
    expect(termsOf('Woven bamboo pendant lamp')).not.toContain('liontin');
    expect(termsOf('Liontin perak')).toContain('pendant');
  });

  it('splits words as the index does', () => {
    expect(words('Anting-anting PERAK 925, Kupu-kupu')).toEqual(['anting', 'anting', 'perak', '925', 'kupu', 'kupu']);
  });

  it('keeps every vocabulary word in one case and without stray spaces', () => {
    for (const group of VOCABULARY) {
      for (const word of [...group.id, ...group.en, ...(group.ban ?? []), ...(group.also ?? [])]) expect(word).toBe(word.trim().toLowerCase());
    }
  });
});

describe('toDocument', () => {
  it('carries the vocabulary of the title and category apart from that of the description, and the regency name', () => {
    const doc = toDocument({
      id: '0190', version: 1,
      artisan: { id: 'a', shopName: 'Perak Celuk', shopSlug: 'perak-celuk', regency: 'gianyar' },
      title: { id: 'Gelang perak ukir Celuk', en: null },
      description: { id: 'Dikemas dalam kotak kayu.', en: null },
      category: { id: 'c', slug: 'silver-jewellery', path: ['jewellery', 'silver-jewellery'], names: ['Perhiasan', 'Perhiasan perak'] },
      materials: ['perak 925'], techniques: ['ukir'], regency: 'gianyar',
      dimensionsCm: { length: 1, width: 1, height: 1 }, weightGrams: 10, handmade: true, leadTimeDays: null,
      variants: [{ id: 'v', sku: 's', options: {}, price: '850000', regularPrice: '850000', stock: 1 }],
      photos: [], marks: [], campaigns: [], unitsSold: 0, publishedAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z',
    } as ListingSnapshot);
    expect(doc.glossary).toEqual(expect.arrayContaining(['silver', 'bracelet', 'carving', 'jewellery']));
    expect(doc.glossary).not.toContain('wood');
    expect(doc.descriptionGlossary).toEqual(['kayu', 'wood', 'wooden']);
    expect(doc.place).toBe('Gianyar');
  });
});
