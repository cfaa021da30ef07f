// Bahasa Indonesia first, English on request (remembered). Each section registers its own
// messages at import (addMessages), so no one edits one big dictionary; a lazy section's keys
// arrive with its chunk.
import { useSyncExternalStore } from 'react';

export type Lang = 'id' | 'en';
export type Messages = Record<string, string>;

const LANG_KEY = 'pk.lang';
const dictionaries: Record<Lang, Messages> = { id: {}, en: {} };
const listeners = new Set<() => void>();
let lang: Lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'id';
document.documentElement.lang = lang;

/** Adds a section's messages; `en` may omit keys (they fall back to Indonesian). */
export function addMessages(messages: { id: Messages; en: Partial<Messages> }): void {
  Object.assign(dictionaries.id, messages.id);
  Object.assign(dictionaries.en, messages.en);
}

export const currentLang = (): Lang => lang;

export function setLang(next: Lang): void {
  if (next === lang) return;
  lang = next;
  localStorage.setItem(LANG_KEY, next);
  document.documentElement.lang = next;
  listeners.forEach((l) => l());
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export type Vars = Record<string, string | number>;

/** The text for `key` in `in` (default: the current language); `{name}` placeholders filled from vars. */
export function translate(key: string, vars?: Vars, inLang: Lang = lang): string {
  const text = dictionaries[inLang][key] ?? dictionaries.id[key];
  if (text === undefined) {
    if (import.meta.env.DEV) console.warn(`i18n: missing key ${key}`);
    return key;
  }
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

/** Whether `key` has text (in Indonesian, which every key has): for codes the API may add later. */
export const hasMessage = (key: string): boolean => key in dictionaries.id;

/** Plain `t` for code outside components (reads the current language; does not re-render). */
export const t = (key: string, vars?: Vars): string => translate(key, vars);

/** In components: `const { t, lang } = useI18n()`; re-renders when the language changes. */
export function useI18n(): { lang: Lang; setLang: (l: Lang) => void; t: (key: string, vars?: Vars) => string } {
  const current = useSyncExternalStore(subscribe, currentLang);
  return { lang: current, setLang, t: (key, vars) => translate(key, vars, current) };
}

/** Picks the text of a bilingual API field ({ id, en }) for the current language. */
export function localized(text: { id: string; en?: string | null } | null | undefined, inLang: Lang = lang): string {
  if (!text) return '';
  return inLang === 'en' && text.en ? text.en : text.id;
}
