/**
 * `toolsmith mcp --user USER [--toolkits a,b] [--tools A,B] [--http PORT] [--host H] [--router]`:
 * serves generated toolkits over MCP, stdio by default (stdout is the protocol; messages go to stderr),
 * or Streamable HTTP with a bearer token (TOOLSMITH_MCP_TOKEN, else generated and printed once).
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { McpServerOptions } from '../../runtime/mcp/server.js';
import type { CompiledToolkit } from '../../runtime/types.js';
import { setExitCode } from './exit-code.js';
import { importModule } from './import-module.js';

interface McpFlags {
  user: string;
  toolkits?: string;
  tools?: string;
  http?: string;
  host: string;
  generated: string;
  store: string;
  router?: boolean;
}

const list = (value: string | undefined): string[] => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);

/** Imports only the toolkits asked for (`generated/<slug>/index.ts`), or every one via `generated/index.ts`. */
async function loadToolkits(generated: string, slugs: readonly string[]): Promise<CompiledToolkit[]> {
  const dir = path.resolve(generated);
  const isToolkit = (value: unknown): value is CompiledToolkit =>
    typeof value === 'object' && value !== null && typeof (value as CompiledToolkit).slug === 'string' && Array.isArray((value as CompiledToolkit).tools);
  if (slugs.length === 0) {
    const module = await importModule(path.join(dir, 'index.ts'));
    return Object.values(module).filter(isToolkit);
  }
  const out: CompiledToolkit[] = [];
  for (const slug of slugs) {
    const file = path.join(dir, slug, 'index.ts');
    if (!existsSync(file)) throw new Error(`No generated toolkit "${slug}": ${path.relative(process.cwd(), file)} does not exist (run toolsmith build).`);
    const module = await importModule(file);
    const toolkit = Object.values(module).find((value) => isToolkit(value) && value.slug === slug);
    if (!toolkit) throw new Error(`${path.relative(process.cwd(), file)} exports no toolkit "${slug}".`);
    out.push(toolkit as CompiledToolkit);
  }
  return out;
}

export function register(program: Command): void {
  program
    .command('mcp')
    .description('Serve toolkits to MCP clients (stdio, or Streamable HTTP with --http)')
    .requiredOption('--user <id>', 'the user whose connected accounts tool calls use')
    .option('--toolkits <slugs>', 'comma-separated toolkits to serve (default: all generated)')
    .option('--tools <slugs>', 'comma-separated allow-list of tool slugs')
    .option('--http <port>', 'serve Streamable HTTP on this port instead of stdio')
    .option('--host <host>', 'address to bind with --http', '127.0.0.1')
    .option('--generated <dir>', 'folder of generated toolkits', 'generated')
    .option('--store <dir>', 'folder of the embedded store (connected accounts)', '.toolsmith')
    .option('--router', "serve only the router's three meta tools (search, multi-execute, manage connections) over the toolkits")
    .action(async (flags: McpFlags) => {
      let toolkits: CompiledToolkit[];
      try {
        toolkits = await loadToolkits(flags.generated, list(flags.toolkits));
      } catch (error) {
        process.stderr.write(`toolsmith mcp: ${error instanceof Error ? error.message : String(error)}\n`);
        setExitCode(2);
        return;
      }
      // The runtime and the MCP SDK load only when this command runs, so other commands start fast (issue 2).
      const [{ createMcpServer, selectMcpTools }, { createToolRouter }, { createFileStore }, { Toolsmith }] = await Promise.all([
        import('../../runtime/mcp/server.js'), import('../../runtime/router/router.js'),
        import('../../runtime/store/file-store.js'), import('../../runtime/toolsmith.js'),
      ]);
      const store = await createFileStore({ dir: flags.store });
      const toolsmith = new Toolsmith({ toolkits, store });
      const base: McpServerOptions = {
        userId: flags.user,
        ...(flags.toolkits ? { toolkits: list(flags.toolkits) } : {}),
        ...(flags.tools ? { tools: list(flags.tools) } : {}),
      };
      try {
        await selectMcpTools(toolsmith, base);
      } catch (error) {
        process.stderr.write(`toolsmith mcp: ${error instanceof Error ? error.message : String(error)}\n`);
        await store.close();
        setExitCode(2);
        return;
      }
      const options: McpServerOptions = flags.router
        ? { ...base, router: createToolRouter(toolsmith, flags.toolkits ? { toolkits: list(flags.toolkits) } : {}) }
        : base;
      if (flags.http !== undefined) {
        const port = Number(flags.http);
        if (!Number.isInteger(port) || port < 0 || port > 65_535) {
          process.stderr.write(`toolsmith mcp: --http needs a port number, got "${flags.http}".\n`);
          setExitCode(2);
          return;
        }
        const { serveMcpHttp } = await import('../../runtime/mcp/http.js');
        const handle = await serveMcpHttp(() => createMcpServer(toolsmith, options), { port, host: flags.host });
        process.stderr.write(`toolsmith mcp: Streamable HTTP on ${handle.url}\n`);
        if (handle.generatedToken) process.stderr.write(`toolsmith mcp: bearer token (shown once; set TOOLSMITH_MCP_TOKEN to choose it): ${handle.token}\n`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await handle.close();
      } else {
        const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
        const server = createMcpServer(toolsmith, options);
        const closed = new Promise<void>((resolve) => { server.onclose = () => resolve(); });
        await server.connect(new StdioServerTransport());
        process.stdin.once('end', () => { void server.close(); });
        await closed;
      }
      await store.close();
    });
}
