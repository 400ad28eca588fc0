/** A copy-paste TypeScript example per tool, with the names `toolsmith build` generates. */
import { camelCase, pascalCase } from '../emit/schema/names.js';
import type { CatalogTool, JsonSchema } from './catalog-file.js';

type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `GithubTool.CREATE_AN_ISSUE`, as the slugs emitter names the constant's keys. */
export function slugConstant(toolkitSlug: string, slug: string, kind: 'Tool' | 'Trigger' = 'Tool'): string {
  const prefix = `${toolkitSlug.toUpperCase()}_`;
  const short = slug.startsWith(prefix) ? slug.slice(prefix.length) : slug;
  const key = /^[0-9]/.test(short) || short === '' ? `_${short}` : short;
  const object = `${pascalCase(toolkitSlug)}${kind}`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${object}.${key}` : `${object}[${JSON.stringify(key)}]`;
}

function resolve(schema: Schema, root: Schema): Schema {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return schema;
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  const defs = match ? root[match[1]!] : undefined;
  const target = isSchema(defs) && match ? defs[match[2]!] : undefined;
  return isSchema(target) ? target : {};
}

function placeholder(name: string, raw: Schema, root: Schema): string {
  const schema = resolve(raw, root);
  if ('example' in schema) return JSON.stringify(schema['example']);
  if ('default' in schema) return JSON.stringify(schema['default']);
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return JSON.stringify(schema['enum'][0]);
  if ('const' in schema) return JSON.stringify(schema['const']);
  const rawType = schema['type'];
  const type = Array.isArray(rawType) ? rawType.find((item) => item !== 'null') : rawType;
  if (type === 'string' && (schema['format'] === 'binary' || schema['contentEncoding'] === 'binary')) return "'./path/to/file'";
  switch (type) {
    case 'integer':
    case 'number':
      return '1';
    case 'boolean':
      return 'true';
    case 'array':
      return '[]';
    case 'object':
      return '{}';
    default:
      return `'<${name}>'`;
  }
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** The example's `arguments`: the required inputs with placeholder values. */
export function exampleArguments(input: JsonSchema): string[] {
  const root = input as Schema;
  const properties = isSchema(root['properties']) ? root['properties'] : {};
  const required = Array.isArray(root['required']) ? root['required'].filter((name): name is string => typeof name === 'string') : [];
  return required
    .filter((name) => isSchema(properties[name]))
    .map((name) => `${propertyKey(name)}: ${placeholder(name, properties[name] as Schema, root)},`);
}

export function toolExample(tool: CatalogTool): string {
  const toolkit = camelCase(tool.toolkit);
  const constants = `${pascalCase(tool.toolkit)}Tool`;
  const args = exampleArguments(tool.inputParameters);
  const argumentsText = args.length === 0 ? '{}' : `{\n${args.map((line) => `    ${line}`).join('\n')}\n  }`;
  return [
    "import { Toolsmith } from 'toolsmith';",
    `import { ${toolkit}, ${constants} } from './generated/index.js';`,
    '',
    `const toolsmith = new Toolsmith({ toolkits: [${toolkit}] });`,
    `const result = await toolsmith.tools.execute(${slugConstant(tool.toolkit, tool.slug)}, {`,
    "  userId: 'user-1',",
    `  arguments: ${argumentsText},`,
    '});',
    'if (result.successful) console.log(result.data);',
    'else console.error(result.error);',
  ].join('\n');
}
