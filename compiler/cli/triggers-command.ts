/**
 * `toolsmith triggers …`: `serve` runs the standalone webhook receiver over the file store (instances are
 * created by the app with `toolsmith.triggers.create`, sharing the same store directory); `types` lists
 * the trigger types of the loaded toolkits. Events are printed as JSON lines and optionally forwarded.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { IR } from '../ir/types.js';
import type { CompiledToolkit, CompiledTrigger, TriggerEvent } from '../../runtime/types.js';
import { setExitCode } from './exit-code.js';
import { importModule } from './import-module.js';

interface SourceOptions { toolkits?: string; definitions?: string }
interface ServeOptions extends SourceOptions {
  port: string; host: string; store: string; basePath: string; maxBodyBytes?: string; forward?: string;
}

export function register(program: Command): void {
  const triggers = program.command('triggers').description('Webhook and polling triggers').exitOverride();
  triggers.command('serve')
    .description('Run a standalone webhook receiver (POST /webhooks/:toolkit or /webhooks/:triggerId)')
    .option('--port <port>', 'port to listen on', '8787')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--toolkits <module>', 'module exporting `toolkits` (default ./generated/index.ts)')
    .option('--definitions <dir>', 'load toolkit definitions from this folder instead of generated code')
    .option('--store <dir>', 'store directory shared with the app', '.toolsmith')
    .option('--base-path <path>', 'path prefix of webhook routes', '/webhooks')
    .option('--max-body-bytes <n>', 'largest accepted body (default 1 MiB)')
    .option('--forward <url>', 'POST each event as JSON to this URL (retried, then dead-lettered)')
    .exitOverride()
    .action(async (options: ServeOptions) => { setExitCode(await serve(options)); });
  triggers.command('types')
    .description('List trigger types with their config and payload schemas')
    .option('--toolkits <module>', 'module exporting `toolkits` (default ./generated/index.ts)')
    .option('--definitions <dir>', 'load toolkit definitions from this folder')
    .option('--json', 'print JSON')
    .exitOverride()
    .action(async (options: SourceOptions & { json?: boolean }) => {
      const toolkits = await loadToolkits(options);
      if (!toolkits) { setExitCode(1); return; }
      const types = toolkits.flatMap((toolkit) => toolkit.triggers.map((trigger) => ({
        slug: trigger.slug, toolkit: trigger.toolkit, type: trigger.type, name: trigger.name,
        ...(trigger.webhook?.signature ? { signature: trigger.webhook.signature.algorithm } : {}),
        ...(trigger.poll ? { intervalSeconds: trigger.poll.intervalSeconds } : {}),
        config: trigger.configParameters, payload: trigger.payloadParameters,
      })));
      if (options.json) process.stdout.write(`${JSON.stringify(types, null, 2)}\n`);
      else for (const type of types) process.stdout.write(`${type.slug.padEnd(40)} ${type.type.padEnd(8)} ${type.signature ?? (type.intervalSeconds ? `every ${type.intervalSeconds}s` : '')}\n`);
    });
}

async function serve(options: ServeOptions): Promise<number> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`--port must be a port number, got ${options.port}`, 2);
  const maxBodyBytes = options.maxBodyBytes === undefined ? undefined : Number(options.maxBodyBytes);
  if (maxBodyBytes !== undefined && (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0)) return fail(`--max-body-bytes must be a positive integer, got ${options.maxBodyBytes}`, 2);
  let forward: URL | undefined;
  if (options.forward !== undefined) {
    try { forward = new URL(options.forward); } catch { return fail(`--forward must be a URL, got ${options.forward}`, 2); }
  }
  const toolkits = await loadToolkits(options);
  if (!toolkits) return 1;
  // The runtime loads only when this command runs, so other commands start fast (issue 2).
  const [{ Triggers }, { createWebhookServer }, { createFileStore }] = await Promise.all([
    import('../../runtime/triggers/triggers.js'), import('../../runtime/triggers/server.js'), import('../../runtime/store/file-store.js'),
  ]);
  const store = await createFileStore({ dir: options.store });
  const triggers = new Triggers({
    store, toolkits,
    logger: { info: () => {}, warn: (message, data) => process.stderr.write(`warn: ${message}${data ? ` ${JSON.stringify(data)}` : ''}\n`) },
    options: { basePath: options.basePath, ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }) },
  });
  triggers.subscribe(async (event: TriggerEvent) => {
    process.stdout.write(`${JSON.stringify(event)}\n`);
    if (forward) {
      const response = await fetch(forward, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': event.id }, body: JSON.stringify(event) });
      if (!response.ok) throw new Error(`forwarding to ${forward.origin} answered HTTP ${response.status}`);
    }
  }, { name: 'serve' });
  await triggers.start();
  const server = await createWebhookServer(triggers, { port, host: options.host });
  const count = toolkits.reduce((sum, toolkit) => sum + toolkit.triggers.filter((trigger) => trigger.type === 'webhook').length, 0);
  process.stderr.write(`toolsmith triggers: listening on ${server.url}${options.basePath}/:toolkit|:triggerId (${count} webhook triggers, store ${resolve(options.store)})\n`);
  await new Promise<void>((done) => {
    const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); done(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  await triggers.stop();
  await triggers.flush();
  await store.close();
  return 0;
}

async function loadToolkits(options: SourceOptions): Promise<CompiledToolkit[] | undefined> {
  if (options.definitions) {
    const { loadDefinitions } = await import('../parse/load-definitions.js');
    const { toolkits, diagnostics } = await loadDefinitions(options.definitions);
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    if (errors.length > 0) {
      for (const error of errors) process.stderr.write(`${error.file}:${error.line}:${error.column} ${error.code} ${error.message}\n`);
      return undefined;
    }
    const { z } = await import('zod');
    try {
      return toolkits.map((toolkit) => compileTriggersOnly(toolkit, z));
    } catch (error) {
      fail(`cannot build trigger schemas: ${(error as Error).message}`);
      return undefined;
    }
  }
  const modulePath = resolve(options.toolkits ?? 'generated/index.ts');
  if (!existsSync(modulePath)) {
    fail(`no toolkits module at ${modulePath}; run \`toolsmith build\`, or pass --toolkits <module> or --definitions <dir>`);
    return undefined;
  }
  const loaded = await importModule(modulePath) as { toolkits?: unknown };
  if (!Array.isArray(loaded.toolkits)) {
    fail(`${modulePath} does not export a \`toolkits\` array`);
    return undefined;
  }
  return loaded.toolkits as CompiledToolkit[];
}

/** Loads definitions and builds what the webhook receiver needs from them (no generated code required). */
export async function triggerToolkitsFromDefinitions(dir: string): Promise<CompiledToolkit[]> {
  const { loadDefinitions } = await import('../parse/load-definitions.js');
  const { toolkits, diagnostics } = await loadDefinitions(dir);
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((error) => `${error.file}:${error.line}:${error.column} ${error.code} ${error.message}`).join('\n'));
  const { z } = await import('zod');
  return toolkits.map((toolkit) => compileTriggersOnly(toolkit, z));
}

/** The parts of a compiled toolkit the receiver needs, built from the IR (schemas through zod's JSON Schema reader). */
function compileTriggersOnly(toolkit: IR.Toolkit, z: typeof import('zod').z): CompiledToolkit {
  const defs = toolkit.sharedSchemas;
  const toZod = (schema: IR.JsonSchema) => z.fromJSONSchema({ ...schema, ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}) } as Parameters<typeof z.fromJSONSchema>[0]);
  const triggers: CompiledTrigger[] = toolkit.triggers.map((trigger) => ({
    slug: trigger.slug, name: trigger.name, description: trigger.description, toolkit: toolkit.slug, type: trigger.type,
    scopes: [...trigger.scopes], config: toZod(trigger.config) as CompiledTrigger['config'], payload: toZod(trigger.payload),
    configParameters: { ...trigger.config }, payloadParameters: { ...trigger.payload },
    ...(trigger.webhook ? { webhook: {
      match: trigger.webhook.match.map(({ origin: _origin, ...rule }) => rule),
      ...(trigger.webhook.signature ? { signature: (({ origin: _origin, ...signature }) => signature)(trigger.webhook.signature) } : {}),
      ...(trigger.webhook.eventId ? { eventId: trigger.webhook.eventId } : {}),
      ...(trigger.webhook.challenge ? { challenge: trigger.webhook.challenge } : {}),
    } } : {}),
    ...(trigger.poll ? { poll: { ...trigger.poll } } : {}),
  }));
  return {
    slug: toolkit.slug, name: toolkit.name, description: toolkit.description, categories: [...toolkit.categories],
    baseUrl: toolkit.baseUrl, headers: { ...toolkit.headers }, connection: [], auth: [], tools: [], triggers,
  };
}

function fail(message: string, code = 1): number {
  process.stderr.write(`toolsmith triggers: ${message}\n`);
  return code;
}
