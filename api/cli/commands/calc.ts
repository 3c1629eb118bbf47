/**
 * `drillsim calc <model> [--json] [--input file]`: evaluate one hazard formula (models/calc) for plan
 * authors and for checking against published values. The input is one JSON object, or an array of them,
 * on standard input (or in `--input`); the output is the result object, or an array of results in the
 * same order. Unknown fields, missing fields and out-of-range values are located errors (file, line,
 * column, JSON pointer) with exit 2, and nothing is printed on stdout then.
 */
import { readFileSync } from 'node:fs';
import { Type, type TSchema } from '@sinclair/typebox';
import type { Command } from 'commander';
import { commandDescription } from '../commands.js';
import { InputError, type InputIssue } from '../../../engine/errors.js';
import { readTextFile } from '../../../engine/network/json-source.js';
import { CALC_MODELS, findCalcModel } from '../../../models/calc/index.js';
import type { CalcModel } from '../../../models/calc/types.js';
import { checkDocument, closestName, DEFAULT_MAX_BYTES, parseYamlDocument, type LocatedDocument } from '../../../models/schema/document.js';
import { CliError, EXIT_BAD_INPUT } from '../exit.js';

/** At most this many inputs in one array: a calculator, not a batch runner. */
export const MAX_CALC_INPUTS = 100_000;

interface CalcOptions {
  input?: string;
  json?: boolean;
  list?: boolean;
  example?: boolean;
}

function readInput(file: string | undefined): { text: string; file: string } {
  if (file !== undefined && file !== '-') return { text: readTextFile(file, { maxBytes: DEFAULT_MAX_BYTES, expected: 'a JSON file' }), file };
  let bytes: Buffer;
  try {
    bytes = readFileSync(0);
  } catch (err) {
    throw new CliError(`cannot read standard input: ${(err as Error).message}`);
  }
  if (bytes.length > DEFAULT_MAX_BYTES) throw new InputError([{ path: '', file: '<stdin>', message: `the input is ${bytes.length} bytes; the limit is ${DEFAULT_MAX_BYTES} bytes` }]);
  return { text: bytes.toString('utf8'), file: '<stdin>' };
}

/** Check the parsed input against the model (schema, then the model's own checks) and compute. */
export function evaluate(model: CalcModel, doc: LocatedDocument): { results: object[]; many: boolean } {
  const many = Array.isArray(doc.value);
  const schema: TSchema = many ? Type.Array(model.input, { minItems: 1, maxItems: MAX_CALC_INPUTS }) : model.input;
  const value = checkDocument(doc, schema) as unknown;
  const inputs = (many ? value : [value]) as Array<Parameters<CalcModel['compute']>[0]>;
  const issues: InputIssue[] = [];
  if (model.check !== undefined) {
    inputs.forEach((input, i) => {
      const base = many ? `/${i}` : '';
      model.check?.(input, (path, message) => issues.push(doc.issue(`${base}${path}`, message)));
    });
  }
  if (issues.length > 0) throw new InputError(issues);
  return { results: inputs.map((input) => model.compute(input)), many };
}

function formatText(result: object): string {
  return Object.entries(result)
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join('\n');
}

function listText(): string {
  const width = Math.max(...CALC_MODELS.map((m) => m.name.length));
  return CALC_MODELS.map((m) => `  ${m.name.padEnd(width)}  ${m.description}`).join('\n');
}

function unknownModel(name: string): CliError {
  const near = closestName(name, CALC_MODELS.map((m) => m.name));
  return new CliError(`unknown calc model '${name}'${near !== undefined ? ` (did you mean '${near}'?)` : ''}; the models are:\n${listText()}`, EXIT_BAD_INPUT);
}

export function register(program: Command): void {
  program
    .command('calc')
    .description(commandDescription('calc'))
    .argument('[model]', 'the model (see --list)')
    .option('--json', 'print the result as JSON (default: one "field: value" line per field)')
    .option('--input <file>', 'read the input from a file instead of standard input')
    .option('--list', 'list the models and exit')
    .option('--example', "print an example input of the model and exit (pipe it back in: drillsim calc M --example | drillsim calc M)")
    .addHelpText('after', () => `\nModels:\n${listText()}\n\nEach model's fields, units and sources: docs/calc.md.`)
    .action((name: string | undefined, opts: CalcOptions) => {
      if (opts.list === true) {
        process.stdout.write(`${listText()}\n`);
        return;
      }
      if (name === undefined) throw new CliError(`name a model; the models are:\n${listText()}`, EXIT_BAD_INPUT);
      const model = findCalcModel(name);
      if (model === undefined) throw unknownModel(name);
      if (opts.example === true) {
        process.stdout.write(`${JSON.stringify(model.example, null, 2)}\n`);
        return;
      }
      const doc = parseYamlDocument(readInput(opts.input));
      const { results, many } = evaluate(model, doc);
      if (opts.json === true) process.stdout.write(`${JSON.stringify(many ? results : results[0], null, 2)}\n`);
      else process.stdout.write(`${results.map(formatText).join('\n\n')}\n`);
    });
}
