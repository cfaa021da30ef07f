import { MAX_SUMMARY_CHARS, REDACTED, summarizeBody } from './body-summary';

describe('summarizeBody', () => {
  it('redacts fields named like secrets, at any depth and in any case', () => {
    expect(
      summarizeBody({
        email: 'a@example.com',
        password: 'hunter22',
        newPassword: 'x',
        account: { apiKey: 'k', appSecret: 's', accessToken: 't', Authorization: 'Bearer x', shopId: '42' },
        items: [{ refreshToken: 'r', qty: 1 }],
      }),
    ).toEqual({
      email: 'a@example.com',
      password: REDACTED,
      newPassword: REDACTED,
      account: { apiKey: REDACTED, appSecret: REDACTED, accessToken: REDACTED, Authorization: REDACTED, shopId: '42' },
      items: [{ refreshToken: REDACTED, qty: 1 }],
    });
  });

  it('cuts long strings, long lists, deep nesting and oversized bodies', () => {
    const summary = summarizeBody({ note: 'x'.repeat(500), ids: Array.from({ length: 50 }, (_, i) => i), a: { b: { c: { d: { e: 1 } } } } }) as {
      note: string;
      ids: unknown[];
      a: { b: { c: { d: unknown } } };
    };
    expect(summary.note).toBe(`${'x'.repeat(200)}… (500 chars)`);
    expect(summary.ids).toHaveLength(21);
    expect(summary.ids.at(-1)).toBe('… 30 more');
    expect(summary.a.b.c.d).toBe('…');
    const big = summarizeBody(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, 'y'.repeat(150)])));
    expect(JSON.stringify(big).length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(big).toMatchObject({ truncated: true });
  });

  it('keeps only the size of a file body, and nothing of an empty one', () => {
    expect(summarizeBody(Buffer.from('sku,price\n'))).toEqual({ bytes: 10 });
    expect(summarizeBody(undefined)).toBeNull();
    expect(summarizeBody('')).toBeNull();
  });

  it('keeps what the log (jsonb) can store: NUL and lone surrogates as U+FFFD, Infinity as text', () => {
    expect(summarizeBody({ 'ti\u0000tle': 'Selasa\u0000 Endek', note: 'a \ud800 b 👍', n: Infinity })).toEqual({
      'ti\uFFFDtle': 'Selasa\uFFFD Endek',
      note: 'a \uFFFD b 👍',
      n: 'Infinity',
    });
  });
});
