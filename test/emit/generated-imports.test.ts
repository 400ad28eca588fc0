/**
 * The import contract of generated code (docs/architecture.md): values only from `toolsmith/schema` and sibling
 * modules; `zod` for types only; never the runtime's main entry, the compiler, or a parser. And a toolkit's
 * index imports its schema modules for their types only, so importing it builds and loads no schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const roots = ['generated', 'test/golden'];

function files(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** `[specifier, typeOnly]` for every import and re-export in `source`. */
function imports(source: string): Array<[string, boolean]> {
  return [...source.matchAll(/^(import|export)( type)?\b[^;]*?from '([^']+)';/gms)].map((match) => [match[3]!, match[2] !== undefined]);
}

describe('generated code imports', () => {
  const all = roots.flatMap(files);

  it('finds the generated modules', () => {
    expect(all.length).toBeGreaterThan(50);
  });

  it('takes values only from toolsmith/schema and siblings; zod for types only', () => {
    const wrong: string[] = [];
    for (const file of all) {
      for (const [specifier, typeOnly] of imports(readFileSync(file, 'utf8'))) {
        const allowed = specifier.startsWith('.') || specifier === 'toolsmith/schema' || (specifier === 'zod' && typeOnly);
        if (!allowed) wrong.push(`${file}: ${typeOnly ? 'type ' : ''}${specifier}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('toolkit index modules import their schema modules for types only', () => {
    const indexes = all.filter((file) => file.endsWith(`${path.sep}index.ts`) && readFileSync(file, 'utf8').includes('schemas.gen.js'));
    expect(indexes.length).toBeGreaterThan(10);
    for (const file of indexes) {
      const schemaImports = imports(readFileSync(file, 'utf8')).filter(([specifier]) => specifier === './schemas.gen.js');
      expect(schemaImports, file).toEqual([['./schemas.gen.js', true]]);
    }
  });
});
