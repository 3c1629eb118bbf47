/**
 * The generic document loader with small schemas of its own: each kind of bad input gives a located
 * issue (file, line, column, JSON pointer) whose message says what was expected; every problem is
 * reported at once; resource limits (size, nesting, alias expansion) fail fast with an InputError
 * rather than exhausting the process; versioned headers are checked first.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type, type TSchema } from '@sinclair/typebox';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, type InputIssue } from '../../engine/errors.js';
import {
  checkValue,
  closestName,
  documentHeader,
  loadDocument,
  loadDocumentFile,
  loadLocatedDocument,
  parseYamlDocument,
} from '../../models/schema/document.js';
import { Duration, Instant, InstantString } from '../../models/schema/units.js';

const GaugeStage = Type.Object({ gauge: Type.String(), stageAboveM: Type.Number() }, { additionalProperties: false });
const GaugeForecast = Type.Object(
  { gauge: Type.String(), forecastStageAboveM: Type.Number(), lead: Duration() },
  { additionalProperties: false },
);
const ZoneFlooded = Type.Object({ zoneFlooded: Type.String() }, { additionalProperties: false });
const After = Type.Object({ after: Duration() }, { additionalProperties: false });
const Trigger = Type.Recursive(
  (Self) =>
    Type.Union([
      GaugeStage,
      GaugeForecast,
      ZoneFlooded,
      After,
      Type.Object({ any: Type.Array(Self, { minItems: 1 }) }, { additionalProperties: false }),
      Type.Object({ not: Self }, { additionalProperties: false }),
    ]),
  { $id: 'TestTrigger' },
);
const Action = Type.Union([
  Type.Object(
    { id: Type.String(), warn: Type.Object({ channels: Type.Array(Type.String(), { minItems: 1 }) }, { additionalProperties: false }), deadline: Type.Optional(Duration()) },
    { additionalProperties: false },
  ),
  Type.Object(
    { id: Type.String(), evacuate: Type.Object({ zones: Type.String() }, { additionalProperties: false }), deadline: Type.Optional(Duration()) },
    { additionalProperties: false },
  ),
]);
const Hazard = Type.Union([
  Type.Object({ kind: Type.Literal('flood'), gauges: Type.Array(Type.String()) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('hazchem'), plant: Type.String() }, { additionalProperties: false }),
]);
const Drill = Type.Object(
  {
    ...documentHeader('test-drill'),
    id: Type.String({ minLength: 1 }),
    start: InstantString(),
    at: Type.Optional(Instant()),
    count: Type.Optional(Type.Integer({ minimum: 0 })),
    level: Type.Optional(Type.Union([Type.Literal('I'), Type.Literal('II'), Type.Literal('III'), Type.Literal('IV')])),
    when: Type.Optional(Trigger),
    actions: Type.Optional(Type.Array(Action)),
    hazards: Type.Optional(Type.Array(Hazard)),
    parameters: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z]+\\.[a-z]+$' }), Type.Number(), { additionalProperties: false })),
    tags: Type.Optional(Type.Array(Type.String(), { uniqueItems: true })),
  },
  { additionalProperties: false },
);

const HEAD = 'drillsim: 1\nkind: test-drill\nid: d1\nstart: 2020-08-15T00:00+08:00\n';

/** The issues a load raises (fails the test if it does not raise an InputError). */
function issuesOf(text: string, schema: TSchema = Drill, file = 'drill.yaml', options = {}): InputIssue[] {
  try {
    loadDocument({ text, file }, schema, options);
  } catch (err) {
    if (err instanceof InputError) return err.issues;
    throw err;
  }
  throw new Error('expected an InputError');
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function at(text: string, needle: string): { line: number; column: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length, column: i - before.lastIndexOf('\n') };
}

describe('loadDocument: valid documents', () => {
  it('returns the raw document, durations and instants as written', () => {
    const text = `${HEAD}at: 2020-08-18T06:00+08:00\nwhen: { any: [ { gauge: wutongqiao, stageAboveM: 338.7 }, { after: 1h30min } ] }\nactions:\n  - { id: "4.1.1", warn: { channels: [sms] }, deadline: 6h }\n`;
    const doc = loadDocument({ text, file: 'drill.yaml' }, Drill);
    expect(doc.at).toBe('2020-08-18T06:00+08:00');
    expect(doc.when).toEqual({ any: [{ gauge: 'wutongqiao', stageAboveM: 338.7 }, { after: '1h30min' }] });
    expect(doc.actions?.[0]).toEqual({ id: '4.1.1', warn: { channels: ['sms'] }, deadline: '6h' });
  });

  it('reads JSON through the same path, tab indentation included', () => {
    const text = '{\n\t"drillsim": 1,\n\t"kind": "test-drill",\n\t"id": "j",\n\t"start": "2020-08-15T00:00Z",\n\t"count": 3\n}\n';
    expect(loadDocument({ text, file: 'drill.json' }, Drill).count).toBe(3);
  });

  it('strict JSON and YAML flow text that is not strict JSON both load', () => {
    const json = '{\n  "drillsim": 1,\n  "kind": "test-drill",\n  "id": "j",\n  "start": "2020-08-15T00:00Z",\n  "when": {"gauge": "g", "stageAboveMM": 3}\n}\n';
    const issues = issuesOf(json, Drill, 'drill.json');
    expect(issues).toEqual([
      expect.objectContaining({ file: 'drill.json', path: '/when/stageAboveMM', ...at(json, '"stageAboveMM"'), message: expect.stringMatching(/^unknown key 'stageAboveMM' \(did you mean 'stageAboveM'\?\)/) }),
    ]);
    // Unquoted keys and a comment: YAML, not JSON, though it starts with a brace.
    const flow = '{ drillsim: 1, kind: test-drill, id: f, start: 2020-08-15T00:00Z, count: 2 }  # flow style\n';
    expect(loadDocument({ text: flow }, Drill).count).toBe(2);
  });

  it('accepts a few anchors and aliases', () => {
    const text = `${HEAD}hazards:\n  - &f { kind: flood, gauges: [a] }\n  - *f\n`;
    expect(loadDocument({ text }, Drill).hazards).toEqual([
      { kind: 'flood', gauges: ['a'] },
      { kind: 'flood', gauges: ['a'] },
    ]);
  });
});

describe('loadDocument: located schema problems', () => {
  it('a typo in a key: its line and column, its pointer, the allowed keys and the likely meaning', () => {
    const text = `${HEAD}when:\n  gauge: wutongqiao\n  stageAboveMM: 338.7\n`;
    const issues = issuesOf(text);
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue).toMatchObject({ file: 'drill.yaml', path: '/when/stageAboveMM', ...at(text, 'stageAboveMM') });
    expect(issue!.message).toMatch(/^unknown key 'stageAboveMM' \(did you mean 'stageAboveM'\?\); expected one of: gauge, stageAboveM/);
    // A union of shapes: one message, naming the closest form, not one per form.
    expect(issue!.message).toContain('read as the form {gauge, stageAboveM}, the closest of 6 accepted forms');
  });

  it('a typo at the top level names every allowed key', () => {
    const text = `${HEAD}levle: I\n`;
    const [issue] = issuesOf(text);
    expect(issue).toMatchObject({ path: '/levle', ...at(text, 'levle') });
    expect(issue!.message).toBe(
      "unknown key 'levle' (did you mean 'level'?); expected one of: drillsim, kind, id, start, at, count, level, when, actions, hazards, parameters, tags",
    );
  });

  it('a wrong type says what was expected and what was found', () => {
    const text = `${HEAD}count: many\n`;
    const [issue] = issuesOf(text);
    expect(issue).toMatchObject({ path: '/count', message: 'expected a whole number; got "many"', ...at(text, 'many') });
    const quoted = issuesOf(`${HEAD}count: "3"\n`);
    expect(quoted[0]!.message).toMatch(/expected a whole number; got "3"/);
    const numberId = issuesOf(`${HEAD}actions:\n  - { id: 4.1, warn: { channels: [sms] } }\n`);
    expect(numberId[0]).toMatchObject({ path: '/actions/0/id', message: 'expected a string; got 4.1 (put it in quotes: "4.1")' });
  });

  it('a missing required key is located at its mapping', () => {
    const text = 'drillsim: 1\nkind: test-drill\nid: d1\n';
    const [issue] = issuesOf(text);
    expect(issue).toMatchObject({ path: '/start', line: 1, column: 1 });
    expect(issue!.message).toMatch(/^missing required key 'start' \(An ISO-8601 date-time with a UTC offset/);
    const nested = `${HEAD}when: { gauge: g1 }\n`;
    const [n] = issuesOf(nested);
    expect(n).toMatchObject({ path: '/when/stageAboveM', ...at(nested, '{ gauge') });
    expect(n!.message).toMatch(/^missing required key 'stageAboveM' \(read as the form \{gauge, stageAboveM\}/);
  });

  it('a constant out of a list names the list', () => {
    const text = `${HEAD}level: V\n`;
    expect(issuesOf(text)[0]).toMatchObject({ path: '/level', message: 'expected one of: I, II, III, IV; got "V"', ...at(text, 'V\n') });
    expect(issuesOf(`${HEAD}level: iv\n`)[0]!.message).toMatch(/did you mean 'IV'\?/);
  });

  it('a tagged union with an unknown tag names the tags; a known tag is checked as that form', () => {
    const text = `${HEAD}hazards:\n  - { kind: fire, gauges: [a] }\n  - { kind: hazchem, gauges: [a] }\n`;
    const issues = issuesOf(text);
    expect(issues[0]).toMatchObject({ path: '/hazards/0/kind', message: 'expected one of: flood, hazchem; got "fire"', ...at(text, 'fire') });
    // Reading order: the missing key sits at its mapping's opening brace, before the stray key.
    expect(issues.map((i) => i.path)).toEqual(['/hazards/0/kind', '/hazards/1/plant', '/hazards/1/gauges']);
    expect(issues[1]!.message).toBe("missing required key 'plant'");
    expect(issues[2]!.message).toBe("unknown key 'gauges'; expected one of: kind, plant");
  });

  it('an object union picks the form by its keys, and typos deep inside a recursive union are found', () => {
    const text = `${HEAD}when:\n  any:\n    - not: { zoneFloded: fengzhou }\n    - { gauge: g, forecastStageAboveM: 3, leadH: 6 }\nactions:\n  - { id: "1", evacuate: { zones: all }, deadline: 6 hours }\n  - { id: "2", warm: { channels: [sms] } }\n`;
    const issues = issuesOf(text);
    expect(issues.map((i) => i.path)).toEqual(['/when/any/0/not/zoneFloded', '/when/any/1/leadH', '/actions/0/deadline', '/actions/1/warm']);
    expect(issues[0]!.message).toMatch(/unknown key 'zoneFloded' \(did you mean 'zoneFlooded'\?\)/);
    expect(issues[1]!.message).toMatch(/unknown key 'leadH' \(did you mean 'lead'\?\); expected one of: gauge, forecastStageAboveM, lead/);
    // The duration's own problem, not the union's: no form note on it.
    expect(issues[2]!.message).toBe(
      '"6 hours" is not a duration: unknown unit \'hours\' (write h); the units are d, h, min and s; expected a duration such as 90s, 45min, 6h, 3d or 1h30min, or a number of minutes',
    );
    expect(issues[3]!.message).toMatch(/unknown key 'warm' \(did you mean 'warn'\?\); expected one of: id, warn, deadline \(read as the form \{id, warn\}/);
    for (const issue of issues) expect(issue.line).toBe(at(text, issue.path.split('/').pop()!).line);
  });

  it('a scalar where a mapping of several forms is expected lists the forms', () => {
    const [issue] = issuesOf(`${HEAD}when: "gauge > 338.7"\n`);
    expect(issue!.message).toBe(
      'expected a mapping of one of the forms {gauge, stageAboveM} | {gauge, forecastStageAboveM, lead} | {zoneFlooded} | {after} | {any} | {not}; got "gauge > 338.7"',
    );
  });

  it('instants without offset, and impossible dates, are located with the reason', () => {
    const text = `drillsim: 1\nkind: test-drill\nid: d1\nstart: 2020-02-30T00:00+08:00\nat: 2020-08-18T06:00\n`;
    const issues = issuesOf(text);
    expect(issues[0]).toMatchObject({ path: '/start', ...at(text, '2020-02-30') });
    expect(issues[0]!.message).toMatch(/February 2020 has 29 days, not 30/);
    expect(issues[1]).toMatchObject({ path: '/at', ...at(text, '2020-08-18T06:00') });
    expect(issues[1]!.message).toMatch(/no UTC offset/);
  });

  it('record keys that do not match the name pattern, and duplicate list items', () => {
    const text = `${HEAD}parameters: { evacuation.compliance: 0.8, Compliance: 0.8 }\ntags: [a, b, a]\n`;
    const issues = issuesOf(text);
    expect(issues[0]).toMatchObject({ path: '/parameters/Compliance', message: "'Compliance' is not a valid key here: keys must match ^[a-z]+\\.[a-z]+$", ...at(text, 'Compliance') });
    expect(issues[1]).toMatchObject({ path: '/tags', message: 'items must be unique; "a" appears more than once' });
  });

  it('reports every problem at once, in reading order', () => {
    const text = `${HEAD}count: -1\nlevel: V\nwhen: { after: soon }\nbogus: 1\n`;
    const issues = issuesOf(text);
    expect(issues.map((i) => i.path)).toEqual(['/count', '/level', '/when/after', '/bogus']);
    expect(issues.map((i) => i.line)).toEqual([5, 6, 7, 8]);
    expect(issues[0]!.message).toBe('expected at least 0; got -1');
  });

  it('caps the number of problems reported and says so', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `extra${i}: 1`).join('\n');
    const issues = issuesOf(`${HEAD}${lines}\n`, Drill, 'drill.yaml', { maxIssues: 10 });
    expect(issues).toHaveLength(11);
    expect(issues[10]!.message).toMatch(/stopped after 10 problems/);
  });

  it('a closed mapping rejects __proto__ as an unknown key (no prototype games)', () => {
    const issues = issuesOf(`${HEAD}__proto__: { polluted: true }\n`);
    expect(issues[0]).toMatchObject({ path: '/__proto__' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('loadDocument: versioned documents', () => {
  it('a missing version and kind are named, and the rest is still checked', () => {
    const issues = issuesOf('id: d1\nstart: 2020-08-15T00:00Z\ncolour: red\n');
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['/drillsim', "missing the format version: add 'drillsim: 1' at the top"],
      ['/kind', "missing 'kind: test-drill' (every drillsim document says what it is)"],
      ['/colour', expect.stringMatching(/^unknown key 'colour'/)],
    ]);
  });

  it('a newer or unknown version stops at the version', () => {
    const newer = issuesOf('drillsim: 2\nkind: test-drill\nwhatever: 1\n');
    expect(newer).toHaveLength(1);
    expect(newer[0]).toMatchObject({ path: '/drillsim', line: 1, column: 11, message: 'format version 2 is newer than this drillsim reads (1); upgrade drillsim, or write the file in version 1' });
    expect(issuesOf('drillsim: "one"\nkind: test-drill\n')[0]!.message).toBe('unknown format version "one": this drillsim reads drillsim: 1');
  });

  it('another kind of document is named as such', () => {
    const issues = issuesOf('drillsim: 1\nkind: scenario\nregion: leshan\n');
    expect(issues).toEqual([expect.objectContaining({ path: '/kind', line: 2, column: 7, message: "this is a 'scenario' document where a 'test-drill' was expected" })]);
  });

  it('an empty document or a list says what a document must be', () => {
    expect(issuesOf('')[0]!.message).toBe('the document is empty: expected a mapping that starts with drillsim: 1 and kind: test-drill');
    expect(issuesOf('# nothing\n')[0]!.message).toMatch(/the document is empty/);
    expect(issuesOf('- a\n- b\n')[0]!.message).toBe('expected a mapping (key: value lines) that starts with drillsim: 1 and kind: test-drill; got a list of 2');
  });
});

describe('parseYamlDocument: syntax and safety', () => {
  it('a YAML syntax error is located', () => {
    const text = `${HEAD}tags: [a, b\ncount: 3\n`;
    const issues = issuesOf(text);
    expect(issues[0]).toMatchObject({ path: '', file: 'drill.yaml', line: 6, column: 1 });
    expect(issues[0]!.message).toMatch(/^invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]/);
    const unterminated = issuesOf(`${HEAD}id2: "open\n`);
    expect(unterminated[0]!.message).toMatch(/invalid YAML: Missing closing "quote/);
  });

  it('a key given twice is an error at the second, naming the first line', () => {
    const text = `${HEAD}count: 1\ncount: 2\n`;
    const issues = issuesOf(text);
    expect(issues).toEqual([
      expect.objectContaining({ path: '', line: 6, column: 1, message: "key 'count' appears twice in this mapping (first at line 5)" }),
    ]);
    // In JSON too (JSON.parse would silently keep the last one).
    const json = issuesOf('{"drillsim": 1, "kind": "test-drill", "kind": "test-drill"}', Drill, 'd.json');
    expect(json[0]).toMatchObject({ line: 1, column: 39, message: expect.stringMatching(/key 'kind' appears twice/) });
  });

  it('custom tags and YAML 1.1 tags are refused', () => {
    expect(issuesOf(`${HEAD}count: !!js/function "x"\n`)[0]!.message).toMatch(/unsupported tag .*no custom or YAML 1\.1 tags/);
    expect(issuesOf(`${HEAD}tags: !!binary aGk=\n`)[0]!.message).toMatch(/unsupported tag !!binary/);
    expect(issuesOf(`${HEAD}tags: !custom [a]\n`)[0]).toMatchObject({ line: 5, message: expect.stringMatching(/unsupported tag !custom/) });
  });

  it('a second document in the text is refused', () => {
    expect(issuesOf(`${HEAD}---\n${HEAD}`)[0]!.message).toMatch(/more than one YAML document/);
  });

  it('an alias to no anchor is located', () => {
    const text = `${HEAD}tags: *nothing\n`;
    expect(issuesOf(text)[0]).toMatchObject({ line: 5, column: 7, message: 'alias *nothing has no anchor &nothing before it' });
  });

  it('an alias bomb (billion laughs) fails fast with a bad-input error', () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    const text = lines.join('\n');
    // 9^10 (3.5 billion) strings if expanded.
    const issues = issuesOf(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/too many alias expansions \(limit 100\).*billion laughs/);
    expect(issues[0]!.line).toBe(2);
  });

  it('an oversized document is refused before parsing', () => {
    const big = `${HEAD}tags:\n${'  - x\n'.repeat(400_000)}`;
    const issues = issuesOf(big);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toBe(`the document is ${Buffer.byteLength(big)} bytes; the limit is 2097152 bytes (2.0 MiB)`);
    // The limit is an option; multi-byte characters count as bytes.
    const small = `${HEAD}id2: ${'乐山'.repeat(100)}\n`;
    expect(issuesOf(small, Drill, 'drill.yaml', { maxBytes: 500 })[0]!.message).toMatch(/the document is \d+ bytes; the limit is 500 bytes/);
  });

  it('deep nesting is refused by the pre-scan instead of overflowing the stack', () => {
    // Without the pre-scan, a few hundred thousand of these crash the process inside the yaml package.
    const compact = issuesOf(`${HEAD}tags:\n  ${'- '.repeat(300_000)}x\n`);
    expect(compact[0]).toMatchObject({ line: 6, message: expect.stringMatching(/too deeply nested: 300000 nested block indicators on one line; the limit is 64/) });
    const flow = issuesOf(`${HEAD}tags: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(flow[0]).toMatchObject({ line: 5, column: 71, message: expect.stringMatching(/too deeply nested: nested more than 64 levels deep/) });
    const indented = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(issuesOf(`${HEAD}when:\n${indented}\n`)[0]!.message).toMatch(/indented by 257 columns; the limit is 256/);
    // Brackets inside quoted strings and comments do not count.
    const quoted = `${HEAD}tags: ["${'['.repeat(200)}", '${'{'.repeat(200)}'] # ${'['.repeat(200)}\n`;
    expect(loadDocument({ text: quoted }, Drill).tags).toHaveLength(2);
  });

  it('NUL bytes mean this is not a text document', () => {
    expect(issuesOf(`${HEAD}\u0000\u0001`)[0]!.message).toMatch(/not a text document/);
  });
});

describe('entry points', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drillsim-schema-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loadDocumentFile reads the file and names it in every issue; a missing file is bad input', () => {
    const file = join(dir, 'd.yaml');
    writeFileSync(file, `${HEAD}count: x\n`);
    expect(() => loadDocumentFile(file, Drill)).toThrow(InputError);
    try {
      loadDocumentFile(file, Drill);
    } catch (err) {
      expect((err as InputError).issues[0]).toMatchObject({ file, line: 5, column: 8, path: '/count' });
      expect((err as InputError).message).toBe(`${file}:5:8: error: /count expected a whole number; got "x"`);
    }
    const missing = join(dir, 'nope.yaml');
    expect(() => loadDocumentFile(missing, Drill)).toThrow(new InputError([{ path: '', file: missing, message: 'file not found' }]).message);
    expect(() => loadDocumentFile(dir, Drill)).toThrow(/is a directory/);
    const big = join(dir, 'big.yaml');
    writeFileSync(big, 'x'.repeat(3000));
    expect(() => loadDocumentFile(big, Drill, { maxBytes: 1000 })).toThrow(/the file is 3000 bytes; the limit is 1000 bytes/);
  });

  it('loadLocatedDocument lets a later step report semantic problems at the right line', () => {
    const text = `${HEAD}actions:\n  - id: "4.1"\n    evacuate: { zones: nowhere }\n`;
    const { value, doc } = loadLocatedDocument({ text, file: 'p.yaml' }, Drill);
    expect(value.actions?.[0]).toMatchObject({ id: '4.1' });
    expect(doc.issue('/actions/0/evacuate/zones', "unknown zone 'nowhere'")).toEqual({
      path: '/actions/0/evacuate/zones',
      message: "unknown zone 'nowhere'",
      severity: 'error',
      file: 'p.yaml',
      ...at(text, 'nowhere'),
    });
    expect(doc.position('/actions/0/evacuate', 'key')).toEqual(at(text, 'evacuate'));
    // A pointer into nothing falls back to its nearest existing ancestor.
    expect(doc.position('/actions/0/missing/deeper')).toEqual(at(text, 'id: "4.1"'));
  });

  it('positions follow aliases to their anchors', () => {
    const text = `${HEAD}hazards:\n  - &f { kind: flood, gauges: [a] }\n  - *f\n`;
    const doc = parseYamlDocument({ text });
    expect(doc.position('/hazards/1/gauges/0')).toEqual(at(text, 'a]'));
  });

  it('checkValue checks a parsed value (an HTTP body) with pointers and no positions', () => {
    expect(() => checkValue({ drillsim: 1, kind: 'test-drill', id: 'x', start: '2020-08-15T00:00Z' }, Drill)).not.toThrow();
    try {
      checkValue({ drillsim: 1, kind: 'test-drill', id: 'x', start: '2020-08-15T00:00Z', when: { gauge: 'g', stageAboveMM: 3 } }, Drill);
      throw new Error('expected an InputError');
    } catch (err) {
      expect((err as InputError).issues).toEqual([
        {
          path: '/when/stageAboveMM',
          severity: 'error',
          message: expect.stringMatching(/^unknown key 'stageAboveMM' \(did you mean 'stageAboveM'\?\)/),
        },
      ]);
    }
  });

  it('closestName finds typos, swaps and cut-short names but not unrelated short words', () => {
    expect(closestName('stageAboveMM', ['gauge', 'stageAboveM'])).toBe('stageAboveM');
    expect(closestName('=>', ['<=', '>=', '=='])).toBe('>=');
    expect(closestName('warningReach', ['deaths', 'warningReachFraction'])).toBe('warningReachFraction');
    expect(closestName('V', ['I', 'II', 'III', 'IV'])).toBeUndefined();
    expect(closestName('colour', ['gauge', 'level'])).toBeUndefined();
  });
});
