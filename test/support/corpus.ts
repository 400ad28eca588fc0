/**
 * Where the real OpenAPI specs of ../shared/corpus are. CI runs a clone that may sit anywhere, so the specs are
 * looked up in order: TOOLSMITH_CORPUS_DIR, the `shared/corpus` folder beside the repository, /work/shared/corpus,
 * and last the byte-identical copies committed as definitions/<name>/openapi.json. A missing spec fails loudly.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export const CORPUS_SPEC_NAMES = ['asana', 'box', 'github', 'jira', 'notion', 'slack', 'stripe', 'twilio', 'vercel'] as const;

function corpusDirectories(): string[] {
  return [
    process.env.TOOLSMITH_CORPUS_DIR,
    path.resolve(repoRoot, '../shared/corpus'),
    '/work/shared/corpus',
  ].filter((dir): dir is string => typeof dir === 'string' && dir.length > 0);
}

/** Absolute path of a corpus spec such as `slack` (or `slack.json`). */
export function corpusSpec(name: string): string {
  const base = name.replace(/\.json$/, '');
  for (const dir of corpusDirectories()) {
    const candidate = path.join(dir, `${base}.json`);
    if (existsSync(candidate)) return candidate;
  }
  const copy = path.join(repoRoot, 'definitions', base, 'openapi.json');
  if (existsSync(copy)) return copy;
  throw new Error(`Corpus spec "${base}" not found: set TOOLSMITH_CORPUS_DIR to the folder holding ${base}.json.`);
}
