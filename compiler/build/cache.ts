/**
 * The content-hash build cache in `node_modules/.cache/toolsmith/`. The key hashes every file under the
 * definitions folder (toolkit.yaml and the specs they use), the compiler's own sources and version, and the
 * build options. A hit is trusted only when every recorded output file is still on disk with the same hash,
 * so a hand-edited or deleted generated file is rebuilt. Reading this module never loads the compiler.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CacheRecord {
  readonly key: string;
  /** Output path (relative to outDir) → sha256 of its contents. */
  readonly outputs: Readonly<Record<string, string>>;
  /** Counts of the build that wrote the record, reported again on a hit. */
  readonly toolkits?: number;
  readonly tools?: number;
}

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

async function listFiles(root: string, skip: (name: string) => boolean = () => false): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (skip(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) found.push(full);
    }
  }
  await walk(root);
  return found.sort();
}

const compilerRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runtimeTypes = path.resolve(compilerRoot, '..', 'runtime', 'types.ts');
const packageJson = path.resolve(compilerRoot, '..', 'package.json');

async function hashFiles(hash: ReturnType<typeof createHash>, files: readonly string[], base: string): Promise<void> {
  const contents = await Promise.all(files.map((file) => readFile(file).catch(() => Buffer.alloc(0))));
  files.forEach((file, index) => {
    hash.update(path.relative(base, file));
    hash.update('\0');
    hash.update(contents[index]!);
    hash.update('\0');
  });
}

/** The cache key of a build: inputs, compiler, and options. */
export async function buildKey(definitionsDir: string, options: Readonly<Record<string, unknown>>): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(options));
  await hashFiles(hash, await listFiles(definitionsDir, (name) => name.startsWith('.')), definitionsDir);
  await hashFiles(hash, [...(await listFiles(compilerRoot, (name) => name === 'node_modules')), runtimeTypes, packageJson], compilerRoot);
  return hash.digest('hex');
}

export function cacheFile(cwd: string): string {
  return path.join(cwd, 'node_modules', '.cache', 'toolsmith', 'build.json');
}

/** Cache records keyed by output folder (several out dirs can be cached side by side). */
export async function readCache(file: string, outDir: string): Promise<CacheRecord | undefined> {
  try {
    const all = JSON.parse(await readFile(file, 'utf8')) as Record<string, CacheRecord>;
    return all[outDir];
  } catch {
    return undefined;
  }
}

export async function writeCache(file: string, outDir: string, record: CacheRecord): Promise<void> {
  let all: Record<string, CacheRecord> = {};
  try {
    all = JSON.parse(await readFile(file, 'utf8')) as Record<string, CacheRecord>;
  } catch {
    all = {};
  }
  all[outDir] = record;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(all));
}

/** True when every recorded output is on disk unchanged. */
export async function outputsIntact(outDir: string, outputs: Readonly<Record<string, string>>): Promise<boolean> {
  const entries = Object.entries(outputs);
  const hashes = await Promise.all(entries.map(([file]) => readFile(path.join(outDir, file)).then(sha256, () => undefined)));
  return entries.every(([, hash], index) => hashes[index] === hash);
}

export { listFiles };
