/**
 * A real, throwaway PostgreSQL cluster for tests: initdb into a temp directory, start on 127.0.0.1 with a free
 * port (trust auth, loopback only), create a database, and stop + remove everything on teardown.
 * Binaries come from /usr/lib/postgresql/<version>/bin (Debian's postgresql package; CI installs it through
 * scripts/ci/install-system-packages.sh) or PATH. initdb refuses to run as root, so as root the cluster runs as
 * the `postgres` user through runuser. Missing binaries are an error that says how to install them, never a skip.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  readonly connectionString: string;
  readonly port: number;
  /** A fresh database on the same cluster (for suites that need isolation). */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

function findBinDir(): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const dir = join(root, version, 'bin');
      if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
    }
  }
  for (const dir of (process.env['PATH'] ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error('PostgreSQL binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin or on PATH. ' +
    'Install them with `apt-get install -y postgresql` (scripts/ci/install-system-packages.sh does this in CI).');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = findBinDir();
  const asRoot = userInfo().uid === 0;
  const home = await mkdtemp(join(tmpdir(), 'toolsmith-pg-'));
  const data = join(home, 'data');
  const logFile = join(home, 'postgres.log');
  const exec = async (program: string, args: string[]): Promise<string> => {
    const command = asRoot ? 'runuser' : join(bin, program);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
    try {
      const { stdout } = await run(command, argv, { timeout: 60_000 });
      return stdout;
    } catch (error) {
      const detail = (error as { stderr?: string }).stderr ?? (error as Error).message;
      throw new Error(`${program} failed: ${detail.trim().slice(0, 800)}`);
    }
  };
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']).catch(() => {
      throw new Error('Running as root needs the `postgres` system user (created by the postgresql package) to run initdb.');
    });
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(home, Number(stdout.trim()), Number(gid.trim()));
    await chmod(home, 0o700);
  }
  let started = false;
  const stop = async (): Promise<void> => {
    if (started) {
      started = false;
      await exec('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']).catch(() => undefined);
    }
    await rm(home, { recursive: true, force: true });
  };
  try {
    await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
    const port = await freePort();
    const options = `-p ${port} -k ${home} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await exec('pg_ctl', ['start', '-D', data, '-l', logFile, '-w', '-t', '60', '-o', options]);
    started = true;
    const createDatabase = async (name: string): Promise<string> => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      await exec('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name]);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    };
    const connectionString = await createDatabase('toolsmith_test');
    return { connectionString, port, createDatabase, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
