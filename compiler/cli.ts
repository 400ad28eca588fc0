/**
 * The `toolsmith` command (bin/toolsmith.mjs loads it through tsx). `main` never throws and never prints a
 * stack trace: problems are diagnostics (exit 1), usage mistakes and unexpected failures one line (exit 2).
 */
import { Command, CommanderError } from 'commander';
import { commands } from './cli/commands.js';
import { takeExitCode } from './cli/exit-code.js';

function createProgram(): Command {
  const program = new Command('toolsmith')
    .description('Compile toolkit definitions into typed, agent-ready tools')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError('(run toolsmith --help for usage)')
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
    });
  for (const register of commands) register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  takeExitCode();
  try {
    await createProgram().parseAsync([...argv], { from: 'user' });
    return takeExitCode();
  } catch (error) {
    takeExitCode();
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage mistakes (commander already printed them) exit 2.
      return error.exitCode === 0 ? 0 : 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error TS0903 internal-error: ${message.split('\n')[0]}\n`);
    return 2;
  }
}
