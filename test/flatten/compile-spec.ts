/**
 * Test helper: an OpenAPI spec (an object) and a toolkit.yaml built by the real compiler (`build()`), the
 * generated toolkit imported, pointed at a recording node:http server on loopback, and a Toolsmith with one
 * api_key account for `user-1`. The spec must declare an apiKey security scheme.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from '../../compiler/build/build.js';
import { createFileStore } from '../../runtime/store/file-store.js';
import { Toolsmith } from '../../runtime/toolsmith.js';
import type { CompiledTool, CompiledToolkit } from '../../runtime/types.js';
import { startRecordServer, type RecordServer } from '../support/record-server.js';

export interface CompiledSpec {
  readonly toolkit: CompiledToolkit;
  readonly toolsmith: Toolsmith;
  readonly server: RecordServer;
  tool(slug: string): CompiledTool;
  close(): Promise<void>;
}

export async function compileSpec(slug: string, spec: object, toolkitYaml: string, account = 'k-1'): Promise<CompiledSpec> {
  const scratch = await mkdtemp(join(tmpdir(), `toolsmith-${slug}-`));
  // Inside the repository so the generated modules resolve `zod`; a dot folder, so tsc's include globs skip it.
  const outDir = join(import.meta.dirname, `.out-${slug}-${process.pid}`);
  const close = async (): Promise<void> => {
    await rm(outDir, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
  };
  try {
    await mkdir(join(scratch, 'definitions', slug), { recursive: true });
    await writeFile(join(scratch, 'definitions', slug, 'openapi.json'), JSON.stringify(spec));
    await writeFile(join(scratch, 'definitions', slug, 'toolkit.yaml'), toolkitYaml);
    const result = await build({ cwd: scratch, definitionsDir: join(scratch, 'definitions'), outDir, noCache: true });
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    if (errors.length > 0) throw new Error(`build failed: ${errors.map((error) => error.message).join('; ')}`);
    const module = (await import(pathToFileURL(join(outDir, slug, 'index.ts')).href)) as Record<string, CompiledToolkit>;
    const generated = module[slug];
    if (!generated) throw new Error(`generated/${slug}/index.ts exports no "${slug}"`);
    const server = await startRecordServer();
    const toolkit: CompiledToolkit = { ...generated, baseUrl: server.url };
    const store = await createFileStore({ dir: join(scratch, 'store'), encryptionKey: Buffer.alloc(32, 7) });
    const toolkits: readonly CompiledToolkit[] = [toolkit];
    const toolsmith = new Toolsmith({ toolkits, store });
    const scheme = toolkit.auth.find((candidate) => candidate.scheme === 'api_key');
    if (!scheme) throw new Error('the spec declares no apiKey security scheme');
    await toolsmith.connectedAccounts.create('user-1', slug, {
      scheme: 'api_key', credentials: Object.fromEntries(scheme.fields.map((field) => [field.name, account])), connection: {},
    });
    return {
      toolkit,
      toolsmith,
      server,
      tool(toolSlug) {
        const found = toolkit.tools.find((tool) => tool.slug === toolSlug);
        if (!found) throw new Error(`no tool ${toolSlug}`);
        return found;
      },
      async close() {
        await server.close();
        await store.close();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
