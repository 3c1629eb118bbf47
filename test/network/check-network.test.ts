/**
 * checkRegionNetwork, the lean check `region import` runs on a network it has just built (issue 17: a
 * million junctions within 2 GB), must accept and refuse exactly what validateRegionNetwork does, with the
 * same messages and the same warnings in the same order: it is compared with it here on valid networks
 * (with length warnings and several disconnected components, whose samples depend on the arc order) and
 * on each kind of error.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { checkRegionNetwork, validateRegionNetwork } from '../../engine/network/load.js';
import type { RegionNetwork } from '../../engine/network/schema.js';
import { createStream } from '../../engine/random/index.js';

/** A random network: a few clusters of nodes with random edges inside each, some with too short lengths. */
function randomNetwork(seed: number, nodes = 60, edges = 90, clusters = 4): RegionNetwork {
  const rng = createStream(seed, 0, "check-network");
  const net: RegionNetwork = { drillsim: 1, kind: 'region-network', id: 'r', name: 'R', crs: 'WGS84', nodes: [], edges: [], points: [] };
  for (let i = 0; i < nodes; i++) net.nodes.push({ id: `n${(i * 7919) % 1000}`, lat: 29 + rng.random() * 0.5, lon: 103 + rng.random() * 0.5, kind: 'junction' });
  for (let k = 0; k < edges; k++) {
    const c = Math.floor(rng.random() * clusters);
    const pick = (): number => {
      const i = Math.floor(rng.random() * (nodes / clusters));
      return c + clusters * i;
    };
    const a = pick();
    let b = pick();
    if (b === a) b = (a + clusters) % nodes;
    // Every fifth edge is far shorter than the straight line (the length warning).
    net.edges.push({ id: `e${k}`, from: net.nodes[a]!.id, to: net.nodes[b]!.id, km: k % 5 === 0 ? 0.01 : 80, roadClass: 'township', speedKmh: 30 });
  }
  net.points!.push({ id: 'p1', node: net.nodes[3]!.id, kind: 'school' });
  return net;
}

function outcome(f: () => { warnings: unknown[] }): { warnings?: unknown[]; errors?: unknown[] } {
  try {
    return { warnings: f().warnings };
  } catch (err) {
    if (err instanceof InputError) return { errors: err.issues };
    throw err;
  }
}

describe('checkRegionNetwork', () => {
  it('returns the warnings validateRegionNetwork gives, in the same order', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const net = randomNetwork(seed);
      const full = outcome(() => validateRegionNetwork(net, { file: 'x.json', maxComponentWarnings: 3 }));
      const lean = outcome(() => checkRegionNetwork(net, { file: 'x.json', maxComponentWarnings: 3 }));
      expect(full.errors).toBeUndefined();
      // Length warnings and component warnings both occur, so the comparison covers them.
      const messages = (full.warnings as Array<{ message: string }>).map((w) => w.message);
      expect(messages.some((m) => m.includes('less than half'))).toBe(true);
      expect(messages.some((m) => m.startsWith('disconnected component'))).toBe(true);
      expect(lean).toEqual(full);
    }
  });

  const breakers: Array<[string, (n: RegionNetwork) => void]> = [
    ['a duplicate node id', (n) => (n.nodes[5]!.id = n.nodes[2]!.id)],
    ['a duplicate edge id', (n) => (n.edges[7]!.id = n.edges[1]!.id)],
    ['an edge to an unknown node', (n) => (n.edges[4]!.to = 'nowhere')],
    ['a loop', (n) => (n.edges[4]!.to = n.edges[4]!.from)],
    ['a duplicate point id', (n) => n.points!.push({ id: 'p1', node: n.nodes[0]!.id, kind: 'school' })],
    ['a point on an unknown node', (n) => (n.points![0]!.node = 'nowhere')],
    ['a latitude out of range', (n) => (n.nodes[1]!.lat = 91)],
    ['a length that is not a number', (n) => (n.edges[2]!.km = Number.NaN)],
    ['a length of zero', (n) => (n.edges[2]!.km = 0)],
    ['an unknown property', (n) => ((n.edges[2] as unknown as Record<string, unknown>)['colour'] = 'red')],
  ];
  it.each(breakers)('refuses %s with validateRegionNetwork\'s issues', (_what, breakIt) => {
    const net = randomNetwork(9);
    breakIt(net);
    const full = outcome(() => validateRegionNetwork(net, { file: 'x.json' }));
    expect(full.errors?.length ?? 0).toBeGreaterThan(0);
    expect(outcome(() => checkRegionNetwork(net, { file: 'x.json' }))).toEqual(full);
  });
});
