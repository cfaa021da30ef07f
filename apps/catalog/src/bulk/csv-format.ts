import { ListingSnapshot } from '@pk/contracts';
import type { CsvProblem, CsvRow } from './csv-file';

// The bulk CSV, one row per variant, in both directions: what the export writes is exactly what
// the import reads, so download -> edit -> upload round-trips.

export const CSV_COLUMNS = [
  'listing_id',
  'handle',
  'title_id',
  'title_en',
  'description_id',
  'description_en',
  'category',
  'materials',
  'techniques',
  'regency',
  'length_cm',
  'width_cm',
  'height_cm',
  'weight_grams',
  'package_length_cm',
  'package_width_cm',
  'package_height_cm',
  'handmade',
  'lead_time_days',
  'sku',
  'options',
  'price',
  'stock',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * The package size came after files were in use: a file may leave out all three columns (the
 * listing's package size is then kept as it is), but not some of them.
 */
export const PACKAGE_COLUMNS = ['package_length_cm', 'package_width_cm', 'package_height_cm'] as const satisfies readonly CsvColumn[];

/** The columns every row of one listing repeats, which must agree (the rest describe one variant). */
export const LISTING_COLUMNS: readonly CsvColumn[] = CSV_COLUMNS.filter((c) => !['handle', 'sku', 'options', 'price', 'stock'].includes(c));

/** Where a listingInput field comes from, for naming the cell a rule refused. */
const FIELD_COLUMNS: Record<string, CsvColumn> = {
  'title.id': 'title_id',
  'title.en': 'title_en',
  'description.id': 'description_id',
  'description.en': 'description_en',
  category: 'category',
  materials: 'materials',
  techniques: 'techniques',
  regency: 'regency',
  'dimensionsCm.length': 'length_cm',
  'dimensionsCm.width': 'width_cm',
  'dimensionsCm.height': 'height_cm',
  weightGrams: 'weight_grams',
  'packageCm.length': 'package_length_cm',
  'packageCm.width': 'package_width_cm',
  'packageCm.height': 'package_height_cm',
  packageCm: 'package_length_cm',
  handmade: 'handmade',
  leadTimeDays: 'lead_time_days',
};

/** The variant (index in the listing's rows) and column of a listingInput issue path. */
export function cellOf(path: ReadonlyArray<string | number>): { variant: number | null; column?: CsvColumn } {
  if (path[0] === 'variants') {
    return { variant: typeof path[1] === 'number' ? path[1] : null, column: path[2] as CsvColumn | undefined };
  }
  return { variant: null, column: FIELD_COLUMNS[path.slice(0, 2).join('.')] ?? FIELD_COLUMNS[String(path[0])] };
}

// Lists (`tenun;katun`) and options (`ukuran=M;warna=merah`) escape their separators with a
// backslash, so any value survives the round trip.
function splitEscaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) current += text[i] + text[++i];
    else if (text[i] === separator) (parts.push(current), (current = ''));
    else current += text[i];
  }
  return [...parts, current];
}
const unescape = (text: string) => text.replace(/\\(.)/g, '$1').trim();
const escape = (text: string, specials: RegExp) => text.replace(specials, '\\$&');

const listOut = (items: string[]) => items.map((item) => escape(item, /[\\;]/g)).join(';');
const optionsOut = (options: Record<string, string>) =>
  Object.entries(options).map(([k, v]) => `${escape(k, /[\\;=]/g)}=${escape(v, /[\\;=]/g)}`).join(';');

/**
 * One row per variant of a listing, in CSV_COLUMNS order; the handle of an existing listing is its id.
 * Cells are text as the upload reads it: writeCsv neutralises formulas, csvTextValue undoes that.
 */
export function rowsOfListing(l: ListingSnapshot): string[][] {
  const listing: Record<string, string> = {
    listing_id: l.id,
    handle: l.id,
    title_id: l.title.id,
    title_en: l.title.en ?? '',
    description_id: l.description.id,
    description_en: l.description.en ?? '',
    category: l.category.slug,
    materials: listOut(l.materials),
    techniques: listOut(l.techniques),
    regency: l.regency,
    length_cm: String(l.dimensionsCm.length),
    width_cm: String(l.dimensionsCm.width),
    height_cm: String(l.dimensionsCm.height),
    weight_grams: String(l.weightGrams),
    package_length_cm: l.packageCm ? String(l.packageCm.length) : '',
    package_width_cm: l.packageCm ? String(l.packageCm.width) : '',
    package_height_cm: l.packageCm ? String(l.packageCm.height) : '',
    handmade: l.handmade ? 'yes' : 'no',
    lead_time_days: l.leadTimeDays === null ? '' : String(l.leadTimeDays),
  };
  return l.variants.map((v) => {
    const row: Record<string, string> = { ...listing, sku: v.sku, options: optionsOut(v.options), price: v.price, stock: String(v.stock) };
    return CSV_COLUMNS.map((c) => row[c]);
  });
}

/**
 * The rows of one listing as the shape `listingInput` takes: listing fields from its first row,
 * a variant from each row. Cells that are not even of the right kind (a word where a number
 * goes) are reported here; listingInput judges the rest.
 */
export function listingData(rows: CsvRow[]): { data: Record<string, unknown>; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const cell = reader(problems);
  const first = rows[0];
  const data = {
    title: { id: first.cells.title_id, en: first.cells.title_en },
    description: { id: first.cells.description_id, en: first.cells.description_en },
    category: first.cells.category,
    materials: cell.list(first, 'materials'),
    techniques: cell.list(first, 'techniques'),
    regency: first.cells.regency.toLowerCase(),
    dimensionsCm: {
      length: cell.decimal(first, 'length_cm'),
      width: cell.decimal(first, 'width_cm'),
      height: cell.decimal(first, 'height_cm'),
    },
    weightGrams: cell.integer(first, 'weight_grams'),
    packageCm: cell.packageSize(first),
    handmade: cell.yesNo(first, 'handmade'),
    leadTimeDays: first.cells.lead_time_days === '' ? null : cell.integer(first, 'lead_time_days'),
    variants: rows.map((row) => ({
      sku: row.cells.sku,
      options: cell.options(row, 'options'),
      price: row.cells.price, // listingInput takes digit strings and says what is wrong with anything else
      stock: cell.integer(row, 'stock'),
    })),
  };
  return { data, problems };
}

/** Cell readers that report a cell of the wrong kind and hand listingInput something it will refuse quietly. */
function reader(problems: CsvProblem[]) {
  const refuse = (row: CsvRow, column: CsvColumn, message: string): undefined => {
    problems.push({ line: row.line, column, message });
    return undefined;
  };
  const number = (row: CsvRow, column: CsvColumn, pattern: RegExp, kind: string) => {
    const text = row.cells[column];
    if (text === '') return refuse(row, column, 'required');
    return pattern.test(text) ? Number(text.replace(',', '.')) : refuse(row, column, kind);
  };
  // a decimal comma is how Indonesian spreadsheets write 12,5
  const decimal = (row: CsvRow, column: CsvColumn) => number(row, column, /^-?\d+([.,]\d{1,2})?$/, 'a number of centimetres, e.g. 12.5');
  return {
    list: (row: CsvRow, column: CsvColumn) => splitEscaped(row.cells[column], ';').map(unescape).filter(Boolean),
    integer: (row: CsvRow, column: CsvColumn) => number(row, column, /^-?\d+$/, 'a whole number, digits only'),
    decimal,
    /** Absent columns: undefined (kept as it is); three blanks: null (none); else all three. */
    packageSize: (row: CsvRow) => {
      const cells = PACKAGE_COLUMNS.map((c) => row.cells[c]);
      if (cells.every((c) => c === undefined)) return undefined;
      if (cells.every((c) => c === '')) return null;
      const [length, width, height] = PACKAGE_COLUMNS.map((c) =>
        row.cells[c] === '' ? refuse(row, c, 'give all three package sizes, or leave all three blank') : decimal(row, c),
      );
      return { length, width, height };
    },
    yesNo: (row: CsvRow, column: CsvColumn) => {
      const value = row.cells[column].toLowerCase();
      if (value === '') return undefined; // the default: handmade
      if (['yes', 'ya', 'y', 'true', '1'].includes(value)) return true;
      if (['no', 'tidak', 'n', 'false', '0'].includes(value)) return false;
      return refuse(row, column, 'yes or no');
    },
    options: (row: CsvRow, column: CsvColumn) => {
      const options: Record<string, string> = {};
      for (const pair of splitEscaped(row.cells[column], ';').filter((p) => p.trim() !== '')) {
        const [name, ...value] = splitEscaped(pair, '=');
        const key = unescape(name);
        if (value.length === 0) return refuse(row, column, `write options as name=value;name=value ("${unescape(pair)}" has no =)`);
        if (key in options) return refuse(row, column, `option "${key}" is given twice`);
        options[key] = unescape(value.join('='));
      }
      return options;
    },
  };
}
