/**
 * `drillsim run` in-process through main(): the --json scorecard has the documented shape and agrees with
 * replications run directly; the same seed gives the same bytes and another seed other numbers; the table
 * names every metric, target and level; --trace writes replication 0's events as time-ordered NDJSON equal
 * to the events of that replication; bad options and bad files exit 2 and write nothing.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReplication } from '../../models/replication.js';
import { prepare } from '../../models/scenario/load.js';
import { METRIC_NAMES } from '../../models/scoring/metrics.js';
import type { Scorecard } from '../../models/scoring/scorecard.js';
import { formatInstant } from '../../models/schema/units.js';
import type { SimEvent } from '../../models/world/events.js';
import { runCli, tempDir } from './helpers.js';

const SCENARIO = fileURLToPath(new URL('../../scenarios/leshan-818-flood.yaml', import.meta.url));
/** The flood's metrics and the response's: what its scorecard lists (no rubble, fire or plume rows). */
const SCORED = prepare(SCENARIO).plan.metrics.map((m) => m.name);

let t: { dir: string; cleanup: () => void };
beforeAll(() => {
  t = tempDir();
});
afterAll(() => t.cleanup());

function parseCard(stdout: string): Scorecard {
  return JSON.parse(stdout) as Scorecard;
}

describe('drillsim run --json', () => {
  let first: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    first = await runCli('run', SCENARIO, '--replications', '3', '--json');
  });

  it('prints only the scorecard object, of the documented shape, with every metric', () => {
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    const card = parseCard(first.stdout);
    expect(card).toMatchObject({ scenario: 'leshan-818-flood', seed: 1, replications: 3 });
    expect(typeof card.plan).toBe('string');
    expect(Object.keys(card.metrics)).toEqual(SCORED);
    expect(SCORED).toContain('exposedPersonHours');
    expect(SCORED).not.toContain('quakeTrapped');
    for (const name of SCORED) {
      const m = card.metrics[name]!;
      expect(Object.keys(m)).toEqual(['mean', 'sd', 'ci95', 'p05', 'p50', 'p95', 'min', 'max']);
      // Order invariants of a summary of three values.
      expect(m.min!).toBeLessThanOrEqual(m.p05!);
      expect(m.p05!).toBeLessThanOrEqual(m.p50!);
      expect(m.p50!).toBeLessThanOrEqual(m.p95!);
      expect(m.p95!).toBeLessThanOrEqual(m.max!);
      expect(m.ci95![0]).toBeLessThanOrEqual(m.mean!);
      expect(m.ci95![1]).toBeGreaterThanOrEqual(m.mean!);
    }
    expect(card.targets.length).toBeGreaterThan(0);
    for (const target of card.targets) {
      expect(SCORED).toContain(target.metric);
      expect(['<=', '<', '>=', '>', '==']).toContain(target.op);
      expect([0, 1 / 3, 2 / 3, 1]).toContain(target.pMet);
      expect(target.pMetCi95![0]).toBeLessThanOrEqual(target.pMet!);
      expect(target.pMetCi95![1]).toBeGreaterThanOrEqual(target.pMet!);
      // Three replications never make a Wilson interval tight enough for 'met' at 90 %.
      const annual = target.metric === 'deathsPerMillion' || target.metric === 'affectedPer100k';
      expect(target.verdict).toBe(annual ? 'not judged' : target.pMetCi95![1] < 0.9 ? 'not met' : 'uncertain');
    }
  });

  it('agrees with the same replications run directly', () => {
    const card = parseCard(first.stdout);
    const { scenario, plan } = prepare(SCENARIO);
    const results = [0, 1, 2].map((i) => runReplication(scenario, plan, 1, i));
    for (const name of ['evacuated', 'deaths', 'exposedPersonHours'] as const) {
      const xs = results.map((r) => r.metrics[name]!);
      expect(card.metrics[name]!.mean).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / 3, 6);
      expect(card.metrics[name]!.min).toBe(Math.min(...xs));
      expect(card.metrics[name]!.max).toBe(Math.max(...xs));
    }
    expect(card.plan).toBe(plan.id);
    expect(card.targets.map((x) => [x.metric, x.op, x.value])).toEqual(plan.targets.map((x) => [x.metric, x.op, x.value]));
    // P(met) of each target counted by hand from the direct results.
    card.targets.forEach((target, i) => {
      const goal = plan.targets[i]!;
      const held = results.filter((r) => {
        const v = r.metrics[goal.metric]!;
        return goal.op === '<=' ? v <= goal.value : goal.op === '<' ? v < goal.value : goal.op === '>=' ? v >= goal.value : goal.op === '>' ? v > goal.value : v === goal.value;
      }).length;
      expect(target.pMet).toBe(held / 3);
    });
    // Level I: the first declaration of each replication.
    const firstI = results.map((r) => r.levels.find((l) => l.level === 'I')?.t).filter((x): x is number => x !== undefined);
    expect(card.levels['I']!.declaredIn).toBe(firstI.length / 3);
  });

  it('is deterministic for a seed and differs for another', async () => {
    const again = await runCli('run', SCENARIO, '--replications', '3', '--json', '--seed', '1');
    expect(again.stdout).toBe(first.stdout);
    const other = await runCli('run', SCENARIO, '--replications', '3', '--json', '--seed', '2');
    expect(other.code).toBe(0);
    const a = parseCard(first.stdout);
    const b = parseCard(other.stdout);
    expect(b.seed).toBe(2);
    expect(b.metrics['exposedPersonHours']!.mean).not.toBe(a.metrics['exposedPersonHours']!.mean);
    expect(b.metrics['evacuated']!.mean).not.toBe(a.metrics['evacuated']!.mean);
  });
});

describe('drillsim run (table)', () => {
  it('prints every metric, each target with P(met) and verdict, and level declarations in local time', async () => {
    const table = await runCli('run', SCENARIO, '--replications', '2', '--seed', 'drill-2024');
    expect(table.code).toBe(0);
    const json = parseCard((await runCli('run', SCENARIO, '--replications', '2', '--seed', 'drill-2024', '--json')).stdout);
    expect(json.seed).toBe('drill-2024');
    const lines = table.stdout.split('\n');
    expect(lines[0]).toContain('seed "drill-2024", 2 replications');
    for (const name of METRIC_NAMES) expect(lines.some((l) => l.startsWith(`${name} `))).toBe(SCORED.includes(name));
    for (const target of json.targets) {
      const row = lines.find((l) => l.startsWith(`${target.metric} ${target.op} `));
      expect(row, `${target.metric} ${target.op}`).toBeDefined();
      expect(row).toContain(target.verdict === 'not met' ? ' NOT MET ' : ` ${target.verdict} `);
    }
    // Each declared level's median first declaration, as an instant in the scenario's +08:00.
    for (const [level, timing] of Object.entries(json.levels)) {
      const row = lines.find((l) => l.startsWith(`${level} `));
      expect(row).toBeDefined();
      if (timing.p50 !== null) expect(row).toContain(formatInstant(timing.p50, json.start));
    }
    expect(table.stdout).toMatch(/2020-08-1\dT\d\d:\d\d\+08:00/);
  });
});

describe('drillsim run --trace', () => {
  it("writes replication 0's events as time-ordered NDJSON, the same events as running it directly", async () => {
    const file = join(t.dir, 'trace.ndjson');
    const run = await runCli('run', SCENARIO, '--replications', '2', '--json', '--trace', file);
    expect(run.code).toBe(0);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const events = lines.map((l) => JSON.parse(l) as SimEvent);
    for (let i = 1; i < events.length; i++) expect(events[i]!.t).toBeGreaterThanOrEqual(events[i - 1]!.t);
    expect(events.filter((e) => e.kind === 'level.declared').length).toBeGreaterThan(0);
    const { scenario, plan } = prepare(SCENARIO);
    const direct: SimEvent[] = [];
    runReplication(scenario, plan, 1, 0, { trace: (e) => direct.push(e) });
    expect(events).toEqual(JSON.parse(JSON.stringify(direct)));
    // No temporary file left behind.
    expect(readdirSync(t.dir).filter((n) => n.includes('trace'))).toEqual(['trace.ndjson']);
  });

  it('writes nothing for a bad scenario or a bad option', async () => {
    const dir = join(t.dir, 'bad-trace');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(SCENARIO, 'utf8').replace(/^horizon:/m, 'horizn:'));
    const trace = join(dir, 'trace.ndjson');
    const r1 = await runCli('run', bad, '--trace', trace, '--replications', '1');
    expect(r1.code).toBe(2);
    expect(r1.stdout).toBe('');
    expect(r1.stderr).toContain(`${bad}:`);
    const r2 = await runCli('run', SCENARIO, '--trace', trace, '--replications', '0');
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('--replications');
    expect(existsSync(trace)).toBe(false);
    expect(readdirSync(dir)).toEqual(['bad.yaml']);
  });
});

describe('drillsim run: option checks', () => {
  it.each([
    ['--replications', '0', /--replications must be a whole number/],
    ['--replications', '2.5', /--replications must be a whole number/],
    ['--replications', 'ten', /--replications must be a whole number/],
    ['--seed', '-3', /--seed must be a whole number/],
    ['--seed', '1.5', /--seed must be a whole number/],
    ['--seed', '1e3', /--seed must be a whole number/],
    ['--seed', '', /--seed must be a whole number or a non-empty string/],
    ['--seed', '9007199254740993', /at most 2\^53/],
  ])('%s %s exits 2 with a message', async (option, value, message) => {
    const r = await runCli('run', SCENARIO, option, value, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});
