/**
 * The importer's node store: sorted numeric ids found by binary search, unsorted or non-canonical ids by
 * the fallback map, duplicates refused either way; and the synthetic PBF writer's file imports with the
 * junctions, shape points and edges its lattice implies (so the import bench measures a valid file).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOsmFile } from '../../engine/network/import-osm.js';
import { OsmNodeStore } from '../../engine/network/osm-node-store.js';
import { writeSyntheticPbf } from '../../tools/synthetic/osm-pbf.js';

describe('OsmNodeStore', () => {
  it('sorted ids: found by binary search, a repeat refused, an unknown id undefined', () => {
    const s = new OsmNodeStore();
    const ids = [3, 7, 10, 12000000000, 12000000001];
    ids.forEach((id, k) => expect(s.add(String(id), k, -k)).toBe(k));
    expect(s.add('12000000001', 0, 0)).toBeUndefined();
    ids.forEach((id, k) => expect(s.index(String(id))).toBe(k));
    expect(s.index('8')).toBeUndefined();
    expect(s.index('07')).toBeUndefined();
    expect([s.id(3), s.lat(2), s.lon(2)]).toEqual(['12000000000', 2, -2]);
  });

  it('unsorted and negative or non-canonical ids fall back to a map, keeping what was stored', () => {
    const s = new OsmNodeStore();
    for (let i = 0; i < 70000; i++) s.add(String(i * 2), i, i);
    expect(s.add('5', 1, 1)).toBe(70000);
    expect(s.add('-1', 2, 2)).toBe(70001);
    expect(s.add('x7', 3, 3)).toBe(70002);
    expect(s.add('-1', 0, 0)).toBeUndefined();
    expect(s.add('4', 0, 0)).toBeUndefined();
    expect([s.index('4'), s.index('5'), s.index('-1'), s.index('x7'), s.index('3')]).toEqual([2, 70000, 70001, 70002, undefined]);
    expect([s.id(70002), s.id(2), s.lat(70001)]).toEqual(['x7', '4', 2]);
  });
});

describe('synthetic PBF (tools/synthetic/osm-pbf.ts)', () => {
  it('imports to the lattice it describes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drillsim-pbf-'));
    try {
      const file = join(dir, 'g.osm.pbf');
      const stats = writeSyntheticPbf(9, 11, file, { wayNodes: 4 });
      // 99 junctions, one shape node on each of 9*10 + 8*11 street segments.
      expect(stats).toMatchObject({ junctions: 99, nodes: 99 + 90 + 88 });
      const { network, summary } = await importOsmFile(file);
      expect(network.nodes).toHaveLength(99);
      expect(summary.collapsedVertices).toBe(178);
      const diagonals = network.edges.length - 178;
      expect(diagonals).toBeGreaterThan(10);
      expect(diagonals).toBeLessThan(70);
      expect(network.edges.filter((e) => e.geometry?.length === 3)).toHaveLength(178);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
