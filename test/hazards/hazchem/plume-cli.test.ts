/** `drillsim plume` (ALOHA-style threat zones) and the hazchem `drillsim calc` models as a user meets them. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plumeConcentration } from '../../../models/hazards/hazchem/dispersion.js';
import { SUBSTANCES, kgM3FromPpm } from '../../../models/hazards/hazchem/substances.js';
import { threatZones } from '../../../models/hazards/hazchem/threat-zones.js';
import { runCli, tempDir } from '../../support/cli.js';

const { dir, cleanup } = tempDir('drillsim-plume-');
afterAll(cleanup);

describe('threat zones', () => {
  const input = {
    substance: SUBSTANCES.Cl2,
    rateKgS: 1,
    windMs: 5,
    stability: 'D' as const,
    terrain: 'rural' as const,
    releaseHeightM: 0,
    mixingHeightM: Infinity,
    site: { lat: 29.37, lon: 103.85 },
    windFromDeg: 90,
  };
  const zones = threatZones(input);

  it('ends each zone where the centreline falls to its level, and nests them', () => {
    for (const z of zones) {
      const c = plumeConcentration(1, 5, 0, z.distanceM!, 0, 1.5, 'D', 'rural');
      expect(c / kgM3FromPpm(z.ppm, SUBSTANCES.Cl2.molarMassGMol)).toBeCloseTo(1, 6);
    }
    const [red, orange, yellow] = zones;
    expect(red!.distanceM!).toBeLessThan(orange!.distanceM!);
    expect(orange!.distanceM!).toBeLessThan(yellow!.distanceM!);
  });

  it('lays the footprint downwind: an east wind carries it west of the site', () => {
    const ring = zones[1]!.ring;
    const far = ring.reduce((a, p) => (p[0] < a[0] ? p : a));
    expect(far[0]).toBeLessThan(103.85);
    expect(Math.abs(far[1] - 29.37)).toBeLessThan(0.005);
  });
});

describe('drillsim plume', () => {
  it('prints the three distances and writes the footprints', async () => {
    const out = join(dir, 'zones.geojson');
    const run = await runCli('plume', '--substance', 'trichlorosilane', '--rate', '0.93', '--site', '29.37,103.85', '--wind-from', '147', '--geojson', out);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/AEGL-3 \(100 ppm, 60 min\): [\d.]+ km/);
    expect(run.stdout).toMatch(/AEGL-2 \(22 ppm, 60 min\): [\d.]+ km/);
    const geo = JSON.parse(readFileSync(out, 'utf8')) as { type: string; features: Array<{ properties: { level: string }; geometry: { coordinates: number[][][] } }> };
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features.map((f) => f.properties.level)).toEqual(['AEGL-3', 'AEGL-2', 'AEGL-1']);
    const ring = geo.features[0]!.geometry.coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
  });

  it.each([
    [['--substance', 'chlorin', '--rate', '1', '--site', '29.37,103.85'], /did you mean 'chlorine'/],
    [['--substance', 'HCl', '--rate', '0', '--site', '29.37,103.85'], /--rate '0': expected a number > 0/],
    [['--substance', 'HCl', '--rate', '1', '--site', 'Leshan'], /--site 'Leshan': expected latitude,longitude/],
    [['--substance', 'HCl', '--rate', '1', '--site', '29.37,103.85', '--stability', 'G'], /expected one of A, B, C, D, E, F/],
  ])('refuses bad options with exit 2: %j', async (args, message) => {
    const run = await runCli('plume', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});

describe('drillsim calc, hazchem models', () => {
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('gives the worked plume and probit values', async () => {
    const plume = await runCli('calc', 'plume', '--json', '--input', file('p.json', '{ "massRateKgS": 0.1, "windSpeedMs": 2, "releaseHeightM": 0, "xM": 1000, "yM": 0, "zM": 0, "stability": "F", "terrain": "rural" }'));
    expect(plume.code).toBe(0);
    expect((JSON.parse(plume.stdout) as { concentrationKgM3: number }).concentrationKgM3).toBeCloseTo(3.3906e-5, 8);
    const probit = await runCli('calc', 'probit', '--json', '--input', file('q.json', '{ "a": -8.29, "b": 0.92, "n": 2, "concentrationPpm": 400, "exposureMin": 10 }'));
    expect((JSON.parse(probit.stdout) as { probability: number }).probability).toBeCloseTo(0.441, 3);
    const stability = await runCli('calc', 'stability', '--json', '--input', file('s.json', '{ "windSpeed10mMs": 4, "period": "day", "insolation": "moderate" }'));
    expect(JSON.parse(stability.stdout)).toEqual({ class: 'B-C' });
  });

  it('locates what the schema cannot say, exit 2', async () => {
    const night = await runCli('calc', 'stability', '--input', file('n.json', '{ "windSpeed10mMs": 2, "period": "night", "insolation": "strong" }'));
    expect(night.code).toBe(2);
    expect(night.stderr).toMatch(/\/cloud.*by night, give the cloud/);
    const gas = await runCli('calc', 'release', '--input', file('g.json', '{ "kind": "gas-hole", "dischargeCoefficient": 0.85, "holeDiameterM": 0.01 }'));
    expect(gas.code).toBe(2);
    expect(gas.stderr).toMatch(/\/molarMassKgMol/);
  });
});
