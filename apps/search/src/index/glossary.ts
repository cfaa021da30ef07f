import { VOCABULARY, VocabularyGroup, groupWords } from './vocabulary';

/** Words as Meilisearch splits them: lower-case letters and digits, accents dropped. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

interface Phrase { words: string[]; group: number }

/** The vocabulary's phrases by their first word, longest first, so "uang kepeng" wins over "uang". */
function phraseIndex(vocabulary: readonly VocabularyGroup[]): Map<string, Phrase[]> {
  const byFirst = new Map<string, Phrase[]>();
  vocabulary.forEach((group, i) => {
    for (const entry of [...groupWords(group), ...(group.also ?? [])]) {
      const phrase = words(entry);
      if (phrase.length === 0) continue;
      byFirst.set(phrase[0], [...(byFirst.get(phrase[0]) ?? []), { words: phrase, group: i }]);
    }
  });
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return byFirst;
}

/**
 * Matches texts against a vocabulary and answers with the words of every group they use, in both
 * languages, so a document carries "silver bracelet" when it says "gelang perak".
 */
export class Glossary {
  private readonly phrases: Map<string, Phrase[]>;

  constructor(private readonly vocabulary: readonly VocabularyGroup[] = VOCABULARY) {
    this.phrases = phraseIndex(vocabulary);
  }

  /** The indexes of the groups the texts use, in the order they first appear. */
  groupsOf(texts: Array<string | null | undefined>): Set<number> {
    const found = new Set<number>();
    for (const text of texts) {
      if (!text) continue;
      const tokens = words(text);
      for (let i = 0; i < tokens.length; i++) {
        const matches = (this.phrases.get(tokens[i]) ?? []).filter((p) => p.words.every((w, k) => tokens[i + k] === w));
        // The longest phrase at this word wins; a phrase of two groups brings both.
        for (const m of matches) if (m.words.length === matches[0].words.length) found.add(m.group);
      }
    }
    return found;
  }

  /**
   * Every word of the given groups, each once, group by group in the order given: in the order
   * the listing uses them, so the words of "Gelang perak" stand as near each other as in its
   * title (proximity and word position rank by it).
   */
  wordsOf(groups: Iterable<number>): string[] {
    return [...new Set([...groups].flatMap((g) => groupWords(this.vocabulary[g])))];
  }

  /** Each distinct single word the vocabulary holds (what typo tolerance leaves alone). */
  allWords(): string[] {
    return [...new Set(this.vocabulary.flatMap((g) => groupWords(g).flatMap(words)))].sort();
  }
}

export const GLOSSARY = new Glossary();
