/**
 * Golden files: each fixture in test/fixtures/<case>/ goes through the real pipeline (load → validate →
 * emit) and every emitted file is compared with test/golden/<case>/. Update with `npx vitest run -u test/emit`.
 * The goldens are type-checked by test/types/tsc.test.ts.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitToolkits } from '../../compiler/emit/emit.js';
import { loadDefinitions } from '../../compiler/parse/load-definitions.js';
import { validateToolkits } from '../../compiler/validate/index.js';

export const GOLDEN_CASES = [
  'minimal',
  'auth-schemes',
  'parameter-styles',
  'request-bodies',
  'file-download',
  'trigger-definitions',
  'shared-schemas',
  'unions',
] as const;

describe('golden output', () => {
  for (const name of GOLDEN_CASES) {
    it(name, async () => {
      const loaded = await loadDefinitions(path.join('test/fixtures', name));
      const diagnostics = [...loaded.diagnostics, ...validateToolkits(loaded.toolkits)].filter((d) => d.severity === 'error');
      expect(diagnostics).toEqual([]);
      expect(loaded.toolkits.length).toBe(1);
      const files = emitToolkits(loaded.toolkits);
      expect(files.map((file) => file.path)).toContain('index.ts');
      for (const file of files) {
        await expect(file.contents).toMatchFileSnapshot(path.join('..', 'golden', name, file.path));
      }
      // No golden file the emitter no longer writes (a stale one would still be type-checked and read as current).
      const goldenDir = path.join('test/golden', name);
      const golden = readdirSync(goldenDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(goldenDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
      expect(golden.sort()).toEqual(files.map((file) => file.path).sort());
      // Same input, same bytes.
      const again = emitToolkits((await loadDefinitions(path.join('test/fixtures', name))).toolkits);
      expect(again).toEqual(files);
    });
  }
});
