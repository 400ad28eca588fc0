/**
 * Tool JSON Schemas, request specs, input mappings and provider schemas are emitted as JSON files under
 * `<toolkit>/json/`, one file per group of tools, read with `readFileSync` on first access (see
 * runtime/schema/stored-toolkit.ts); so is the tool list (`json/tools.json`). Importing a toolkit then parses
 * no schema text at all, and using one tool parses only its group (issue 3: GitHub's ~7 MB of schemas made
 * the import take over a second). Node-only by design: the runtime contract keeps synchronous getters, and
 * ESM has no synchronous dynamic import.
 */
import { GENERATED_MARKER } from '../build/marker.js';
import type { ToolkitPlan } from './plan.js';
import type { GeneratedFile } from './types.js';

/** Tools per JSON file: small enough that the first use of a tool parses a few hundred KB at most. */
export const TOOLS_PER_JSON_FILE = 50;

/** The JSON group (1-based) of the tool at `index` (0-based, in plan order); `json/tools.json` records it per tool. */
export function jsonGroup(index: number): number {
  return Math.floor(index / TOOLS_PER_JSON_FILE) + 1;
}

/** `parameters-03.json` for the tool at `index` (0-based, in plan order). */
export function jsonFileName(kind: 'parameters' | 'providers', index: number): string {
  return `${kind}-${String(jsonGroup(index)).padStart(2, '0')}.json`;
}

/**
 * A JSON object with one key per line (readable diffs). The first key carries the generated marker, so the
 * build recognises the file as its own when it has to remove it.
 */
export function jsonFileContents(entries: ReadonlyArray<readonly [string, unknown]>): string {
  const lines = [[`//`, `${GENERATED_MARKER} from definitions/. Do not edit: change the definition and run \`toolsmith build\`.`] as const, ...entries]
    .map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`);
  return asciiJson(`{\n${lines.join(',\n')}\n}\n`);
}

/**
 * JSON text with every non-ASCII character written as a `\uXXXX` escape (the same JSON value). Node decodes
 * an ASCII file into a one-byte string on a fast path: reading GitHub's tool list takes ≈ 1.3 instead of
 * ≈ 2.2 ms, and parsing it a little less.
 */
export function asciiJson(text: string): string {
  return text.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One file per group of tools: `entry(tool)` gives each tool's value, keyed by slug. */
export function groupedJsonFiles(plan: ToolkitPlan, kind: 'parameters' | 'providers', entry: (tool: ToolkitPlan['tools'][number]) => unknown): GeneratedFile[] {
  const groups = new Map<string, Array<readonly [string, unknown]>>();
  plan.tools.forEach((tool, index) => {
    const name = jsonFileName(kind, index);
    const group = groups.get(name) ?? [];
    group.push([tool.tool.slug, entry(tool)]);
    groups.set(name, group);
  });
  return [...groups].map(([name, entries]) => ({ path: `${plan.toolkit.slug}/json/${name}`, contents: jsonFileContents(entries) }));
}
