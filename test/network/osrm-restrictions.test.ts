/**
 * Turn restrictions against an independent router: OSRM's own car restriction scenarios
 * (test/fixtures/independent/osrm/restrictions.json, transcribed from OSRM's cucumber features under its
 * BSD-2 licence; see the README there). Each scenario's ASCII map becomes OSM XML as OSRM's test harness
 * builds it (node per letter, half a grid cell per character column, ways `highway=primary` named by their
 * letters), is imported, and the car route between the lettered nodes must be OSRM's: no route where OSRM
 * finds none, else OSRM's listed ways in order along ours, with the same first and last way (OSRM lists a
 * way only where it gives an instruction, so straight continuations can be missing from its list).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOsm } from '../../engine/network/import-osm.js';
import { RoadNetwork } from '../../engine/network/road-network.js';

interface Scenario {
  name: string;
  map: string[];
  ways: Array<[string, Record<string, string>]>;
  relations: Array<{ from: string; to: string; via: string; tags: Record<string, string> }>;
  routes: Array<[string, string, string]>;
}
const doc = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'independent', 'osrm', 'restrictions.json'), 'utf8')) as {
  gridSizeM: number;
  defaultWayTags: Record<string, string>;
  scenarios: Scenario[];
};

const id = (letter: string): string => String(letter.charCodeAt(0));

/** OSM XML for a scenario: OSRM's grid (origin 1,1; 200 m cells; ~1/111,226 degrees per metre). */
function toOsm(s: Scenario): string {
  const deg = doc.gridSizeM * 0.8990679362704611e-5;
  const nodes: string[] = [];
  s.map.forEach((row, ri) =>
    [...row].forEach((ch, ci) => {
      if (/[a-z]/.test(ch)) nodes.push(`<node id="${id(ch)}" lat="${(1 - ri * deg).toFixed(9)}" lon="${(1 + ci * 0.5 * deg).toFixed(9)}"/>`);
    }),
  );
  const tag = (k: string, v: string): string => `<tag k="${k}" v="${v}"/>`;
  const ways = s.ways.map(
    ([letters, tags], k) =>
      `<way id="${k + 1}">${[...letters].map((l) => `<nd ref="${id(l)}"/>`).join('')}${Object.entries({ ...doc.defaultWayTags, ...tags, name: letters })
        .map(([a, b]) => tag(a, b))
        .join('')}</way>`,
  );
  const wayId = (letters: string): number => s.ways.findIndex(([l]) => l === letters || l === [...letters].reverse().join('')) + 1;
  const rels = s.relations.map(
    (r, k) =>
      `<relation id="${k + 1}"><member type="way" ref="${wayId(r.from)}" role="from"/><member type="node" ref="${id(r.via)}" role="via"/><member type="way" ref="${wayId(r.to)}" role="to"/>${Object.entries(r.tags)
        .map(([a, b]) => tag(a, b))
        .join('')}</relation>`,
  );
  return `<osm version="0.6">\n${[...nodes, ...ways, ...rels].join('\n')}\n</osm>`;
}

describe("OSRM's car turn-restriction scenarios", () => {
  for (const s of doc.scenarios) {
    it(s.name, () => {
      const { network } = importOsm(toOsm(s));
      const rn = new RoadNetwork(network);
      const nameOf = new Map(network.edges.map((e) => [e.id, e.name ?? '']));
      for (const [from, to, expected] of s.routes) {
        const r = rn.routeByIds(id(from), id(to), 'car');
        if (expected === '') {
          expect(r, `${from} -> ${to}: OSRM finds no route`).toBeNull();
          continue;
        }
        expect(r, `${from} -> ${to}: OSRM routes ${expected}`).not.toBeNull();
        const ours = r!.edges.map((e) => nameOf.get(e) ?? '').filter((n, i, a) => n !== '' && n !== a[i - 1]);
        const theirs = expected.split(',').filter((n, i, a) => n !== a[i - 1]);
        expect(ours[0], `${from} -> ${to}: ours ${ours.join(',')}`).toBe(theirs[0]);
        expect(ours[ours.length - 1], `${from} -> ${to}: ours ${ours.join(',')}`).toBe(theirs[theirs.length - 1]);
        let k = 0;
        for (const n of ours) if (n === theirs[k]) k++;
        expect(k, `${from} -> ${to}: OSRM's ${expected} in order along ours ${ours.join(',')}`).toBe(theirs.length);
      }
    });
  }
});
