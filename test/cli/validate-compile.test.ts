/**
 * `drillsim validate` runs the compile step: a scenario against its region (a missing region is reported
 * at the scenario's /region line), a plan against `--scenario` (with its `extends` chain; a base plan's
 * problems are located in the base file); without --scenario a plan is checked for structure only and one
 * note says so. Also: run, validate and schema are wired into the program.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../api/cli/main.js';
import { lineOf, runCli, tempDir } from './helpers.js';

const SCENARIO = `drillsim: 1
kind: scenario
id: tiny
title: Tiny flood
region: leshan
start: 2020-08-17T00:00+08:00
horizon: 2d
hazards:
  - kind: flood
    gauges:
      xiaogongzui:
        baseStageM: 357.0
        peaks:
          - { at: 2020-08-18T06:00+08:00, stageM: 364.0, rise: 20h, fall: 20h }
`;

const PLAN = `drillsim: 1
kind: plan
id: tiny-plan
title: Tiny plan
levels:
  - level: IV
    when: { gauge: xiaogongzui, stageAboveM: 361.0 }
    actions:
      - { id: "1.1", warn: { channels: [cell-broadcast], zones: { tag: riverside } } }
`;

const LATE = `drillsim: 1
kind: plan
id: tiny-late
title: Tiny plan, late
extends: BASE
delayAllTriggers: 6h
`;

let t: { dir: string; cleanup: () => void };
const path = (name: string) => join(t.dir, name);
function write(name: string, text: string): string {
  writeFileSync(path(name), text);
  return path(name);
}
beforeAll(() => {
  t = tempDir();
  write('tiny.yaml', SCENARIO);
  write('tiny-plan.yaml', PLAN);
  write('tiny-late.yaml', LATE.replace('BASE', 'tiny-plan.yaml'));
  write('bad-tag.yaml', PLAN.replace('tag: riverside', 'tag: riversid'));
  write('late-bad-base.yaml', LATE.replace('BASE', 'bad-tag.yaml'));
});
afterAll(() => t.cleanup());

describe('validate compiles scenarios', () => {
  it('accepts a good scenario and reports a missing region at /region', async () => {
    const ok = await runCli('validate', path('tiny.yaml'));
    expect(ok).toMatchObject({ code: 0, stdout: `ok: ${path('tiny.yaml')} (scenario 'tiny')\n` });
    const text = SCENARIO.replace('region: leshan', 'region: leshann');
    const bad = write('no-region.yaml', text);
    const r = await runCli('validate', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${bad}:${lineOf(text, 'region:')}:\\d+: error: /region unknown region 'leshann'`));
  });
});

describe('validate compiles plans against --scenario', () => {
  it('without --scenario checks structure only and says so once', async () => {
    const r = await runCli('validate', path('bad-tag.yaml'), path('tiny-plan.yaml'));
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([`ok: ${path('bad-tag.yaml')} (plan 'tiny-plan')`, `ok: ${path('tiny-plan.yaml')} (plan 'tiny-plan')`]);
    const notes = r.stderr.trim().split('\n');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^note: 2 files: structure only: .*--scenario <file>/);
  });

  it('with --scenario finds the unknown zone tag, located', async () => {
    const r = await runCli('validate', path('bad-tag.yaml'), '--scenario', path('tiny.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${path('bad-tag.yaml')}:${lineOf(PLAN, 'riverside')}:\\d+: error: /levels/0/actions/0/warn/zones this selector matches no zone`));
  });

  it('follows extends: a good chain passes, a bad base is located in the base file', async () => {
    const ok = await runCli('validate', path('tiny-late.yaml'), '--scenario', path('tiny.yaml'));
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('');
    const bad = await runCli('validate', path('late-bad-base.yaml'), '--scenario', path('tiny.yaml'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`^${path('bad-tag.yaml')}:${lineOf(PLAN, 'riverside')}:\\d+: error: /levels/0/actions/0/warn/zones `));
    // Structure only: a missing base file is still found.
    const missing = write('late-missing.yaml', LATE.replace('BASE', 'nowhere.yaml'));
    const m = await runCli('validate', missing);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain(`${path('nowhere.yaml')}: error: file not found`);
  });

  it('refuses an extends cycle at the file that closes it and a chain deeper than 8 files at the file it would read next', async () => {
    write('cycle-a.yaml', LATE.replace('BASE', 'cycle-b.yaml'));
    write('cycle-b.yaml', LATE.replace('tiny-late', 'tiny-late-b').replace('BASE', 'cycle-a.yaml'));
    const cycle = await runCli('validate', path('cycle-a.yaml'));
    expect(cycle.code).toBe(2);
    expect(cycle.stderr).toContain(`${path('cycle-b.yaml')}: error: /extends 'extends' makes a cycle through ${path('cycle-a.yaml')}\n`);
    for (let i = 0; i < 9; i++) write(`deep-${i}.yaml`, LATE.replace('tiny-late', `deep-${i}`).replace('BASE', `deep-${i + 1}.yaml`));
    write('deep-9.yaml', PLAN);
    const deep = await runCli('validate', path('deep-0.yaml'));
    expect(deep.code).toBe(2);
    expect(deep.stderr).toContain(`${path('deep-8.yaml')}: error: /extends 'extends' chains may be at most 8 files deep\n`);
  });

  it('reports a bad --scenario once however many plans use it', async () => {
    const text = SCENARIO.replace('horizon: 2d', 'horizon: 2 days');
    const bad = write('bad-horizon.yaml', text);
    const r = await runCli('validate', path('tiny-plan.yaml'), path('tiny-late.yaml'), '--scenario', bad);
    expect(r.code).toBe(2);
    const errors = r.stderr.trim().split('\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${bad}:${lineOf(text, 'horizon:')}:\\d+: error: /horizon "2 days" is not a duration`));
  });
});

describe('the program', () => {
  it('has run, validate and schema; schema writes the JSON Schemas', async () => {
    const names = (await buildProgram()).commands.map((c) => c.name());
    expect(names).toEqual(expect.arrayContaining(['run', 'validate', 'schema']));
    const out = path('schemas');
    const r = await runCli('schema', '--out', out);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'scenario.json'))).toBe(true);
    expect(existsSync(join(out, 'plan.json'))).toBe(true);
  });
});
