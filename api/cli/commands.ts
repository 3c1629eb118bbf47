import type { Command } from 'commander';
import { register as region } from './commands/region.js';
import { register as route } from './commands/route.js';
import { register as run } from './commands/run.js';
import { register as schema } from './commands/schema.js';
import { register as validate } from './commands/validate.js';

/**
 * Every CLI command lives in its own module under api/cli/commands/ and exports a `register` function;
 * this list is the one place that wires them into the program.
 */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [run, validate, schema, route, region];
