import { ListingSnapshot } from '@pk/contracts';
import { writeCsv } from '@pk/core';
import { readCsv } from './csv-file';
import { CSV_COLUMNS, listingData, rowsOfListing } from './csv-format';

const snapshot = (over: Partial<ListingSnapshot>): ListingSnapshot => ({
  id: '01900000-0000-7000-8000-000000000001',
  version: 1,
  artisan: { id: 'a', shopName: 'Toko', shopSlug: 'toko', regency: 'gianyar' },
  title: { id: 'Patung kayu Mas', en: null },
  description: { id: '- Kayu suar\n- Diukir tangan di Mas', en: '=SUM(A1) is not a formula here' },
  category: { id: 'c', slug: 'wood-carving', path: ['carving', 'wood-carving'], names: [] },
  materials: ['kayu suar; finishing', 'cat\\alam'],
  techniques: ['ukir'],
  regency: 'gianyar',
  dimensionsCm: { length: 30.5, width: 12, height: 45 },
  packageCm: null,
  weightGrams: 1800,
  handmade: false,
  leadTimeDays: 21,
  variants: [{ id: 'v', sku: 'PTG-1', options: { 'motif=a': 'garuda; wisnu', warna: '+natural' }, price: '2750000', regularPrice: '2750000', stock: 2 }],
  photos: [],
  marks: [],
  campaigns: [],
  unitsSold: 0,
  publishedAt: '',
  updatedAt: '',
  ...over,
});

describe('the bulk CSV format', () => {
  it('reads back exactly what it writes: separators, backslashes and formula-like cells included', () => {
    const l = snapshot({});
    const file = Buffer.from(writeCsv([[...CSV_COLUMNS], ...rowsOfListing(l)], { spreadsheet: true }));
    const { rows, problems } = readCsv(file);
    expect(problems).toEqual([]);
    expect(rows[0].cells.description_en).toBe(l.description.en);
    expect(listingData(rows)).toEqual({
      problems: [],
      data: {
        title: { id: l.title.id, en: '' },
        description: { id: l.description.id, en: l.description.en },
        category: 'wood-carving',
        materials: l.materials,
        techniques: l.techniques,
        regency: 'gianyar',
        dimensionsCm: l.dimensionsCm,
        weightGrams: 1800,
        packageCm: null,
        handmade: false,
        leadTimeDays: 21,
        variants: [{ sku: 'PTG-1', options: l.variants[0].options, price: '2750000', stock: 2 }],
      },
    });
  });

  it('reads the package size back, keeps it when a file has no package columns, and wants all three or none', () => {
    const folded = snapshot({ packageCm: { length: 40, width: 30.5, height: 5 } });
    const rows = readCsv(Buffer.from(writeCsv([[...CSV_COLUMNS], ...rowsOfListing(folded)]))).rows;
    expect(listingData(rows).data.packageCm).toEqual({ length: 40, width: 30.5, height: 5 });

    // A file made before the package columns existed: the listing keeps the package size it has.
    const older = CSV_COLUMNS.filter((c) => !c.startsWith('package_'));
    const [header, ...records] = [[...CSV_COLUMNS], ...rowsOfListing(folded)].map((r) => r.filter((_, i) => older.includes(CSV_COLUMNS[i])));
    const old = readCsv(Buffer.from(writeCsv([header, ...records])));
    expect(old.problems).toEqual([]);
    expect(listingData(old.rows)).toMatchObject({ problems: [], data: { packageCm: undefined, dimensionsCm: folded.dimensionsCm } });
    // Some of them only is a header problem.
    const some = [...older, 'package_length_cm'];
    expect(() => readCsv(Buffer.from(writeCsv([some, some.map(() => 'x')])))).toThrow(/missing columns: package_width_cm, package_height_cm/);

    const blank = Object.fromEntries(CSV_COLUMNS.map((c) => [c, '']));
    const half = listingData([{ line: 4, cells: { ...blank, package_length_cm: '40', package_width_cm: '', package_height_cm: '5 cm' } } as never]);
    expect(half.problems.filter((p) => p.column?.startsWith('package_'))).toEqual([
      { line: 4, column: 'package_width_cm', message: 'give all three package sizes, or leave all three blank' },
      { line: 4, column: 'package_height_cm', message: 'a number of centimetres, e.g. 12.5' },
    ]);
  });

  it('writes cells that a spreadsheet would run as formulas with a leading apostrophe', () => {
    const csv = writeCsv([[...CSV_COLUMNS], ...rowsOfListing(snapshot({}))]);
    expect(csv).toContain('"\'- Kayu suar\n- Diukir tangan di Mas"');
    expect(csv).toContain("'=SUM(A1) is not a formula here");
  });

  it('names the row and column of a cell of the wrong kind', () => {
    const blank = Object.fromEntries(CSV_COLUMNS.map((c) => [c, '']));
    const cells = { ...blank, length_cm: '1.000,5', width_cm: '12,5', height_cm: '3', weight_grams: '1,5 kg', handmade: 'maybe', options: 'merah', stock: '' };
    const { data, problems } = listingData([{ line: 9, cells } as never]);
    expect(problems).toEqual([
      { line: 9, column: 'length_cm', message: 'a number of centimetres, e.g. 12.5' },
      { line: 9, column: 'weight_grams', message: 'a whole number, digits only' },
      { line: 9, column: 'handmade', message: 'yes or no' },
      { line: 9, column: 'options', message: 'write options as name=value;name=value ("merah" has no =)' },
      { line: 9, column: 'stock', message: 'required' },
    ]);
    expect(data.dimensionsCm).toEqual({ length: undefined, width: 12.5, height: 3 });
  });
});
