import { createHmac } from 'node:crypto';
import { parseBankCallback, signBankCallback, verifyBankCallback } from './bank-callback-signature';

const SECRET = 'bank-callback-secret-7f3a';
const BODY = JSON.stringify({ virtualAccount: '8808000000000042', amount: '150000', paidAt: '2026-03-03T02:15:00.000Z', reference: 'BPD-TRX-991' });
const NOW = 1_780_000_000_000;
const T = NOW / 1000;

describe('bank callback signature', () => {
  it('signs "{t}.{raw body}" with HMAC-SHA256 as t=…,v1=…', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signBankCallback(BODY, SECRET, T)).toBe(`t=${T},v1=${expected}`);
  });

  it('accepts its own signature, from a string or the raw bytes', () => {
    const header = signBankCallback(BODY, SECRET, T);
    expect(verifyBankCallback(BODY, header, SECRET, { now: NOW })).toEqual({ ok: true, timestamp: T });
    expect(verifyBankCallback(Buffer.from(BODY), header, SECRET, { now: NOW })).toEqual({ ok: true, timestamp: T });
  });

  it('refuses a body changed after signing, even by one character or by re-serialising', () => {
    const header = signBankCallback(BODY, SECRET, T);
    const tampered = BODY.replace('150000', '1500000');
    expect(verifyBankCallback(tampered, header, SECRET, { now: NOW })).toMatchObject({ ok: false, reason: 'bad_signature' });
    const pretty = JSON.stringify(JSON.parse(BODY), null, 2);
    expect(verifyBankCallback(pretty, header, SECRET, { now: NOW })).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a signature made with another secret', () => {
    const header = signBankCallback(BODY, 'someone-else', T);
    expect(verifyBankCallback(BODY, header, SECRET, { now: NOW })).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('holds a 300 s tolerance either side of now', () => {
    const at = (offset: number) => verifyBankCallback(BODY, signBankCallback(BODY, SECRET, T + offset), SECRET, { now: NOW });
    expect(at(-300)).toMatchObject({ ok: true });
    expect(at(-301)).toMatchObject({ ok: false, reason: 'stale_timestamp' });
    expect(at(300)).toMatchObject({ ok: true });
    expect(at(301)).toMatchObject({ ok: false, reason: 'stale_timestamp' });
  });

  it('refuses a replayed timestamp with a signature for another time', () => {
    const old = signBankCallback(BODY, SECRET, T - 3600);
    const moved = old.replace(`t=${T - 3600}`, `t=${T}`);
    expect(verifyBankCallback(BODY, moved, SECRET, { now: NOW })).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('names a missing or malformed header', () => {
    expect(verifyBankCallback(BODY, undefined, SECRET, { now: NOW })).toMatchObject({ ok: false, reason: 'missing_header' });
    expect(verifyBankCallback(BODY, 'sha256=abc', SECRET, { now: NOW })).toMatchObject({ ok: false, reason: 'malformed_header' });
    expect(verifyBankCallback(BODY, `t=${T}`, SECRET, { now: NOW })).toMatchObject({ ok: false, reason: 'malformed_header' });
    expect(verifyBankCallback(BODY, `t=${T},v1=nothex`, SECRET, { now: NOW })).toMatchObject({ ok: false, reason: 'malformed_header' });
  });

  it('accepts any one of several v1 values, so the secret can be rolled', () => {
    const fresh = signBankCallback(BODY, SECRET, T);
    const stale = signBankCallback(BODY, 'old-secret', T).split(',')[1];
    expect(verifyBankCallback(BODY, `${fresh},${stale}`, SECRET, { now: NOW })).toMatchObject({ ok: true });
    expect(verifyBankCallback(BODY, `t=${T},${stale}`, SECRET, { now: NOW })).toMatchObject({ ok: false, reason: 'bad_signature' });
  });
});

describe('bank callback body', () => {
  it('reads the virtual account, whole rupiah, time and reference', () => {
    expect(parseBankCallback(BODY)).toEqual({
      ok: true,
      callback: { virtualAccount: '8808000000000042', amount: 150000n, paidAt: new Date('2026-03-03T02:15:00.000Z'), reference: 'BPD-TRX-991' },
    });
    const numeric = JSON.stringify({ ...JSON.parse(BODY), amount: 150000 });
    expect(parseBankCallback(numeric)).toMatchObject({ ok: true, callback: { amount: 150000n } });
  });

  it.each([
    ['not JSON', '{'],
    ['a short account', JSON.stringify({ ...JSON.parse(BODY), virtualAccount: '8808123' })],
    ['a fractional amount', JSON.stringify({ ...JSON.parse(BODY), amount: '150000.50' })],
    ['a zero amount', JSON.stringify({ ...JSON.parse(BODY), amount: '0' })],
    ['a bad time', JSON.stringify({ ...JSON.parse(BODY), paidAt: 'yesterday' })],
    ['no reference', JSON.stringify({ ...JSON.parse(BODY), reference: '' })],
  ])('refuses %s', (_name, body) => {
    expect(parseBankCallback(body)).toMatchObject({ ok: false });
  });

  it.each([
    ['a NUL', 'BPD\u0000TRX'],
    ['a lone surrogate', 'BPD-\ud800'],
  ])('refuses a reference holding %s (Postgres would refuse it), naming reference', (_name, reference) => {
    expect(parseBankCallback(JSON.stringify({ ...JSON.parse(BODY), reference }))).toMatchObject({ ok: false, field: 'reference', message: expect.stringMatching(/^reference /) });
  });
});
