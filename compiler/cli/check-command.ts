/** `toolsmith check [DIR] [--json]`: load and validate definitions, print every problem, write nothing. */
import type { Command } from 'commander';
import { setExitCode } from './exit-code.js';
import { useColor } from './terminal.js';

export function register(program: Command): void {
  program
    .command('check')
    .description('Validate definitions without writing anything')
    .argument('[dir]', 'folder of toolkit definitions', 'definitions')
    .option('--json', 'print diagnostics as JSON on stdout')
    .action(async (dir: string, flags: { json?: boolean }) => {
      // Loaded here, not at startup: other commands (and a cached build) never pay for the parsers.
      const { loadDefinitions } = await import('../parse/load-definitions.js');
      const { validateToolkits } = await import('../validate/index.js');
      const { diagnosticsToJson, formatDiagnostics } = await import('../diagnostics/format.js');
      const loaded = await loadDefinitions(dir);
      const diagnostics = [...loaded.diagnostics, ...validateToolkits(loaded.toolkits)];
      const failed = diagnostics.some((diagnostic) => diagnostic.severity === 'error');
      setExitCode(failed ? 1 : 0);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ ok: !failed, toolkits: loaded.toolkits.length, ...diagnosticsToJson(diagnostics) }, null, 2)}\n`);
        return;
      }
      process.stdout.write(formatDiagnostics(diagnostics, { color: useColor() }));
      if (!failed) {
        const tools = loaded.toolkits.reduce((sum, toolkit) => sum + toolkit.tools.length, 0);
        process.stdout.write(`Checked ${loaded.toolkits.length} toolkit${loaded.toolkits.length === 1 ? '' : 's'} (${tools} tools).\n`);
      }
    });
}
