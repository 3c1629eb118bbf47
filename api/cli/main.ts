import { Command, CommanderError } from 'commander';
import { LAT_LON_TEXT } from '../../engine/network/geo.js';
import { enableTimings, formatTimings, mark, settleTimings, timingMarks, timingsEnabled } from '../../engine/timings.js';
import { EXIT_BAD_INPUT, reportError } from './exit.js';
import { COMMANDS, commandNamed, helpTopic, loadCommands, type CommandEntry } from './commands.js';

export const TIMINGS_OPTION = '--timings';

/**
 * Build the `drillsim` program with the commands given (default: all); exported so tests can run it
 * in-process. main() gives only the command a command line names, so that only its module is loaded.
 */
export async function buildProgram(only?: readonly CommandEntry[]): Promise<Command> {
  const program = bareProgram();
  for (const register of await loadCommands(only)) register(program);
  return program;
}

function bareProgram(): Command {
  return new Command('drillsim')
    .description('Discrete-event simulation and drill planning for municipal emergency management')
    .version('0.1.0')
    .option(TIMINGS_OPTION, 'print start-up timings, phase by phase, on stderr when the command ends (also DRILLSIM_TIMINGS=1)')
    .showHelpAfterError()
    .exitOverride();
}

/**
 * The program with every command as a summary only (its term and description from the command table, no
 * options, no action), for a command line that names no command: all it can do is print the program's
 * help, or an error with it (an unknown command, with the nearest name). Loading every command module for
 * that took 0.5 s; the text is the same (test/cli/startup.test.ts compares the two).
 */
export function summaryProgram(): Command {
  const program = bareProgram();
  const terms = new Map(COMMANDS.map((c) => [c.name, c.term]));
  for (const c of COMMANDS) program.command(c.name).description(c.description);
  const help = program.createHelp();
  program.configureHelp({ subcommandTerm: (cmd) => terms.get(cmd.name()) ?? help.subcommandTerm(cmd) });
  return program;
}

/**
 * The program main() runs a command line with: the named command's module only; for `help <command>`
 * that command's; the summaries when no command is named.
 */
export async function programFor(args: readonly string[]): Promise<{ program: Command; loaded: CommandEntry | undefined }> {
  const named = commandNamed(args) ?? helpTopic(args);
  return { program: named !== undefined ? await buildProgram([named]) : summaryProgram(), loaded: named };
}

/**
 * The command line with every "lat,lon" pair that starts with a minus sign given a leading space. Commander
 * takes any word that starts with "-" for an option (it makes an exception for plain negative numbers
 * only), so `drillsim route my-city -41.2580,174.8650 ...` failed with "unknown option". No option contains
 * a comma after a number, and "lat,lon" arguments are read with surrounding spaces allowed.
 */
export function protectCoordinates(argv: readonly string[]): string[] {
  return argv.map((a, i) => (i >= 2 && a.startsWith('-') && LAT_LON_TEXT.test(a) ? ` ${a}` : a));
}

export async function main(argv: string[] = process.argv): Promise<number> {
  argv = protectCoordinates(argv);
  const args = argv.slice(2);
  if (args.includes(TIMINGS_OPTION)) enableTimings();
  mark('cli: main entered (Node started, CLI entry loaded)');
  try {
    const { program, loaded } = await programFor(args);
    mark(loaded !== undefined ? `cli: command module '${loaded.name}' loaded` : 'cli: command summaries built');
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
