/**
 * Per-spec result cache under `.toolsmith/corpus-run/cache/`. A compile result is reused when the spec's
 * content and the compiler's sources are unchanged; a type-check result when the generated output, the
 * runtime types it imports and the TypeScript setup are unchanged. So an emitter change that alters the
 * output re-checks exactly the specs whose output changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface CompileResult {
  readonly ok: boolean;
  /** Normalised cause, used to group failures. */
  readonly cause?: string;
  /** The first error as printed: `file:line:col CODE message`. */
  readonly detail?: string;
  readonly errors?: number;
  readonly tools: number;
  readonly compileMs: number;
  /** sha256 over every generated file (path and contents). */
  readonly outputHash?: string;
  /** Bytes of generated TypeScript, and of every generated file. */
  readonly tsBytes?: number;
  readonly allBytes?: number;
}

export interface TypecheckResult {
  readonly ok: boolean;
  readonly cause?: string;
  readonly detail?: string;
  readonly errors?: number;
  /** Wall time of the tsc run that checked it (shared by its batch). */
  readonly batchMs: number;
}

export interface CacheRecord {
  readonly id: string;
  readonly compileKey: string;
  readonly compile: CompileResult;
  readonly tscKey?: string;
  readonly tsc?: TypecheckResult;
}

/** Groups alike failures: quoted names, numbers and JSON pointers are elided. */
export function normaliseMessage(message: string): string {
  return message
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '"…"')
    .replace(/#?\/[\w~./{}-]+/g, '/…')
    .replace(/\b\d+\b/g, 'N')
    .slice(0, 110);
}

export function sha256(...parts: ReadonlyArray<string | Buffer>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

function listFiles(dir: string, keep: (name: string) => boolean): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (keep(entry.name)) found.push(full);
    }
  };
  if (existsSync(dir)) walk(dir);
  return found.sort();
}

/** Hash of files (relative names and contents) under the given roots; single files allowed. */
export function hashSources(root: string, targets: readonly string[], keep: (name: string) => boolean = () => true): string {
  const hash = createHash('sha256');
  for (const target of targets) {
    const full = path.join(root, target);
    const files = target.includes('.') ? (existsSync(full) ? [full] : []) : listFiles(full, keep);
    for (const file of files) hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Hash of a generated folder, plus its byte counts. */
export function hashOutput(dir: string): { hash: string; tsBytes: number; allBytes: number } {
  const hash = createHash('sha256');
  let tsBytes = 0;
  let allBytes = 0;
  for (const file of listFiles(dir, () => true)) {
    const contents = readFileSync(file);
    hash.update(path.relative(dir, file)).update('\0').update(contents).update('\0');
    allBytes += contents.length;
    if (file.endsWith('.ts')) tsBytes += contents.length;
  }
  return { hash: hash.digest('hex'), tsBytes, allBytes };
}

export class ResultCache {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  private fileOf(group: string, id: string): string {
    return path.join(this.dir, `${sha256(group, id).slice(0, 24)}.json`);
  }

  read(group: string, id: string): CacheRecord | undefined {
    try {
      return JSON.parse(readFileSync(this.fileOf(group, id), 'utf8')) as CacheRecord;
    } catch {
      return undefined;
    }
  }

  /** Written to a temporary name and renamed, so a killed run never leaves half a record. */
  write(group: string, record: CacheRecord): void {
    const file = this.fileOf(group, record.id);
    writeFileSync(`${file}.tmp`, JSON.stringify(record));
    renameSync(`${file}.tmp`, file);
  }
}
