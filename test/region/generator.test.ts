/**
 * The committed Leshan files are exactly what tools/leshan/build.ts makes from the reference network
 * (tools/leshan/sources/leshan-network.json, kept in the repository) and the township list: nobody edited the
 * generated JSON by hand, and the build is deterministic. Also unit tests of the build's arithmetic helpers
 * against hand-computed values.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildLeshanRegion, type RefNetwork, type TownshipListEntry } from '../../tools/leshan/build.js';
import { fitRating, hamilton } from '../../tools/leshan/math.js';

const REF = fileURLToPath(new URL('../../tools/leshan/sources/leshan-network.json', import.meta.url));
const OUT = fileURLToPath(new URL('../../scenarios/regions/leshan/', import.meta.url));
const LIST = fileURLToPath(new URL('../../tools/leshan/townships-5111.json', import.meta.url));

describe('tools/leshan', () => {
  it('reproduces the committed region files byte for byte, twice', () => {
    const ref = JSON.parse(readFileSync(REF, 'utf8')) as RefNetwork;
    const list = JSON.parse(readFileSync(LIST, 'utf8')) as { townships: TownshipListEntry[] };
    const a = buildLeshanRegion(ref, list);
    const b = buildLeshanRegion(ref, list);
    expect(Object.keys(a.files).sort()).toEqual(['assets.json', 'network.json', 'region.json', 'zones.json']);
    for (const [file, text] of Object.entries(a.files)) {
      expect(b.files[file], file).toBe(text);
      expect(readFileSync(`${OUT}${file}`, 'utf8') === text, `${file} is out of date: run npx tsx tools/leshan/generate.ts`).toBe(true);
    }
  });

  it('apportions integers exactly by largest remainder', () => {
    // 10 in proportion 1:1:1 -> quotas 3.33 each; the one left over goes to the first.
    expect(hamilton(10, [1, 1, 1])).toEqual([4, 3, 3]);
    // Quotas 4.2, 2.8, 3.0 -> floors 4, 2, 3; the remainder goes to the largest fraction (0.8).
    expect(hamilton(10, [4.2, 2.8, 3])).toEqual([4, 3, 3]);
    expect(hamilton(0, [1, 2])).toEqual([0, 0]);
    expect(() => hamilton(5, [0, 0])).toThrow();
  });

  it('recovers a known rating curve from exact points', () => {
    // Q = 300 (H - 330)^1.8 at four stages.
    const pts = [332, 335, 338, 343].map((h) => [h, 300 * (h - 330) ** 1.8] as const);
    const fit = fitRating(pts, { bMin: 1.5, bMax: 2.5 });
    expect(fit.b).toBeCloseTo(1.8, 2);
    expect(fit.h0).toBeCloseTo(330, 1);
    expect(fit.a).toBeGreaterThan(280);
    expect(fit.a).toBeLessThan(320);
    // With the exponent fixed and two points, the curve passes through both.
    const two = fitRating([[363.15, 23900], [365.17, 32000]], { bMin: 2, bMax: 2 });
    for (const [h, q] of [[363.15, 23900], [365.17, 32000]] as const) expect(Math.abs(two.a * (h - two.h0) ** 2 - q) / q).toBeLessThan(0.005);
  });
});
