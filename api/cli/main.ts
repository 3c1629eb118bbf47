import { Command, CommanderError } from 'commander';
import { enableTimings, formatTimings, mark, settleTimings, timingMarks, timingsEnabled } from '../../engine/timings.js';
import { EXIT_BAD_INPUT, reportError } from './exit.js';
import { commandNamed, loadCommands, type CommandEntry } from './commands.js';

export const TIMINGS_OPTION = '--timings';

/**
 * Build the `drillsim` program with the commands given (default: all); exported so tests can run it
 * in-process. main() gives only the command a command line names, so that only its module is loaded.
 */
export async function buildProgram(only?: readonly CommandEntry[]): Promise<Command> {
  const program = new Command('drillsim')
    .description('Discrete-event simulation and drill planning for municipal emergency management')
    .version('0.1.0')
    .option(TIMINGS_OPTION, 'print start-up timings, phase by phase, on stderr when the command ends (also DRILLSIM_TIMINGS=1)')
    .showHelpAfterError()
    .exitOverride();
  for (const register of await loadCommands(only)) register(program);
  return program;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const args = argv.slice(2);
  if (args.includes(TIMINGS_OPTION)) enableTimings();
  mark('cli: main entered (Node started, CLI entry loaded)');
  try {
    const named = commandNamed(args);
    const program = await buildProgram(named !== undefined ? [named] : undefined);
    mark(`cli: command module${named !== undefined ? ` '${named.name}'` : 's'} loaded`);
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
  } finally {
    if (timingsEnabled()) {
      mark('cli: command done');
      await settleTimings();
      process.stderr.write(formatTimings(timingMarks()));
    }
  }
}
