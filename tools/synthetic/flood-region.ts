/**
 * A flood-pattern region of any size for benchmarks (issue 17: "a flood replication on a 100k-junction
 * region within 10x of one on Leshan"): the built-in Leshan region (its zones, assets, gauges and roads,
 * unchanged, so the 8-18 flood scenario and plan run on it as they are) with a dense street lattice laid
 * over its extent, the way a real city's network has far more junctions than the trunk roads a plan names.
 * The lattice is tools/synthetic/grid-network.ts's grid (roads 1.0-1.6 x the straight line, seeded road
 * classes), stretched over Leshan's bounding box; every Leshan junction is joined to its nearest lattice
 * junction by a short township road, so every search of a replication runs over the whole graph.
 *
 * `writeFloodRegion(junctions, outDir)` writes <outDir>/region (the region directory) and
 * <outDir>/flood.yaml (the 8-18 flood scenario pointed at it, with the built-in plan by absolute path).
 * `npx tsx tools/synthetic/flood-region.ts <junctions> <out-dir>` does the same from the command line.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { haversineKm } from '../../engine/network/geo.js';
import type { NetworkEdge, NetworkNode, RegionNetwork } from '../../engine/network/schema.js';
import { syntheticRoadNetwork } from './grid-network.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LESHAN = join(ROOT, 'scenarios', 'regions', 'leshan');

/** Leshan's network with a rows x cols lattice over its extent (about `junctions` nodes in all). */
export function floodPatternNetwork(junctions: number, seed = 17): RegionNetwork {
  const base = JSON.parse(readFileSync(join(LESHAN, 'network.json'), 'utf8')) as RegionNetwork;
  const side = Math.max(2, Math.round(Math.sqrt(Math.max(4, junctions - base.nodes.length))));
  const grid = syntheticRoadNetwork(side, side, seed);
  const lats = base.nodes.map((n) => n.lat);
  const lons = base.nodes.map((n) => n.lon);
  const [lat0, lat1, lon0, lon1] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  // The grid spans 29..29+(side-1)*0.005 by 103..; map it linearly onto Leshan's box.
  const span = (side - 1) * 0.005;
  const nodes: NetworkNode[] = grid.nodes.map((n) => ({
    id: `grid-${n.id}`,
    lat: lat0 + ((n.lat - 29) / span) * (lat1 - lat0),
    lon: lon0 + ((n.lon - 103) / span) * (lon1 - lon0),
    kind: 'junction',
  }));
  const at = new Map(nodes.map((n, i) => [n.id, i]));
  const edges: NetworkEdge[] = grid.edges.map((e) => {
    const p = nodes[at.get(`grid-${e.from}`)!]!;
    const q = nodes[at.get(`grid-${e.to}`)!]!;
    // Keep the generator's winding (km over its own straight line) on the stretched straight line.
    const gp = grid.nodes[at.get(`grid-${e.from}`)!]!;
    const gq = grid.nodes[at.get(`grid-${e.to}`)!]!;
    const winding = e.km / Math.max(1e-9, haversineKm(gp.lat, gp.lon, gq.lat, gq.lon));
    return { id: `grid-${e.id}`, from: p.id, to: q.id, km: Math.max(0.001, haversineKm(p.lat, p.lon, q.lat, q.lon) * winding), roadClass: e.roadClass, speedKmh: e.speedKmh };
  });
  // Each Leshan junction to its nearest lattice junction (the lattice is regular: look at the cell it falls in).
  base.nodes.forEach((n) => {
    const r = Math.min(side - 1, Math.max(0, Math.round(((n.lat - lat0) / (lat1 - lat0)) * (side - 1))));
    const c = Math.min(side - 1, Math.max(0, Math.round(((n.lon - lon0) / (lon1 - lon0)) * (side - 1))));
    let best = -1;
    let bestKm = Infinity;
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        const rr = r + dr;
        const cc = c + dc;
        if (rr < 0 || cc < 0 || rr >= side || cc >= side) continue;
        const g = nodes[rr * side + cc]!;
        const km = haversineKm(n.lat, n.lon, g.lat, g.lon);
        if (km < bestKm) [best, bestKm] = [rr * side + cc, km];
      }
    }
    edges.push({ id: `grid-link-${n.id}`, from: n.id, to: nodes[best]!.id, km: Math.max(0.01, 1.2 * bestKm), roadClass: 'township', speedKmh: 30 });
  });
  return { ...base, id: 'leshan', nodes: [...base.nodes, ...nodes], edges: [...base.edges, ...edges] };
}

/** Write the region directory and the flood scenario on it; returns the scenario's path. */
export function writeFloodRegion(junctions: number, outDir: string): { scenario: string; regionDir: string; nodes: number; edges: number } {
  const regionDir = join(outDir, 'region');
  mkdirSync(regionDir, { recursive: true });
  for (const f of ['region.json', 'zones.json', 'assets.json']) copyFileSync(join(LESHAN, f), join(regionDir, f));
  const network = floodPatternNetwork(junctions);
  // One element per line, as imports write: a 100k-junction file stays readable and diffable.
  const lines = (xs: readonly unknown[]): string => xs.map((x) => JSON.stringify(x)).join(',\n');
  const { nodes, edges, ...head } = network;
  writeFileSync(join(regionDir, 'network.json'), `${JSON.stringify(head).slice(0, -1)},\n"nodes": [\n${lines(nodes)}\n],\n"edges": [\n${lines(edges)}\n]}\n`);
  const scenarioText = readFileSync(join(ROOT, 'scenarios', 'leshan-818-flood.yaml'), 'utf8')
    .replace(/^region: leshan$/m, 'region: ./region')
    .replace(/^plan: plans\/(.*)$/m, (_m, p: string) => `plan: ${join(ROOT, 'scenarios', 'plans', p)}`);
  if (!scenarioText.includes('region: ./region')) throw new Error('flood-region: the flood scenario no longer names its region as expected');
  const scenario = join(outDir, 'flood.yaml');
  writeFileSync(scenario, scenarioText);
  return { scenario, regionDir, nodes: nodes.length, edges: edges.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [junctions, out] = process.argv.slice(2);
  if (junctions === undefined || out === undefined || !(Number(junctions) > 0)) {
    process.stderr.write('usage: tsx tools/synthetic/flood-region.ts <junctions> <out-dir>\n');
    process.exit(2);
  }
  const r = writeFloodRegion(Number(junctions), resolve(out));
  process.stdout.write(`wrote ${r.regionDir} (${r.nodes} junctions, ${r.edges} roads) and ${r.scenario}\n`);
}
