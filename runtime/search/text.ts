/**
 * Text processing shared by the tool index at index and query time: tokenizing, stop words, a small
 * English stemmer, and query expansion with synonyms of the words people use for API actions.
 */
import { synonyms } from './synonyms.js';

/** Words that carry no meaning for choosing a tool (slugs hold A, AN, THE, FOR too). */
const stopWords = new Set([
  'a', 'an', 'the', 'in', 'on', 'of', 'to', 'for', 'from', 'with', 'about', 'at', 'by', 'our', 'your', 'their',
  'this', 'that', 'these', 'those', 'please', 'want', 'would', 'like', 'could', 'can', 'you', 'it', 'its', 'is', 'are',
  'be', 'been', 'was', 'were', 'some', 'any', 'and', 'or', 'into', 'as', 'do', 'does', 'did', 'so', 'we', 'us',
  'need', 'needs', 'let', 'lets', 'just', 'there', 'which', 'what', 'how', 'using', 'via', 'then', 'also', 'should',
  'will', 'shall', 'may', 'might', 'has', 'have', 'had', 'them', 'they', 'he', 'she', 'his', 'her', 'him', 'if',
  'when', 'where', 'one', 'up', 'out', 'whether', 'e', 'g', 'eg', 'etc', 'i', 'im', 'id',
]);

/** Words the stemmer must leave alone (they would collide with other words when stripped). */
const keepWords = new Set(['news', 'status', 'https', 'always', 'analysis', 'access', 'address', 'process', 'class', 'alias', 'canvas', 'bus', 'gas', 'yes', 'this', 'its', 'us', 'sms', 'dns', 'aws', 'series']);

/** Splits camelCase, snake_case, kebab-case, paths and punctuation into lower-case words. */
export function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

export function isStopWord(word: string): boolean {
  return stopWords.has(word);
}

const doubledToSingle = /([bgmnprt])\1$/;

/** A light suffix stripper: enough to join issue/issues, create/created/creating, star/starred. */
export function stem(word: string): string {
  if (word.length <= 3 || keepWords.has(word) || /^[0-9]+$/.test(word)) return word;
  let result = word;
  if (result.endsWith("'s")) result = result.slice(0, -2);
  if (result.endsWith('sses')) result = result.slice(0, -2);
  else if (result.endsWith('ies') && result.length > 4) result = result.slice(0, -3) + 'y';
  else if (result.endsWith('s') && !result.endsWith('ss') && !result.endsWith('us') && !result.endsWith('is')) {
    result = result.slice(0, -1);
  }
  let stripped = false;
  if (result.endsWith('ing') && result.length >= 6 && /[aeiouy]/.test(result.slice(0, -3))) {
    result = result.slice(0, -3);
    stripped = true;
  } else if (result.endsWith('ed') && result.length >= 5 && /[aeiouy]/.test(result.slice(0, -2))) {
    result = result.slice(0, -2);
    stripped = true;
  }
  if (stripped && doubledToSingle.test(result)) result = result.slice(0, -1);
  if (result.endsWith('e') && result.length > 3) result = result.slice(0, -1);
  return result;
}

/** Index-time term processing: drop stop words, stem the rest. */
export function processIndexTerm(term: string): string | null {
  const word = term.toLowerCase();
  if (word.length === 0 || isStopWord(word)) return null;
  return stem(word);
}

/** One query term with its weight (1 for the words written, less for the words added). */
export interface WeightedTerm {
  readonly term: string;
  readonly weight: number;
}

/** One written word of a query with the terms it stands for (itself and its synonyms). */
export interface QueryGroup {
  readonly word: string;
  readonly terms: readonly WeightedTerm[];
}

export const synonymWeight = 0.45;

/** Query → one group per meaningful written word (stop words without synonyms are dropped). */
export function queryGroups(query: string): QueryGroup[] {
  const groups: QueryGroup[] = [];
  const seen = new Set<string>();
  for (const word of splitWords(query)) {
    if (seen.has(word)) continue;
    seen.add(word);
    const terms = new Map<string, number>();
    if (!isStopWord(word)) terms.set(stem(word), 1);
    for (const synonym of synonyms[word] ?? []) {
      for (const part of splitWords(synonym)) {
        const term = stem(part);
        if (!terms.has(term)) terms.set(term, synonymWeight);
      }
    }
    if (terms.size > 0) groups.push({ word, terms: [...terms].map(([term, weight]) => ({ term, weight })) });
  }
  return groups;
}

/** Query → stemmed terms, each with its highest weight across groups. */
export function expandQuery(query: string): WeightedTerm[] {
  const weights = new Map<string, number>();
  for (const group of queryGroups(query)) {
    for (const { term, weight } of group.terms) {
      if (weight > (weights.get(term) ?? 0)) weights.set(term, weight);
    }
  }
  return [...weights].map(([term, weight]) => ({ term, weight }));
}
