import type { Command } from 'commander';
import { register as calc } from './commands/calc.js';
import { register as compare } from './commands/compare.js';
import { register as drill } from './commands/drill.js';
import { register as region } from './commands/region.js';
import { register as route } from './commands/route.js';
import { register as run } from './commands/run.js';
import { register as schema } from './commands/schema.js';
import { register as screen } from './commands/screen.js';
import { register as serve } from './commands/serve.js';
import { register as sweep } from './commands/sweep.js';
import { register as token } from './commands/token.js';
import { register as validate } from './commands/validate.js';
import { register as worker } from './commands/worker.js';

/**
 * Every CLI command lives in its own module under api/cli/commands/ and exports a `register` function;
 * this list is the one place that wires them into the program.
 */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [run, compare, sweep, screen, drill, validate, schema, serve, token, route, region, calc, worker];
