/**
 * `build()`: load → validate → flatten → emit → write only what changed, removing generated files no longer
 * produced. A content-hash cache makes a no-change rebuild skip everything, including loading the parser
 * and ts-morph (they are imported only on a cache miss). `check: true` writes nothing and reports stale,
 * missing and extra files as TS0902 diagnostics.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/codes.js';
import { buildKey, cacheFile, outputsIntact, readCache, sha256, writeCache } from './cache.js';
import { applyOutputs, diffOutputs, type OutputDiff } from './outputs.js';
import { loweringDiagnosticsOf } from './lowering.js';

export interface BuildProgress {
  readonly phase: 'load' | 'validate' | 'emit' | 'write';
  /** Toolkits done of total (emit phase). */
  readonly done: number;
  readonly total: number;
  readonly toolkit?: string;
  readonly elapsedMs: number;
}

export interface BuildOptions {
  /** Default `definitions`. */
  readonly definitionsDir?: string;
  /** Default `generated`. */
  readonly outDir?: string;
  /** Write nothing; report stale, missing and extra files. */
  readonly check?: boolean;
  /** Build only this toolkit (its folder; root index and catalog are left as they are). */
  readonly toolkit?: string;
  /** Skip the cache (always rebuild). */
  readonly noCache?: boolean;
  readonly onProgress?: (progress: BuildProgress) => void;
  /** Working directory for relative paths and the cache; default `process.cwd()`. */
  readonly cwd?: string;
}

export interface BuildResult {
  /** No errors and (in check mode) nothing stale. */
  readonly ok: boolean;
  readonly diagnostics: Diagnostic[];
  /** The cache answered: nothing was loaded or emitted. */
  readonly cached: boolean;
  readonly toolkits: number;
  readonly tools: number;
  readonly files: number;
  /** Relative to outDir. In check mode these are only reported. */
  readonly written: string[];
  readonly removed: string[];
  readonly stale: string[];
  readonly missing: string[];
  readonly extra: string[];
  readonly elapsedMs: number;
}

const COMPILER_VERSION = 'toolsmith-build-1';

/**
 * A full garbage collection between phases, when the CLI asked for one (bin/batch-memory.mjs sets it for
 * `toolsmith build` only): the previous phase's garbage is dead, and collecting it before the next phase
 * allocates keeps the heap from growing around it. A library caller never has it set. One, before the
 * emitters, is enough: a second one before writing lowered nothing further (GitHub spec, 6 runs each).
 */
function collectGarbage(): void {
  const collect = (globalThis as Record<symbol, unknown>)[Symbol.for('toolsmith.collectGarbage')];
  if (typeof collect === 'function') collect();
}

function staleDiagnostics(outDir: string, diff: OutputDiff, cwd: string): Diagnostic[] {
  const show = (rel: string): string => path.relative(cwd, path.join(outDir, rel)).split(path.sep).join('/');
  const make = (rel: string, message: string): Diagnostic => ({
    code: 'TS0902', severity: 'error', message, file: show(rel), line: 1, column: 1,
    hint: 'run `toolsmith build` and commit the result',
  });
  return [
    ...diff.stale.map((rel) => make(rel, `${show(rel)} is out of date.`)),
    ...diff.missing.map((rel) => make(rel, `${show(rel)} is missing.`)),
    ...diff.extra.map((rel) => make(rel, `${show(rel)} is no longer generated and should be removed.`)),
  ];
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const definitionsDir = path.resolve(cwd, options.definitionsDir ?? 'definitions');
  const outDir = path.resolve(cwd, options.outDir ?? 'generated');
  const elapsed = (): number => Math.round(performance.now() - started);
  const progress = (phase: BuildProgress['phase'], done: number, total: number, toolkit?: string): void =>
    options.onProgress?.({ phase, done, total, elapsedMs: elapsed(), ...(toolkit !== undefined && { toolkit }) });
  const empty = { written: [], removed: [], stale: [], missing: [], extra: [] };

  const cachePath = cacheFile(cwd);
  const key = await buildKey(definitionsDir, { version: COMPILER_VERSION, toolkit: options.toolkit ?? null, outDir: path.relative(cwd, outDir) });
  if (!options.noCache) {
    const record = await readCache(cachePath, outDir);
    if (record?.key === key && (await outputsIntact(outDir, record.outputs))) {
      return {
        ok: true, diagnostics: [], cached: true, toolkits: record.toolkits ?? 0, tools: record.tools ?? 0,
        files: Object.keys(record.outputs).length, ...empty, elapsedMs: elapsed(),
      };
    }
  }

  progress('load', 0, 0);
  const { loadDefinitions } = await import('../parse/load-definitions.js');
  const loaded = await loadDefinitions(definitionsDir, options.toolkit !== undefined ? { only: [options.toolkit] } : {});
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  if (options.toolkit !== undefined && loaded.toolkits.length === 0 && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push({
      code: 'TS0900', severity: 'error', message: `No toolkit "${options.toolkit}" in ${path.relative(cwd, definitionsDir) || '.'}.`,
      file: path.relative(cwd, definitionsDir) || '.', line: 1, column: 1,
    });
  }
  progress('validate', 0, loaded.toolkits.length);
  const { validateToolkits } = await import('../validate/index.js');
  diagnostics.push(...validateToolkits(loaded.toolkits));
  if (!diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    diagnostics.push(...(await loweringDiagnosticsOf(loaded.toolkits)));
  }
  const tools = loaded.toolkits.reduce((sum, toolkit) => sum + toolkit.tools.length, 0);
  if (diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    return { ok: false, diagnostics, cached: false, toolkits: loaded.toolkits.length, tools, files: 0, ...empty, elapsedMs: elapsed() };
  }

  collectGarbage(); // the import's garbage (the parsed spec) and lowering's, before ts-morph and the emitters load
  const { emitToolkits } = await import('../emit/emit.js');
  const emitted = emitToolkits(loaded.toolkits, {
    onToolkit: (toolkit, done, total) => progress('emit', done, total, toolkit.slug),
  });
  // A one-toolkit build leaves the root index and catalog (which list every toolkit) alone.
  const files = options.toolkit !== undefined ? emitted.filter((file) => file.path.startsWith(`${options.toolkit}/`)) : emitted;
  const scope = options.toolkit !== undefined ? { folders: [options.toolkit], includeRoot: false } : { includeRoot: true };
  const diff = await diffOutputs(outDir, files, scope);
  const result = {
    cached: false, toolkits: loaded.toolkits.length, tools, files: files.length,
    stale: diff.stale, missing: diff.missing, extra: diff.extra,
  };
  if (options.check) {
    diagnostics.push(...staleDiagnostics(outDir, diff, cwd));
    const ok = !diagnostics.some((diagnostic) => diagnostic.severity === 'error');
    return { ok, diagnostics, ...result, written: [], removed: [], elapsedMs: elapsed() };
  }
  progress('write', 0, files.length);
  await applyOutputs(outDir, files, diff);
  const outputs = Object.fromEntries(files.map((file) => [file.path, sha256(file.contents)]));
  await writeCache(cachePath, outDir, { key, outputs, toolkits: loaded.toolkits.length, tools });
  return {
    ok: true, diagnostics, ...result, written: [...diff.stale, ...diff.missing].sort(), removed: diff.extra, elapsedMs: elapsed(),
  };
}
