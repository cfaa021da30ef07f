import { returned } from './returning';

describe('returned', () => {
  it('takes the rows of an UPDATE ([rows, count]) and of an INSERT (rows)', () => {
    expect(returned([[{ id: 1 }], 1])).toEqual([{ id: 1 }]);
    expect(returned([[], 0])).toEqual([]);
    expect(returned([{ id: 1 }, { id: 2 }])).toEqual([{ id: 1 }, { id: 2 }]);
  });
});
