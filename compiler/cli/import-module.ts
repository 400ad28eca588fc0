/**
 * Imports a user's module (generated toolkits are TypeScript) from the CLI. When the CLI runs as the
 * cached JavaScript bundle (bin/load-cli.mjs) no TypeScript loader is registered yet: tsx is registered
 * the first time one is needed. Under tsx or vitest the flag is absent and nothing changes.
 */
import { pathToFileURL } from 'node:url';

const NEEDS_TS_LOADER = Symbol.for('toolsmith.needsTypeScriptLoader');

export async function importModule(file: string): Promise<Record<string, unknown>> {
  const global = globalThis as { [NEEDS_TS_LOADER]?: boolean };
  if (global[NEEDS_TS_LOADER] && /\.[cm]?tsx?$/.test(file)) {
    const { register } = await import('tsx/esm/api');
    register();
    global[NEEDS_TS_LOADER] = false;
  }
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}
