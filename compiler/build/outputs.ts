/**
 * Comparing emitted files with what is on disk: which are stale, missing, or left over (generated files we
 * no longer produce), and writing only what changed.
 */
import { mkdir, readFile, rm, writeFile, rmdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { GENERATED_MARKER } from './marker.js';
import { listFiles } from './cache.js';

export interface OutputDiff {
  readonly stale: string[];
  readonly missing: string[];
  readonly extra: string[];
  readonly unchanged: string[];
}

function relative(outDir: string, file: string): string {
  return path.relative(outDir, file).split(path.sep).join('/');
}

/** A file on disk counts as ours when it carries the generated header (or is the catalog). */
async function isGenerated(file: string): Promise<boolean> {
  if (path.basename(file) === 'catalog.json') return true;
  if (!/\.(ts|json)$/.test(file)) return false;
  try {
    const head = (await readFile(file, 'utf8')).slice(0, 200);
    return head.includes(GENERATED_MARKER);
  } catch {
    return false;
  }
}

/**
 * `scope`: only files under these top folders (and, when `includeRoot`, files directly in outDir) are
 * considered ours to compare or remove — a `--toolkit` build leaves the other toolkits alone.
 */
export async function diffOutputs(
  outDir: string,
  files: ReadonlyArray<{ path: string; contents: string }>,
  scope: { folders?: readonly string[]; includeRoot: boolean },
): Promise<OutputDiff> {
  const wanted = new Map(files.map((file) => [file.path, file.contents]));
  const diff: OutputDiff = { stale: [], missing: [], extra: [], unchanged: [] };
  await Promise.all(
    files.map(async (file) => {
      let current: string | undefined;
      try {
        current = await readFile(path.join(outDir, file.path), 'utf8');
      } catch {
        current = undefined;
      }
      if (current === undefined) diff.missing.push(file.path);
      else if (current !== file.contents) diff.stale.push(file.path);
      else diff.unchanged.push(file.path);
    }),
  );
  for (const file of await listFiles(outDir, (name) => name === 'node_modules' || name.startsWith('.'))) {
    const rel = relative(outDir, file);
    const top = rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : undefined;
    const inScope = top === undefined ? scope.includeRoot : scope.folders === undefined || scope.folders.includes(top);
    if (!inScope || wanted.has(rel)) continue;
    if (await isGenerated(file)) diff.extra.push(rel);
  }
  for (const list of [diff.stale, diff.missing, diff.extra, diff.unchanged]) list.sort();
  return diff;
}

/** Writes stale and missing files, removes extra ones (and folders they leave empty). */
export async function applyOutputs(outDir: string, files: ReadonlyArray<{ path: string; contents: string }>, diff: OutputDiff): Promise<void> {
  const byPath = new Map(files.map((file) => [file.path, file.contents]));
  for (const rel of [...diff.stale, ...diff.missing]) {
    const target = path.join(outDir, rel);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, byPath.get(rel)!);
  }
  for (const rel of diff.extra) {
    await rm(path.join(outDir, rel), { force: true });
    let dir = path.dirname(path.join(outDir, rel));
    while (dir.startsWith(outDir) && dir !== outDir) {
      const left = await readdir(dir).catch(() => ['?']);
      if (left.length > 0) break;
      await rmdir(dir).catch(() => undefined);
      dir = path.dirname(dir);
    }
  }
}
