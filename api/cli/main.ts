import { Command, CommanderError } from 'commander';
import { EXIT_BAD_INPUT, reportError } from './exit.js';
import { commands } from './commands.js';

/** Build the `drillsim` program; exported so tests can run it in-process. */
export function buildProgram(): Command {
  const program = new Command('drillsim')
    .description('Discrete-event simulation and drill planning for municipal emergency management')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    process.exitCode = undefined;
    await program.parseAsync(argv);
    // A command may set process.exitCode (130 after Ctrl-C); hand it back and leave the process clean,
    // so that in-process callers (tests, the HTTP server) never inherit a stale code.
    const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
    process.exitCode = undefined;
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0; usage errors are bad input.
      return err.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    return reportError(err);
  }
}
