/**
 * Speed profiles per mode and road class (engine/network/modes.ts), the direction rules, the CSR base
 * minutes they produce, and the BPR volume-delay function with per-direction capacities.
 */
import { describe, expect, it } from 'vitest';
import { bprTravelTime, edgeCapacityVehH } from '../../engine/network/bpr.js';
import { RoadCsr } from '../../engine/network/csr.js';
import { modeAllowsReverse, modeSpeedKmh } from '../../engine/network/modes.js';
import type { RegionNetwork } from '../../engine/network/schema.js';

describe('travel modes', () => {
  it('follow the profile table', () => {
    expect(modeSpeedKmh('car', { roadClass: 'national', speedKmh: 60 })).toBe(60);
    expect(modeSpeedKmh('emergency', { roadClass: 'county', speedKmh: 40 })).toBeCloseTo(46, 12);
    expect(modeSpeedKmh('emergency', { roadClass: 'expressway', speedKmh: 110 })).toBe(120); // 126.5 capped
    expect(modeSpeedKmh('emergency', { roadClass: 'track', speedKmh: 20 })).toBe(20);
    expect(modeSpeedKmh('truck', { roadClass: 'expressway', speedKmh: 100 })).toBe(70);
    expect(modeSpeedKmh('truck', { roadClass: 'county', speedKmh: 40 })).toBe(40);
    expect(modeSpeedKmh('truck', { roadClass: 'track', speedKmh: 20 })).toBe(16);
    expect(modeSpeedKmh('foot', { roadClass: 'county', speedKmh: 40 })).toBe(5);
    expect(modeSpeedKmh('foot', { roadClass: 'expressway', speedKmh: 100 })).toBe(0);
    expect(modeSpeedKmh('foot', { roadClass: 'ferry', speedKmh: 12 })).toBe(12);
  });

  it('keep boats on water and everything else off it', () => {
    expect(modeSpeedKmh('boat', { roadClass: 'ferry', speedKmh: 15, water: true })).toBe(15);
    expect(modeSpeedKmh('boat', { roadClass: 'national', speedKmh: 60 })).toBe(0);
    for (const m of ['car', 'emergency', 'truck', 'foot'] as const) expect(modeSpeedKmh(m, { roadClass: 'ferry', speedKmh: 15, water: true })).toBe(0);
  });

  it('one-way applies to vehicles, not to walkers', () => {
    expect(modeAllowsReverse('car', { oneway: true })).toBe(false);
    expect(modeAllowsReverse('truck', { oneway: true })).toBe(false);
    expect(modeAllowsReverse('foot', { oneway: true })).toBe(true);
    expect(modeAllowsReverse('car', {})).toBe(true);
  });

  it('give the CSR its base minutes per arc: km / speed x 60, Infinity where the mode may not go', () => {
    const network: RegionNetwork = {
      drillsim: 1,
      kind: 'region-network',
      id: 't',
      name: 't',
      crs: 'WGS84',
      nodes: [
        { id: 'a', lat: 29.5, lon: 103.7, kind: 'x' },
        { id: 'b', lat: 29.51, lon: 103.71, kind: 'x' },
      ],
      edges: [{ id: 'ab', from: 'a', to: 'b', km: 3, roadClass: 'urban', speedKmh: 30, oneway: true }],
    };
    const csr = new RoadCsr(network);
    const fwd = csr.edgeFwdArc[0]!;
    const bwd = csr.edgeBwdArc[0]!;
    expect(csr.graph.tails[fwd]).toBe(0);
    expect(csr.graph.heads[fwd]).toBe(1);
    expect(csr.baseMinutes('car')[fwd]).toBeCloseTo(6, 12);
    expect(csr.baseMinutes('car')[bwd]).toBe(Infinity);
    expect(csr.baseMinutes('foot')[bwd]).toBeCloseTo(36, 12);
    expect(csr.baseMinutes('boat')[fwd]).toBe(Infinity);
  });
});

describe('BPR volume-delay', () => {
  it('t0 (1 + 0.15 (v/c)^4)', () => {
    expect(bprTravelTime(10, 0, 2000)).toBe(10);
    expect(bprTravelTime(10, 2000, 2000)).toBeCloseTo(11.5, 12);
    expect(bprTravelTime(10, 4000, 2000)).toBeCloseTo(10 * (1 + 0.15 * 16), 12);
    expect(bprTravelTime(10, 1000, 2000, 0.5, 2)).toBeCloseTo(10 * (1 + 0.5 * 0.25), 12);
    expect(bprTravelTime(10, 1, 0)).toBe(Infinity);
  });

  it('capacity per direction = lanes per direction x per-lane capacity x capacityFactor', () => {
    expect(edgeCapacityVehH({ roadClass: 'expressway', lanes: 4 })).toBe(2 * 2000);
    expect(edgeCapacityVehH({ roadClass: 'national', lanes: 2, oneway: true })).toBe(2 * 1800);
    expect(edgeCapacityVehH({ roadClass: 'national', lanes: 2, oneway: true }, 0.5)).toBe(1800);
    expect(edgeCapacityVehH({ roadClass: 'county' })).toBe(1 * 1200); // default 2 lanes, one each way
    expect(edgeCapacityVehH({ roadClass: 'track', lanes: 1 })).toBe(400); // a single lane still carries traffic
  });
});
