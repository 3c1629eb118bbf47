/**
 * Shelters.allocate walks the shelters nearest first in an order sorted once per distance array (shared by
 * every group and replication under the same search tree). It must place people exactly as the rule says,
 * which the straightforward scan below states: the nearest open shelter with room first (ties to the lower
 * index), else the nearest closed one with room (opened), group split as shelters fill; the rest to the
 * nearest reachable shelter as overflow. Random shelters, distances (unreachable ones and ties included) and
 * groups, the same distance array reused across groups as a tree is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../engine/kernel/index.js';
import { SHELTER_PARAMETERS } from '../../models/response/shelters-parameters.js';
import { Shelters, type Allocation } from '../../models/response/shelters.js';
import { EventBus } from '../../models/world/events.js';
import type { World } from '../../models/world/world.js';

interface Case {
  capacity: number[];
  open: boolean[];
  dists: number[][];
  groups: Array<{ dist: number; persons: number }>;
}

function shelters(c: Case): Shelters {
  const list = c.capacity.map((capacity, i) => ({ id: `s${i}`, node: `n${i}`, county: 'c', capacity }));
  const world = {
    sim: new Simulation({ seed: 1 }),
    bus: new EventBus(),
    // Any value: allocation does not read the parameters, the constructor only checks they were drawn.
    params: Object.fromEntries(Object.keys(SHELTER_PARAMETERS).map((name) => [name, 2])),
    scenario: { zones: [], region: { assets: { shelters: list } }, csr: { nodeIndex: new Map(list.map((s, i) => [s.node, i])) } },
  } as unknown as World;
  const s = new Shelters(world);
  c.open.forEach((o, i) => o && s.openShelter(i));
  return s;
}

/** The rule as a scan of every shelter per placement (the implementation before the sorted order). */
function reference(s: { count: number; capacity: number[]; reserved: number[]; open: boolean[]; overflow: number }, dist: number[], n: number): Allocation[] {
  const out: Allocation[] = [];
  let left = n;
  while (left > 0) {
    let best = -1;
    let bestD = Infinity;
    let bestClosed = -1;
    let bestClosedD = Infinity;
    for (let i = 0; i < s.count; i++) {
      const d = dist[i]!;
      if (!(d < Infinity) || s.reserved[i]! >= s.capacity[i]!) continue;
      if (s.open[i]) {
        if (d < bestD) [best, bestD] = [i, d];
      } else if (d < bestClosedD) [bestClosed, bestClosedD] = [i, d];
    }
    if (best < 0 && bestClosed >= 0) {
      s.open[bestClosed] = true;
      best = bestClosed;
    }
    if (best < 0) break;
    const take = Math.min(left, s.capacity[best]! - s.reserved[best]!);
    s.reserved[best]! += take;
    out.push({ shelter: best, persons: take });
    left -= take;
  }
  if (left > 0) {
    let nearest = -1;
    let nearestD = Infinity;
    for (let i = 0; i < s.count; i++) if (dist[i]! < nearestD) [nearest, nearestD] = [i, dist[i]!];
    if (nearest >= 0) {
      s.open[nearest] = true;
      s.reserved[nearest]! += left;
      s.overflow += left;
      out.push({ shelter: nearest, persons: left });
    }
  }
  return out;
}

const distance = fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 6 }), fc.double({ min: 0, max: 100, noNaN: true }));
const cases: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 12 }).chain((count) =>
  fc.record({
    capacity: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: count, maxLength: count }),
    open: fc.array(fc.boolean(), { minLength: count, maxLength: count }),
    dists: fc.array(fc.array(distance, { minLength: count, maxLength: count }), { minLength: 1, maxLength: 3 }),
    groups: fc.array(fc.record({ dist: fc.nat(), persons: fc.integer({ min: 1, max: 800 }) }), { minLength: 1, maxLength: 25 }),
  }),
);

describe('Shelters.allocate', () => {
  it('places every group as a scan of every shelter would, over reused distance trees', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const s = shelters(c);
        const ref = { count: c.capacity.length, capacity: c.capacity, reserved: c.capacity.map(() => 0), open: [...c.open], overflow: 0 };
        // Node i is shelter i, so a tree's distances over nodes are over shelters; each tree is reused as the router's are.
        const arrays = c.dists.map((d) => {
          const dist = Float64Array.from(d);
          return { distTo: (v: number) => dist[v]! };
        });
        for (const g of c.groups) {
          const k = g.dist % arrays.length;
          expect(s.allocate(arrays[k]!, g.persons)).toEqual(reference(ref, c.dists[k]!, g.persons));
          expect(Array.from(s.reserved)).toEqual(ref.reserved);
          expect(Array.from(s.open, (o) => o === 1)).toEqual(ref.open);
          expect(s.overflow).toBe(ref.overflow);
        }
      }),
      { numRuns: 500, seed: 20201818 },
    );
  });
});
