import { InputError, formatIssues } from '../../engine/errors.js';

/** Exit codes of docs/architecture.md section 8: 0 ok, 1 failure, 2 bad input. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
/** After Ctrl-C (128 + SIGINT, as shells report it): what was printed is partial. */
export const EXIT_INTERRUPTED = 130;

/** A failure the CLI reports as one message (no stack trace) with a chosen exit code. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT_FAILURE) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Print an error the way the CLI promises and return the exit code it maps to. */
export function reportError(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  if (err instanceof InputError) {
    stderr.write(`${formatIssues(err.issues)}\n`);
    return EXIT_BAD_INPUT;
  }
  if (err instanceof CliError) {
    stderr.write(`drillsim: ${err.message}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  stderr.write(`drillsim: internal error: ${message}\n`);
  if (process.env['DRILLSIM_DEBUG'] && err instanceof Error && err.stack) stderr.write(`${err.stack}\n`);
  return EXIT_FAILURE;
}
