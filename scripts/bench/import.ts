/**
 * Import benchmark (prints figures; not a test). Run: `npx tsx scripts/bench/import.ts [toolkit]` (default github).
 * In a fresh `node --import tsx` process per run: the time to import generated/<toolkit>/index.ts, then to build
 * one tool's Zod input schema and parse arguments with it, then to read its `inputParameters` and one provider
 * schema. Run 1 may include tsx's transform of the generated files; run 2 and 3 have a warm transform cache.
 * Target (issue 3): import + one schema < 100 ms.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const slug = process.argv[2] ?? 'github';
const root = process.cwd();
const entry = path.join(root, 'generated', slug, 'index.ts');

const probe = `
  const started = performance.now();
  const module = await import(${JSON.stringify(entry)});
  const imported = performance.now();
  const toolkit = Object.values(module).find((value) => value && typeof value === 'object' && 'tools' in value);
  const tool = toolkit.tools[Math.floor(toolkit.tools.length / 2)];
  tool.input.safeParse({});
  const schema = performance.now();
  const parameters = tool.inputParameters;
  const openai = tool.providerSchemas?.openai;
  const json = performance.now();
  if (typeof parameters !== 'object' || (tool.providerSchemas && typeof openai !== 'object')) throw new Error('schemas missing');
  console.log(JSON.stringify({ importMs: imported - started, schemaMs: schema - imported, jsonMs: json - schema, tools: toolkit.tools.length, slug: tool.slug }));`;

console.log(`toolsmith import benchmark — ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}, node ${process.version}\n`);
for (const run of [1, 2, 3]) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { cwd: root, encoding: 'utf8' });
  const f = JSON.parse(out.trim().split('\n').at(-1)!) as { importMs: number; schemaMs: number; jsonMs: number; tools: number; slug: string };
  const total = f.importMs + f.schemaMs + f.jsonMs;
  const verdict = run === 1 ? '' : total < 100 ? '  (target < 100 ms: met)' : '  (target < 100 ms: MISSED)';
  console.log(`run ${run}: generated/${slug} (${f.tools} tools) import ${f.importMs.toFixed(1)} ms + ${f.slug} input schema build+parse ${f.schemaMs.toFixed(1)} ms + inputParameters/providerSchemas ${f.jsonMs.toFixed(1)} ms = ${total.toFixed(1)} ms${verdict}`);
}
