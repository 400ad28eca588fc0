/**
 * Every tool of every toolkit in definitions/ and every operation of every spec in ../shared/corpus,
 * lowered for every provider and run through that provider's validator: all must be accepted.
 * Prints how many tools needed lowering and how. The corpus goes through the real compiler (definitions
 * loader + OpenAPI import + flatten); a spec the importer cannot load yet falls back to a simple
 * test-only flattening (and says so), so the validators still meet the real-world schemas.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lowerTool, PROVIDER_DIALECTS } from '../../compiler/lower/index.js';
import { collectRefs, type FlatTool } from './support/collect-refs.js';
import { CORPUS_SPEC_NAMES, corpusSpec } from '../support/corpus.js';

const DEFINITIONS = path.resolve('definitions');
const scratch = mkdtempSync(path.join(tmpdir(), 'toolsmith-lower-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Source { readonly name: string; readonly tools: FlatTool[]; readonly via: string }

/** Loads toolkits through the compiler API, flattening each tool; undefined when the API is not there yet. */
async function compileToolkits(dir: string, only?: string[]): Promise<Map<string, FlatTool[]> | undefined> {
  let api: { load: any; flatten: any };
  try {
    const load = await import('../../compiler/parse/load-definitions.js');
    const flatten = await import('../../compiler/flatten/flatten-tool.js');
    api = { load: load.loadDefinitions, flatten: flatten.flattenTool };
  } catch {
    return undefined;
  }
  const { toolkits } = await api.load(dir, only ? { only } : undefined);
  const out = new Map<string, FlatTool[]>();
  for (const toolkit of toolkits) {
    const shared = toolkit.sharedSchemas ?? {};
    const tools: FlatTool[] = [];
    for (const tool of toolkit.tools) {
      const flat = api.flatten(tool, { onCollision: toolkit.inputCollisions ?? 'rename', sharedSchemas: shared });
      tools.push({ slug: tool.slug, schema: withDefs(flat.schema, shared) });
    }
    out.set(toolkit.slug, tools);
  }
  return out;
}

function withDefs(schema: Record<string, unknown>, shared: Record<string, unknown>): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  const pending = collectRefs(schema);
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (name in defs || !(name in shared)) continue;
    defs[name] = shared[name];
    pending.push(...collectRefs(shared[name]));
  }
  return Object.keys(defs).length > 0 ? { ...schema, $defs: { ...(schema['$defs'] as object | undefined), ...defs } } : schema;
}

async function sources(): Promise<Source[]> {
  const result: Source[] = [];
  const compiled = await compileToolkits(DEFINITIONS);
  if (!compiled || compiled.size === 0) throw new Error('The compiler loaded no toolkits from definitions/');
  for (const [name, tools] of compiled) result.push({ name: `definitions/${name}`, tools, via: 'compiler' });
  for (const name of CORPUS_SPEC_NAMES) {
    const spec = corpusSpec(name);
    const dir = path.join(scratch, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'toolkit.yaml'),
      `slug: ${name}\nname: ${name}\ndescription: Corpus spec ${name}.json.\ncategories: [corpus]\nopenapi:\n  spec: ${spec}\n`);
    const compiled = await compileToolkits(scratch, [name]);
    const tools = compiled?.get(name);
    // The compiler must import every corpus spec: no tools is a failure, never a reason to test something else.
    if (!tools || tools.length === 0) throw new Error(`The compiler produced no tools for corpus spec ${name}.json`);
    result.push({ name: `corpus/${name}.json`, tools, via: 'compiler' });
  }
  return result;
}

describe('every tool through every provider validator', () => {
  it('accepts 100 % of tools from definitions/ and the corpus', async () => {
    const all = await sources();
    expect(all.length).toBeGreaterThanOrEqual(9);
    const failures: string[] = [];
    const lines: string[] = [];
    const howCounts = new Map<string, number>();
    let total = 0;
    for (const source of all) {
      let nonStrict = 0;
      const changed: Record<string, number> = { openai: 0, anthropic: 0, gemini: 0 };
      for (const tool of source.tools) {
        total += 1;
        const lowered = lowerTool(tool.slug, tool.schema);
        for (const problem of lowered.problems) failures.push(`${source.name} ${tool.slug} [${problem.dialect}] ${problem.message}`);
        if (lowered.schemas.openai.strict !== true) nonStrict += 1;
        for (const dialect of PROVIDER_DIALECTS) {
          const changes = lowered.schemas[dialect].changes;
          if (changes.length > 0) changed[dialect] = (changed[dialect] ?? 0) + 1;
          for (const change of changes) {
            const how = `${dialect}: ${change.replace(/^[^:]*: /, '').replace(/\d+/g, 'N').replace(/ to \S+$/, '').replace(/keyword \S+/, 'keyword').slice(0, 70)}`;
            howCounts.set(how, (howCounts.get(how) ?? 0) + 1);
          }
        }
      }
      lines.push(`${source.name.padEnd(24)} ${String(source.tools.length).padStart(5)} tools  lowered: openai ${changed['openai']}, anthropic ${changed['anthropic']}, gemini ${changed['gemini']}; OpenAI non-strict ${nonStrict}  (${source.via})`);
    }
    const top = [...howCounts].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([how, n]) => `  ${String(n).padStart(6)} × ${how}`);
    console.log([`${total} tools, ${failures.length} rejected`, ...lines, 'most frequent changes:', ...top].join('\n'));
    expect(failures.slice(0, 20)).toEqual([]);
    expect(total).toBeGreaterThan(3_000);
  }, 600_000);
});
