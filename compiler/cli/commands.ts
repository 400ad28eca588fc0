/**
 * Every `toolsmith` command: a module exporting `register(program: Command): void`. To add a command, write
 * `compiler/cli/<name>-command.ts` and add one line below. Set the exit code with `setExitCode` from
 * `./exit-code.js` (0 ok, 1 problems found); throw for the unexpected (printed as TS0903, exit 2).
 */
import type { Command } from 'commander';
import { register as registerBuild } from './build-command.js';
import { register as registerCatalog } from './catalog-command.js';
import { register as registerCheck } from './check-command.js';
import { register as registerConnect } from './connect-command.js';
import { register as registerNew } from './new-command.js';
import { register as registerTriggers } from './triggers-command.js';
import { register as registerMcp } from './mcp-command.js';

export const commands: ReadonlyArray<(program: Command) => void> = [
  registerBuild,
  registerCatalog,
  registerCheck,
  registerConnect,
  registerNew,
  registerTriggers,
  registerMcp,
];
