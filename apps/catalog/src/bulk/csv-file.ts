import { parse } from 'csv-parse/sync';
import { ImportProblem } from '@pk/contracts';
import { DomainError, ErrorCode, csvTextValue } from '@pk/core';
import { CSV_COLUMNS, CsvColumn, PACKAGE_COLUMNS } from './csv-format';

export const MAX_CSV_ROWS = 5_000;

/** A problem with one row of the file; `line` counts records as a spreadsheet numbers rows (header = 1). */
export interface CsvProblem {
  line: number;
  column?: CsvColumn;
  message: string;
}

/** A row's cells by column; the package columns are undefined when the file leaves them out. */
export interface CsvRow {
  line: number;
  cells: Record<CsvColumn, string>;
}

/** The data rows of a file, and the rows that could not be read at all (wrong number of cells). */
export interface CsvFile {
  rows: CsvRow[];
  problems: CsvProblem[];
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A whole-file refusal (encoding, columns, size): `invalid_csv` with the problems that say why. */
export function invalidCsv(message: string, problems: ImportProblem[], extra: Record<string, unknown> = {}): DomainError {
  return new DomainError(ErrorCode.invalidCsv, message, { errors: problems, ...extra });
}

/**
 * Reads an uploaded file: UTF-8 (a BOM is fine), comma- or semicolon-separated (Excel in an
 * Indonesian locale saves with semicolons), the header naming exactly the columns we know.
 */
export function readCsv(bytes: Buffer): CsvFile {
  const body = bytes.subarray(0, 3).equals(BOM) ? bytes.subarray(3) : bytes;
  if (body.toString('utf8').trim() === '') throw invalidCsv('The file is empty.', [{ line: 1, message: 'the file is empty' }]);
  const bad = firstBadUtf8Line(body);
  if (bad >= 0) {
    const line = recordAt(body, bad);
    throw invalidCsv(`The file is not UTF-8 text: row ${line} has bytes that are not UTF-8. Save it as "CSV UTF-8".`, [
      { line, message: 'not valid UTF-8; save the file as "CSV UTF-8"' },
    ]);
  }
  const text = body.toString('utf8');
  const records = parseRecords(text, delimiterOf(text));
  const header = records[0].record.map((name) => name.trim());
  checkHeader(header);

  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  for (const { record, info } of records.slice(1)) {
    if (record.every((cell) => cell.trim() === '')) continue; // blank lines and rows of bare commas
    if (record.length !== header.length) {
      problems.push({ line: info.records, message: `has ${record.length} cells; the header has ${header.length}` });
      continue;
    }
    const cells = Object.fromEntries(header.map((name, i) => [name, csvTextValue(record[i].trim())])) as Record<CsvColumn, string>;
    rows.push({ line: info.records, cells });
  }
  const total = rows.length + problems.length;
  if (total === 0) throw invalidCsv('The file has a header but no rows.', [{ line: 2, message: 'no rows under the header' }]);
  if (total > MAX_CSV_ROWS) {
    throw invalidCsv(`The file has ${total} rows; at most ${MAX_CSV_ROWS} per upload. Split it into several files.`, [
      { line: MAX_CSV_ROWS + 2, message: `more than ${MAX_CSV_ROWS} rows` },
    ]);
  }
  return { rows, problems };
}

interface ParsedRecord {
  record: string[];
  info: { records: number; bytes: number };
}

// Quotes inside an unquoted cell (`Kain 2" lebar`) are kept as written: hand-edited files have them.
const parseRecordsOf = (input: string | Buffer, delimiter: string) =>
  parse(input, { delimiter, info: true, relax_column_count: true, relax_quotes: true }) as unknown as ParsedRecord[];

function parseRecords(input: string, delimiter: string): ParsedRecord[] {
  try {
    return parseRecordsOf(input, delimiter);
  } catch (error) {
    const e = error as Error & { records?: number };
    const line = (e.records ?? 0) + 1;
    throw invalidCsv(`Row ${line} cannot be read as CSV: ${e.message}`, [{ line, message: e.message }]);
  }
}

function delimiterOf(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  return first.includes(';') && !first.includes(',') ? ';' : ',';
}

function checkHeader(header: string[]): void {
  const known = new Set<string>(CSV_COLUMNS);
  const unknown = header.filter((name) => !known.has(name));
  const optional: readonly string[] = PACKAGE_COLUMNS.some((name) => header.includes(name)) ? [] : PACKAGE_COLUMNS;
  const missing = CSV_COLUMNS.filter((name) => !header.includes(name) && !optional.includes(name));
  const twice = header.filter((name, i) => header.indexOf(name) !== i);
  if (unknown.length === 0 && missing.length === 0 && twice.length === 0) return;
  const parts = [
    missing.length ? `missing columns: ${missing.join(', ')}` : '',
    unknown.length ? `unknown columns: ${unknown.map((n) => n || '(blank)').join(', ')}` : '',
    twice.length ? `columns given twice: ${twice.join(', ')}` : '',
  ].filter(Boolean);
  throw invalidCsv(`The header row is not right: ${parts.join('; ')}.`, [{ line: 1, message: parts.join('; ') }], { missing, unknown, twice });
}

/** Where the first line holding bytes that are not UTF-8 starts (a newline byte is never inside a UTF-8 character). */
function firstBadUtf8Line(bytes: Buffer): number {
  const strict = new TextDecoder('utf-8', { fatal: true });
  for (let start = 0; start < bytes.length; ) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    try {
      strict.decode(bytes.subarray(start, end));
    } catch {
      return start;
    }
    start = end + 1;
  }
  return -1;
}

/** The record (spreadsheet row) holding byte `offset`; the physical line when the file is not CSV either. */
function recordAt(bytes: Buffer, offset: number): number {
  try {
    const hit = parseRecordsOf(bytes, delimiterOf(bytes.toString('utf8'))).find((r) => r.info.bytes > offset);
    if (hit) return hit.info.records;
  } catch {
    // fall through to counting lines
  }
  return bytes.subarray(0, offset).toString('latin1').split('\n').length;
}
