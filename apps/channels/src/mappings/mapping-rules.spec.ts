import type { ChannelAttributeSpec } from '../adapters/channel-adapter';
import { buildMapping, checkValues } from './mapping-rules';

const spec = (over: Partial<ChannelAttributeSpec>): ChannelAttributeSpec => ({
  id: '100198',
  name: 'Material',
  required: true,
  sales: false,
  multiple: false,
  customizable: false,
  level: 'product',
  values: [{ id: '1001', name: 'Katun' }, { id: '1002', name: 'Sutra' }],
  ...over,
});

describe('channel attribute values against the channel data', () => {
  it('keeps known ids with their names, and matches a name to its value', () => {
    expect(checkValues(spec({}), [{ id: '1002', name: 'x' }], 'v')).toEqual({ values: [{ id: '1002', name: 'Sutra' }], issues: [] });
    expect(checkValues(spec({}), [{ name: ' katun ' }], 'v')).toEqual({ values: [{ id: '1001', name: 'Katun' }], issues: [] });
  });

  it('refuses an unknown id, free text where the attribute is not customizable, and two values where it takes one', () => {
    expect(checkValues(spec({}), [{ id: '9', name: 'Wol' }], 'v').issues.map((i) => i.field)).toEqual(['v.0.id']);
    expect(checkValues(spec({}), [{ name: 'Wol' }], 'v').issues.map((i) => i.field)).toEqual(['v.0.name']);
    expect(checkValues(spec({ customizable: true }), [{ name: 'Wol' }], 'v')).toEqual({ values: [{ name: 'Wol' }], issues: [] });
    expect(checkValues(spec({}), [{ id: '1001', name: 'Katun' }, { id: '1002', name: 'Sutra' }], 'v').issues.map((i) => i.field)).toEqual(['v']);
    expect(checkValues(spec({ multiple: true }), [{ id: '1001', name: 'Katun' }, { id: '1002', name: 'Sutra' }], 'v').issues).toEqual([]);
  });
});

describe('a mapping against the category attributes', () => {
  const specs = [
    spec({}),
    spec({ id: '100200', name: 'Warna', sales: true, customizable: true }),
    ...['1', '2', '3', '4'].map((n) => spec({ id: `s${n}`, name: `Sales ${n}`, sales: true })),
  ];

  it('fills name, flags, level and options from the channel data', () => {
    const built = buildMapping('tiktok_shop', specs, [{ id: '100198', from: 'materials' }], [{ id: '100200', optionLabels: ['Warna'] }]);
    expect(built.issues).toEqual([]);
    expect(built.attributes).toEqual([{ id: '100198', name: 'Material', required: true, multiple: false, customizable: false, level: 'product', options: specs[0]!.values, from: 'materials' }]);
    expect(built.salesAttributes).toEqual([{ id: '100200', name: 'Warna', optionLabels: ['Warna'], options: specs[1]!.values, customizable: true }]);
  });

  it('names each field at fault', () => {
    const built = buildMapping(
      'tiktok_shop',
      specs,
      [{ id: 'nope' }, { id: '100200' }, { id: '100198', values: [{ id: '1' , name: 'x' }], from: 'materials' }],
      [{ id: '100198', optionLabels: ['a'] }, ...['1', '2', '3', '4'].map((n) => ({ id: `s${n}`, optionLabels: ['a'] }))],
    );
    expect(built.issues.map((i) => i.field)).toEqual(['attributes.0.id', 'attributes.1.id', 'attributes.2', 'salesAttributes.0.id', 'salesAttributes']);
  });

  it('allows four sales attributes on Lazada', () => {
    const four = ['1', '2', '3', '4'].map((n) => ({ id: `s${n}`, optionLabels: ['a'] }));
    expect(buildMapping('lazada', specs, [], four).issues).toEqual([]);
  });
});
