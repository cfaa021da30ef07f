import { DomainError, parseInput } from '@pk/core';
import { createAddressInput, normalizePhone, updateAddressInput } from './address-input';

const valid = {
  recipient: 'Ni Made Ayu',
  phone: '0812-3456-7890',
  street: 'Jl. Raya Sidemen No. 12',
  district: 'Sidemen',
  city: 'Kabupaten Karangasem',
  province: 'bali',
  postalCode: '80864',
};

const problems = (data: unknown): Record<string, string[]> => {
  try {
    parseInput(createAddressInput, data);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return Object.fromEntries(((error as DomainError).details as Array<{ field: string; messages: string[] }>).map((d) => [d.field, d.messages]));
  }
  throw new Error('expected the input to be refused');
};

describe('address input', () => {
  it('writes phone numbers as +62 and the digits', () => {
    expect(normalizePhone('0812-3456-7890')).toBe('+6281234567890');
    expect(normalizePhone('+62 812 3456 7890')).toBe('+6281234567890');
    expect(normalizePhone('6281234567890')).toBe('+6281234567890');
    expect(normalizePhone('(0361) 234567')).toBe('+62361234567');
    expect(normalizePhone('+1 415 555 0100')).toBeNull();
    expect(normalizePhone('0812')).toBeNull();
    expect(normalizePhone('00812345678')).toBeNull();
  });

  it('keeps the official province name and the normalized phone', () => {
    expect(parseInput(createAddressInput, valid)).toEqual({ ...valid, phone: '+6281234567890', province: 'Bali' });
    expect(parseInput(createAddressInput, { ...valid, postalCode: 80864 }).postalCode).toBe('80864');
  });

  it('names each bad field', () => {
    const found = problems({ ...valid, province: 'Bali Utara', phone: '12345', postalCode: '8086', recipient: ' ', extra: 1 });
    expect(Object.keys(found).sort()).toEqual(['(body)', 'phone', 'postalCode', 'province', 'recipient']);
    expect(found.province[0]).toMatch(/38 provinces/);
    expect(problems({}).street).toEqual(['required']);
  });

  it('an update takes any subset of the fields', () => {
    const id = '0190f0c0-0000-7000-8000-000000000001';
    expect(parseInput(updateAddressInput, { id, isDefault: true })).toEqual({ id, isDefault: true });
    expect(parseInput(updateAddressInput, { id, province: 'ntb', label: null })).toEqual({ id, province: 'Nusa Tenggara Barat', label: null });
  });
});
