import { parse } from 'csv-parse/sync';
import { csvText, csvTextValue, writeCsv } from './csv';

const read = (csv: string): string[][] => parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true });

describe('writeCsv', () => {
  it.each(['=HYPERLINK("http://evil.example","klik")', '+1+1', '-2+3+cmd|\' /C calc\'!A0', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'])(
    'writes text starting like a formula (%j) with a leading apostrophe',
    (value) => {
      expect(read(writeCsv([[value]]))[0][0]).toBe(`'${value}`);
    },
  );

  it('leaves ordinary text alone, formula characters inside it included', () => {
    expect(read(writeCsv([['Tenun Ikat', 'a=b', 'Rp 5.000', "'quoted"]]))[0]).toEqual(['Tenun Ikat', 'a=b', 'Rp 5.000', "'quoted"]);
  });

  it('keeps numbers as numbers, negative ones included', () => {
    expect(read(writeCsv([[-5000, 12.5, 0n - 7000n, 0]]))[0]).toEqual(['-5000', '12.5', '-7000', '0']);
  });

  it('neutralises a negative figure passed as text (a text column is text)', () => {
    expect(read(writeCsv([['-5000']]))[0][0]).toBe("'-5000");
  });

  it('writes null and undefined as empty cells and refuses NaN', () => {
    expect(read(writeCsv([[null, undefined, 'x']]))[0]).toEqual(['', '', 'x']);
    expect(() => writeCsv([[Number.NaN]])).toThrow(/finite/);
  });

  it('adds a BOM and CRLF for spreadsheets only', () => {
    expect(writeCsv([['a'], ['b']], { spreadsheet: true })).toBe('\uFEFFa\r\nb\r\n');
    expect(writeCsv([['a'], ['b']])).toBe('a\nb\n');
  });

  it('keeps the quoting of commas, quotes and line breaks', () => {
    expect(read(writeCsv([['a,b', 'say "hi"', 'two\nlines']]))[0]).toEqual(['a,b', 'say "hi"', 'two\nlines']);
  });
});

describe('csvTextValue', () => {
  it('takes off exactly the apostrophe csvText added', () => {
    for (const value of ['=1+1', '-5000', '@x', 'plain', "'already quoted", '']) expect(csvTextValue(csvText(value))).toBe(value);
  });
});
