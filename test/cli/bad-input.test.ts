/**
 * Bad scenario and plan files, for `drillsim run` and `drillsim validate`: each is refused with exit 2,
 * its error names file:line:col and the JSON pointer, and run writes nothing (no stdout, no trace file).
 * The files are small ones written here (a one-gauge scenario on the Leshan region and a two-level plan),
 * so the expected lines are computed from the test's own text; the good pair is checked to pass first.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineOf, runCli, tempDir } from './helpers.js';

const SCENARIO = `drillsim: 1
kind: scenario
id: tiny
title: Tiny flood
region: leshan
start: 2020-08-17T00:00+08:00
horizon: 2d
plan: tiny-plan.yaml
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
  - level: II
    when: { gauge: xiaogongzui, stageAboveM: 362.5 }
    actions:
      - { id: "2.1", evacuate: { zones: { tag: floodplain } }, deadline: 6h }
targets:
  - { metric: deaths, op: "<=", value: 0 }
`;

interface Case {
  name: string;
  kind: 'scenario' | 'plan';
  from: string;
  to: string;
  pointer: string;
  /** Text on the line the error must point at. */
  at: string;
  /** Also accept the next line (the value of a key whose value is a block mapping). */
  orValue?: boolean;
}

const CASES: Case[] = [
  { name: "a typo'd key", kind: 'scenario', from: 'horizon: 2d', to: 'horizn: 2d', pointer: '/horizn', at: 'horizn:' },
  { name: 'an unknown gauge', kind: 'scenario', from: '      xiaogongzui:', to: '      xiaogongzuii:', pointer: '/hazards/0/gauges/xiaogongzuii', at: 'xiaogongzuii:', orValue: true },
  { name: 'a bad duration', kind: 'scenario', from: 'horizon: 2d', to: 'horizon: 2 days', pointer: '/horizon', at: 'horizon:' },
  { name: 'an instant without offset', kind: 'scenario', from: 'start: 2020-08-17T00:00+08:00', to: 'start: 2020-08-17T00:00', pointer: '/start', at: 'start:' },
  { name: "a typo'd key", kind: 'plan', from: 'stageAboveM: 362.5', to: 'stageAboveMM: 362.5', pointer: '/levels/1/when/stageAboveMM', at: 'stageAboveMM' },
  { name: 'an unknown zone tag in a selector', kind: 'plan', from: 'tag: floodplain', to: 'tag: flodplain', pointer: '/levels/1/actions/0/evacuate/zones', at: 'flodplain' },
  { name: 'an unknown gauge', kind: 'plan', from: 'gauge: xiaogongzui, stageAboveM: 361.0', to: 'gauge: xiaogongzu, stageAboveM: 361.0', pointer: '/levels/0/when/gauge', at: 'xiaogongzu,' },
  { name: 'a bad duration', kind: 'plan', from: 'deadline: 6h', to: 'deadline: 6 hours', pointer: '/levels/1/actions/0/deadline', at: '6 hours' },
  { name: 'an instant without offset', kind: 'plan', from: 'when: { gauge: xiaogongzui, stageAboveM: 362.5 }', to: 'when: { at: "2020-08-18T00:00" }', pointer: '/levels/1/when/at', at: '2020-08-18T00:00' },
];

let t: { dir: string; cleanup: () => void };
let goodScenario: string;
let goodPlan: string;
beforeAll(() => {
  t = tempDir();
  goodScenario = join(t.dir, 'tiny.yaml');
  goodPlan = join(t.dir, 'tiny-plan.yaml');
  writeFileSync(goodScenario, SCENARIO);
  writeFileSync(goodPlan, PLAN);
});
afterAll(() => t.cleanup());

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the good pair passes', () => {
  it('validates and runs', async () => {
    expect((await runCli('validate', goodScenario)).code).toBe(0);
    expect((await runCli('validate', goodPlan, '--scenario', goodScenario)).code).toBe(0);
    const run = await runCli('run', goodScenario, '--replications', '1', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ scenario: 'tiny', plan: 'tiny-plan', replications: 1 });
  });
});

describe.each(CASES)('a $kind with $name', (c) => {
  const original = c.kind === 'scenario' ? SCENARIO : PLAN;
  const text = original.replace(c.from, c.to);
  const name = `bad-${c.kind}-${c.pointer.replace(/\W+/g, '-')}.yaml`;
  const line = lineOf(text, c.at);
  const lines = c.orValue === true ? `(${line}|${line + 1})` : String(line);
  const expected = (file: string) => new RegExp(`^${escape(file)}:${lines}:\\d+: error: ${escape(c.pointer)} `, 'm');

  it('is refused by run: exit 2, located, nothing written', async () => {
    expect(text).not.toBe(original);
    const file = join(t.dir, name);
    writeFileSync(file, text);
    const trace = join(t.dir, `${name}.trace.ndjson`);
    const args = c.kind === 'scenario' ? ['run', file, '--plan', goodPlan] : ['run', goodScenario, '--plan', file];
    const r = await runCli(...args, '--replications', '1', '--trace', trace);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(expected(file));
    expect(existsSync(trace)).toBe(false);
    expect(readdirSync(t.dir).filter((f) => f.includes('trace'))).toEqual([]);
  });

  it('is refused by validate at the same place', async () => {
    const file = join(t.dir, name);
    writeFileSync(file, text);
    const r = await runCli('validate', file, ...(c.kind === 'plan' ? ['--scenario', goodScenario] : []));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(expected(file));
  });
});
