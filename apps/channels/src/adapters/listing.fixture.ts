import type { ListingSnapshot } from '@pk/contracts';
import type { ChannelCategoryMapping, ChannelListing } from './channel-adapter';

// A published listing that both channels accept, for specs and the sandbox e2e suite.

export function listingSnapshot(overrides: Partial<ListingSnapshot> = {}, photoBase = 'https://media.example/listings/l1'): ListingSnapshot {
  const id = overrides.id ?? '0190a6a4-1111-7000-8000-000000000001';
  return {
    id,
    version: 3,
    artisan: { id: '0190a6a4-2222-7000-8000-000000000002', shopName: 'Tenun Ni Made', shopSlug: 'tenun-ni-made', regency: 'karangasem' },
    title: { id: 'Kain Endek Sidemen Tenun Ikat Motif Cemplong', en: 'Sidemen endek ikat cloth, cemplong motif' },
    description: { id: 'Kain endek tenun tangan dari Sidemen.\n\nPewarna alami, dikerjakan tiga minggu.', en: null },
    category: { id: 'cat-endek', slug: 'endek', path: ['kain', 'endek'], names: ['Kain', 'Endek'] },
    materials: ['katun'],
    techniques: ['tenun ikat'],
    regency: 'karangasem',
    dimensionsCm: { length: 200, width: 110, height: 2 },
    packageCm: null,
    weightGrams: 450,
    handmade: true,
    leadTimeDays: null,
    variants: [
      { id: `${id}-v1`, sku: 'ENDEK-CMP-MERAH', options: { Warna: 'Merah' }, price: '350000', regularPrice: '350000', stock: 5 },
      { id: `${id}-v2`, sku: 'ENDEK-CMP-BIRU', options: { Warna: 'Biru' }, price: '375000', regularPrice: '375000', stock: 3 },
    ],
    photos: [
      { id: 'p1', alt: 'Kain endek merah', urls: { thumbnail: `${photoBase}/p1/thumbnail.webp`, card: `${photoBase}/p1/card.webp`, full: `${photoBase}/p1/full.webp` } },
      { id: 'p2', alt: 'Detail motif', urls: { thumbnail: `${photoBase}/p2/thumbnail.webp`, card: `${photoBase}/p2/card.webp`, full: `${photoBase}/p2/full.webp` } },
    ],
    marks: [],
    campaigns: [],
    unitsSold: 0,
    publishedAt: '2026-03-01T02:00:00.000Z',
    updatedAt: '2026-03-02T02:00:00.000Z',
    ...overrides,
  };
}

/** TikTok Shop's Traditional Cloth as the sandbox's Get Attributes describes it (test/sandboxes/tiktok-shop-catalog.ts). */
export const tiktokClothMapping: ChannelCategoryMapping = {
  categoryId: '601161',
  categoryName: 'Traditional Cloth',
  attributes: [
    {
      id: '100198',
      name: 'Material',
      required: true,
      from: 'materials',
      multiple: true,
      customizable: true,
      options: [
        { id: '1000101', name: 'Katun' },
        { id: '1000102', name: 'Sutra' },
      ],
    },
  ],
  salesAttributes: [
    {
      id: '100000',
      name: 'Warna',
      optionLabels: ['Warna', 'Colour', 'Color'],
      options: [
        { id: '1000001', name: 'Merah' },
        { id: '1000002', name: 'Biru' },
        { id: '1000003', name: 'Hijau' },
      ],
    },
  ],
};

export const lazadaClothMapping: ChannelCategoryMapping = {
  categoryId: '62541305',
  categoryName: 'Traditional Fabric',
  attributes: [
    {
      id: 'material',
      name: 'Material',
      required: true,
      from: 'materials',
      multiple: true,
      customizable: true,
      options: ['Cotton', 'Silk', 'Rayon', 'Linen'].map((name) => ({ name })),
    },
  ],
  // The fixture's variants differ by "Warna": Lazada's sale attribute color_family (multiEnumInput, custom values taken).
  salesAttributes: [
    { id: 'color_family', name: 'Color', optionLabels: ['Warna', 'Colour'], customizable: true, options: ['Red', 'Blue', 'Green', 'Black', 'White', 'Gold', 'Silver', 'Brown', 'Multicolor'].map((name) => ({ name })) },
  ],
};

export const channelListing = (mapping: ChannelCategoryMapping | null, overrides: Partial<ListingSnapshot> = {}, photoBase?: string): ChannelListing => ({
  listing: listingSnapshot(overrides, photoBase),
  category: mapping,
});
