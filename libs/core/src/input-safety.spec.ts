import { DomainError } from './domain-error';
import { MAX_INPUT_DEPTH, TEXT_PROBLEMS, assertSafeInput, inputProblems, printableName, storableText, textProblem } from './input-safety';

const nested = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};

describe('input safety: what no field may hold', () => {
  it('names NUL, lone surrogates and non-finite numbers by their dotted path', () => {
    const body = { title: 'kain\u0000', variants: [{ options: { warna: 'merah \ud800' } }], price: Infinity, n: [1, -Infinity] };
    expect(inputProblems(body)).toEqual([
      { field: 'title', messages: [TEXT_PROBLEMS.nul] },
      { field: 'variants.0.options.warna', messages: [TEXT_PROBLEMS.surrogate] },
      { field: 'price', messages: [TEXT_PROBLEMS.infinite] },
      { field: 'n.1', messages: [TEXT_PROBLEMS.infinite] },
    ]);
  });

  it('takes well-formed text, surrogate pairs (emoji) and ordinary values', () => {
    expect(inputProblems({ title: 'Kain endek 🧵 ✓', price: 350000, ok: true, none: null, list: ['a', 1.5] })).toEqual([]);
    expect(textProblem('Selendang — 👍🏽')).toBeNull();
    expect(textProblem('\udc00 at the start')).toBe(TEXT_PROBLEMS.surrogate);
    expect(textProblem('at the end \ud83d')).toBe(TEXT_PROBLEMS.surrogate);
  });

  it('checks field names too, and echoes a bad one as escapes', () => {
    expect(inputProblems({ 'wa\u0000rna': 'merah' })).toEqual([{ field: 'wa\\u0000rna', messages: [`the field name ${TEXT_PROBLEMS.nul}`] }]);
    expect(printableName('x\udfff')).toBe('x\\udfff');
  });

  it(`refuses nesting past ${MAX_INPUT_DEPTH} levels at the outermost field, without recursing further`, () => {
    expect(inputProblems({ x: nested(MAX_INPUT_DEPTH - 1) })).toEqual([]);
    expect(inputProblems({ x: nested(MAX_INPUT_DEPTH) })).toEqual([{ field: 'x', messages: [TEXT_PROBLEMS.depth] }]);
    // Deeper than any stack: refused all the same.
    expect(inputProblems({ x: nested(200_000) })).toEqual([{ field: 'x', messages: [TEXT_PROBLEMS.depth] }]);
    expect(inputProblems(nested(100))).toEqual([{ field: '0', messages: [TEXT_PROBLEMS.depth] }]);
  });

  it('names query and path values by their own name; a bare bad string is the body', () => {
    expect(inputProblems({ offset: '1', status: 'draft\u0000' })).toEqual([{ field: 'status', messages: [TEXT_PROBLEMS.nul] }]);
    expect(inputProblems('raw\u0000')).toEqual([{ field: '(body)', messages: [TEXT_PROBLEMS.nul] }]);
    expect(inputProblems(undefined)).toEqual([]);
    expect(inputProblems(Buffer.from([0, 0xff]))).toEqual([]);
  });

  it('stops at 20 problems', () => {
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, '\u0000']));
    expect(inputProblems(many)).toHaveLength(20);
  });

  it('assertSafeInput throws validation_failed naming each field', () => {
    expect(() => assertSafeInput({ a: 'ok' })).not.toThrow();
    try {
      assertSafeInput({ label: Infinity, street: 'x\u0000' });
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).toBody()).toEqual({
        code: 'validation_failed',
        message: 'Please correct: label, street.',
        details: [
          { field: 'label', messages: [TEXT_PROBLEMS.infinite] },
          { field: 'street', messages: [TEXT_PROBLEMS.nul] },
        ],
      });
    }
  });

  it('storableText replaces what Postgres would refuse, and keeps pairs', () => {
    expect(storableText('a\u0000b\ud800c👍')).toBe('a\uFFFDb\uFFFDc👍');
  });
});
