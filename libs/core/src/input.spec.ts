import { z } from 'zod';
import { DomainError } from './domain-error';
import { MAX_OFFSET, paging, parseInput } from './input';
import { TEXT_PROBLEMS } from './input-safety';

const list = z.object(paging(100, 20)).strict();

const refusal = (data: unknown) => {
  try {
    parseInput(list, data);
  } catch (error) {
    return (error as DomainError).toBody();
  }
  throw new Error('not refused');
};

describe('paging', () => {
  it('coerces query strings and defaults', () => {
    expect(parseInput(list, {})).toEqual({ limit: 20, offset: 0 });
    expect(parseInput(list, { limit: '5', offset: String(MAX_OFFSET) })).toEqual({ limit: 5, offset: MAX_OFFSET });
  });

  it('refuses an offset past the bound, which Postgres would refuse as out of range for bigint', () => {
    expect(refusal({ offset: '99999999999999999999' })).toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'offset', messages: [expect.stringMatching(/^at most 1000000/)] }],
    });
    expect(refusal({ offset: String(MAX_OFFSET + 1) }).details).toEqual([{ field: 'offset', messages: [expect.stringMatching(/^at most/)] }]);
    expect(refusal({ offset: '1e400' }).details).toEqual([{ field: 'offset', messages: ['a whole number', expect.stringMatching(/^at most/)] }]);
    expect(refusal({ offset: '-1' }).details).toEqual([{ field: 'offset', messages: ['cannot be negative'] }]);
  });
});

describe('parseInput', () => {
  it('refuses NUL and lone surrogates whatever the schema, naming the field', () => {
    const schema = z.object({ title: z.string(), tags: z.array(z.string()) });
    expect(() => parseInput(schema, { title: 'ok', tags: ['a\u0000'] })).toThrow(DomainError);
    try {
      parseInput(schema, { title: 'x\ud800', tags: [] });
    } catch (error) {
      expect((error as DomainError).details).toEqual([{ field: 'title', messages: [TEXT_PROBLEMS.surrogate] }]);
    }
  });
});
