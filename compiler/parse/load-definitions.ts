/**
 * Loads `<dir>/<toolkit>/toolkit.yaml` files (sorted by folder name) into IR toolkits, with every
 * problem as a diagnostic. A definition with an `openapi:` section goes through the OpenAPI importer.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics/codes.js';
import { makeDiagnostic } from '../diagnostics/positions.js';
import type { IR } from '../ir/types.js';
import { parseYamlFile } from './yaml/parse-yaml-file.js';
import { readToolkit } from './yaml/read-toolkit.js';

export interface LoadDefinitionsOptions {
  /** Toolkit folder names to load; default every folder with a toolkit.yaml. */
  readonly only?: readonly string[];
}

export interface LoadDefinitionsResult {
  toolkits: IR.Toolkit[];
  diagnostics: Diagnostic[];
}

type ImportOpenApi = (input: {
  toolkit: IR.Toolkit;
  overlay: Record<string, unknown>;
  definitionFile: string;
  definitionDir: string;
}) => Promise<{ toolkit: IR.Toolkit; diagnostics: Diagnostic[] }>;

/** Paths in origins are relative to the working directory, as compilers print them. */
function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join('/');
}

async function isDirectory(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isDirectory();
  } catch {
    return false;
  }
}

async function fileExists(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isFile();
  } catch {
    return false;
  }
}

export async function loadDefinitions(dir: string, options: LoadDefinitionsOptions = {}): Promise<LoadDefinitionsResult> {
  const diagnostics: Diagnostic[] = [];
  const toolkits: IR.Toolkit[] = [];
  const root = path.resolve(dir);
  if (!(await isDirectory(root))) {
    diagnostics.push(fileDiagnostic('TS0900', `Definitions folder ${displayPath(root)} does not exist.`, displayPath(root)));
    return { toolkits, diagnostics };
  }
  const entries = (await readdir(root, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const found: string[] = [];
  for (const name of entries) {
    if (await fileExists(path.join(root, name, 'toolkit.yaml'))) found.push(name);
  }
  let selected = found;
  if (options.only && options.only.length > 0) {
    for (const wanted of options.only) {
      if (!found.includes(wanted)) {
        const file = displayPath(path.join(root, wanted, 'toolkit.yaml'));
        diagnostics.push(fileDiagnostic('TS0900', `No definition for toolkit "${wanted}": ${file} does not exist.`, file));
      }
    }
    selected = found.filter((name) => options.only?.includes(name));
  } else if (found.length === 0) {
    diagnostics.push(fileDiagnostic('TS0901', `No toolkit definitions (<toolkit>/toolkit.yaml) under ${displayPath(root)}.`, displayPath(root)));
  }
  for (const name of selected) {
    const result = await loadDefinitionFile(path.join(root, name, 'toolkit.yaml'));
    diagnostics.push(...result.diagnostics);
    if (result.toolkit) toolkits.push(result.toolkit);
  }
  return { toolkits, diagnostics };
}

function fileDiagnostic(code: 'TS0900' | 'TS0901' | 'TS0206', message: string, file: string): Diagnostic {
  return { code, severity: 'error', message, file, line: 1, column: 1 };
}

/** Loads one toolkit.yaml (and its OpenAPI spec, when it names one). */
export async function loadDefinitionFile(absoluteFile: string): Promise<{ toolkit?: IR.Toolkit; diagnostics: Diagnostic[] }> {
  const file = displayPath(absoluteFile);
  let text: string;
  try {
    text = await readFile(absoluteFile, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    return { diagnostics: [fileDiagnostic('TS0900', `Cannot read ${file} (${reason}).`, file)] };
  }
  const parsed = parseYamlFile(file, text);
  const diagnostics = [...parsed.diagnostics];
  if (parsed.data === undefined) return { diagnostics };
  if (!parsed.hasSchemaComment) {
    diagnostics.push(
      makeDiagnostic(
        'TS0031',
        'warning',
        'The definition does not start with the schema comment, so editors cannot check or complete it.',
        { file, pointer: '' },
        `add "# yaml-language-server: $schema=${schemaPathFrom(absoluteFile)}" as the first line`,
      ),
    );
  }
  const context = { file, diagnostics };
  const { toolkit, openapi } = readToolkit(context, parsed.data);
  if (!toolkit || !openapi) return toolkit ? { toolkit, diagnostics } : { diagnostics };

  const importer = await loadOpenApiImporter();
  if (!importer) {
    diagnostics.push(
      makeDiagnostic('TS0206', 'error', 'This build has no OpenAPI importer, so the "openapi" section cannot be read.', {
        file,
        pointer: '/openapi',
      }),
    );
    return { toolkit, diagnostics };
  }
  try {
    const imported = await importer({
      toolkit,
      overlay: openapi,
      definitionFile: file,
      definitionDir: displayPath(path.dirname(absoluteFile)),
    });
    diagnostics.push(...imported.diagnostics);
    return { toolkit: imported.toolkit, diagnostics };
  } catch (error) {
    // An importer bug must not end the build with a stack trace; the other toolkits still build.
    const reason = error instanceof Error ? error.message : String(error);
    diagnostics.push(
      makeDiagnostic('TS0903', 'error', `The OpenAPI import failed unexpectedly: ${reason}`, { file, pointer: '/openapi' }),
    );
    return { diagnostics };
  }
}

/** The relative path from a definition to toolsmith.schema.json (in the package root). */
function schemaPathFrom(absoluteFile: string): string {
  const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const relative = path.relative(path.dirname(absoluteFile), path.join(packageRoot, 'toolsmith.schema.json'));
  return relative.split(path.sep).join('/');
}

/** The OpenAPI importer is loaded on demand: YAML-only builds never pay for swagger-parser. */
export async function loadOpenApiImporter(specifier?: string): Promise<ImportOpenApi | undefined> {
  try {
    // A literal specifier by default, so bundlers and loaders can see the import.
    const module = (await (specifier === undefined ? import('./openapi/index.js') : import(specifier))) as { importOpenApi?: ImportOpenApi };
    return typeof module.importOpenApi === 'function' ? module.importOpenApi : undefined;
  } catch (error) {
    if (isModuleNotFound(error, 'openapi')) return undefined;
    throw error;
  }
}

function isModuleNotFound(error: unknown, name: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error ? String(error.code) : '';
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && error.message.includes(name);
}
