import { stringify } from 'csv-stringify/sync';

/**
 * A cell as its writer means it: text, or a number. Text that starts like a formula is written
 * with a leading apostrophe (OWASP "CSV Injection"), so a spreadsheet shows it instead of running
 * it; a number stays a number, a refund of -5000 included.
 */
export type CsvCell = string | number | bigint | null | undefined;

// = + - @ start a formula in Excel, LibreOffice and Google Sheets; a tab or carriage return before
// one hides it from a naive check.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as a spreadsheet must show it: a leading apostrophe when it starts like a formula. */
export function csvText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The reverse, for files we read back (the bulk upload): the apostrophe csvText added comes off. */
export function csvTextValue(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

function cellOut(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`a CSV number cell must be finite, not ${value}`);
    return String(value);
  }
  return csvText(value);
}

/**
 * Every CSV we hand out goes through here. `spreadsheet`: a BOM and CRLF, so Excel opens it as
 * UTF-8 (Indonesian and Balinese names intact).
 */
export function writeCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>, opts: { spreadsheet?: boolean } = {}): string {
  const text = stringify(rows.map((row) => row.map(cellOut)), opts.spreadsheet ? { record_delimiter: 'windows' } : {});
  return opts.spreadsheet ? `\uFEFF${text}` : text;
}
