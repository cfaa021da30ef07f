import { describe, expect, it } from '@jest/globals';
import { PROBLEM_CODES } from '../../../channels/src/adapters/problem-codes';
import { channelProblemsEn } from './problem-messages-en';
import { channelProblemsId } from './problem-messages-id';

// The channels app words each problem with a code and params; the web shows its own text for the
// code in the person's language. Every code the adapters can give needs that text in both.

const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));

describe('channel problem texts in the web', () => {
  const codes = Object.keys(PROBLEM_CODES);
  const languages: Array<[string, Record<string, string>]> = [['id', channelProblemsId], ['en', channelProblemsEn]];

  it('knows some codes (the map is read)', () => {
    expect(codes.length).toBeGreaterThan(0);
  });

  it.each(languages)('has %s text for every code in problem-codes.ts', (_lang, messages) => {
    const missing = codes.filter((code) => !messages[`channels.problem.${code}`]?.trim());
    expect(missing).toEqual([]);
  });

  it.each(languages)('fills its %s text only from params the code is given', (lang, messages) => {
    // A placeholder the channels app never fills would reach the person as "{name}".
    const unfilled = codes.flatMap((code) => {
      const given = new Set([...placeholders(PROBLEM_CODES[code].id), ...placeholders(PROBLEM_CODES[code].en)]);
      const text = messages[`channels.problem.${code}`] ?? '';
      return [...placeholders(text)].filter((p) => !given.has(p)).map((p) => `${code} (${lang}): {${p}}`);
    });
    expect(unfilled).toEqual([]);
  });

  it('has no text for a code the channels app does not give', () => {
    const known = new Set(codes.map((c) => `channels.problem.${c}`));
    expect(Object.keys(channelProblemsId).filter((k) => !known.has(k))).toEqual([]);
    expect(Object.keys(channelProblemsEn).filter((k) => !known.has(k))).toEqual([]);
  });
});
