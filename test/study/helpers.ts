/** Shared set-up for the study tests: the fixture paths and the CLI run in-process. */
import { fileURLToPath } from 'node:url';
import { runCli } from '../support/cli.js';

export { runCli, type CliRun } from '../support/cli.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export const STUDY_FIXTURES = here('../fixtures/study/');
/** Testvale flood, every declared parameter fixed. */
export const TESTVALE = here('../fixtures/study/testvale-flood.yaml');
/** Testvale flood with three uncertain parameters of strong, weak and no effect on deaths. */
export const TESTVALE_SCREEN = here('../fixtures/study/testvale-screen.yaml');
export const BASIC_PLAN = here('../fixtures/study/plans/basic.yaml');
export const LATE_PLAN = here('../fixtures/study/plans/basic-late.yaml');

export const LESHAN_SCENARIO = here('../../scenarios/leshan-818-flood.yaml');
export const LESHAN_PLAN = here('../../scenarios/plans/leshan-flood-plan.yaml');
export const LESHAN_LATE_PLAN = here('../../scenarios/plans/leshan-flood-plan-late.yaml');

/** Run a command that must succeed with --json and parse its output. */
export async function runJson<T>(...args: string[]): Promise<T> {
  const r = await runCli(...args, '--json');
  if (r.code !== 0) throw new Error(`drillsim ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
