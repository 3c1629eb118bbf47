/**
 * Timed edge states on a diamond A-B-D / A-C-D with a cross link B-C (test/fixtures/network/closures.json;
 * all roads 60 km/h, so minutes = km): AB 10, BD 10, AC 15, CD 15, BC 6. Best A->D is A-B-D, 20 min; with
 * BD closed it is A-C-D, 30 min (A-B-C-D is 31). A traveller who does not know BD is closed drives A->B
 * (10), finds it closed there, and continues B-C-D (21): 31 min, a detour of 11 min over the open route.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../engine/kernel/index.js';
import { validateRegionNetwork } from '../../engine/network/load.js';
import { RoadNetwork } from '../../engine/network/road-network.js';
import type { RegionNetwork } from '../../engine/network/schema.js';
import { travel, type TravelResult } from '../../engine/network/travel.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'network', 'closures.json');

function diamond(): RoadNetwork {
  const { network } = validateRegionNetwork(JSON.parse(readFileSync(fixture, 'utf8')) as RegionNetwork);
  return new RoadNetwork(network);
}

function drive(net: RoadNetwork, startAt: number, opts: { reportDelay?: number; mode?: 'car' | 'foot' } = {}): { result: TravelResult; positions: Array<[string, number]> } {
  const sim = new Simulation({ seed: 1 });
  const positions: Array<[string, number]> = [];
  let result: TravelResult | undefined;
  sim.process(function* () {
    if (startAt > 0) yield sim.timeout(startAt);
    result = yield* travel(sim, net, {
      mode: opts.mode ?? 'car',
      from: 'A',
      to: 'D',
      onPosition: (node, t) => positions.push([node, t]),
      ...(opts.reportDelay !== undefined ? { reportDelay: opts.reportDelay } : {}),
    });
  });
  sim.run();
  return { result: result!, positions };
}

describe('routing with timed edge states', () => {
  it('open network: A-B-D in 20 minutes', () => {
    const r = diamond().routeByIds('A', 'D', 'car')!;
    expect(r.nodes).toEqual(['A', 'B', 'D']);
    expect(r.minutes).toBeCloseTo(20, 12);
    expect(r.km).toBe(20);
  });

  it('a known closure reroutes: BD closed and known -> A-C-D in 30 minutes', () => {
    const net = diamond();
    net.setState({ edge: 'BD', start: 0, state: 'closed', knownAt: 0 });
    const r = net.routeByIds('A', 'D', 'car', 5)!;
    expect(r.nodes).toEqual(['A', 'C', 'D']);
    expect(r.minutes).toBeCloseTo(30, 12);
  });

  it('a closure is invisible to routing before knownAt and before start', () => {
    const net = diamond();
    net.setState({ edge: 'BD', start: 10, state: 'closed', knownAt: 20 });
    expect(net.routeByIds('A', 'D', 'car', 15)!.nodes).toEqual(['A', 'B', 'D']);
    expect(net.routeByIds('A', 'D', 'car', 20)!.nodes).toEqual(['A', 'C', 'D']);
    const announced = diamond();
    announced.setState({ edge: 'BD', start: 50, state: 'closed', knownAt: 0 });
    expect(announced.routeByIds('A', 'D', 'car', 10)!.nodes).toEqual(['A', 'B', 'D']);
    expect(announced.routeByIds('A', 'D', 'car', 50)!.nodes).toEqual(['A', 'C', 'D']);
  });

  it('reopening restores the first route', () => {
    const net = diamond();
    net.setState({ edge: 'BD', start: 0, end: 60, state: 'closed', knownAt: 0 });
    expect(net.routeByIds('A', 'D', 'car', 30)!.nodes).toEqual(['A', 'C', 'D']);
    const after = net.routeByIds('A', 'D', 'car', 60)!;
    expect(after.nodes).toEqual(['A', 'B', 'D']);
    expect(after.minutes).toBeCloseTo(20, 12);
    // A traveller leaving after the reopening drives the original route in the original time.
    const { result } = drive(net, 70);
    expect(result.nodes).toEqual(['A', 'B', 'D']);
    expect(result.minutes).toBeCloseTo(20, 12);
  });

  it('an unknown closure costs the detour from where it is met: A-B, back via B-C-D, 31 minutes', () => {
    const net = diamond();
    net.setState({ edge: 'BD', start: 0, state: 'closed', knownAt: 1e9 });
    const { result, positions } = drive(net, 0);
    expect(result.arrived).toBe(true);
    expect(result.plannedMinutes).toBeCloseTo(20, 12);
    expect(result.discovered).toEqual(['BD']);
    expect(result.reroutes).toBe(1);
    expect(result.nodes).toEqual(['A', 'B', 'C', 'D']);
    expect(result.minutes).toBeCloseTo(10 + 6 + 15, 12);
    expect(result.km).toBe(31);
    expect(positions.map(([n]) => n)).toEqual(['A', 'B', 'C', 'D']);
    expect(positions.map(([, t]) => t)).toEqual([0, 10, 16, 31]);
    // Compared with knowing it in advance (30 min), not knowing cost one minute more.
    const known = diamond();
    known.setState({ edge: 'BD', start: 0, state: 'closed', knownAt: 0 });
    expect(drive(known, 0).result.minutes).toBeCloseTo(30, 12);
  });

  it('a reported closure becomes known to everyone after the report delay', () => {
    const net = diamond();
    net.setState({ edge: 'BD', start: 0, state: 'closed', knownAt: 1e9 });
    drive(net, 0, { reportDelay: 5 });
    // Discovered at B at t = 10, known from t = 15.
    expect(net.routeByIds('A', 'D', 'car', 14.9)!.nodes).toEqual(['A', 'B', 'D']);
    expect(net.routeByIds('A', 'D', 'car', 15)!.nodes).toEqual(['A', 'C', 'D']);
  });

  it('a traveller replans at the next node when a closure becomes known on the way', () => {
    const net = diamond();
    // Known at t = 5, while the traveller is on AB: it learns of it at B (t = 10) and turns to C.
    net.setState({ edge: 'BD', start: 0, state: 'closed', knownAt: 5 });
    const { result } = drive(net, 0);
    expect(result.discovered).toEqual([]);
    expect(result.nodes).toEqual(['A', 'B', 'C', 'D']);
    expect(result.minutes).toBeCloseTo(31, 12);
  });

  it('a degraded road is slow whether known or not; known, it reroutes', () => {
    const unknown = diamond();
    unknown.setState({ edge: 'BD', start: 0, state: { speedFactor: 0.25 }, knownAt: 1e9 });
    const r1 = drive(unknown, 0).result;
    expect(r1.nodes).toEqual(['A', 'B', 'D']);
    expect(r1.minutes).toBeCloseTo(10 + 40, 12);
    const known = diamond();
    known.setState({ edge: 'BD', start: 0, state: { speedFactor: 0.25 }, knownAt: 0 });
    // Known: BD costs 40, so A-C-D (30) wins.
    expect(known.routeByIds('A', 'D', 'car', 0)!.nodes).toEqual(['A', 'C', 'D']);
    known.setState({ edge: 'AC', start: 0, state: { speedFactor: 0.5 }, knownAt: 0 });
    // AC now 30: A-B-C-D = 10 + 6 + 15 = 31 beats A-C-D 45 and A-B-D 50.
    const r = known.routeByIds('A', 'D', 'car', 0)!;
    expect(r.nodes).toEqual(['A', 'B', 'C', 'D']);
    expect(r.minutes).toBeCloseTo(31, 12);
  });

  it('a traveller with no way through stops where it is, not arrived', () => {
    const net = diamond();
    for (const e of ['BD', 'CD']) net.setState({ edge: e, start: 0, state: 'closed', knownAt: 1e9 });
    const { result } = drive(net, 0);
    expect(result.arrived).toBe(false);
    expect(result.discovered.sort()).toEqual(['BD', 'CD']);
    expect(result.at === 'B' || result.at === 'C').toBe(true);
  });

  it('epochs change exactly when the known view changes, and the route cache is invalidated then', () => {
    const net = diamond();
    net.setState({ edge: 'BD', start: 10, end: 40, state: 'closed', knownAt: 20 });
    const e0 = net.knownEpoch(0);
    expect(net.knownEpoch(19.9)).toBe(e0);
    const e1 = net.knownEpoch(20);
    expect(e1).not.toBe(e0);
    expect(net.knownEpoch(39)).toBe(e1);
    expect(net.knownEpoch(40)).not.toBe(e1);

    const a = net.csr.nodeIndex.get('A')!;
    const d = net.csr.nodeIndex.get('D')!;
    const t1 = net.tree(a, 'car', 0);
    expect(net.tree(a, 'car', 5)).toBe(t1); // same epoch: served from the cache
    expect(net.cache.hits).toBe(1);
    const t2 = net.tree(a, 'car', 25);
    expect(t2).not.toBe(t1);
    expect(net.cache.invalidations).toBe(1);
    expect(t1.dist[d]).toBeCloseTo(20, 12);
    expect(t2.dist[d]).toBeCloseTo(30, 12);
    // An edit (a report, a new state) moves the epoch too, even at the same time.
    const before = net.knownEpoch(25);
    net.setState({ edge: 'AC', start: 0, state: { speedFactor: 0.5 }, knownAt: 0 });
    expect(net.knownEpoch(25)).not.toBe(before);
    expect(net.tree(a, 'car', 25).dist[d]).toBeCloseTo(31, 12);
  });

  it('the cached tree answers route() with the same result as a fresh search', () => {
    const net = diamond();
    const a = net.csr.nodeIndex.get('A')!;
    const d = net.csr.nodeIndex.get('D')!;
    const fresh = net.route(a, d, 'car', 0)!;
    net.tree(a, 'car', 0);
    const cached = net.route(a, d, 'car', 0)!;
    expect(net.cache.hits).toBeGreaterThan(0);
    expect(cached).toEqual(fresh);
  });

  it('evacuation-loaded arcs follow BPR against the true capacity', () => {
    const net = diamond();
    const ab = net.csr.edgeFwdArc[net.edgeIndexOf('AB')]!;
    // national, default 2 lanes: one lane each way, 1,800 veh/h; free flow 10 min.
    expect(net.loadedArcMinutes(ab, 'car', 0, 0)).toBeCloseTo(10, 12);
    expect(net.loadedArcMinutes(ab, 'car', 0, 1800)).toBeCloseTo(10 * 1.15, 12);
    net.setState({ edge: 'AB', start: 0, state: { speedFactor: 0.5, capacityFactor: 0.5 }, knownAt: 1e9 });
    // Unknown to routing but true on the road: t0 = 20, capacity 900, v/c = 2.
    expect(net.loadedArcMinutes(ab, 'car', 0, 1800)).toBeCloseTo(20 * (1 + 0.15 * 16), 12);
  });

  it('true and known states combine the most restrictive entries', () => {
    const net = diamond();
    const bd = net.edgeIndexOf('BD');
    net.setState({ edge: 'BD', start: 0, state: { speedFactor: 0.5, capacityFactor: 0.8 }, knownAt: 0 });
    net.setState({ edge: 'BD', start: 0, state: { speedFactor: 0.7, capacityFactor: 0.4 }, knownAt: 100 });
    expect(net.states.knownState(bd, 10)).toEqual({ closed: false, speedFactor: 0.5, capacityFactor: 0.8 });
    expect(net.states.trueState(bd, 10)).toEqual({ closed: false, speedFactor: 0.5, capacityFactor: 0.4 });
    expect(() => net.setState({ edge: 'nope', start: 0, state: 'closed', knownAt: 0 })).toThrow(/unknown edge 'nope'/);
    expect(() => net.setState({ edge: 'BD', start: 0, state: { speedFactor: 0 }, knownAt: 0 })).toThrow(/speedFactor/);
  });
});
