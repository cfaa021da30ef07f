import { DomainError, parseInput } from '@pk/core';
import { grantInput } from './mark-input';

const artisanId = '01931b6e-7c3a-7d4e-9f00-0000000000a1';
const listingId = '01931b6e-7c3a-7d4e-9f00-0000000000b2';
const evidence = 'Sertifikat IG nomor IDG000000081, diperiksa di Gianyar.';

function fields(data: unknown): string[] {
  try {
    parseInput(grantInput, data);
  } catch (error) {
    return ((error as DomainError).details as Array<{ field: string }>).map((d) => d.field);
  }
  throw new Error('expected a validation failure');
}

describe('grantInput', () => {
  it('takes a shop or a listing, trimmed evidence, and an optional future expiry', () => {
    const expiresAt = new Date(Date.now() + 60_000).toISOString();
    expect(parseInput(grantInput, { code: 'ig-endek-bali', listingId, evidence: `  ${evidence} `, expiresAt })).toEqual({
      code: 'ig-endek-bali',
      listingId,
      evidence,
      expiresAt: new Date(expiresAt),
    });
    expect(parseInput(grantInput, { code: 'kriya-bali-asli', artisanId, evidence }).expiresAt).toBeNull();
  });

  it('names the field at fault', () => {
    expect(fields({ code: 'kriya-bali-asli', artisanId })).toEqual(['evidence']);
    expect(fields({ code: 'kriya-bali-asli', artisanId, listingId, evidence })).toEqual(['listingId']);
    expect(fields({ code: 'kriya-bali-asli', evidence })).toEqual(['artisanId']);
    expect(fields({ code: 'kriya-bali-asli', artisanId, evidence, expiresAt: new Date(Date.now() - 1000).toISOString() })).toEqual(['expiresAt']);
    expect(fields({ code: 'kriya-bali-asli', artisanId, evidence, expiresAt: '31/12/2027' })).toEqual(['expiresAt']);
  });
});
