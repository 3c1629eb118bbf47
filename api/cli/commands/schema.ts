/**
 * `drillsim schema [--out dir]`: write the JSON Schema of every document kind (scenario, plan, region
 * manifest, zones, assets, network) into a directory (default ./schemas) and print the paths written.
 * Editors use them to check and complete files as they are typed (docs/schemas.md). The files are
 * generated from the TypeBox schemas on demand, not kept in the repository.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { commandDescription } from '../commands.js';
import { publishJsonSchemas } from '../../../models/schema/json-schema.js';
import { CliError, EXIT_FAILURE } from '../exit.js';

/** Write every schema into `dir`; returns the files written, in name order. */
export function writeJsonSchemas(dir: string): string[] {
  const out = resolve(dir);
  try {
    mkdirSync(out, { recursive: true });
  } catch (err) {
    throw new CliError(`cannot create ${out}: ${(err as Error).message}`, EXIT_FAILURE);
  }
  const written: string[] = [];
  const schemas = publishJsonSchemas();
  for (const name of Object.keys(schemas).sort()) {
    const file = join(out, name);
    // Through a temporary file and a rename, so an editor never reads half a schema.
    const tmp = `${file}.tmp-${process.pid}`;
    try {
      writeFileSync(tmp, `${JSON.stringify(schemas[name], null, 2)}\n`);
      renameSync(tmp, file);
    } catch (err) {
      throw new CliError(`cannot write ${file}: ${(err as Error).message}`, EXIT_FAILURE);
    }
    written.push(file);
  }
  return written;
}

export function register(program: Command): void {
  program
    .command('schema')
    .description(commandDescription('schema'))
    .option('--out <dir>', 'directory to write into', 'schemas')
    .action((opts: { out: string }) => {
      for (const file of writeJsonSchemas(opts.out)) process.stdout.write(`${file}\n`);
    });
}
