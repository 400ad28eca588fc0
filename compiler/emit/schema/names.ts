/**
 * Identifiers for generated code: PascalCase / camelCase names, safe property keys, and the names of
 * shared schemas (unique, never a reserved word or a global the generated code relies on).
 */

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with as implements interface ' +
    'let package private protected public static yield any boolean number string symbol type from of unknown never object ' +
    'undefined await async declare module namespace require global keyof readonly infer is asserts bigint'
  ).split(' '),
);

/** Globals generated code names (values or types); a schema with such a name would shadow them. */
const SHADOWED_GLOBALS = new Set([
  'Array', 'Blob', 'Boolean', 'Date', 'Error', 'Function', 'JSON', 'Map', 'Math', 'Number', 'Object', 'Partial', 'Promise',
  'Readonly', 'ReadonlyArray', 'Record', 'RegExp', 'Set', 'String', 'Symbol', 'Uint8Array', 'CompiledToolkit', 'CompiledTool',
  'CompiledTrigger', 'TriggerEvent', 'JsonSchema', 'Infinity', 'NaN', 'Omit', 'Pick', 'Required', 'Exclude', 'Extract',
]);

/** Splits on anything that is not a letter or digit, and on lower→upper case changes. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** `GITHUB_STAR_A_REPOSITORY` → `GithubStarARepository`. */
export function pascalCase(text: string): string {
  const result = words(text)
    .map((word) => word[0]!.toUpperCase() + word.slice(1).toLowerCase())
    .join('');
  if (result === '') return 'Schema';
  return /^[0-9]/.test(result) ? `N${result}` : result;
}

/** `hacker_news` → `hackerNews`. */
export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  const camel = pascal[0]!.toLowerCase() + pascal.slice(1);
  return RESERVED.has(camel) ? `${camel}Toolkit` : camel;
}

/** A shared-schema key → a Pascal identifier that keeps the author's casing where it is already safe. */
export function typeIdentifier(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_$]+/g, '_').replace(/^_+|_+$/g, '');
  let name = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(cleaned) && /^[A-Z]/.test(cleaned) ? cleaned : pascalCase(text);
  if (RESERVED.has(name) || SHADOWED_GLOBALS.has(name)) name = `${name}Schema`;
  return name;
}

/** Picks unique identifiers for shared schema keys, avoiding `taken` (tool and trigger schema names). */
export function assignSharedNames(keys: readonly string[], taken: ReadonlySet<string>): Map<string, string> {
  const used = new Set(taken);
  const names = new Map<string, string>();
  for (const key of [...keys].sort()) {
    const base = typeIdentifier(key);
    let name = base;
    if (used.has(name)) name = `${base}Schema`;
    for (let index = 2; used.has(name); index++) name = `${base}Schema${index}`;
    used.add(name);
    names.set(key, name);
  }
  return names;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object key in generated source: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** A string literal in single quotes (the generated style). */
export function quote(text: string): string {
  return `'${text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')}'`;
}

/** A JSDoc comment body made safe (no closing `*​/`), one line per source line. */
export function docComment(text: string, indent = ''): string {
  const lines = text.trim().replace(/\*\//g, '*\\/').split(/\r?\n/);
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => `${indent} * ${line}`.trimEnd()).join('\n')}\n${indent} */\n`;
}
