/**
 * `drillsim validate` for documents, in-process through main(): a valid scenario, plan or registered kind
 * exits 0 with `ok: <file> (<kind> '<id>')`; each bad file exits 2 with `file:line:col: error: /pointer
 * message` lines on stderr; several paths are all checked and reported; a directory of YAML files stands
 * for its files; region directories are still validated as before.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentKinds } from '../../api/cli/commands/validate.js';
import { documentHeader } from '../../models/schema/document.js';
import { Duration } from '../../models/schema/units.js';
import { runCli, tempDir } from './helpers.js';

const StandIn = Type.Object(
  {
    ...documentHeader('test-drill'),
    id: Type.String({ minLength: 1 }),
    injects: Type.Array(
      Type.Union([
        Type.Object({ at: Duration(), closeEdge: Type.String() }, { additionalProperties: false }),
        Type.Object({ at: Duration(), message: Type.String() }, { additionalProperties: false }),
      ]),
    ),
  },
  { additionalProperties: false },
);

let t: { dir: string; cleanup: () => void };
beforeAll(() => {
  t = tempDir();
  documentKinds.push({
    kind: 'test-drill',
    schema: StandIn,
    // A semantic check the schema cannot make, located through the document.
    check: (value, doc) =>
      (value as { injects: Array<{ closeEdge?: string }> }).injects.flatMap((inject, i) =>
        inject.closeEdge === 'no-such-edge'
          ? [doc.issue(`/injects/${i}/closeEdge`, "unknown edge 'no-such-edge'")]
          : inject.closeEdge === 'odd-edge'
            ? [doc.issue(`/injects/${i}/closeEdge`, 'this edge is a ferry', { severity: 'warning' })]
            : [],
      ),
  });
});
afterAll(() => {
  documentKinds.splice(documentKinds.findIndex((k) => k.kind === 'test-drill'), 1);
  t.cleanup();
});

function write(name: string, text: string): string {
  const file = join(t.dir, name);
  writeFileSync(file, text);
  return file;
}

const DRILL = 'drillsim: 1\nkind: test-drill\nid: d1\ninjects:\n  - { at: 2h, closeEdge: e12 }\n  - at: 3h\n    message: bridge closed\n';

describe('drillsim validate: documents of a registered kind', () => {
  it('a valid YAML document exits 0 and names its kind and id', async () => {
    const file = write('ok.yaml', DRILL);
    const run = await runCli('validate', file);
    expect(run).toEqual({ code: 0, stdout: `ok: ${file} (test-drill 'd1')\n`, stderr: '' });
  });

  it('the same document as JSON', async () => {
    const file = write('ok.json', JSON.stringify({ drillsim: 1, kind: 'test-drill', id: 'j1', injects: [{ at: 90, message: 'x' }] }, null, 2));
    const run = await runCli('validate', file);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`ok: ${file} (test-drill 'j1')\n`);
  });

  it('a bad document exits 2 with one located line per problem and nothing on stdout', async () => {
    const file = write('bad.yaml', 'drillsim: 1\nkind: test-drill\nid: d1\ninjects:\n  - { at: 2 hours, closeEdge: e12 }\n  - at: 3h\n    mesage: bridge closed\ncolour: red\n');
    const run = await runCli('validate', file);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      `${file}:5:11: error: /injects/0/at "2 hours" is not a duration: unknown unit 'hours' (write h); the units are d, h, min and s; expected a duration such as 90s, 45min, 6h, 3d or 1h30min, or a number of minutes`,
    );
    expect(lines[1]).toMatch(new RegExp(`^${file}:7:5: error: /injects/1/mesage unknown key 'mesage' \\(did you mean 'message'\\?\\); expected one of: at, message \\(read as the form \\{at, message\\}`));
    expect(lines[2]).toBe(`${file}:8:1: error: /colour unknown key 'colour'; expected one of: drillsim, kind, id, injects`);
  });

  it('semantic checks of the kind run after the schema: errors exit 2, warnings are shown and pass', async () => {
    const bad = write('semantic.yaml', DRILL.replace('e12', 'no-such-edge'));
    const run = await runCli('validate', bad);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${bad}:5:26: error: /injects/0/closeEdge unknown edge 'no-such-edge'\n`);
    const odd = write('warn.yaml', DRILL.replace('e12', 'odd-edge'));
    const warned = await runCli('validate', odd);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toBe(`${odd}:5:26: warning: /injects/0/closeEdge this edge is a ferry\n`);
    expect(warned.stdout).toBe(`ok: ${odd} (test-drill 'd1') (1 warning)\n`);
  });

  it('YAML syntax errors, alias bombs and unknown kinds are bad input, located', async () => {
    const syntax = write('syntax.yaml', 'drillsim: 1\nkind: test-drill\ninjects: [a, b\nid: x\n');
    const s = await runCli('validate', syntax);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(new RegExp(`^${syntax}:4:1: error: invalid YAML: `));

    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    const bomb = write('bomb.yaml', lines.join('\n'));
    const b = await runCli('validate', bomb);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/too many alias expansions/);

    const unknown = write('unknown.yaml', 'drillsim: 1\nkind: drill-script\nid: x\n');
    const u = await runCli('validate', unknown);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(new RegExp(`^${unknown}:2:7: error: /kind unknown kind 'drill-script': expected scenario, plan, test-drill \\(YAML or JSON\\), or region, region-zones, region-assets, region-network \\(JSON\\)`));

    const noKind = write('nokind.yaml', 'drillsim: 1\nid: x\n');
    expect((await runCli('validate', noKind)).stderr).toMatch(/\/kind missing 'kind': say what this document is: scenario, plan/);
  });

  it('several paths: every one is checked, the valid ones say ok, and any failure makes the exit 2', async () => {
    const ok = write('several-ok.yaml', DRILL);
    const bad = write('several-bad.yaml', DRILL.replace('id: d1', 'id: ""'));
    const missing = join(t.dir, 'missing.yaml');
    const run = await runCli('validate', ok, bad, missing);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe(`ok: ${ok} (test-drill 'd1')\n`);
    expect(run.stderr).toBe(`${bad}:3:5: error: /id must not be empty\n${missing}: error: no such file or directory (nor a built-in region)\n`);
    const both = await runCli('validate', ok, ok);
    expect(both.code).toBe(0);
    expect(both.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('a directory of YAML files stands for its files', async () => {
    const dir = join(t.dir, 'plans');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.yaml'), DRILL);
    writeFileSync(join(dir, 'b.yml'), DRILL.replace('id: d1', 'id: d2'));
    writeFileSync(join(dir, 'notes.txt'), 'not yaml');
    const run = await runCli('validate', dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`ok: ${join(dir, 'a.yaml')} (test-drill 'd1')\nok: ${join(dir, 'b.yml')} (test-drill 'd2')\n`);
  });
});

describe('drillsim validate: scenarios and plans', () => {
  const plan = [
    'drillsim: 1',
    'kind: plan',
    'id: tiny-plan',
    'title: Tiny plan',
    'levels:',
    '  - level: IV',
    '    when: { gauge: wutongqiao, stageAboveM: 338.7 }',
    '    actions:',
    '      - { id: "4.1.1", warn: { channels: [cell-broadcast], zones: { tag: riverside } } }',
    '  - level: I',
    '    when: { any: [ { gauge: wutongqiao, forecastStageAboveM: 342.7, lead: 6h } ] }',
    '    actions:',
    '      - { id: "4.4.2", evacuate: { zones: { tag: floodplain } }, deadline: 6h }',
    'targets:',
    '  - { metric: deaths, op: "<=", value: 0 }',
    '',
  ].join('\n');

  it('a plan: valid exits 0; a typo in a trigger is located and names the intended key', async () => {
    const ok = write('plan.yaml', plan);
    const run = await runCli('validate', ok);
    // Without --scenario only the structure can be checked, and a note on stderr says so.
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`ok: ${ok} (plan 'tiny-plan')\n`);
    expect(run.stderr).toMatch(/^note: .*--scenario/);
    const bad = write('plan-bad.yaml', plan.replace('stageAboveM: 338.7', 'stageAboveMM: 338.7'));
    const b = await runCli('validate', bad);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(new RegExp(`^${bad}:7:32: error: /levels/0/when/stageAboveMM unknown key 'stageAboveMM' \\(did you mean 'stageAboveM'\\?\\)`));
    expect(b.stderr.trim().split('\n').filter((l) => !l.startsWith('note:'))).toHaveLength(1);
  });

  it('a scenario whose start has no offset is refused at that line', async () => {
    const scenario = [
      'drillsim: 1',
      'kind: scenario',
      'id: tiny',
      'title: Tiny',
      'region: leshan',
      'start: 2020-08-15T00:00',
      'horizon: 6d',
      'hazards:',
      '  - kind: flood',
      '    gauges: {}',
      '',
    ].join('\n');
    const file = write('scenario.yaml', scenario);
    const run = await runCli('validate', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^${file}:6:8: error: /start "2020-08-15T00:00" is not an instant: it has no UTC offset`));
    const fixed = write('scenario-ok.yaml', scenario.replace('2020-08-15T00:00', '2020-08-15T00:00+08:00'));
    const ok = await runCli('validate', fixed);
    expect(ok).toEqual({ code: 0, stdout: `ok: ${fixed} (scenario 'tiny')\n`, stderr: '' });
  });

  it('a JSON plan of a future format version is refused at its version', async () => {
    const file = write('wrong.json', JSON.stringify({ drillsim: 2, kind: 'plan', id: 'x', title: 'x' }));
    const run = await runCli('validate', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${file}:1:13: error: /drillsim format version 2 is newer than this drillsim reads (1); upgrade drillsim, or write the file in version 1\n`);
  });

  it('region directories are validated as before, beside documents', async () => {
    const file = write('with-region.yaml', plan);
    const run = await runCli('validate', 'leshan', file);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ok: .*leshan: region 'leshan': \d+ nodes/);
    expect(lines[1]).toBe(`ok: ${file} (plan 'tiny-plan')`);
  });
});
