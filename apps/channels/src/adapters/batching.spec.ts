import { chunk } from './batching';

describe('chunk', () => {
  it('splits into runs of at most the size, keeping order and every item', () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    const runs = chunk(items, 50);
    expect(runs.map((r) => r.length)).toEqual([50, 50, 20]);
    expect(runs.flat()).toEqual(items);
    expect(chunk([], 50)).toEqual([]);
    expect(() => chunk(items, 0)).toThrow(RangeError);
  });
});
