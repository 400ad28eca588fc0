/**
 * Provider benchmark: `tools.get` for 20 tools of the full GitHub toolkit (compiled from the corpus spec) per
 * provider, cold (first call in a fresh process) and warm (median of repeated calls), and the bytes of tool
 * definitions each provider sends to the model, compared with @composio/core's OpenAI provider on the same
 * 20 tools (it runs offline on tool objects; its other providers are separate packages not installed here).
 *
 *   npx tsx scripts/bench/providers.ts            (builds the toolkit once, then one child process per provider)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { ToolsmithProvider } from '../../runtime/providers/types.js';
import type { CompiledTool, CompiledToolkit } from '../../runtime/types.js';

const repo = path.resolve(import.meta.dirname, '../..');
const outDir = path.join(repo, 'scripts/bench/.out-providers');
const PROVIDERS = ['openai', 'openai-responses', 'anthropic', 'gemini', 'vercel', 'langchain', 'composio-openai'] as const;
type ProviderName = (typeof PROVIDERS)[number];

async function buildGithub(): Promise<void> {
  const { build } = await import('../../compiler/build/build.js');
  const definitions = mkdtempSync(path.join(tmpdir(), 'toolsmith-bench-'));
  mkdirSync(path.join(definitions, 'github'));
  writeFileSync(path.join(definitions, 'github/toolkit.yaml'),
    `slug: github\nname: GitHub\ndescription: The full GitHub REST API.\ncategories: [developer-tools]\nopenapi:\n  spec: /work/shared/corpus/github.json\n`);
  const started = performance.now();
  const result = await build({ definitionsDir: definitions, outDir, noCache: true, cwd: repo });
  rmSync(definitions, { recursive: true, force: true });
  console.log(`build of the full GitHub toolkit: ${result.tools} tools, ${((performance.now() - started) / 1000).toFixed(1)} s, ok=${result.ok}`);
}

async function provider(name: ProviderName): Promise<ToolsmithProvider> {
  const providers = await import('../../runtime/providers/index.js');
  switch (name) {
    case 'openai': return new providers.OpenAIProvider();
    case 'openai-responses': return new providers.OpenAIResponsesProvider();
    case 'anthropic': return new providers.AnthropicProvider();
    case 'gemini': return new providers.GeminiProvider();
    case 'vercel': return new providers.VercelProvider();
    case 'langchain': return new providers.LangChainProvider();
    case 'composio-openai': {
      // Composio's provider on tool objects of the same shape (slug, description, inputParameters).
      const composio = await import('@composio/core') as unknown as { OpenAIProvider: new () => { wrapTools(tools: unknown[]): unknown } };
      const peer = new composio.OpenAIProvider();
      return { name: 'composio-openai', agentic: false, wrapTools: (tools) => peer.wrapTools(tools.map((tool) => ({ slug: tool.slug, name: tool.name, description: tool.description, inputParameters: tool.inputParameters }))) };
    }
  }
}

/** The JSON a model receives for the wrapped tools. */
function definitionBytes(name: ProviderName, wrapped: unknown): number {
  let sent: unknown = wrapped;
  if (name === 'vercel') {
    sent = Object.entries(wrapped as Record<string, { description: string; inputSchema: { jsonSchema: unknown } }>)
      .map(([toolName, tool]) => ({ name: toolName, description: tool.description, parameters: tool.inputSchema.jsonSchema }));
  } else if (name === 'langchain') {
    sent = (wrapped as Array<{ name: string; description: string; schema: unknown }>).map((tool) => ({ name: tool.name, description: tool.description, parameters: tool.schema }));
  }
  return Buffer.byteLength(JSON.stringify(sent));
}

/** One provider, in its own process so "cold" is really the first call. */
async function measure(name: ProviderName): Promise<void> {
  const importStart = performance.now();
  const { Toolsmith } = await import('../../runtime/toolsmith.js');
  const module = await import(pathToFileURL(path.join(outDir, 'github/index.ts')).href) as Record<string, unknown>;
  const github = Object.values(module).find((value) => (value as CompiledToolkit)?.slug === 'github') as CompiledToolkit;
  const importMs = performance.now() - importStart;
  const toolsmith = new Toolsmith({ toolkits: [github], provider: await provider(name) });
  const coldStart = performance.now();
  const wrapped = await toolsmith.tools.get('bench-user', { toolkits: ['github'], limit: 20 });
  const coldMs = performance.now() - coldStart;
  const samples: number[] = [];
  for (let i = 0; i < 50; i += 1) {
    const start = performance.now();
    await toolsmith.tools.get('bench-user', { toolkits: ['github'], limit: 20 });
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const raw = await toolsmith.tools.getRaw({ toolkits: ['github'], limit: 20 });
  const inputBytes = Buffer.byteLength(JSON.stringify(raw.map((tool: CompiledTool) => tool.inputParameters)));
  console.log(JSON.stringify({ name, importMs, coldMs, warmMs: samples[Math.floor(samples.length / 2)], bytes: definitionBytes(name, wrapped), inputBytes }));
}

async function main(): Promise<void> {
  const single = process.argv.indexOf('--provider');
  if (single >= 0) return measure(process.argv[single + 1] as ProviderName);
  await buildGithub();
  const rows: Array<{ name: string; importMs: number; coldMs: number; warmMs: number; bytes: number; inputBytes: number }> = [];
  for (const name of PROVIDERS) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--provider', name], { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    rows.push(JSON.parse(out.trim().split('\n').pop() as string));
  }
  const composio = rows.find((row) => row.name === 'composio-openai');
  console.log('\ntools.get, 20 tools of the full GitHub toolkit (child process per provider; cold = first call)');
  console.log('provider            import ms   cold ms   warm ms (median of 50)   bytes sent   vs composio-openai');
  for (const row of rows) {
    const ratio = composio ? (row.bytes / composio.bytes).toFixed(2) : '-';
    console.log(`${row.name.padEnd(18)} ${row.importMs.toFixed(0).padStart(8)} ${row.coldMs.toFixed(2).padStart(9)} ${row.warmMs.toFixed(3).padStart(12)} ${String(row.bytes).padStart(22)} ${ratio.padStart(12)}×`);
  }
  console.log(`flat input schemas of the same 20 tools: ${rows[0]?.inputBytes} bytes`);
  // The build output is large TypeScript under scripts/: removed so the project's tsc never checks it.
  rmSync(outDir, { recursive: true, force: true });
}

await main();
