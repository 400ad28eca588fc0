/**
 * `toolsmith connect <toolkit> --user U`: connects a user's account through the OAuth2 authorization-code flow
 * from a terminal. It listens on a loopback callback (http://127.0.0.1:<port>/callback), prints the URL to open,
 * completes the flow when the browser comes back, and prints the new account id. The client comes from an auth
 * config (`--auth-config`, or the toolkit's only oauth2 one), or from `--client-id` with the secret in
 * TOOLSMITH_CLIENT_SECRET (or `--client-secret`, visible in process lists), saved as a new auth config.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { IR } from '../ir/types.js';
import type { AuthScheme, CompiledToolkit } from '../../runtime/types.js';
import type { Store } from '../../runtime/store/types.js';
import type { AccountsContext } from '../../runtime/accounts/index.js';
import { setExitCode } from './exit-code.js';
import { importModule } from './import-module.js';

export interface ConnectOptions {
  readonly user: string;
  readonly authConfig?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Default 0: any free port (the provider must accept any loopback port, RFC 8252 §7.3). */
  readonly port?: string;
  readonly host?: string;
  readonly scopes?: string;
  readonly connection?: readonly string[];
  readonly store?: string;
  readonly toolkits?: string;
  readonly definitions?: string;
  readonly timeout?: string;
  readonly json?: boolean;
}

export interface ConnectIo {
  /** Where the URL to open and progress go (default stderr). */
  readonly info: (line: string) => void;
  /** Where the result goes (default stdout). */
  readonly result: (line: string) => void;
  /** Called with the authorization URL (tests follow it instead of a browser). */
  readonly onAuthorizationUrl?: (url: string) => void;
  readonly env?: NodeJS.ProcessEnv;
  /** Toolkits given directly (tests); otherwise loaded from --definitions or --toolkits. */
  readonly toolkits?: readonly CompiledToolkit[];
}

export function register(program: Command): void {
  program.command('connect <toolkit>')
    .description('Connect a user account to a toolkit with OAuth2 in the browser (loopback callback)')
    .requiredOption('--user <id>', 'the user the account belongs to')
    .option('--auth-config <id>', 'auth config (ac_…) holding the OAuth2 client')
    .option('--client-id <id>', 'OAuth2 client id (creates an auth config; secret from TOOLSMITH_CLIENT_SECRET)')
    .option('--client-secret <secret>', 'OAuth2 client secret (prefer the TOOLSMITH_CLIENT_SECRET variable)')
    .option('--port <port>', 'callback port on the loopback interface (0: any free port)', '0')
    .option('--host <host>', 'callback host', '127.0.0.1')
    .option('--scopes <list>', 'comma- or space-separated scopes (default: the auth config\'s)')
    .option('--connection <field=value...>', 'connection fields of the toolkit (repeatable)')
    .option('--store <dir>', 'store directory shared with the app', '.toolsmith')
    .option('--toolkits <module>', 'module exporting `toolkits` (default ./generated/index.ts)')
    .option('--definitions <dir>', 'load toolkit definitions from this folder instead of generated code')
    .option('--timeout <seconds>', 'give up when the browser has not come back after this long', '300')
    .option('--json', 'print the account as JSON')
    .exitOverride()
    .action(async (toolkit: string, options: ConnectOptions) => {
      const { exitCode } = await runConnect(toolkit, options, {
        info: (line) => process.stderr.write(`${line}\n`),
        result: (line) => process.stdout.write(`${line}\n`),
      });
      setExitCode(exitCode);
    });
}

/** The command itself, with its output injected; returns the exit code and the connected account id. */
export async function runConnect(toolkitSlug: string, options: ConnectOptions, io: ConnectIo): Promise<{ exitCode: number; accountId?: string }> {
  const fail = (message: string, exitCode = 1) => {
    io.info(`toolsmith connect: ${message}`);
    return { exitCode };
  };
  const port = Number(options.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`--port must be a port number, got ${options.port}`, 2);
  const timeoutSeconds = Number(options.timeout ?? '300');
  if (!(timeoutSeconds > 0)) return fail(`--timeout must be a positive number of seconds, got ${options.timeout}`, 2);
  const connection: Record<string, string> = {};
  for (const pair of options.connection ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return fail(`--connection takes field=value, got "${pair}"`, 2);
    connection[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  // The runtime loads only when this command runs, so other commands start fast (issue 2).
  const [{ ToolsmithError }, { createFileStore }, { createAccountsApi }] = await Promise.all([
    import('../../runtime/errors.js'), import('../../runtime/store/file-store.js'), import('../../runtime/accounts/index.js'),
  ]);
  let toolkits: readonly CompiledToolkit[];
  try {
    toolkits = io.toolkits ?? await loadToolkits(options);
  } catch (error) {
    return fail((error as Error).message);
  }
  let store: Store | undefined;
  let server: Server | undefined;
  try {
    store = await createFileStore({ dir: options.store ?? '.toolsmith', ...(io.env ? { env: io.env } : {}) });
    const ctx: AccountsContext = { store, toolkits };
    const authConfigId = await chooseAuthConfig(ctx, toolkitSlug, options, io);
    const accounts = createAccountsApi(ctx);

    let settle!: (outcome: { accountId?: string; error?: Error }) => void;
    const outcome = new Promise<{ accountId?: string; error?: Error }>((done) => { settle = done; });
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
      if (req.method !== 'GET' || url.pathname !== '/callback') { res.writeHead(404).end('Not found'); return; }
      accounts.complete(url.toString()).then((account) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(`<!doctype html><title>Connected</title><p>Connected ${escapeHtml(account.toolkit)} for ${escapeHtml(account.userId)}. You can close this tab.</p>`);
        settle({ accountId: account.id });
      }, (error: Error) => {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' })
          .end(`<!doctype html><title>Not connected</title><p>${escapeHtml(error.message)}</p>`);
        // A stray or stale callback (unknown state) does not end the wait; a failed exchange does.
        if (!ToolsmithError.is(error, 'OAUTH_STATE_INVALID')) settle({ error });
      });
    });
    const listening = server;
    await new Promise<void>((ready, reject) => {
      listening.once('error', reject);
      listening.listen(port, options.host ?? '127.0.0.1', () => ready());
    });
    const address = listening.address();
    const boundPort = typeof address === 'object' && address ? address.port : port;
    const host = options.host ?? '127.0.0.1';
    const redirectUri = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}/callback`;
    const scopes = options.scopes?.split(/[\s,]+/).filter(Boolean);
    const { id, redirectUrl } = await accounts.initiate(options.user, authConfigId, {
      redirectUri, connection, ...(scopes ? { scopes } : {}),
    });
    io.info(`Open this URL in a browser to connect ${toolkitSlug} for user ${options.user} (waiting for ${redirectUri}):`);
    io.info(redirectUrl);
    io.onAuthorizationUrl?.(redirectUrl);
    const timer = setTimeout(() => settle({ error: new Error(`the browser did not come back within ${timeoutSeconds} s`) }), timeoutSeconds * 1000);
    const result = await outcome;
    clearTimeout(timer);
    if (result.error || !result.accountId) {
      await store.accounts.update(id, { status: 'FAILED', statusReason: 'the connect command gave up' }).catch(() => undefined);
      return fail(result.error?.message ?? 'not connected');
    }
    const account = await accounts.get(result.accountId);
    io.result(options.json ? JSON.stringify(account, null, 2) : account.id);
    return { exitCode: 0, accountId: account.id };
  } catch (error) {
    return fail(error instanceof ToolsmithError ? `${error.code}: ${error.message}` : (error as Error).message);
  } finally {
    if (server) await new Promise<void>((done) => { server!.closeAllConnections(); server!.close(() => done()); });
    await store?.close();
  }
}

async function chooseAuthConfig(ctx: AccountsContext, toolkitSlug: string, options: ConnectOptions, io: ConnectIo): Promise<string> {
  const [{ ToolsmithError }, { createAuthConfigsApi }] = await Promise.all([
    import('../../runtime/errors.js'), import('../../runtime/accounts/index.js'),
  ]);
  const configs = createAuthConfigsApi(ctx);
  if (options.authConfig) return (await configs.get(options.authConfig)).id;
  if (options.clientId) {
    const secret = options.clientSecret ?? (io.env ?? process.env)['TOOLSMITH_CLIENT_SECRET'];
    const created = await configs.create(toolkitSlug, {
      scheme: 'oauth2',
      credentials: { client_id: options.clientId, ...(secret ? { client_secret: secret } : {}) },
    });
    io.info(`Saved the OAuth2 client as auth config ${created.id} (reuse it with --auth-config ${created.id}).`);
    return created.id;
  }
  const existing = (await configs.list({ toolkit: toolkitSlug })).filter((config) => config.scheme === 'oauth2');
  if (existing.length === 1) return existing[0]!.id;
  throw new ToolsmithError('INVALID_OPTIONS', existing.length === 0
    ? `no oauth2 auth config for ${toolkitSlug} in the store; pass --client-id (secret in TOOLSMITH_CLIENT_SECRET) or --auth-config`
    : `several oauth2 auth configs for ${toolkitSlug} (${existing.map((config) => config.id).join(', ')}); pick one with --auth-config`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

async function loadToolkits(options: ConnectOptions): Promise<CompiledToolkit[]> {
  if (options.definitions) {
    const { loadDefinitions } = await import('../parse/load-definitions.js');
    const { toolkits, diagnostics } = await loadDefinitions(options.definitions);
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    if (errors.length > 0) throw new Error(errors.map((error) => `${error.file}:${error.line}:${error.column} ${error.code} ${error.message}`).join('\n'));
    return toolkits.map(authOnly);
  }
  const modulePath = resolve(options.toolkits ?? 'generated/index.ts');
  if (!existsSync(modulePath)) {
    throw new Error(`no toolkits module at ${modulePath}; run \`toolsmith build\`, or pass --toolkits <module> or --definitions <dir>`);
  }
  const loaded = await importModule(modulePath) as { toolkits?: unknown };
  if (!Array.isArray(loaded.toolkits)) throw new Error(`${modulePath} does not export a \`toolkits\` array`);
  return loaded.toolkits as CompiledToolkit[];
}

/** What connecting needs from a definition: its auth schemes and connection fields (origins dropped). */
function authOnly(toolkit: IR.Toolkit): CompiledToolkit {
  const strip = <T extends { origin: unknown }>({ origin: _origin, ...rest }: T): Omit<T, 'origin'> => rest;
  const auth = toolkit.auth.map((scheme): AuthScheme => {
    const { kind, ...rest } = strip(scheme);
    return { ...rest, scheme: kind, fields: scheme.fields.map(strip), inject: scheme.inject.map(strip) } as AuthScheme;
  });
  return {
    slug: toolkit.slug, name: toolkit.name, description: toolkit.description, categories: [...toolkit.categories],
    baseUrl: toolkit.baseUrl, headers: { ...toolkit.headers }, connection: toolkit.connection.map(strip), auth, tools: [], triggers: [],
  };
}
