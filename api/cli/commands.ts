import type { Command } from 'commander';

/**
 * Every CLI command lives in its own module under api/cli/commands/ and exports a `register` function;
 * this table is the one place that wires them into the program. The modules are loaded on demand: a
 * command line that names a command loads that module only (`drillsim run` does not load the HTTP
 * server, the chart renderer or the Redis client). The program's own help (`drillsim --help`, `drillsim`
 * alone, an unknown command) loads none of them: it is printed from each entry's `term` and
 * `description`. The modules register the description from here; a test holds each term to what the
 * command's module registers (test/cli/startup.test.ts).
 */
export type RegisterCommand = (program: Command) => void;

export interface CommandEntry {
  name: string;
  /** How the program's help lists the command: its name, `[options]` if it has any, its arguments. */
  term: string;
  /** The command's description: its module registers this text (commandDescription). */
  description: string;
  load: () => Promise<{ register: RegisterCommand }>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'run',
    term: 'run [options] <scenario>',
    description: 'run replications of a scenario under a plan and print the scorecard',
    load: () => import('./commands/run.js'),
  },
  {
    name: 'compare',
    term: 'compare [options] <scenario>',
    description: 'compare two plans on the same seeds (common random numbers): paired differences B - A and P(B better)',
    load: () => import('./commands/compare.js'),
  },
  {
    name: 'sweep',
    term: 'sweep [options] <scenario>',
    description: 'run a grid over scenario parameters (same seeds at every point) and print the metrics per point',
    load: () => import('./commands/sweep.js'),
  },
  {
    name: 'screen',
    term: 'screen [options] <scenario>',
    description: "Morris screening: rank the scenario's uncertain parameters by their effect (mu*) on one metric",
    load: () => import('./commands/screen.js'),
  },
  {
    name: 'drill',
    term: 'drill',
    description: 'drill planning: scripts from simulation, evaluation of drill logs, the annual programme',
    load: () => import('./commands/drill.js'),
  },
  {
    name: 'validate',
    term: 'validate [options] <paths...>',
    description: 'check scenarios, plans, regions and region files; exit 0 if all are valid, 2 with located errors',
    load: () => import('./commands/validate.js'),
  },
  {
    name: 'schema',
    term: 'schema [options]',
    description: 'write the JSON Schemas of scenarios, plans and region files (for editors); prints the paths',
    load: () => import('./commands/schema.js'),
  },
  {
    name: 'serve',
    term: 'serve [options]',
    description: 'run the HTTP API (OpenAPI docs at /docs)',
    load: () => import('./commands/serve.js'),
  },
  {
    name: 'token',
    term: 'token',
    description: 'manage API tokens of `drillsim serve`',
    load: () => import('./commands/token.js'),
  },
  {
    name: 'route',
    term: 'route [options] <region> <from> <to>',
    description: 'best route between two nodes or points of a region (minutes, km, path)',
    load: () => import('./commands/route.js'),
  },
  {
    name: 'region',
    term: 'region',
    description: 'import, export and inspect region road networks',
    load: () => import('./commands/region.js'),
  },
  {
    name: 'calc',
    term: 'calc [options] [model]',
    description: 'evaluate one hazard formula: a JSON object (or an array of them) on standard input, the result as JSON',
    load: () => import('./commands/calc.js'),
  },
  {
    name: 'plume',
    term: 'plume [options]',
    description: 'ALOHA-style threat zones of a continuous toxic release: AEGL-3/2/1 distances, footprints as GeoJSON',
    load: () => import('./commands/plume.js'),
  },
  {
    name: 'worker',
    term: 'worker [options]',
    description: 'run chunks of distributed batches from Redis (drillsim run --redis) until stopped',
    load: () => import('./commands/worker.js'),
  },
];

/**
 * The command a command line names: its first word that is not an option, if that is a command's name.
 * (Program options take no value, so a word after one is never the option's argument.)
 */
export function commandNamed(args: readonly string[]): CommandEntry | undefined {
  const word = args.find((a) => !a.startsWith('-'));
  return COMMANDS.find((c) => c.name === word);
}

/** A command's description, for its module to register (one text for the program's help and the command's own). */
export function commandDescription(name: string): string {
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry === undefined) throw new Error(`no command '${name}' in the command table`);
  return entry.description;
}

/** The command `drillsim help <command>` asks about (commander's own help command), if it is one of the table's. */
export function helpTopic(args: readonly string[]): CommandEntry | undefined {
  const words = args.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? COMMANDS.find((c) => c.name === words[1]) : undefined;
}

/** The register functions of the commands given (default: all, in the table's order). */
export async function loadCommands(entries: readonly CommandEntry[] = COMMANDS): Promise<RegisterCommand[]> {
  const modules = await Promise.all(entries.map((e) => e.load()));
  return modules.map((m) => m.register);
}
