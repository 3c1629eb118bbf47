/**
 * Region validation through `drillsim validate` (in-process): a valid region exits 0; each kind of bad
 * region exits 2 with a message naming the element and the problem, at the line and column of the
 * offending value; a disconnected component is a warning naming its nodes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseJsonText } from '../../engine/network/json-source.js';
import { regionNetworkJsonSchema } from '../../engine/network/schema.js';
import { runCli, tempDir } from './helpers.js';

type Doc = Record<string, unknown> & { nodes: Array<Record<string, unknown>>; edges: Array<Record<string, unknown>>; points?: Array<Record<string, unknown>> };

function base(): Doc {
  return {
    drillsim: 1,
    kind: 'region-network',
    id: 'tiny',
    name: 'Tiny',
    crs: 'WGS84',
    nodes: [
      { id: 'a', lat: 29.5, lon: 103.7, kind: 'town' },
      { id: 'b', lat: 29.51, lon: 103.71, kind: 'town' },
      { id: 'c', lat: 29.52, lon: 103.72, kind: 'junction' },
    ],
    edges: [
      { id: 'ab', from: 'a', to: 'b', km: 2, roadClass: 'county', speedKmh: 40 },
      { id: 'bc', from: 'b', to: 'c', km: 2, roadClass: 'county', speedKmh: 40 },
    ],
    points: [{ id: 'school', node: 'b', kind: 'shelter' }],
  };
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

/** Write the document as network.json in a fresh region directory; returns [dir, file, text]. */
function region(doc: unknown, raw?: string): { dir: string; file: string; text: string } {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const dir = join(t.dir, 'tiny');
  mkdirSync(dir);
  const file = join(dir, 'network.json');
  const text = raw ?? JSON.stringify(doc, null, 2);
  writeFileSync(file, text);
  return { dir, file, text };
}

/** 1-based line of the first line of `text` containing `needle` after the line containing `after`. */
function lineOf(text: string, needle: string, after?: string): number {
  const lines = text.split('\n');
  const start = after === undefined ? 0 : lines.findIndex((l) => l.includes(after));
  const i = lines.findIndex((l, k) => k >= start && l.includes(needle));
  if (i < 0) throw new Error(`'${needle}' not in text`);
  return i + 1;
}

describe('drillsim validate: regions', () => {
  it('a valid region exits 0 and says what it checked', async () => {
    const { dir } = region(base());
    const run = await runCli('validate', dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ok: .*tiny: region-network 'tiny': 3 nodes, 2 edges, 1 points/);
    expect(run.stderr).toBe('');
  });

  it('accepts the network file itself as well as its directory', async () => {
    const { file } = region(base());
    expect((await runCli('validate', file)).code).toBe(0);
  });

  const bad: Array<{ name: string; mutate: (d: Doc) => void; message: RegExp; at?: [needle: string, after?: string] }> = [
    { name: 'edge to an unknown node', mutate: (d) => (d.edges[1]!['to'] = 'zz'), message: /\/edges\/1\/to edge 'bc': 'to' refers to unknown node 'zz'/, at: ['"to": "zz"'] },
    { name: 'duplicate node id', mutate: (d) => (d.nodes[2]!['id'] = 'a'), message: /\/nodes\/2\/id node 'a': duplicate node id \(first defined at \/nodes\/0\)/, at: ['"id": "a"', '"lat": 29.51'] },
    { name: 'duplicate edge id', mutate: (d) => (d.edges[1]!['id'] = 'ab'), message: /\/edges\/1\/id edge 'ab': duplicate edge id/, at: ['"id": "ab"', '"speedKmh": 40'] },
    { name: 'latitude out of range', mutate: (d) => (d.nodes[1]!['lat'] = 95), message: /\/nodes\/1\/lat node 'b': latitude 95 is out of range \[-90, 90\]/, at: ['"lat": 95'] },
    { name: 'longitude out of range', mutate: (d) => (d.nodes[0]!['lon'] = -200), message: /\/nodes\/0\/lon node 'a': longitude -200 is out of range \[-180, 180\]/, at: ['"lon": -200'] },
    { name: 'missing coordinates', mutate: (d) => delete d.nodes[2]!['lon'], message: /\/nodes\/2\/lon node 'c': missing required property 'lon'/, at: ['{', '"lat": 29.51'] },
    { name: 'non-positive length', mutate: (d) => (d.edges[0]!['km'] = 0), message: /\/edges\/0\/km edge 'ab': length km must be positive; got 0/, at: ['"km": 0'] },
    { name: 'negative length', mutate: (d) => (d.edges[1]!['km'] = -3), message: /\/edges\/1\/km edge 'bc': length km must be positive; got -3/, at: ['"km": -3'] },
    { name: 'unknown road class', mutate: (d) => (d.edges[0]!['roadClass'] = 'highway'), message: /edge 'ab': roadClass must be one of expressway, national, provincial, county, township, urban, track, ferry, path; got "highway"/, at: ['"roadClass": "highway"'] },
    { name: 'unknown property', mutate: (d) => (d.nodes[0]!['colour'] = 'red'), message: /\/nodes\/0\/colour node 'a': unknown property 'colour'/, at: ['"colour"'] },
    { name: 'point on an unknown node', mutate: (d) => (d.points![0]!['node'] = 'nowhere'), message: /\/points\/0\/node point 'school': placed on unknown node 'nowhere'/, at: ['"node": "nowhere"'] },
    { name: 'a loop edge', mutate: (d) => (d.edges[0]!['to'] = 'a'), message: /edge 'ab': a loop \(from and to are both 'a'\)/ },
    { name: 'wrong format version', mutate: (d) => (d['drillsim'] = 2), message: /\/drillsim region: drillsim must be 1; got 2/, at: ['"drillsim": 2'] },
    { name: 'speed of the wrong type', mutate: (d) => (d.edges[1]!['speedKmh'] = 'fast'), message: /\/edges\/1\/speedKmh edge 'bc': speedKmh must be a number; got "fast"/, at: ['"speedKmh": "fast"'] },
  ];

  for (const c of bad) {
    it(`${c.name}: exit 2, names the element and the problem`, async () => {
      const doc = base();
      c.mutate(doc);
      const { dir, file, text } = region(doc);
      const run = await runCli('validate', dir);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(c.message);
      if (c.at !== undefined) {
        const line = lineOf(text, c.at[0], c.at[1]);
        expect(run.stderr).toContain(`${file}:${line}:`);
      }
    });
  }

  it('reports every problem at once', async () => {
    const doc = base();
    doc.nodes[1]!['lat'] = 95;
    doc.edges[1]!['to'] = 'zz';
    doc.edges[0]!['km'] = 0;
    const run = await runCli('validate', region(doc).dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(3);
  });

  it('a JSON syntax error is located by line and column', async () => {
    const raw = '{\n  "drillsim": 1,\n  "kind": "region-network"\n  "id": "x"\n}\n';
    const { dir, file } = region(null, raw);
    const run = await runCli('validate', dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:4:3: error: invalid JSON: expected ',' or '}' after the value of "kind", found '"'`);
  });

  it('a property given twice is an error at the second key', async () => {
    const raw = JSON.stringify(base(), null, 2).replace('"name": "Tiny",', '"name": "Tiny",\n  "name": "Again",');
    const { dir, file } = region(null, raw);
    const run = await runCli('validate', dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:6:3: error: /name region: property 'name' appears twice`);
  });

  it('a disconnected component is a warning naming its size and nodes; the region is still valid', async () => {
    const doc = base();
    doc.nodes.push({ id: 'island1', lat: 29.6, lon: 103.8, kind: 'village' }, { id: 'island2', lat: 29.61, lon: 103.81, kind: 'village' });
    doc.edges.push({ id: 'isl', from: 'island1', to: 'island2', km: 1.5, roadClass: 'township', speedKmh: 20 });
    const { dir, file, text } = region(doc);
    const run = await runCli('validate', dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\(1 warning\)/);
    const line = lineOf(text, '"id": "island1"') - 1;
    expect(run.stderr).toContain(
      `${file}:${line}:5: warning: /nodes/3 disconnected component 2 of 2: 2 nodes ('island1', 'island2') cannot be reached from the main component of 3 nodes`,
    );
  });

  it('an edge much shorter than the straight line between its nodes is a warning', async () => {
    const doc = base();
    doc.nodes[2]!['lat'] = 30.0; // ~54 km from b, but the edge says 2 km
    const run = await runCli('validate', region(doc).dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/edge 'bc': length 2 km is less than half the straight-line distance 5\d\.\d km/);
  });

  it('validates a built-in region by name, with its zones and assets', async () => {
    const run = await runCli('validate', 'leshan');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ok: .*scenarios\/regions\/leshan: region 'leshan': \d+ nodes, \d+ edges, \d+ zones/);
  });

  it('a directory without network.json, a missing path, and an unrecognised file are bad input', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    expect((await runCli('validate', t.dir)).stderr).toMatch(/a region directory must contain network.json/);
    const missing = await runCli('validate', join(t.dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file or directory/);
    const other = join(t.dir, 'other.json');
    writeFileSync(other, '{"kind": "something-else"}');
    const run = await runCli('validate', other);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot tell what to validate/);
  });
});

describe('JSON locator and published schema', () => {
  it('maps pointers to the positions of values and keys, with escaped segments', () => {
    const text = '{\n  "a/b": [10,\n    {"x~y": true}],\n  "z": null\n}';
    const loc = parseJsonText(text).locator();
    expect(loc.locate('/a~1b/0')).toEqual({ line: 2, column: 11 });
    expect(loc.locate('/a~1b/1/x~0y')).toEqual({ line: 3, column: 13 });
    expect(loc.locateKey('/z')).toEqual({ line: 4, column: 3 });
    // A missing member falls back to its nearest existing ancestor.
    expect(loc.locate('/a~1b/1/missing')).toEqual({ line: 3, column: 5 });
  });

  it('rejects what JSON.parse rejects, with a position', () => {
    for (const [text, msg] of [
      ['{"a": [1, 2,]}', /trailing comma/],
      ['{"a": 01}', /invalid number/],
      ["{'a': 1}", /property name in double quotes/],
      ['{"a": "x\ny"}', /control character/],
      ['', /empty document/],
      ['{"a": 1} x', /after the end/],
    ] as const) {
      expect(() => parseJsonText(text, 'f.json')).toThrow(msg);
    }
  });

  it('the JSON Schema is publishable: draft 2020-12, closed objects, the road classes listed', () => {
    const s = regionNetworkJsonSchema() as { $schema: string; additionalProperties: boolean; properties: { edges: { items: { properties: { roadClass: { anyOf: Array<{ const: string }> } } } } } };
    expect(s.$schema).toMatch(/2020-12/);
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.edges.items.properties.roadClass.anyOf.map((x) => x.const)).toEqual(['expressway', 'national', 'provincial', 'county', 'township', 'urban', 'track', 'ferry', 'path']);
  });
});
