import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRegionNetwork, RoadNetwork } from '../../engine/network/index.js';
import { InputError } from '../../engine/errors.js';

/**
 * Edge states that apply to some travel modes only: a flooded road closes to cars at 0.3 m of water but to
 * high-clearance emergency vehicles only at 0.5 m (docs/models/flood.md section 8). Diamond network: A-B-D is 2 x 10 km,
 * A-C-D is 2 x 15 km, all at 60 km/h (cars 20 vs 30 min).
 */
function diamond(): RoadNetwork {
  const url = new URL('../fixtures/network/closures.json', import.meta.url);
  return new RoadNetwork(parseRegionNetwork(readFileSync(url, 'utf8'), url.pathname).network);
}

describe('mode-specific edge states', () => {
  it('a closure for cars reroutes cars but not emergency vehicles', () => {
    const net = diamond();
    const emergencyOpen = net.routeByIds('A', 'D', 'emergency', 0)!;
    net.setState({ edge: 'AB', start: 0, state: 'closed', knownAt: 0, modes: ['car', 'truck', 'foot'] });
    const car = net.routeByIds('A', 'D', 'car', 10)!;
    expect(car.edges).toEqual(['AC', 'CD']);
    expect(car.minutes).toBeCloseTo(30, 9);
    const emergency = net.routeByIds('A', 'D', 'emergency', 10)!;
    expect(emergency.edges).toEqual(['AB', 'BD']);
    expect(emergency.minutes).toBeCloseTo(emergencyOpen.minutes, 9);
  });

  it('the true state seen by a traveller depends on the mode too', () => {
    const net = diamond();
    net.setState({ edge: 'AB', start: 0, state: 'closed', knownAt: 100, modes: ['car'] });
    const arc = net.csr.edgeFwdArc[net.edgeIndexOf('AB')]!;
    expect(net.trulyClosed(arc, 5, 'car')).toBe(true);
    expect(net.trulyClosed(arc, 5, 'emergency')).toBe(false);
    expect(net.trulyClosed(arc, 5)).toBe(true); // closed to some mode
    expect(net.trueArcMinutes(arc, 'car', 5)).toBe(Infinity);
    expect(net.trueArcMinutes(arc, 'emergency', 5)).toBeLessThan(Infinity);
  });

  it('a state without modes applies to every mode; an empty mode list is bad input', () => {
    const net = diamond();
    net.setState({ edge: 'AB', start: 0, state: 'closed', knownAt: 0 });
    expect(net.routeByIds('A', 'D', 'emergency', 1)!.edges).toEqual(['AC', 'CD']);
    expect(() => net.setState({ edge: 'BD', start: 0, state: 'closed', knownAt: 0, modes: [] })).toThrow(InputError);
  });
});

describe('a shared CSR snapshot', () => {
  it('routes exactly as a network that builds its own, and keeps edge states per network', () => {
    const own = diamond();
    const shared = new RoadNetwork(own.network, { csr: own.csr });
    expect(shared.csr).toBe(own.csr);
    shared.setState({ edge: 'AB', start: 0, state: 'closed', knownAt: 0 });
    // The closure belongs to `shared` alone: `own` still takes the short way.
    expect(shared.routeByIds('A', 'D', 'car', 1)!.edges).toEqual(['AC', 'CD']);
    expect(own.routeByIds('A', 'D', 'car', 1)!.edges).toEqual(['AB', 'BD']);
  });

  it('refuses a snapshot of another network', () => {
    const a = diamond();
    const b = diamond();
    expect(() => new RoadNetwork(b.network, { csr: a.csr })).toThrow(/another network/);
  });
});
