/**
 * The editor's completion (web/src/editor/schema-path.ts): the path to the cursor read from indentation,
 * and the keys and values the published plan schema allows there.
 */
import { describe, expect, it } from 'vitest';
import { publishJsonSchemas } from '../../models/schema/json-schema.js';
import { cursorContext, schemasAt, suggest, type JsonSchema } from '../../web/src/editor/schema-path.js';

const plan = publishJsonSchemas()['plan.json'] as unknown as JsonSchema;

/** The context at the end of the last line of `text`. */
function at(text: string, after: string[] = []) {
  const lines = text.split('\n');
  return cursorContext([...lines, ...after], lines.length - 1, lines[lines.length - 1]!.length);
}

describe('cursorContext', () => {
  it('reads keys and sequence items from indentation', () => {
    const text = ['kind: plan', 'levels:', '  - level: IV', '    when:', '      any: []', '    actions:', '      - id: "4.1"', '        na'].join('\n');
    const ctx = at(text);
    expect(ctx.path).toEqual(['levels', { item: true }, 'actions', { item: true }]);
    expect(ctx).toMatchObject({ at: 'key', prefix: 'na', siblings: ['id'] });
  });

  it('lists the siblings of the cursor mapping only (not those of another item)', () => {
    const text = ['levels:', '  - level: IV', '    name: blue', '  - level: III', '    wh'].join('\n');
    const ctx = at(text);
    expect(ctx.path).toEqual(['levels', { item: true }]);
    expect(ctx.siblings).toEqual(['level']);
    expect(at(text, ['    actions: []', '  - level: II', '    name: x']).siblings).toEqual(['level', 'actions']);
  });

  it('knows a value being typed and its key', () => {
    const ctx = at(['levels:', '  - level: IV', '    actions:', '      - id: x', '        warn:', '          channels: []', '          zones: { tag: riverside }', '        ty'].join('\n'));
    expect(ctx.path).toEqual(['levels', { item: true }, 'actions', { item: true }]);
    const v = at('kind: pl');
    expect(v).toMatchObject({ at: 'value', key: 'kind', prefix: 'pl', path: [] });
  });
});

describe('suggest from the plan schema', () => {
  it('offers the top-level keys not yet written, with their descriptions', () => {
    const s = suggest(plan, at(['drillsim: 1', 'kind: plan', 'monitoringDelay: 15min', 'review'].join('\n')));
    expect(s.map((x) => x.label)).toEqual(['reviewInterval']);
    expect(s[0]!.apply).toBe('reviewInterval: ');
    expect(s[0]!.detail).toMatch(/reassesses/);
    expect(suggest(plan, at(['reviewInterval: 10min', 'review'].join('\n')))).toEqual([]);
    // Keys below the cursor count too.
    expect(suggest(plan, at('review', ['reviewInterval: 10min', 'levels: []']))).toEqual([]);
  });

  it('offers the keys of a level and of an action (through $ref and anyOf)', () => {
    const level = suggest(plan, at(['levels:', '  - level: IV', '    '].join('\n'))).map((x) => x.label);
    expect(level).toEqual(expect.arrayContaining(['when', 'actions', 'name']));
    expect(level).not.toContain('level');
    const action = suggest(plan, at(['levels:', '  - level: IV', '    actions:', '      - id: "4.1.1"', '        '].join('\n'))).map((x) => x.label);
    expect(action).toEqual(expect.arrayContaining(['warn', 'evacuate', 'name']));
    expect(schemasAt(plan, ['levels', { item: true }, 'actions', { item: true }]).length).toBeGreaterThan(0);
  });

  it('offers the values a key allows', () => {
    expect(suggest(plan, at('kind: ')).map((x) => x.label)).toEqual(['plan']);
  });
});
