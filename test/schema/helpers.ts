/** Test helpers for the schema suite: run the CLI in-process with the validate and schema commands. */
import { tempDir as makeTempDir } from '../support/cli.js';

export { runCli, type CliRun } from '../support/cli.js';

export function tempDir(): { dir: string; cleanup: () => void } {
  return makeTempDir('drillsim-schema-');
}
