/** `toolsmith build [--definitions DIR] [--out DIR] [--check] [--toolkit SLUG] [--json] [--no-cache]`. */
import type { Command } from 'commander';
import { build, type BuildProgress } from '../build/build.js';
import { setExitCode } from './exit-code.js';
import { createProgressPrinter, seconds, useColor } from './terminal.js';

interface BuildFlags {
  definitions: string;
  out: string;
  check?: boolean;
  toolkit?: string;
  json?: boolean;
  cache: boolean;
}

/** Progress shows once a build has run for a second (a cached build never shows any). */
const PROGRESS_AFTER_MS = 1000;

export function register(program: Command): void {
  program
    .command('build')
    .description('Compile definitions/ into generated/ (typed tools, Zod schemas, slugs, catalog.json)')
    .option('--definitions <dir>', 'folder of toolkit definitions', 'definitions')
    .option('--out <dir>', 'output folder', 'generated')
    .option('--check', 'write nothing; exit 1 when the output is stale, missing or has extra files')
    .option('--toolkit <slug>', 'build only this toolkit')
    .option('--json', 'print the result as JSON on stdout')
    .option('--no-cache', 'ignore the build cache')
    .action(async (flags: BuildFlags) => {
      const printer = createProgressPrinter();
      const onProgress = (event: BuildProgress): void => {
        if (flags.json || event.elapsedMs < PROGRESS_AFTER_MS || event.phase !== 'emit') return;
        printer.update(`toolsmith: ${event.done}/${event.total} toolkits (${event.toolkit ?? ''}) ${seconds(event.elapsedMs)}`);
      };
      const result = await build({
        definitionsDir: flags.definitions,
        outDir: flags.out,
        check: flags.check ?? false,
        ...(flags.toolkit !== undefined && { toolkit: flags.toolkit }),
        noCache: !flags.cache,
        onProgress,
      });
      printer.done();
      setExitCode(result.ok ? 0 : 1);
      // The formatter reads YAML sources for code frames: loaded only when there is something to print.
      const { diagnosticsToJson, formatDiagnostics } = await import('../diagnostics/format.js');
      if (flags.json) {
        const { diagnostics, ...rest } = result;
        process.stdout.write(`${JSON.stringify({ ...rest, ...diagnosticsToJson(diagnostics) }, null, 2)}\n`);
        return;
      }
      // Lowering notes come one per tool (thousands); the terminal gets a line per file and code, --json all.
      const { summarizeLowering } = await import('../build/lowering.js');
      if (result.diagnostics.length > 0) process.stdout.write(formatDiagnostics(summarizeLowering(result.diagnostics), { color: useColor() }));
      if (!result.ok) return;
      const what = `${result.toolkits} toolkit${result.toolkits === 1 ? '' : 's'}, ${result.tools} tools`;
      if (result.cached) process.stdout.write(`Up to date (${what}; cache hit) in ${seconds(result.elapsedMs)}.\n`);
      else if (flags.check) process.stdout.write(`Generated output is up to date (${what}) in ${seconds(result.elapsedMs)}.\n`);
      else {
        process.stdout.write(
          `Built ${what} into ${flags.out}: ${result.written.length} written, ${result.removed.length} removed, ` +
            `${result.files - result.written.length} unchanged in ${seconds(result.elapsedMs)}.\n`,
        );
      }
    });
}
