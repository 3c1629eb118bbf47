/**
 * `drillsim calc`: an object in, an object out; an array in, an array out in the same order; unknown,
 * missing and out-of-range fields are located errors with exit 2 and nothing on stdout; an unknown model
 * is named with the closest one; every model's example is valid input and computes finite numbers.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALC_MODELS } from '../../models/calc/index.js';
import { instrumentalIntensity } from '../../models/hazards/earthquake/instrumental.js';
import { runCli, tempDir } from '../cli/helpers.js';

let t: { dir: string; cleanup: () => void };
beforeAll(() => {
  t = tempDir();
});
afterAll(() => t.cleanup());

function input(name: string, text: string): string {
  const file = join(t.dir, name);
  writeFileSync(file, text);
  return file;
}

describe('drillsim calc', () => {
  it('evaluates one object and prints its result as JSON', async () => {
    const run = await runCli('calc', 'instrumental-intensity', '--json', '--input', input('one.json', '{ "pgaMs2": 1.0, "pgvMs": 0.1 }'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ intensity: instrumentalIntensity(1.0, 0.1) });
  });

  it('evaluates an array in order and prints an array', async () => {
    const pairs = [
      [0.457, 0.0381],
      [1.0, 0.1],
      [5.0, 0.5],
    ];
    const text = JSON.stringify(pairs.map(([pgaMs2, pgvMs]) => ({ pgaMs2, pgvMs })));
    const run = await runCli('calc', 'instrumental-intensity', '--json', '--input', input('many.json', text));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(pairs.map(([a, v]) => ({ intensity: instrumentalIntensity(a as number, v as number) })));
  });

  it('reports unknown, missing and out-of-range fields at their line and pointer, exit 2, no output', async () => {
    const file = input('bad.json', '[\n  { "pgaMs2": 1.0, "pgvMs": 0.1 },\n  { "pgaMs2": -1, "pgv": 0.1 }\n]\n');
    const run = await runCli('calc', 'instrumental-intensity', '--json', '--input', file);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: error: /1/pgaMs2`));
    expect(run.stderr).toMatch(/\/1\/pgv\b.*pgvMs/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports invalid JSON with its position', async () => {
    const run = await runCli('calc', 'instrumental-intensity', '--input', input('broken.json', '{ "pgaMs2": 1.0,\n  "pgvMs": }'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken\.json:2:\d+: error/);
  });

  it('names the closest model for a misspelt one, exit 2', async () => {
    const run = await runCli('calc', 'instrumental-intensty', '--input', input('x.json', '{}'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("did you mean 'instrumental-intensity'");
  });

  it('lists the models', async () => {
    const run = await runCli('calc', '--list');
    expect(run.code).toBe(0);
    for (const m of CALC_MODELS) expect(run.stdout).toContain(m.name);
  });

  it.each(CALC_MODELS.map((m) => [m.name]))('%s: its example is valid input and gives finite numbers', async (name) => {
    const example = await runCli('calc', name, '--example');
    expect(example.code).toBe(0);
    const run = await runCli('calc', name, '--json', '--input', input(`${name}.json`, example.stdout));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const numbers = JSON.stringify(JSON.parse(run.stdout)).match(/-?\d+(\.\d+)?(e[+-]?\d+)?|null/g) ?? [];
    expect(numbers).not.toContain('null');
  });
});
