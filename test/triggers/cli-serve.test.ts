/**
 * `toolsmith triggers serve` as a separate process over a shared file store: the app creates an instance,
 * a signed webhook reaches the standalone receiver, the event is printed and forwarded to the app.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileStore } from '../../runtime/store/file-store.js';
import { acmegit } from '../fixtures/triggers/toolkits.js';
import { makeTriggers, post } from './support/harness.js';
import { githubHeaders } from './support/signers.js';
import { eventually } from './support/until.js';

const runner = `
import { Command } from 'commander';
import { register } from './compiler/cli/triggers-command.ts';
const program = new Command().exitOverride();
register(program);
await program.parseAsync(process.argv.slice(1), { from: 'user' });
`;

describe('toolsmith triggers serve', () => {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child!.once('exit', resolve));
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('receives a signed event for an instance the app created, prints and forwards it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'toolsmith-serve-'));
    const key = Buffer.alloc(32, 3).toString('base64');
    const forwarded: Array<{ key: string | undefined; body: Record<string, unknown> }> = [];
    const app = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk) => { text += chunk; });
      req.on('end', () => { forwarded.push({ key: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(text) }); res.writeHead(204).end(); });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const appPort = (app.address() as { port: number }).port;

    child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', runner, 'triggers', 'serve', '--port', '0',
      '--toolkits', 'test/fixtures/triggers/toolkits-module.ts', '--store', dir, '--forward', `http://127.0.0.1:${appPort}/events`],
    { cwd: process.cwd(), env: { ...process.env, TOOLSMITH_ENCRYPTION_KEY: key }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => { stdout += chunk; });
    child.stderr!.on('data', (chunk) => { stderr += chunk; });
    await eventually(() => /listening on (http:\/\/\S+?)\/webhooks/.test(stderr) || child!.exitCode !== null, 'serve to listen');
    const url = /listening on (http:\/\/\S+?)\/webhooks/.exec(stderr)?.[1];
    expect(url, stderr).toBeDefined();

    const store = await createFileStore({ dir, env: { TOOLSMITH_ENCRYPTION_KEY: key } });
    const { triggers } = makeTriggers([acmegit], { store });
    const created = await triggers.create('user-7', 'ACMEGIT_STAR_CREATED', { triggerConfig: { owner: 'o', repo: 'r' } });
    await store.close();

    const body = JSON.stringify({ action: 'created', starred_at: null, repository: { full_name: 'o/r' }, sender: { login: 'cli' } });
    const first = await post(`${url}${created.webhookPath}`, body, githubHeaders(created.secret!, body, 'cli-1'));
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect((await post(`${url}${created.webhookPath}`, body, githubHeaders('wrong', body, 'cli-2'))).status).toBe(401);
    await eventually(() => forwarded.length === 1, 'forwarded event');
    expect(forwarded[0]!.body).toMatchObject({ triggerId: created.id, userId: 'user-7', payload: { sender: { login: 'cli' } } });
    expect(forwarded[0]!.key).toBe(forwarded[0]!.body.id);
    await eventually(() => stdout.includes(created.id), 'printed event');
    expect(JSON.parse(stdout.trim().split('\n')[0]!)).toMatchObject({ triggerId: created.id });
    expect(stderr).not.toContain(created.secret);
    await new Promise<void>((resolve) => { app.closeAllConnections(); app.close(() => resolve()); });
  }, 30_000);
});
