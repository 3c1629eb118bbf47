/**
 * Shared set-up for the study tests: the fixture paths and the CLI run in-process. The study commands are
 * registered on the program here if api/cli/commands.ts does not list them yet, so the tests run the same
 * commands before and after they are wired.
 */
import { fileURLToPath } from 'node:url';
import { CommanderError } from 'commander';
import { vi } from 'vitest';
import { register as compare } from '../../api/cli/commands/compare.js';
import { register as screen } from '../../api/cli/commands/screen.js';
import { register as sweep } from '../../api/cli/commands/sweep.js';
import { EXIT_BAD_INPUT, reportError } from '../../api/cli/exit.js';
import { buildProgram } from '../../api/cli/main.js';

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

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `drillsim <args>` in-process with stdout and stderr captured, as api/cli/main.ts does. */
export async function runCli(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const text = (chunk: string | Uint8Array) => (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += text(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += text(chunk);
    return true;
  });
  try {
    const program = buildProgram();
    for (const [name, register] of [
      ['compare', compare],
      ['sweep', sweep],
      ['screen', screen],
    ] as const) {
      if (!program.commands.some((c) => c.name() === name)) register(program);
    }
    let code: number;
    try {
      await program.parseAsync(['node', 'drillsim', ...args]);
      code = 0;
    } catch (e) {
      code = e instanceof CommanderError ? (e.exitCode === 0 ? 0 : EXIT_BAD_INPUT) : reportError(e);
    }
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Run a command that must succeed with --json and parse its output. */
export async function runJson<T>(...args: string[]): Promise<T> {
  const r = await runCli(...args, '--json');
  if (r.code !== 0) throw new Error(`drillsim ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
