/**
 * Import benchmark (prints figures; not a test). Run: `npx tsx scripts/bench/import.ts [toolkit]` (default github).
 *
 * What users ship is JavaScript: the generated toolkit and runtime/schema (what `toolsmith/schema` loads) are
 * transpiled with TypeScript's `transpileModule` into a temp folder laid out like an installed package, and
 * measured in plain `node`; then the TypeScript sources under tsx (`node --import tsx`). In a fresh process per
 * run: import the toolkit, build one tool's Zod input schema and parse arguments with it, then read its
 * `inputParameters` and one provider schema. Zod's own import cost is measured in the same run, in both setups,
 * and so is our part alone (a third process that imports zod before the clock starts).
 * Target (issue 3): import + one schema build + parse < 100 ms in plain node.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every `.ts` file under `from` (not `.d.ts`) → `.js` under `to`; other files (json/) copied as they are. */
export function transpileTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) transpileTree(source, path.join(to, entry.name));
    else if (entry.name.endsWith('.d.ts')) continue;
    else if (entry.name.endsWith('.ts')) {
      const output = ts.transpileModule(readFileSync(source, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
        fileName: source,
      });
      writeFileSync(path.join(to, entry.name.replace(/\.ts$/, '.js')), output.outputText);
    } else cpSync(source, path.join(to, entry.name));
  }
}

/**
 * A temp package holding `toolkit/` (the generated toolkit as JS) with `zod` and `toolsmith` (runtime/schema as JS,
 * exported as `toolsmith/schema`) in its node_modules. Returns the toolkit's index.js.
 */
export function javascriptToolkit(toolkitFolder: string, work: string): string {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(path.join(work, 'node_modules'), { recursive: true });
  writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'import-bench', private: true, type: 'module' }));
  symlinkSync(path.join(root, 'node_modules/zod'), path.join(work, 'node_modules/zod'), 'dir');
  const toolsmith = path.join(work, 'node_modules/toolsmith');
  transpileTree(path.join(root, 'runtime/schema'), path.join(toolsmith, 'runtime/schema'));
  writeFileSync(path.join(toolsmith, 'package.json'), JSON.stringify({ name: 'toolsmith', type: 'module', exports: { './schema': './runtime/schema/index.js' } }));
  transpileTree(toolkitFolder, path.join(work, 'toolkit'));
  return path.join(work, 'toolkit/index.js');
}

export interface ImportFigures {
  readonly zodMs: number;
  /** CPU time (user + system) of zod's import, and of import + schema build + parse: steadier than wall time under load. */
  readonly zodCpuMs: number;
  readonly cpuMs: number;
  readonly importMs: number;
  readonly schemaMs: number;
  readonly jsonMs: number;
  readonly tools: number;
  readonly slug: string;
  /** Import + schema build + parse with zod already loaded: our own cost (wall and CPU). */
  readonly oursMs: number;
  readonly oursCpuMs: number;
}

const zodProbe = `
  const started = performance.now();
  const cpu = process.cpuUsage();
  await import('zod');
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ zodMs: performance.now() - started, zodCpuMs: (used.user + used.system) / 1000 }));`;

/** `preloadZod`: zod is imported before the clock starts (as in any app that already uses zod), timing our part alone. */
function toolProbe(entry: string, preloadZod = false): string {
  return `
  ${preloadZod ? "await import('zod');" : ''}
  const started = performance.now();
  const cpu = process.cpuUsage();
  const module = await import(${JSON.stringify(entry)});
  const imported = performance.now();
  const toolkit = Object.values(module).find((value) => value && typeof value === 'object' && 'tools' in value);
  const tool = toolkit.tools.find((candidate) => candidate.slug.endsWith('_ISSUES_CREATE')) ?? toolkit.tools[Math.floor(toolkit.tools.length / 2)];
  tool.input.safeParse({ owner: 'octo', repo: 'hello', title: 'x' });
  const schema = performance.now();
  const used = process.cpuUsage(cpu);
  const parameters = tool.inputParameters;
  const openai = tool.providerSchemas?.openai;
  const json = performance.now();
  if (typeof parameters !== 'object' || (tool.providerSchemas && typeof openai !== 'object')) throw new Error('schemas missing');
  console.log(JSON.stringify({ importMs: imported - started, schemaMs: schema - imported, jsonMs: json - schema, cpuMs: (used.user + used.system) / 1000, tools: toolkit.tools.length, slug: tool.slug }));`;
}

function runProbe(nodeArgs: readonly string[], probe: string, cwd: string): Record<string, number | string> {
  const out = execFileSync(process.execPath, [...nodeArgs, '--input-type=module', '-e', probe], { cwd, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number | string>;
}

/** One fresh process for zod alone and one for the toolkit, in plain node (JavaScript) or under tsx (TypeScript). */
export function measureImport(entry: string, mode: 'node' | 'tsx', cwd: string): ImportFigures {
  const nodeArgs = mode === 'tsx' ? ['--import', 'tsx'] : [];
  const zod = runProbe(nodeArgs, zodProbe, cwd);
  const tool = runProbe(nodeArgs, toolProbe(entry), cwd);
  const ours = runProbe(nodeArgs, toolProbe(entry, true), cwd);
  return {
    zodMs: zod['zodMs'] as number, zodCpuMs: zod['zodCpuMs'] as number,
    ...(tool as Omit<ImportFigures, 'zodMs' | 'zodCpuMs' | 'oursMs' | 'oursCpuMs'>),
    oursMs: (ours['importMs'] as number) + (ours['schemaMs'] as number), oursCpuMs: ours['cpuMs'] as number,
  };
}

export function formatImport(figures: ImportFigures): string {
  const total = figures.importMs + figures.schemaMs;
  const verdict = total < 100 ? 'target < 100 ms: met' : 'target < 100 ms: MISSED';
  return (
    `import ${figures.importMs.toFixed(1)} ms + ${figures.slug} input schema build+parse ${figures.schemaMs.toFixed(1)} ms = ` +
    `${total.toFixed(1)} ms (${verdict}); then inputParameters/providerSchemas ${figures.jsonMs.toFixed(1)} ms; ` +
    `zod alone ${figures.zodMs.toFixed(1)} ms (${(total / figures.zodMs).toFixed(2)}× zod's own import); ` +
    `CPU: ${figures.cpuMs.toFixed(1)} ms vs zod alone ${figures.zodCpuMs.toFixed(1)} ms; ` +
    `with zod already loaded: ${figures.oursMs.toFixed(1)} ms (CPU ${figures.oursCpuMs.toFixed(1)} ms)`
  );
}

async function main(): Promise<void> {
  const slug = process.argv[2] ?? 'github';
  const folder = path.join(root, 'generated', slug);
  console.log(`toolsmith import benchmark — ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}, node ${process.version}\n`);
  const javascript = javascriptToolkit(folder, path.join(root, '.toolsmith/bench/import-js'));
  for (const run of [1, 2, 3]) {
    const figures = measureImport(javascript, 'node', root);
    console.log(`plain node, JavaScript, run ${run}: generated/${slug} (${figures.tools} tools) ${formatImport(figures)}`);
  }
  for (const run of [1, 2, 3]) {
    const figures = measureImport(path.join(folder, 'index.ts'), 'tsx', root);
    console.log(`tsx, TypeScript, run ${run}${run === 1 ? ' (may include tsx transforming)' : ''}: ${formatImport(figures)}`);
  }
  rmSync(path.join(root, '.toolsmith/bench/import-js'), { recursive: true, force: true });
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
