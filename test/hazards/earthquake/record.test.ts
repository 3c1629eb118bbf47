/**
 * The earthquake against the record in Leshan (test/hazards/earthquake/fixtures): Wenchuan 2008 (9 dead, intensity
 * VI-VII, VII in Jiajiang) and Lushan 2013 (1 dead, VI in Jinkouhe, Emeishan, Jiajiang and Ebian). The deaths are
 * what `earthquake.fragilityMedianFactor` was fitted to, so this guards the fit; the intensities are held out.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../../models/replication.js';
import { prepare } from '../../../models/scenario/load.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

function meanOf(file: string, n: number) {
  const { scenario, plan } = prepare(here(`fixtures/${file}`));
  let deaths = 0;
  const intensity: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const r = runReplication(scenario, plan!, 2008, i);
    deaths += r.metrics['deaths']!;
    for (const [c, row] of Object.entries(r.breakdown.county)) intensity[c] = (intensity[c] ?? 0) + row['maxIntensity']! / n;
  }
  return { deaths: deaths / n, intensity };
}

describe('the record in Leshan', () => {
  it('Wenchuan 2008: deaths of the order of the 9 recorded, intensity VI-VII across the city', () => {
    const { deaths, intensity } = meanOf('wenchuan-in-leshan.yaml', 16);
    expect(deaths).toBeGreaterThan(2);
    expect(deaths).toBeLessThan(40);
    for (const i of Object.values(intensity)) {
      expect(i).toBeGreaterThan(5.0);
      expect(i).toBeLessThan(7.5);
    }
  });

  it('Lushan 2013: a death or two at most, intensity V-VI', () => {
    const { deaths, intensity } = meanOf('lushan-in-leshan.yaml', 16);
    expect(deaths).toBeLessThan(5);
    for (const i of Object.values(intensity)) {
      expect(i).toBeGreaterThan(4.0);
      expect(i).toBeLessThan(6.8);
    }
  });
});
