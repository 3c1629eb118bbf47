/**
 * `drillsim route` between coordinates: a "lat,lon" is snapped to the nearest junction of the mode's main
 * strongly connected component, never to a one-way trap nearer to it; bad coordinates exit 2. And
 * validate's evacuation checks (models/region/reachability.ts) on the same trap.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RoadCsr } from '../../engine/network/csr.js';
import type { RegionNetwork } from '../../engine/network/schema.js';
import { orderedZonesWithoutShelter, reachabilityWarnings } from '../../models/region/reachability.js';
import { runCli, tempDir } from './helpers.js';

const diamondFile = join(import.meta.dirname, '..', 'fixtures', 'network', 'closures.json');

/** The diamond (A-B-D, A-C-D, B-C; 60 km/h, minutes = km) plus E, reached from D by a one-way only. */
function trapped(): RegionNetwork {
  const net = JSON.parse(readFileSync(diamondFile, 'utf8')) as RegionNetwork;
  net.nodes.push({ id: 'E', lat: 29.5, lon: 103.76, kind: 'junction' });
  net.edges.push({ id: 'DE', from: 'D', to: 'E', km: 2, roadClass: 'national', speedKmh: 60, oneway: true });
  return net;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function writeTrapped(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const file = join(dir, 'network.json');
  writeFileSync(file, JSON.stringify(trapped()));
  return file;
}

describe('route between coordinates', () => {
  it('snaps both ends to the nearest junctions and says how far', async () => {
    const run = await runCli('route', diamondFile, '29.5,103.7', '29.5005,103.7402', '--json');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ minutes: 20, km: 20, path: ['A', 'B', 'D'], fromSnapped: { node: 'A', km: 0 } });
    // 0.0005 degrees of latitude north and 0.0002 of longitude east of D: about 58 m.
    expect((out['toSnapped'] as { node: string; km: number }).node).toBe('D');
    expect((out['toSnapped'] as { km: number }).km).toBeCloseTo(0.058, 2);
    const text = await runCli('route', diamondFile, '29.5,103.7', 'hospital');
    expect(text.stdout).toMatch(/^29\.5,103\.7 \(snapped 0 m\) at A -> hospital \(县医院\) at D by car: 20\.0 min/);
  });

  it('never snaps to a junction that can be entered but not left (a one-way trap) by car; on foot it may', async () => {
    const file = writeTrapped();
    // Right on E: by car E is outside the main component, so D (2.2 km west) is taken instead.
    const car = JSON.parse((await runCli('route', file, '29.5,103.7', '29.5,103.76', '--json')).stdout) as Record<string, unknown>;
    expect(car['toSnapped']).toMatchObject({ node: 'D' });
    expect(car['path']).toEqual(['A', 'B', 'D']);
    const foot = JSON.parse((await runCli('route', file, '29.5,103.7', '29.5,103.76', '--mode', 'foot', '--json')).stdout) as Record<string, unknown>;
    expect(foot['toSnapped']).toEqual({ node: 'E', km: 0 });
    expect(foot['path']).toEqual(['A', 'B', 'D', 'E']);
  });

  it('coordinates out of range exit 2 with a message', async () => {
    const run = await runCli('route', diamondFile, '95,103.7', 'A');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/<from> '95,103.7': latitude must be in \[-90, 90\] and longitude in \[-180, 180\]/);
  });

  it('takes coordinates south of the equator and west of Greenwich, minus sign first, with options after them', async () => {
    // The diamond mirrored into the south-western quarter of the globe.
    const net = JSON.parse(readFileSync(diamondFile, 'utf8')) as RegionNetwork;
    for (const n of net.nodes) [n.lat, n.lon] = [-n.lat, -n.lon];
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = join(dir, 'network.json');
    writeFileSync(file, JSON.stringify(net));
    const run = await runCli('route', file, '-29.5,-103.7', '-29.5005,-103.7402', '--json', '--mode', 'car');
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ from: '-29.5,-103.7', to: '-29.5005,-103.7402', path: ['A', 'B', 'D'], fromSnapped: { node: 'A', km: 0 } });
  });

  it('refuses a point farther than --max-snap from every road (a lost minus sign), naming the distance', async () => {
    const far = await runCli('route', diamondFile, '-29.5,103.7', 'A');
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/<from> '-29\.5,103\.7' is 6,5\d\d km from the nearest junction usable by car in region 'diamond' \(at 29\.48,103\.72\); expected a point within --max-snap 100 km of its roads/);
    // 2.2 km from D: refused under a 1 km limit, routed under the default.
    expect((await runCli('route', diamondFile, 'A', '29.5,103.76', '--max-snap', '1')).code).toBe(2);
    expect((await runCli('route', diamondFile, 'A', '29.5,103.76')).code).toBe(0);
    const bad = await runCli('route', diamondFile, 'A', 'D', '--max-snap', 'far');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-snap must be a positive number of km, got 'far'/);
  });
});

describe('evacuation reachability', () => {
  it('names the zone that reaches no shelter, the shelter no zone reaches, and the nearest fix', () => {
    const net = trapped();
    // F: an island with a shelter on it.
    net.nodes.push({ id: 'F', lat: 29.6, lon: 103.7, kind: 'junction' }, { id: 'G', lat: 29.61, lon: 103.7, kind: 'junction' });
    net.edges.push({ id: 'FG', from: 'F', to: 'G', km: 1.2, roadClass: 'township', speedKmh: 30 });
    const csr = new RoadCsr(net);
    const warnings = reachabilityWarnings({
      csr,
      zones: [
        { id: 'z-a', node: 'A' },
        { id: 'z-e', node: 'E' },
      ],
      shelters: [
        { id: 's-c', node: 'C' },
        { id: 's-f', node: 'F' },
      ],
      teams: [{ id: 't', homeNode: 'B' }],
    });
    const messages = warnings.map((w) => w.message);
    // By car E cannot leave: no shelter from z-e; on foot it can.
    expect(messages).toContainEqual(expect.stringMatching(/^zone 'z-e': no shelter can be reached by car from node 'E'; nearest fix: connect node 'E' to 'D' 1\.9\d km away/));
    expect(messages.some((m) => /zone 'z-e': no shelter can be reached by foot/.test(m))).toBe(false);
    // The island shelter is reached by no zone, on foot or by car.
    expect(messages.filter((m) => /^shelter 's-f': no zone can reach it by (foot|car)/.test(m))).toHaveLength(2);
    expect(messages.some((m) => /^shelter 's-c'/.test(m))).toBe(false);
    // By car E and the island are outside the main component: 3 of 7 junctions.
    expect(messages).toContainEqual(expect.stringMatching(/^by car: 3 of 7 junctions \(42\.9 %\) lie outside the main strongly connected component of 4/));
    // The team at B reaches both zones (E by the one-way).
    expect(messages.some((m) => /team base/.test(m))).toBe(false);
    expect(warnings.find((w) => w.message.startsWith("zone 'z-e'"))!.path).toBe('/zones/1/node');
  });
});

describe('the run warning for ordered zones without a reachable shelter', () => {
  it('names ordered zones that reach no shelter on foot nor by car, and no others', () => {
    const net = trapped();
    net.nodes.push({ id: 'F', lat: 29.6, lon: 103.7, kind: 'junction' }, { id: 'G', lat: 29.61, lon: 103.7, kind: 'junction' });
    net.edges.push({ id: 'FG', from: 'F', to: 'G', km: 1.2, roadClass: 'township', speedKmh: 30 });
    const csr = new RoadCsr(net);
    const zones = ['A', 'E', 'F'].map((n, i) => ({ id: `z${i}`, node: csr.node(n)! }));
    const evacuate = (...z: number[]) => ({ type: 'evacuate', data: { zones: z, mandatory: true } });
    // E is a car trap but walkers leave it: only the island zone F is stranded, and only when ordered.
    expect(orderedZonesWithoutShelter(csr, zones, ['C'], [evacuate(0, 1, 2)])).toEqual(['z2']);
    expect(orderedZonesWithoutShelter(csr, zones, ['C'], [evacuate(0, 1), { type: 'warn', data: { zones: [2] } }])).toEqual([]);
    // A shelter on the island serves it.
    expect(orderedZonesWithoutShelter(csr, zones, ['C', 'G'], [evacuate(2)])).toEqual([]);
  });
});
