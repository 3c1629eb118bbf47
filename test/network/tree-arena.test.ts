/**
 * The arena of partial trees (engine/network/tree-arena.ts): arrays come zeroed and apart even from reused
 * buffers, a released arena's buffers serve the next one, and a road network that reuses them answers
 * exactly as one that does not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoadNetwork } from '../../engine/network/road-network.js';
import { SparseTree } from '../../engine/network/search.js';
import { BufferPool, THREAD_BUFFER_POOL, TreeArena } from '../../engine/network/tree-arena.js';
import { gridNetwork, withPartialTrees } from './helpers.js';

describe('TreeArena', () => {
  it('hands out zeroed, disjoint arrays, also from a reused buffer', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ float: fc.boolean(), length: fc.integer({ min: 0, max: 300 }) }), { minLength: 1, maxLength: 40 }), (asks) => {
        const pool = new BufferPool(1024, 1 << 20);
        for (let round = 0; round < 2; round++) {
          const arena = new TreeArena(pool);
          const arrays = asks.map((a) => (a.float ? arena.float64(a.length) : arena.int32(a.length)));
          // Zeroed as handed out, then each written with its own mark: no array sees another's.
          for (const a of arrays) expect(a.every((x) => x === 0)).toBe(true);
          arrays.forEach((a, i) => a.fill(i + 1));
          arrays.forEach((a, i) => expect(a.every((x) => x === i + 1)).toBe(true));
          arena.release();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives its buffers back on release, up to the pool limit, and refuses use after', () => {
    const pool = new BufferPool(1024, 2048);
    const arena = new TreeArena(pool);
    for (let i = 0; i < 5; i++) arena.int32(200); // 800 bytes each: one buffer apiece
    const big = arena.float64(1000); // larger than a buffer: its own, never pooled
    expect(big.length).toBe(1000);
    arena.release();
    expect(pool.freeBytes).toBe(2048);
    expect(() => arena.int32(1)).toThrow(/after release/);
    const next = new TreeArena(pool);
    next.int32(10);
    expect(pool.freeBytes).toBe(1024);
  });
});

describe('RoadNetwork.release', () => {
  withPartialTrees();

  it("the next network's partial trees reuse the buffers and equal those of a network with its own", () => {
    const network = gridNetwork(12, 12, [30, 50, 80, 40], [1, 1.3, 0.9], [1, 2, 3]);
    const n = network.nodes.length;
    const targetsOf = (k: number): number[] => [(k * 37) % n, (k * 53 + 11) % n];
    // A first replication's network fills the pool when released.
    const first = new RoadNetwork(network);
    for (let k = 0; k < 20; k++) first.tree(k % n, 'car', 0, k % 2 === 1, targetsOf(k));
    first.release();
    expect(THREAD_BUFFER_POOL.freeBytes).toBeGreaterThan(0);
    const reused = new RoadNetwork(network);
    const own = new RoadNetwork(network);
    own.release(); // its trees from now on allocate their own arrays; the pool's buffers go to `reused`
    let partial = 0;
    for (let k = 0; k < 40; k++) {
      const origin = (k * 7) % n;
      const reverse = k % 3 === 0;
      const a = reused.tree(origin, 'truck', 0, reverse, targetsOf(k));
      const b = own.tree(origin, 'truck', 0, reverse, targetsOf(k));
      if (a instanceof SparseTree) partial++;
      for (let v = 0; v < n; v++) {
        expect(a.distTo(v)).toBe(b.distTo(v));
        expect(a.predArcOf(v)).toBe(b.predArcOf(v));
      }
    }
    expect(partial).toBeGreaterThan(10);
  });
});
