/** Helpers for the CLI suite: the in-process runner (test/support/cli.ts), temporary directories, line lookup. */
import { tempDir as makeTempDir } from '../support/cli.js';

export { runCli, type CliRun } from '../support/cli.js';

export function tempDir(): { dir: string; cleanup: () => void } {
  return makeTempDir('drillsim-cli-');
}

/** 1-based line of the first line containing `needle` in `text` (the test's own expectation). */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`lineOf: '${needle}' not in the text`);
  return i + 1;
}
