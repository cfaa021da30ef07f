// The search API sends highlights as HTML-escaped text with <mark> tags. Rather than handing
// that to innerHTML, it is split into plain-text parts, so React escapes everything itself.

export interface HighlightPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescape = (html: string): string => html.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);

/** "a <mark>b</mark> &amp; c" → [{a , false}, {b, true}, { & c, false}]; any other tag stays text. */
export function highlightParts(html: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  const push = (text: string, marked: boolean) => text && parts.push({ text: unescape(text), marked });
  let at = 0;
  for (const m of html.matchAll(/<mark>(.*?)<\/mark>/g)) {
    push(html.slice(at, m.index), false);
    push(m[1], true);
    at = m.index! + m[0].length;
  }
  push(html.slice(at), false);
  return parts;
}

export const hasMark = (html: string): boolean => /<mark>.*?<\/mark>/.test(html);
