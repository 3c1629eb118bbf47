import type { Command } from 'commander';

/**
 * Every CLI command lives in its own module under api/cli/commands/ and exports a `register` function;
 * this table is the one place that wires them into the program. The modules are loaded on demand: a
 * command line that names a command loads that module only (`drillsim run` does not load the HTTP
 * server, the chart renderer or the Redis client), and the program's own help loads them all, so its
 * text is the same as before.
 */
export type RegisterCommand = (program: Command) => void;

export interface CommandEntry {
  name: string;
  load: () => Promise<{ register: RegisterCommand }>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'run', load: () => import('./commands/run.js') },
  { name: 'compare', load: () => import('./commands/compare.js') },
  { name: 'sweep', load: () => import('./commands/sweep.js') },
  { name: 'screen', load: () => import('./commands/screen.js') },
  { name: 'drill', load: () => import('./commands/drill.js') },
  { name: 'validate', load: () => import('./commands/validate.js') },
  { name: 'schema', load: () => import('./commands/schema.js') },
  { name: 'serve', load: () => import('./commands/serve.js') },
  { name: 'token', load: () => import('./commands/token.js') },
  { name: 'route', load: () => import('./commands/route.js') },
  { name: 'region', load: () => import('./commands/region.js') },
  { name: 'calc', load: () => import('./commands/calc.js') },
  { name: 'plume', load: () => import('./commands/plume.js') },
  { name: 'worker', load: () => import('./commands/worker.js') },
];

/**
 * The command a command line names: its first word that is not an option, if that is a command's name.
 * (Program options take no value, so a word after one is never the option's argument.)
 */
export function commandNamed(args: readonly string[]): CommandEntry | undefined {
  const word = args.find((a) => !a.startsWith('-'));
  return COMMANDS.find((c) => c.name === word);
}

/** The register functions of the commands given (default: all, in the table's order). */
export async function loadCommands(entries: readonly CommandEntry[] = COMMANDS): Promise<RegisterCommand[]> {
  const modules = await Promise.all(entries.map((e) => e.load()));
  return modules.map((m) => m.register);
}
