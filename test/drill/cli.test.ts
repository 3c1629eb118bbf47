/**
 * `drillsim drill script|evaluate|programme` on the Testvale fixture (small and fast): every layout and the
 * CAP alerts are written; the evaluation's --json has the fields issue 15 names; bad logs (an unknown
 * action or clause, a time outside the drill, a malformed row, bad JSON entries) give located errors
 * (file:line:column), exit 2, and write nothing; the programme ranks never-drilled important clauses first.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { DrillEvaluationSchema, DrillScriptSchema, type DrillScript } from '../../models/schema/drill.js';
import { runCli, tempDir } from '../cli/helpers.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'model');
const SCENARIO = join(FIXTURES, 'testvale-flood.yaml');
const PLAN = join(FIXTURES, 'plans', 'basic.yaml');
const LATE = join(FIXTURES, 'plans', 'basic-late.yaml');

let dir: string;
let cleanup: () => void;
let script: DrillScript;
let scriptFile: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  scriptFile = join(dir, 'script.json');
  const r = await runCli('drill', 'script', SCENARIO, '--plan', PLAN, '--replications', '4', '--seed', '7', '--workers', '0', '--out', scriptFile, '--cap', join(dir, 'cap'));
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  script = JSON.parse(readFileSync(scriptFile, 'utf8')) as DrillScript;
});
afterAll(() => cleanup());

const write = (name: string, text: string): string => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

describe('drill script', () => {
  it('writes the JSON script (valid against its schema) and one CAP 1.2 alert per warning clause', () => {
    expect(Value.Check(DrillScriptSchema, script)).toBe(true);
    expect(script).toMatchObject({ scenario: 'testvale-flood', plan: 'testvale-basic', seed: 7, replications: 4, compress: 1 });
    for (const k of ['injects', 'expectedActions', 'objectives'] as const) expect(script[k].length).toBeGreaterThan(0);
    for (const i of script.injects) expect(Object.keys(i)).toEqual(expect.arrayContaining(['id', 't', 'from', 'to', 'method', 'message']));
    for (const a of script.expectedActions) expect(Object.keys(a)).toEqual(expect.arrayContaining(['id', 'clause', 'owner', 'triggeredShare', 'start', 'complete']));
    const warns = script.expectedActions.filter((a) => a.type === 'warn');
    expect(readdirSync(join(dir, 'cap')).sort()).toEqual(warns.map((a) => `${a.clause}.cap.xml`).sort());
    const xml = readFileSync(join(dir, 'cap', `${warns[0]!.clause}.cap.xml`), 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">/);
    for (const el of ['identifier', 'sender', 'sent', 'status', 'msgType', 'scope', 'info', 'category', 'event', 'urgency', 'severity', 'certainty', 'area', 'areaDesc']) expect(xml).toContain(`<${el}>`);
    expect(xml).toContain('<status>Exercise</status>');
    // CAP dateTime: seconds and a numeric offset, never "Z".
    expect(xml).toMatch(/<sent>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00<\/sent>/);
  });

  it('writes the MSEL CSV, the Markdown and the Chinese 演练脚本, compressed by a factor or to a length', async () => {
    for (const [format, check] of [
      ['csv', (t: string) => expect(t.split('\r\n')[0]).toBe('inject,drill_time,drill_min,scenario_time,from,to,method,message,expected_action,objective,contingency,simulated_state')],
      ['md', (t: string) => expect(t).toContain('## Master scenario events list')],
      ['zh', (t: string) => expect(t).toMatch(/演练脚本[\s\S]*一、演练概况[\s\S]*二、演练目标[\s\S]*三、演练脚本[\s\S]*四、预期行动与时间窗/)],
    ] as const) {
      const out = join(dir, `script-${format}.${format}`);
      const r = await runCli('drill', 'script', SCENARIO, '--plan', PLAN, '--replications', '2', '--workers', '0', '--compress', '12h', '--format', format, '--out', out);
      expect(r.code, r.stderr).toBe(0);
      check(readFileSync(out, 'utf8'));
    }
    const compressed = join(dir, 'c.json');
    expect((await runCli('drill', 'script', SCENARIO, '--replications', '2', '--workers', '0', '--compress', '4', '--out', compressed)).code).toBe(0);
    expect((JSON.parse(readFileSync(compressed, 'utf8')) as DrillScript).duration).toBe(2 * 1440 / 4);
  });

  it('refuses bad options with exit 2 and writes nothing', async () => {
    const out = join(dir, 'never.json');
    for (const args of [
      ['--compress', '0.5'],
      ['--compress', '9d'],
      ['--format', 'pdf'],
      ['--replications', '0'],
    ]) {
      const r = await runCli('drill', 'script', SCENARIO, '--workers', '0', '--out', out, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^drillsim: /);
    }
    expect((await runCli('drill', 'script', SCENARIO, '--workers', '0')).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe('drill evaluate', () => {
  const p50Log = (): string => ['action,at,by,notes', ...script.expectedActions.map((a) => `${a.id},${a.start.p50},HQ,"ok, on the sheet"`)].join('\n');

  it('prints the evaluation the issue specifies with --json and writes the report', async () => {
    const log = write('log.csv', p50Log());
    const report = join(dir, 'report.html');
    const r = await runCli('drill', 'evaluate', scriptFile, log, '--json', '--out', report, '--date', '2025-06-12');
    expect(r.code, r.stderr).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(Value.Check(DrillEvaluationSchema, e)).toBe(true);
    for (const a of e.actions) {
      expect(Object.keys(a)).toEqual(expect.arrayContaining(['id', 'clause', 'at', 'percentile', 'verdict']));
      expect(a.verdict).toBe('on-time');
    }
    for (const o of e.objectives) expect(o).toMatchObject({ rating: 'P', reason: expect.any(String) });
    expect(e.date).toBe('2025-06-12');
    expect(readFileSync(report, 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*<svg[\s\S]*Improvement plan/);
  });

  it('reads ISO times with offset against the drill start', async () => {
    const a = script.expectedActions[0]!;
    const at = new Date(Date.parse(script.start) + a.start.p50! * 60_000).toISOString().replace('Z', '+00:00');
    const log = write('iso.csv', `action,at,by,notes\n${a.clause},${at},,\n`);
    const r = await runCli('drill', 'evaluate', scriptFile, log, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).actions[0]).toMatchObject({ id: a.id, verdict: 'on-time' });
    expect(JSON.parse(r.stdout).date).toBe(at.slice(0, 10));
  });

  const BAD: Array<{ name: string; file: string; text: () => string; line: number; column: number; message: RegExp }> = [
    { name: 'an unknown action', file: 'unknown.csv', text: () => 'action,at,by,notes\nA-9.9,100,HQ,\n', line: 2, column: 1, message: /unknown action or clause 'A-9.9'/ },
    { name: 'a time outside the drill', file: 'late.csv', text: () => `action,at,by,notes\nA-1.1,99999,HQ,\n`, line: 2, column: 5 + 2, message: /outside the drill/ },
    { name: 'a negative time', file: 'neg.csv', text: () => `action,at,by,notes\nA-1.1,-5,HQ,\n`, line: 2, column: 5 + 2, message: /outside the drill/ },
    { name: 'a time that is no time', file: 'word.csv', text: () => `action,at,by,notes\nA-1.1,noon,HQ,\n`, line: 2, column: 5 + 2, message: /is not a time/ },
    { name: 'a row with a field too many', file: 'fields.csv', text: () => `action,at,by,notes\nA-1.1,100,HQ,a,b\n`, line: 2, column: 5 + 11, message: /5 fields; the header has 4/ },
    { name: 'a quote left open', file: 'quote.csv', text: () => `action,at,by,notes\nA-1.1,100,HQ,"never closed\n`, line: 2, column: 5 + 9, message: /not closed/ },
    { name: 'a wrong header', file: 'header.csv', text: () => 'action,time,by,notes\n', line: 1, column: 8, message: /unknown column 'time'/ },
    { name: 'a JSON entry naming no expected action', file: 'bad.json', text: () => '{\n  "entries": [\n    { "action": "A-1.1", "at": 300 },\n    { "action": "7.7", "at": 300 }\n  ]\n}\n', line: 4, column: 17, message: /unknown action or clause '7.7'/ },
    { name: 'a JSON entry of the wrong shape', file: 'shape.json', text: () => '[\n  { "action": "A-1.1", "when": 3 }\n]\n', line: 2, column: 3, message: /./ },
  ];

  for (const c of BAD) {
    it(`refuses ${c.name}: located error, exit 2, nothing written`, async () => {
      const log = write(c.file, c.text());
      const report = join(dir, `${c.file}.html`);
      const r = await runCli('drill', 'evaluate', scriptFile, log, '--out', report);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`${log}:${c.line}:${c.column}: error`);
      expect(r.stderr).toMatch(c.message);
      expect(existsSync(report)).toBe(false);
    });
  }

  it('refuses a file that is not a drill script, located', async () => {
    const r = await runCli('drill', 'evaluate', write('notscript.json', '{\n  "kind": "plan"\n}\n'), write('ok.csv', p50Log()));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/notscript\.json:2:\d+: error: \/kind not a drill script/);
  });
});

describe('drill programme', () => {
  it('ranks clauses by importance x years since last drilled and fills the drills per year', async () => {
    // A past drill that performed every clause but one, a year and a half before the programme year.
    const rows = script.expectedActions.filter((_, i) => i !== 0).map((a) => `${a.id},${a.start.p50},HQ,`);
    const log = write('past.csv', ['action,at,by,notes', ...rows].join('\n'));
    const past = await runCli('drill', 'evaluate', scriptFile, log, '--json', '--date', '2024-07-01');
    expect(past.code, past.stderr).toBe(0);
    const evaluation = write('past.json', past.stdout);
    const screen = write(
      'screen.json',
      JSON.stringify({ scenario: 'testvale-flood', plan: 'testvale-basic', metric: 'deaths', parameters: [{ name: 'evacuation.compliance', muStar: 2 }, { name: 'dispatch.turnoutMin', muStar: 1 }] }),
    );
    const compare = write('compare.json', JSON.stringify({ scenario: 'testvale-flood', planA: 'testvale-basic', planB: 'testvale-basic-late', metrics: { deaths: { pBBetter: 0.1 } } }));
    const r = await runCli('drill', 'programme', '--script', scriptFile, '--evaluation', evaluation, '--screen', screen, '--compare', compare, '--plan', PLAN, '--plan', LATE, '--year', '2026', '--clauses-per-drill', '3', '--json');
    expect(r.code, r.stderr).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.drills).toHaveLength(1);
    expect(p.drills[0].clauses).toHaveLength(3);
    // The clause never performed is as stale as allowed; the others 1.5 years.
    const first = script.expectedActions[0]!.clause;
    const never = p.clauses.find((c: { clause: string }) => c.clause === first);
    expect(never).toMatchObject({ lastDrilled: null, years: 3 });
    for (const c of p.clauses.filter((x: { clause: string }) => x.clause !== first)) {
      expect(c.lastDrilled).toBe('2024-07-01');
      expect(c.years).toBeCloseTo(1.5, 1);
    }
    // Evacuation clauses carry the screening's top parameter; every clause the comparison (a late plan) touches.
    const evac = p.clauses.find((c: { clause: string }) => c.clause === '2.2');
    expect(evac.importance).toBeCloseTo(1 + 1 + 0.8, 9);
    // Sorted by priority, and the drill takes the top three.
    const priorities = p.clauses.map((c: { priority: number }) => c.priority);
    expect(priorities).toEqual([...priorities].sort((a: number, b: number) => b - a));
    expect(p.drills[0].clauses).toEqual(p.clauses.slice(0, 3).map((c: { clause: string }) => c.clause));
    expect(p.deferred.length).toBe(p.clauses.length - 3);
  });

  it('asks for the plan files of a comparison it cannot read', async () => {
    const compare = write('compare2.json', JSON.stringify({ planA: 'testvale-basic', planB: 'other', metrics: { deaths: { pBBetter: 0.2 } } }));
    const r = await runCli('drill', 'programme', '--script', scriptFile, '--compare', compare, '--plan', PLAN);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/compare2\.json: error: \/planB the comparison names plan 'other': give its file with --plan/);
  });
});
