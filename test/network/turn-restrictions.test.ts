/**
 * Turn restrictions from OSM relations change car routes as they should and leave walkers alone; the
 * junction split keeps lengths (connectors are 1 m) and the network valid. Hand-made town of 0.005-degree
 * blocks near Wellington:
 *
 *   1 ---- 2 ---- 3        w24: 1-2   w25: 2-3
 *   |      |      |        w26: 1-4   w23: 5-2 (north from 5)   w27: 3-6
 *   4 ---- 5 ---- 6        w21: 4-5   w22: 5-6
 *          |
 *          7               w20: 7-5 (driving north from 7 into 5)
 */
import { describe, expect, it } from 'vitest';
import { importOsm } from '../../engine/network/import-osm.js';
import { validateRegionNetwork } from '../../engine/network/load.js';
import { RoadNetwork } from '../../engine/network/road-network.js';
import { runCli, tempDir } from './helpers.js';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';

function town(more = '', tags: Record<number, string> = {}): string {
  const way = (id: number, a: number, b: number): string => `<way id="${id}"><nd ref="${a}"/><nd ref="${b}"/><tag k="highway" v="residential"/>${tags[id] ?? ''}</way>`;
  return `<osm version="0.6">
 <node id="1" lat="-41.240" lon="174.860"/><node id="2" lat="-41.240" lon="174.865"/><node id="3" lat="-41.240" lon="174.870"/>
 <node id="4" lat="-41.245" lon="174.860"/><node id="5" lat="-41.245" lon="174.865"/><node id="6" lat="-41.245" lon="174.870"/>
 <node id="7" lat="-41.250" lon="174.865"/>
 ${way(20, 7, 5)}${way(21, 4, 5)}${way(22, 5, 6)}${way(23, 5, 2)}${way(24, 1, 2)}${way(25, 2, 3)}${way(26, 1, 4)}${way(27, 3, 6)}
 ${more}
</osm>`;
}

function restriction(id: number, value: string, from: number, via: number, to: number, extra = ''): string {
  return `<relation id="${id}"><member type="way" ref="${from}" role="from"/><member type="node" ref="${via}" role="via"/><member type="way" ref="${to}" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="${value}"/>${extra}</relation>`;
}

/** The roads of the best route, without the turn connectors, a reversed copy named as its road. */
function route(text: string, from: string, to: string, mode: 'car' | 'foot' | 'emergency' = 'car'): { roads: string[]; km: number } | null {
  const { network } = importOsm(text);
  const r = new RoadNetwork(network).routeByIds(from, to, mode);
  return r === null ? null : { roads: r.edges.filter((e) => !e.includes('~t')).map((e) => e.replace(/~rev$/, '')), km: r.km };
}

describe('turn restrictions', () => {
  // Block sides: north-south 0.005 degrees of latitude, east-west 0.005 of longitude at 41.2 S.
  const ns = 0.55597;
  const ew = 0.41804;

  it('no_left_turn forces a detour (a U-turn at the next junction); walkers and other turns are unaffected', () => {
    const plain = route(town(), '7', '4')!;
    expect(plain.roads).toEqual(['w20', 'w21']);
    const text = town(restriction(90, 'no_left_turn', 20, 5, 21));
    // Node-based routing allows a U-turn at an ordinary junction: right to 6, back, straight through 5
    // (1.81 km); round the block by 2 and 1 would be 2.09 km.
    const detour = route(text, '7', '4')!;
    expect(detour.roads).toEqual(['w20', 'w22', 'w22', 'w21']);
    expect(detour.km).toBeCloseTo(ns + 3 * ew + 0.002, 3);
    expect(route(text, '7', '4', 'emergency')!.roads).toEqual(['w20', 'w22', 'w22', 'w21']);
    const walk = route(text, '7', '4', 'foot')!;
    expect(walk.roads).toEqual(['w20', 'w21']);
    // The junction's connector adds 1 m.
    expect(walk.km).toBeCloseTo(plain.km + 0.001, 6);
    // Other turns at the junction stay: from 4 to 7 (left for a car coming from the west), 7 to 6 (right).
    expect(route(text, '4', '7')!.roads).toEqual(['w21', 'w20']);
    expect(route(text, '7', '6')!.roads).toEqual(['w20', 'w22']);
  });

  it('only_straight_on allows straight through and bans both turns', () => {
    const text = town(restriction(91, 'only_straight_on', 20, 5, 23));
    expect(route(text, '7', '2')!.roads).toEqual(['w20', 'w23']);
    // To 4 or 6 the car goes straight to 2 and comes back by a U-turn or round the block (equal, 2.09 km).
    for (const to of ['4', '6']) {
      const r = route(text, '7', to)!;
      expect(r.roads.slice(0, 2)).toEqual(['w20', 'w23']);
      expect(r.km).toBeGreaterThan(3 * ns + ew - 0.0005);
      expect(r.km).toBeLessThan(3 * ns + ew + 0.0025);
    }
    expect(route(text, '7', '6', 'foot')!.roads).toEqual(['w20', 'w22']);
  });

  it('the split network is valid, the summary counts, and unsupported kinds are counted, not applied', () => {
    const text = town(
      restriction(90, 'no_left_turn', 20, 5, 21) +
        restriction(92, 'no_right_turn', 20, 5, 22) +
        `<relation id="93"><member type="way" ref="24" role="from"/><member type="way" ref="23" role="via"/><member type="way" ref="22" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="no_left_turn"/></relation>` +
        restriction(94, 'no_left_turn', 26, 1, 24, '<tag k="except" v="motorcar"/>') +
        restriction(95, 'no_left_turn', 20, 3, 25),
    );
    const { network, summary } = importOsm(text);
    expect(() => validateRegionNetwork(network)).not.toThrow();
    // Junction 5 has 4 two-way segments: 8 ports (one keeps the id 5), 4 reversed copies, and of the 12
    // ordered turns 10 open to cars (w20 -> w21 and w20 -> w22 banned; walkers use the reverse connectors).
    expect(summary.turnRestrictions).toMatchObject({ applied: 2, junctions: 1, connectors: 10 });
    expect(network.nodes.filter((n) => n.props?.['turn_port_of'] === '5')).toHaveLength(7);
    expect(network.edges.filter((e) => e.props?.['turn_connector_at'] === '5')).toHaveLength(10);
    expect(network.edges.filter((e) => e.id.endsWith('~rev'))).toHaveLength(4);
    expect(summary.notApplied).toEqual({
      'turn restrictions: via way (unsupported)': 1,
      'turn restrictions: excepting cars': 1,
      'turn restrictions: from or to way does not meet the via node (clipped, or not a road)': 1,
    });
    // Both turns banned: from 7 only straight on, to 6 as far as 2 first.
    const r = route(text, '7', '6')!;
    expect(r.roads.slice(0, 2)).toEqual(['w20', 'w23']);
    expect(r.km).toBeGreaterThan(3 * ns + ew - 0.0005);
    expect(r.km).toBeLessThan(3 * ns + ew + 0.0025);
  });

  it('a one-way trap: one-way streets into 6 and none out, so cars cannot leave it; walkers can', () => {
    const trap = town('', { 22: '<tag k="oneway" v="yes"/>', 27: '<tag k="oneway" v="yes"/>' });
    expect(route(trap, '7', '6')!.roads).toEqual(['w20', 'w22']);
    expect(route(trap, '6', '7')).toBeNull();
    expect(route(trap, '6', '7', 'foot')!.roads).toEqual(['w22', 'w20']);
  });

  it('the CLI reports what it applied', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'town.osm');
      writeFileSync(file, town(restriction(90, 'no_left_turn', 20, 5, 21)));
      const run = await runCli('region', 'import', file, '--out', join(dir, 'r'));
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/turn restrictions: 1 applied by splitting 1 junction \(\d+ turn connectors\)/);
    } finally {
      cleanup();
    }
  });
});
