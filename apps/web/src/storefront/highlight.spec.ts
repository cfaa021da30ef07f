import { describe, expect, it } from '@jest/globals';
import { hasMark, highlightParts } from './highlight';

describe('highlightParts', () => {
  it('splits on <mark> and unescapes the text once, for React to escape again', () => {
    expect(highlightParts('Kain <mark>ende</mark>k &amp; <mark>songket</mark> &lt;b&gt;')).toEqual([
      { text: 'Kain ', marked: false },
      { text: 'ende', marked: true },
      { text: 'k & ', marked: false },
      { text: 'songket', marked: true },
      { text: ' <b>', marked: false },
    ]);
  });

  it('leaves any other markup as text, and double-escaped entities escaped once', () => {
    expect(highlightParts('&lt;img src=x onerror=alert(1)&gt; &amp;lt;')).toEqual([{ text: '<img src=x onerror=alert(1)> &lt;', marked: false }]);
    expect(highlightParts('<b>x</b>')).toEqual([{ text: '<b>x</b>', marked: false }]);
    expect(hasMark('plain')).toBe(false);
    expect(hasMark('a <mark>b</mark>')).toBe(true);
  });
});
