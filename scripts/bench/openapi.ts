/**
 * OpenAPI generation benchmark on GitHub's REST spec (≈ 1,100 operations, 13 MB):
 * Toolsmith against @hey-api/openapi-ts (zod plugin), orval (zod client) and openapi-zod-client,
 * measured in one run on one machine. For each: generation wall time and peak memory (each a child
 * process under /usr/bin/time -v), then `tsc --noEmit` time, memory and errors on its output, and
 * the bytes it wrote. Then the cost of importing the generated GitHub toolkit and building one tool's
 * schema, in plain node on the toolkit transpiled to JavaScript and under tsx (scripts/bench/import.ts), with
 * zod's own import measured beside it. Prints figures and ratios; asserts nothing. Ours is the median of three
 * full builds after a first run that warms the CLI's own caches (printed too); each peer runs once.
 *
 *   npx tsx scripts/bench/openapi.ts [--spec path/to/openapi.json] [--only ours,hey-api,orval,openapi-zod-client]
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatImport, javascriptToolkit, measureImport } from './import.js';
import { codeSize, measure, tscErrors, type Measurement } from './measure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};
const spec = path.resolve(option('--spec') ?? path.join(root, '../shared/corpus/github.json'));
const only = option('--only')?.split(',');
const work = path.join(root, '.toolsmith/bench/openapi');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

interface Generator {
  readonly name: string;
  /** Folder its output lands in (type-checked afterwards). */
  readonly out: string;
  readonly run: () => Promise<Measurement>;
}

function prepareOurs(): { defs: string; out: string } {
  const defs = path.join(work, 'defs');
  const out = path.join(work, 'ours');
  mkdirSync(path.join(defs, 'github'), { recursive: true });
  writeFileSync(path.join(defs, 'github', 'toolkit.yaml'), [
    '# yaml-language-server: $schema=../../toolsmith.schema.json', 'slug: github', 'name: GitHub', 'categories: [developer-tools]',
    'auth: [{ scheme: bearer }]', `openapi: { spec: ${JSON.stringify(spec)} }`, '',
  ].join('\n'));
  return { defs, out };
}

const ours = prepareOurs();
const buildOurs = (): Promise<Measurement> =>
  measure('node', [path.join(root, 'bin/toolsmith.mjs'), 'build', '--no-cache', '--definitions', ours.defs, '--out', ours.out], { cwd: root });

/**
 * Ours: the CLI keeps two caches a user has after the first run (the JavaScript bundle of its sources, and
 * V8 code caches of ts-morph; bin/load-cli.mjs, bin/code-cache.mjs). The first run, which may build both, is
 * printed on its own; the figure compared is the median of three runs after it (each still `--no-cache`,
 * i.e. a full build, into an emptied output folder).
 */
async function runOurs(): Promise<Measurement> {
  const first = await buildOurs();
  console.log(`(first run, caches possibly cold: ${fmt(first.wallSeconds)} s wall, ${fmt(first.cpuSeconds)} s CPU, ${fmt(first.peakMiB, 0)} MiB) `);
  const runs: Measurement[] = [];
  for (let run = 0; run < 3; run++) {
    rmSync(ours.out, { recursive: true, force: true });
    runs.push(await buildOurs());
  }
  const median = <K extends 'wallSeconds' | 'cpuSeconds' | 'peakMiB'>(key: K): number => runs.map((m) => m[key]).sort((a, b) => a - b)[1]!;
  const last = runs.at(-1)!;
  return { ...last, wallSeconds: median('wallSeconds'), cpuSeconds: median('cpuSeconds'), peakMiB: median('peakMiB'), exitCode: Math.max(...runs.map((m) => m.exitCode)) };
}

const generators: Generator[] = [
  {
    name: 'ours',
    out: ours.out,
    run: runOurs,
  },
  {
    name: 'hey-api',
    out: path.join(work, 'hey-api'),
    run: () => measure('node', [bin('openapi-ts'), '-i', spec, '-o', path.join(work, 'hey-api'), '-p', 'zod', '-s', '--no-log-file'], { cwd: work }),
  },
  {
    name: 'orval',
    out: path.join(work, 'orval'),
    // orval 7 crashes on the null values inside GitHub's x-github-breaking-changes: it gets a copy
    // without vendor extensions (made before the clock starts), which only makes its job easier.
    run: () => measure('node', [bin('orval'), '-i', withoutExtensions(), '-o', path.join(work, 'orval', 'github.ts'), '--client', 'zod'], { cwd: work }),
  },
  {
    name: 'openapi-zod-client',
    out: path.join(work, 'openapi-zod-client'),
    run: () => {
      mkdirSync(path.join(work, 'openapi-zod-client'), { recursive: true });
      return measure('node', [bin('openapi-zod-client'), spec, '-o', path.join(work, 'openapi-zod-client', 'github.ts')], { cwd: work });
    },
  },
].filter((generator) => !only || only.includes(generator.name));

function withoutExtensions(): string {
  const target = path.join(work, 'spec-without-extensions.json');
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).filter(([key]) => !key.startsWith('x-')).map(([key, value]) => [key, strip(value)]));
  };
  writeFileSync(target, JSON.stringify(strip(JSON.parse(readFileSync(spec, 'utf8')))));
  return target;
}

/** One tsconfig per output, same options for all (bundler resolution accepts every generator's imports). */
function typecheck(generator: Generator): Promise<Measurement> {
  const config = path.join(work, `tsconfig.${generator.name}.json`);
  writeFileSync(config, JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, skipLibCheck: true,
      allowImportingTsExtensions: true, types: ['node'], lib: ['ES2023', 'DOM'],
    },
    include: [`${generator.out}/**/*.ts`],
  }, null, 2));
  return measure('node', [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', config], { cwd: root, timeoutSeconds: 900 });
}

function fmt(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** Import + first schema build + parse of our GitHub output: plain node on JavaScript (what users ship) and tsx, zod alone beside each. */
function importCost(out: string): { lines: string[]; tools: number } {
  const javascript = javascriptToolkit(out, path.join(work, 'import-js'));
  const lines: string[] = [];
  let tools = NaN;
  for (const [label, entry, mode] of [
    ['plain node, JavaScript', javascript, 'node'],
    ['plain node, JavaScript (warm)', javascript, 'node'],
    ['tsx, TypeScript (cold)', path.join(out, 'index.ts'), 'tsx'],
    ['tsx, TypeScript (warm)', path.join(out, 'index.ts'), 'tsx'],
  ] as const) {
    try {
      const figures = measureImport(entry, mode, root);
      tools = figures.tools;
      lines.push(`${label}: ${formatImport(figures)}`);
    } catch (error) {
      lines.push(`${label}: failed: ${String(error).slice(0, 400)}`);
    }
  }
  return { lines, tools };
}

/** Bytes of every file under `folder` whose name ends with `suffix`. */
function bytesOf(folder: string, suffix: string): number {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(suffix)) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

async function main(): Promise<void> {
  rmSync(work, { recursive: true, force: true });
  prepareOurs();
  console.log(`spec: ${path.relative(root, spec)}; ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, node ${process.version}\n`);
  const rows: Array<{ name: string; gen: Measurement; tsc?: Measurement; bytes: number; files: number }> = [];
  for (const generator of generators) {
    process.stdout.write(`generating with ${generator.name}… `);
    const gen = await generator.run();
    console.log(`${fmt(gen.wallSeconds)} s wall, ${fmt(gen.cpuSeconds)} s CPU, ${fmt(gen.peakMiB, 0)} MiB, exit ${gen.exitCode}`);
    if (gen.exitCode !== 0) console.log(gen.output.split('\n').slice(-15).join('\n'));
    const size = (() => { try { return codeSize(generator.out); } catch { return { bytes: 0, files: 0 }; } })();
    rows.push({ name: generator.name, gen, bytes: size.bytes, files: size.files });
  }
  for (const row of rows) {
    if (row.gen.exitCode !== 0 || row.files === 0) continue;
    process.stdout.write(`tsc --noEmit on ${row.name}… `);
    row.tsc = await typecheck(generators.find((g) => g.name === row.name)!);
    console.log(`${fmt(row.tsc.wallSeconds)} s wall, ${fmt(row.tsc.cpuSeconds)} s CPU, ${fmt(row.tsc.peakMiB, 0)} MiB, ${tscErrors(row.tsc.output)} errors`);
  }

  console.log(`\nload after generating: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (1, 5, 15 min)`);
  console.log('\n| generator | generate s (wall / CPU) | generate MiB | tsc s (wall / CPU) | tsc MiB | tsc errors | output KiB | files |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    const tsc = row.tsc ? `${fmt(row.tsc.wallSeconds)} / ${fmt(row.tsc.cpuSeconds)}` : 'n/a';
    console.log(`| ${row.name} | ${fmt(row.gen.wallSeconds)} / ${fmt(row.gen.cpuSeconds)} | ${fmt(row.gen.peakMiB, 0)} | ${tsc} | ${fmt(row.tsc?.peakMiB ?? NaN, 0)} | ${row.tsc ? tscErrors(row.tsc.output) : 'n/a'} | ${fmt(row.bytes / 1024, 0)} | ${row.files} |`);
  }
  const mine = rows.find((row) => row.name === 'ours');
  const peers = rows.filter((row) => row.name !== 'ours' && row.gen.exitCode === 0);
  if (mine && peers.length > 0) {
    const fastest = peers.reduce((a, b) => (a.gen.wallSeconds <= b.gen.wallSeconds ? a : b));
    console.log(`\nratios against the fastest peer generator (${fastest.name}):`);
    console.log(`  generation: ${fmt(fastest.gen.wallSeconds / mine.gen.wallSeconds)}× faster (wall), ${fmt(fastest.gen.cpuSeconds / mine.gen.cpuSeconds)}× less CPU, ${fmt(fastest.gen.peakMiB / mine.gen.peakMiB)}× less memory`);
    for (const peer of peers) {
      const parts = [`generate ${fmt(peer.gen.wallSeconds / mine.gen.wallSeconds)}× time, ${fmt(peer.gen.peakMiB / mine.gen.peakMiB)}× memory`];
      if (peer.tsc && mine.tsc) parts.push(`tsc ${fmt(peer.tsc.wallSeconds / mine.tsc.wallSeconds)}× time, ${fmt(peer.tsc.peakMiB / mine.tsc.peakMiB)}× memory`);
      console.log(`  ${peer.name} / ours: ${parts.join('; ')}`);
    }
  }
  if (mine && mine.gen.exitCode === 0) {
    const folder = path.join(ours.out, 'github');
    const cost = importCost(folder);
    console.log(`\nimport of the generated GitHub toolkit, then one tool's input schema built and used (load ${os.loadavg()[0]!.toFixed(1)}):\n  ${cost.lines.join('\n  ')}`);
    const githubSize = codeSize(folder);
    const json = bytesOf(folder, '.json');
    console.log(`bytes of generated code per tool (ours, GitHub): ${fmt(githubSize.bytes / cost.tools, 0)} of .ts (${fmt(githubSize.bytes / 1024, 0)} KiB over ${cost.tools} tools, ${githubSize.files} files); plus ${fmt(json / cost.tools, 0)} of JSON read on demand (${fmt(json / 1024, 0)} KiB: schemas, requests, provider schemas)`);
  }
}

await main();
