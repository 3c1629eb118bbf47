/** docs/calc.md, generated from the calculator models (a test keeps the file in step; `npm run docs`). */
import type { TSchema } from '@sinclair/typebox';
import { CALC_MODELS } from './index.js';
import type { CalcModel } from './types.js';

function describeField(schema: TSchema): string {
  const s = schema as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof s['type'] === 'string') parts.push(s['type']);
  else if (Array.isArray(s['enum'])) parts.push((s['enum'] as unknown[]).map((v) => JSON.stringify(v)).join(' \\| '));
  else if (Array.isArray(s['anyOf'])) parts.push((s['anyOf'] as Array<Record<string, unknown>>).map((v) => (v['const'] !== undefined ? JSON.stringify(v['const']) : String(v['type']))).join(' \\| '));
  const bounds: string[] = [];
  if (s['minimum'] !== undefined) bounds.push(`≥ ${String(s['minimum'])}`);
  if (s['exclusiveMinimum'] !== undefined) bounds.push(`> ${String(s['exclusiveMinimum'])}`);
  if (s['maximum'] !== undefined) bounds.push(`≤ ${String(s['maximum'])}`);
  if (s['exclusiveMaximum'] !== undefined) bounds.push(`< ${String(s['exclusiveMaximum'])}`);
  if (bounds.length > 0) parts.push(bounds.join(', '));
  return parts.join(', ');
}

function modelSection(m: CalcModel): string[] {
  const props = m.input.properties as Record<string, TSchema>;
  const required = new Set(m.input.required ?? []);
  const rows = Object.entries(props).map(
    ([name, schema]) => `| \`${name}\`${required.has(name) ? '' : ' (optional)'} | ${describeField(schema)} | ${String((schema as { description?: string }).description ?? '')} |`,
  );
  return [
    `## \`${m.name}\``,
    '',
    `${m.description[0]?.toUpperCase() ?? ''}${m.description.slice(1)}. Source: ${m.source}.`,
    '',
    '| field | type and range | meaning |',
    '|---|---|---|',
    ...rows,
    '',
    'Example (`drillsim calc ' + m.name + ' --example`):',
    '',
    '```json',
    JSON.stringify(m.example),
    '```',
    '',
  ];
}

export function calcMarkdown(models: readonly CalcModel[] = CALC_MODELS): string {
  return [
    '# `drillsim calc`: the hazard formulas one at a time',
    '',
    "<!-- Generated from the calculator models (models/calc/index.ts) by `npm run docs`; do not edit by hand. -->",
    '',
    '`drillsim calc <model> --json` reads one JSON object, or an array of them, on standard input (or from',
    '`--input <file>`) and prints the result as JSON: an object for an object, an array in the same order for an',
    'array. Unknown fields, missing fields and values out of range are errors located at their line, column and',
    'JSON pointer, with exit code 2 and nothing on standard output. Without `--json` each result prints as',
    '`field: value` lines. `drillsim calc --list` lists the models; `--example` prints a valid input.',
    '',
    '```sh',
    "echo '{\"pgaMs2\": 1.0, \"pgvMs\": 0.1}' | drillsim calc instrumental-intensity --json",
    '```',
    '',
    ...models.flatMap(modelSection),
  ].join('\n');
}
