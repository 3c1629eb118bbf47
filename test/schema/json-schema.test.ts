/**
 * Published JSON Schemas: one per document kind with $schema, a unique $id and a title; each compiles in
 * a strict draft 2020-12 validator (ajv, the validator fastify uses), and that validator agrees with the
 * TypeBox check on valid and broken documents, so an editor flags exactly what `drillsim validate` flags.
 * `drillsim schema --out` writes them and prints their paths.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { PlanSchema } from '../../models/schema/plan.js';
import { ScenarioSchema } from '../../models/schema/scenario.js';
import { JSON_SCHEMA_DIALECT, publishJsonSchemas, toJsonSchemaDocument } from '../../models/schema/json-schema.js';
import { Duration, Instant } from '../../models/schema/units.js';
import { runCli, tempDir } from './helpers.js';

type AjvLike = { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown } };

/** A strict 2020-12 validator that knows the two editor-message keywords the schemas carry. */
function strictAjv(): AjvLike {
  const Ctor = Ajv2020 as unknown as new (opts: object) => AjvLike & { addKeyword(k: string): void };
  const ajv = new Ctor({ strict: true, allErrors: true });
  ajv.addKeyword('patternErrorMessage');
  ajv.addKeyword('errorMessage');
  return ajv;
}

const EXPECTED_FILES = ['drill-evaluation.json', 'drill-log.json', 'drill-script.json', 'plan.json', 'region-assets.json', 'region-network.json', 'region-zones.json', 'region.json', 'scenario.json'];

describe('publishJsonSchemas', () => {
  const schemas = publishJsonSchemas();

  it('has every document kind with $schema, a unique $id and a title', () => {
    expect(Object.keys(schemas).sort()).toEqual(EXPECTED_FILES);
    const ids = new Set<unknown>();
    for (const [name, doc] of Object.entries(schemas)) {
      expect(doc['$schema']).toBe(JSON_SCHEMA_DIALECT);
      expect(doc['$id']).toBe(`https://drillsim.dev/schema/${name}`);
      expect(doc['title']).toMatch(/^drillsim /);
      ids.add(doc['$id']);
    }
    expect(ids.size).toBe(EXPECTED_FILES.length);
  });

  it('every schema compiles in a strict draft 2020-12 validator', () => {
    for (const [name, doc] of Object.entries(schemas)) {
      expect(() => strictAjv().compile(doc), name).not.toThrow();
    }
  });

  it('embeds named schemas once under $defs and writes tuples as prefixItems', () => {
    const text = JSON.stringify(schemas['plan.json']);
    // The recursive trigger is used by `when` and `standDown`: one definition, referenced.
    expect(Object.keys((schemas['plan.json']!['$defs'] ?? {}) as object)).toContain('Trigger');
    expect(text.match(/"\$id"/g)).toHaveLength(1);
    expect(text).not.toMatch(/"additionalItems"/);
    expect(JSON.stringify(schemas['scenario.json'])).toMatch(/"prefixItems"/);
  });

  it('a strict validator agrees with TypeBox on valid and broken plans and scenarios', () => {
    const plan = {
      drillsim: 1,
      kind: 'plan',
      id: 'p',
      title: 'P',
      levels: [
        {
          level: 'I',
          when: { any: [{ gauge: 'g', stageAboveM: 3 }, { not: { after: '6h' } }] },
          standDown: { gauge: 'g', stageBelowM: 2 },
          actions: [{ id: '1', evacuate: { zones: { tag: 'floodplain' } }, deadline: '6h' }],
        },
      ],
      targets: [{ metric: 'deaths', op: '<=', value: 0 }],
    };
    const scenario = {
      drillsim: 1,
      kind: 'scenario',
      id: 's',
      title: 'S',
      region: 'leshan',
      start: '2020-08-15T00:00+08:00',
      horizon: '6d',
      hazards: [{ kind: 'flood', gauges: { g: { baseStageM: 330, table: [['2020-08-15T00:00+08:00', 330], [600, 331]] } } }],
    };
    const cases: Array<[TSchema, string, unknown]> = [
      [PlanSchema, 'plan.json', plan],
      [PlanSchema, 'plan.json', { ...plan, extra: 1 }],
      [PlanSchema, 'plan.json', { ...plan, levels: [{ ...plan.levels[0], when: { any: [{ gauge: 'g', stageAboveMM: 3 }] } }] }],
      [PlanSchema, 'plan.json', { ...plan, levels: [{ ...plan.levels[0], when: { not: { after: '6 hours' } } }] }],
      [PlanSchema, 'plan.json', { ...plan, targets: [{ metric: 'deaths', op: '=>', value: 0 }] }],
      [ScenarioSchema, 'scenario.json', scenario],
      [ScenarioSchema, 'scenario.json', { ...scenario, start: '2020-08-15T00:00' }],
      [ScenarioSchema, 'scenario.json', { ...scenario, horizon: '6 days' }],
      [ScenarioSchema, 'scenario.json', { ...scenario, hazards: [{ kind: 'flood', gauges: { g: { baseStageM: 330, table: [[0, 330, 1]] } } }] }],
    ];
    const verdicts = cases.map(([schema, file, value]) => {
      const typebox = Value.Check(schema, value);
      expect(strictAjv().compile(schemas[file]!)(value), JSON.stringify(value).slice(0, 200)).toBe(typebox);
      return typebox;
    });
    // The cases include both kinds of verdict, so agreement is not agreement on "all valid".
    expect(verdicts).toEqual([true, false, false, false, false, true, false, false, false]);
  });
});

describe('toJsonSchemaDocument', () => {
  it('hoists a recursive schema used twice and converts tuples, preserving what validates', () => {
    const Node = Type.Recursive((Self) => Type.Object({ name: Type.String(), children: Type.Array(Self) }, { additionalProperties: false }), { $id: 'Node' });
    const Doc = Type.Object({ a: Node, b: Type.Optional(Node), at: Type.Tuple([Instant(), Duration()]) }, { additionalProperties: false });
    const doc = toJsonSchemaDocument(Doc, { id: 'https://example.test/doc.json', title: 'doc' });
    expect(doc['$id']).toBe('https://example.test/doc.json');
    expect(doc['title']).toBe('doc');
    const validate = strictAjv().compile(doc);
    const samples: unknown[] = [
      { a: { name: 'x', children: [{ name: 'y', children: [] }] }, b: { name: 'z', children: [] }, at: ['2020-08-18T06:00+08:00', '6h'] },
      { a: { name: 'x', children: [{ name: 'y', children: [], extra: 1 }] }, at: [0, 1] },
      { a: { name: 'x', children: [] }, at: [0, 1, 2] },
      { a: { name: 'x', children: [] }, at: ['2020-08-18T06:00', '6h'] },
    ];
    expect(samples.map((s) => validate(s))).toEqual(samples.map((s) => Value.Check(Doc, s)));
    expect(samples.map((s) => validate(s))).toEqual([true, false, false, false]);
  });
});

describe('drillsim schema', () => {
  const t = tempDir();
  afterAll(() => t.cleanup());

  it('writes every schema into --out and prints the paths', async () => {
    const out = join(t.dir, 'schemas');
    const run = await runCli('schema', '--out', out);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const paths = run.stdout.trim().split('\n');
    expect(paths).toEqual(EXPECTED_FILES.map((f) => join(out, f)));
    for (const p of paths) {
      const doc = JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
      expect(doc['$schema']).toBe(JSON_SCHEMA_DIALECT);
    }
    expect(JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8'))).toEqual(publishJsonSchemas()['plan.json']);
  });
});
