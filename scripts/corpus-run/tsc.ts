/**
 * Type-checks generated toolkits several at a time: one tsc program (one lib load, one pass over the runtime
 * types) per batch, errors charged to the toolkit whose folder they are in. A batch that crashes (out of
 * memory, time limit) is split in half and retried, down to one spec, which is then charged with the crash.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashSources, normaliseMessage, type TypecheckResult } from './cache.js';

export interface TscOptions {
  readonly root: string;
  /** Folder for batch tsconfigs; must sit inside the package so `zod` and `toolsmith` resolve. */
  readonly work: string;
  readonly memoryMb: number;
  readonly timeoutS: number;
  readonly log: (line: string) => void;
}

export interface TscTarget {
  readonly slug: string;
  readonly outDir: string;
}

interface TscRun { readonly output: string; readonly status: number | null; readonly crashed: string | undefined; readonly ms: number }

const children = new Set<ReturnType<typeof spawn>>();

/** Kills tsc processes still running (the run was interrupted). */
export function killTscChildren(): void {
  for (const child of children) child.kill('SIGKILL');
}

let counter = 0;

function runTsc(targets: readonly TscTarget[], options: TscOptions, memoryMb: number): Promise<TscRun> {
  const dir = path.join(options.work, 'tsc');
  mkdirSync(dir, { recursive: true });
  const config = path.join(dir, `batch-${process.pid}-${counter++}.json`);
  writeFileSync(config, JSON.stringify({
    extends: path.join(options.root, 'tsconfig.json'),
    compilerOptions: { noEmit: true, skipLibCheck: true, incremental: false },
    include: targets.map((t) => path.join(t.outDir, '**/*.ts')),
    exclude: [],
  }));
  const started = performance.now();
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    const tsc = path.join(options.root, 'node_modules/typescript/bin/tsc');
    const child = spawn(process.execPath, [`--max-old-space-size=${memoryMb}`, tsc, '-p', config, '--pretty', 'false'], {
      cwd: options.root, stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, options.timeoutS * 1000);
    const collect = (chunk: Buffer) => { if (output.length < 4_000_000) output += chunk.toString('utf8'); };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const finish = (status: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
      clearTimeout(timer);
      children.delete(child);
      // tsc exits 0 (clean) or 1/2 (errors reported); anything else is a crash (out-of-memory aborts, signals).
      let crashed: string | undefined;
      if (spawnError) crashed = `spawn failed: ${spawnError.message}`;
      else if (timedOut) crashed = `timeout after ${options.timeoutS} s`;
      else if (/heap out of memory|Allocation failed/.test(output)) crashed = `out of memory (${memoryMb} MB)`;
      else if (signal) crashed = `killed by ${signal}`;
      else if (status !== 0 && status !== 1 && status !== 2) crashed = `exit ${status}`;
      resolve({ output, status, crashed, ms: Math.round(performance.now() - started) });
    };
    child.on('error', (error) => finish(null, null, error));
    child.on('close', (status, signal) => finish(status, signal));
  });
}

/** Type-checks the targets; resolves with one result per slug and never throws. */
export async function typecheck(targets: readonly TscTarget[], options: TscOptions, memoryMb = options.memoryMb): Promise<Map<string, TypecheckResult>> {
  const results = new Map<string, TypecheckResult>();
  const run = await runTsc(targets, options, memoryMb);
  if (run.crashed) {
    if (targets.length > 1) {
      options.log(`  tsc batch of ${targets.length}: ${run.crashed}; splitting`);
      const half = Math.ceil(targets.length / 2);
      for (const part of [targets.slice(0, half), targets.slice(half)]) {
        for (const [slug, result] of await typecheck(part, options, memoryMb)) results.set(slug, result);
      }
      return results;
    }
    // One spec alone: an out-of-memory gets one more try with twice the heap before it is charged.
    if (run.crashed.startsWith('out of memory') && memoryMb === options.memoryMb) return typecheck(targets, options, memoryMb * 2);
    results.set(targets[0]!.slug, { ok: false, cause: `tsc: ${run.crashed.replace(/\d+/g, 'N')}`, detail: run.crashed, batchMs: run.ms });
    return results;
  }
  const bySlug = new Map<string, string[]>();
  const elsewhere: string[] = [];
  const outRoot = path.relative(options.root, path.dirname(targets[0]!.outDir)).split(path.sep).join('/');
  for (const line of run.output.split('\n')) {
    if (!/error TS\d+/.test(line)) continue;
    const inside = line.startsWith(`${outRoot}/`) ? line.slice(outRoot.length + 1).split('/')[0] : undefined;
    if (inside !== undefined && targets.some((t) => t.slug === inside)) bySlug.set(inside, [...(bySlug.get(inside) ?? []), line]);
    else elsewhere.push(line);
  }
  if (elsewhere.length > 0) {
    // Errors outside generated code (another engineer's work in progress in runtime/) are not the spec's fault.
    options.log(`  note: ${elsewhere.length} tsc error(s) outside generated code, e.g. ${elsewhere[0]!.slice(0, 160)}`);
  }
  if (run.status !== 0 && bySlug.size === 0 && elsewhere.length === 0) {
    for (const target of targets) {
      results.set(target.slug, { ok: false, cause: 'tsc: failed without errors', detail: run.output.slice(0, 300), batchMs: run.ms });
    }
    return results;
  }
  for (const target of targets) {
    const lines = bySlug.get(target.slug);
    if (!lines) {
      results.set(target.slug, { ok: true, batchMs: run.ms });
      continue;
    }
    const first = lines[0]!;
    const match = /error (TS\d+): (.*)$/.exec(first);
    results.set(target.slug, {
      ok: false, errors: lines.length, batchMs: run.ms,
      cause: `tsc: ${match?.[1] ?? 'error'} ${normaliseMessage(match?.[2] ?? first)}`,
      detail: first.slice(0, 400),
    });
  }
  return results;
}

/**
 * A hash of the declarations `toolsmith` (runtime/index.ts) exports, which is what generated code is checked
 * against: a runtime change that leaves its types alone (most of them) keeps type-check results valid.
 * Falls back to `fallback` (a hash of the runtime sources) when declarations cannot be emitted.
 */
export async function runtimeDeclarationsKey(root: string, work: string, fallback: string): Promise<string> {
  const outDir = path.join(work, 'runtime-declarations');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const config = path.join(work, 'tsconfig.runtime-declarations.json');
  writeFileSync(config, JSON.stringify({
    extends: path.join(root, 'tsconfig.json'),
    compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, outDir, rootDir: root, skipLibCheck: true, incremental: false },
    files: [path.join(root, 'runtime/index.ts')],
    include: [],
  }));
  const status = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', config], { cwd: root, stdio: 'ignore' });
    children.add(child);
    child.on('error', () => resolve(null));
    child.on('close', (code) => { children.delete(child); resolve(code); });
  });
  const files = listDeclarations(outDir);
  if ((status !== 0 && status !== 2) || files.length === 0) return fallback;
  return hashSources(outDir, files.map((file) => path.relative(outDir, file)));
}

function listDeclarations(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.d.ts')) found.push(full);
    }
  };
  walk(dir);
  return found.sort();
}
