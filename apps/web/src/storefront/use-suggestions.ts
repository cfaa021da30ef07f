import { useEffect, useState } from 'react';
import { api } from '../api';
import type { SuggestResult } from './types';

export const SUGGEST_MIN_CHARS = 2;
const SUGGEST_DELAY_MS = 150;
const SUGGEST_LIMIT = 6;

/**
 * Suggestions for what the buyer is typing: asked after a pause, the previous request cancelled
 * when the text changes. Null when the text is too short or suggest fails (a 503 while search
 * is down): suggestions are a courtesy, so a failure shows nothing rather than an error.
 */
export function useSuggestions(text: string): SuggestResult | null {
  const [result, setResult] = useState<SuggestResult | null>(null);
  const q = text.trim();
  useEffect(() => {
    if (q.length < SUGGEST_MIN_CHARS) {
      setResult(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<SuggestResult>('/search/suggest', { query: { q, limit: SUGGEST_LIMIT }, signal: controller.signal }).then(
        (answer) => !controller.signal.aborted && setResult(answer),
        () => !controller.signal.aborted && setResult(null),
      );
    }, SUGGEST_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);
  return result;
}
