/**
 * Build benchmark (prints figures; not a test). Run: `npx tsx scripts/bench/build.ts`.
 * 1. Full build of the hand-written YAML toolkits from scratch (no cache, empty output), in a fresh process.
 * 2. The same with nothing changed (content-hash cache hit), in a fresh process.
 * 3. Full build of all of definitions/ (OpenAPI toolkits included) and its no-change rebuild.
 * 4. Emitting a synthetic 1,500-tool toolkit in-process, and the cost of importing the biggest generated
 *    toolkit and building one tool's input schema, in a fresh process.
 * 5. The GitHub spec (../shared/corpus/github.json, or $GITHUB_SPEC) built by the CLI as its cached bundle and through tsx
 *    (TOOLSMITH_NO_BUNDLE=1), three runs each, alternating: wall, CPU and peak memory, and the ratios.
 * Targets (issue 2/3): rebuild < 1 s, hand-written full build < 5 s, import + one schema < 100 ms.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measure, type Measurement } from './measure.js';

const HAND_WRITTEN = ['hackernews', 'github', 'slack', 'gmail', 'zendesk', 'notion'];
const root = process.cwd();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'toolsmith-bench-'));

function timeCli(args: string[]): { ms: number; output: string } {
  const started = performance.now();
  const output = execFileSync(process.execPath, ['bin/toolsmith.mjs', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { ms: performance.now() - started, output: output.trim().split('\n').at(-1) ?? '' };
}

function report(label: string, ms: number, target?: number): void {
  const verdict = target === undefined ? '' : ms < target ? `  (target < ${target} ms: met)` : `  (target < ${target} ms: MISSED)`;
  console.log(`${label.padEnd(52)} ${ms.toFixed(0).padStart(7)} ms${verdict}`);
}

function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? sizeOf(full) : statSync(full).size;
  }
  return total;
}

console.log(`toolsmith build benchmark — ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}, node ${process.version}\n`);

const handDefinitions = path.join(scratch, 'definitions');
for (const slug of HAND_WRITTEN) {
  if (existsSync(path.join(root, 'definitions', slug))) cpSync(path.join(root, 'definitions', slug), path.join(handDefinitions, slug), { recursive: true });
}
const handOut = path.join(scratch, 'hand-out');
const handFull = timeCli(['build', '--definitions', handDefinitions, '--out', handOut, '--no-cache']);
report('hand-written toolkits: full build (fresh process)', handFull.ms, 5000);
console.log(`  ${handFull.output}`);
const handAgain = timeCli(['build', '--definitions', handDefinitions, '--out', handOut]);
report('hand-written toolkits: no-change rebuild', handAgain.ms, 1000);

// Issue 2: `node bin/toolsmith.mjs build` on this checkout with nothing changed, as a whole process, twice.
for (const run of [1, 2]) {
  const again = timeCli(['build']);
  report(`repo no-change \`toolsmith build\` (whole process), run ${run}`, again.ms, 1000);
  console.log(`  ${again.output}`);
}

const allOut = path.join(scratch, 'all-out');
const allFull = timeCli(['build', '--out', allOut, '--no-cache']);
report('all of definitions/: full build (fresh process)', allFull.ms);
console.log(`  ${allFull.output}`);
const allAgain = timeCli(['build', '--out', allOut]);
report('all of definitions/: no-change rebuild', allAgain.ms, 1000);
console.log(`  output size: ${(sizeOf(allOut) / 1024 / 1024).toFixed(1)} MiB`);

const { emitToolkits } = await import('../../compiler/emit/emit.js');
const { syntheticToolkit } = await import('../../test/emit/ir-factory.js');
const synthetic = syntheticToolkit(1500, 600);
const emitStarted = performance.now();
const files = emitToolkits([synthetic]);
const bytes = files.reduce((sum, file) => sum + file.contents.length, 0);
report('synthetic 1,500 tools / 600 shared schemas: emit', performance.now() - emitStarted);
console.log(`  ${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${Math.round(bytes / 1500)} bytes per tool`);

// Import cost of the biggest generated toolkit, in a fresh process (tsx transform cache warm after run 1).
const generated = path.join(root, 'generated');
if (existsSync(path.join(generated, 'index.ts'))) {
  const toolkits = readdirSync(generated, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const biggest = toolkits
    .map((slug) => ({ slug, tools: (readFileSync(path.join(generated, slug, 'slugs.gen.ts'), 'utf8').match(/^ {2}\w+: '/gm) ?? []).length }))
    .sort((a, b) => b.tools - a.tools)[0];
  if (biggest) {
    const probe = `
      const started = performance.now();
      const module = await import(${JSON.stringify(path.join(generated, biggest.slug, 'index.ts'))});
      const imported = performance.now();
      const toolkit = Object.values(module).find((value) => value && typeof value === 'object' && 'tools' in value);
      const tool = toolkit.tools[Math.floor(toolkit.tools.length / 2)];
      tool.input.safeParse({});
      if (typeof tool.inputParameters !== 'object') throw new Error('no inputParameters');
      const built = performance.now();
      console.log(JSON.stringify({ importMs: imported - started, schemaMs: built - imported, tools: toolkit.tools.length }));`;
    // More detail (three runs, provider schemas too): scripts/bench/import.ts.
    for (const run of [1, 2]) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { cwd: root, encoding: 'utf8' });
      const figures = JSON.parse(out.trim().split('\n').at(-1)!) as { importMs: number; schemaMs: number; tools: number };
      report(`import generated/${biggest.slug} (${figures.tools} tools) + one input schema, run ${run}`, figures.importMs + figures.schemaMs, run === 2 ? 100 : undefined);
      console.log(`  import ${figures.importMs.toFixed(1)} ms, first schema build + parse + inputParameters ${figures.schemaMs.toFixed(1)} ms`);
    }
  }
}

// The CLI as a cached JavaScript bundle (bin/load-cli.mjs) against the same sources through tsx.
const githubSpec = path.resolve(root, process.env.GITHUB_SPEC ?? '../shared/corpus/github.json');
if (existsSync(githubSpec)) {
  const defs = path.join(scratch, 'github-defs');
  mkdirSync(path.join(defs, 'github'), { recursive: true });
  writeFileSync(path.join(defs, 'github', 'toolkit.yaml'), [
    '# yaml-language-server: $schema=../../toolsmith.schema.json', 'slug: github', 'name: GitHub', 'categories: [developer-tools]',
    'auth: [{ scheme: bearer }]', `openapi: { spec: ${JSON.stringify(githubSpec)} }`, '',
  ].join('\n'));
  const buildGithub = (noBundle: boolean): Promise<Measurement> =>
    measure(process.execPath, ['bin/toolsmith.mjs', 'build', '--no-cache', '--definitions', defs, '--out', path.join(scratch, 'github-out')],
      { cwd: root, env: { NO_COLOR: '1', TOOLSMITH_NO_BUNDLE: noBundle ? '1' : '0' } });
  await buildGithub(false); // makes sure the bundle is fresh before timing
  const runs: Record<'bundle' | 'tsx', Measurement[]> = { bundle: [], tsx: [] };
  for (let run = 0; run < 3; run++) {
    runs.bundle.push(await buildGithub(false));
    runs.tsx.push(await buildGithub(true));
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[1]!;
  const figures = (list: Measurement[]) => ({
    wall: median(list.map((m) => m.wallSeconds)), cpu: median(list.map((m) => m.cpuSeconds)), peak: median(list.map((m) => m.peakMiB)),
  });
  const bundle = figures(runs.bundle);
  const tsx = figures(runs.tsx);
  console.log(`\nGitHub spec, \`toolsmith build --no-cache\` (median of 3, load ${os.loadavg()[0]!.toFixed(1)}):`);
  for (const [label, f] of [['bundled CLI', bundle], ['through tsx', tsx]] as const) {
    console.log(`  ${label.padEnd(12)} wall ${f.wall.toFixed(2)} s, CPU ${f.cpu.toFixed(2)} s, peak ${f.peak.toFixed(0)} MiB`);
  }
  console.log(`  tsx / bundle: wall x${(tsx.wall / bundle.wall).toFixed(2)}, CPU x${(tsx.cpu / bundle.cpu).toFixed(2)}, peak x${(tsx.peak / bundle.peak).toFixed(2)}`);
}
rmSync(scratch, { recursive: true, force: true });
