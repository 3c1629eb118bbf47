/**
 * The Leshan forest fire plans on paired seeds: detection cover is set per area (county or township) and a
 * fire is watched by the cover of the township nearest its ignition; in the Emei scenario the detection
 * investment and the staged brigade each change the burned area, with a 95 % confidence interval of the
 * paired difference that excludes zero.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/errors.js';
import { compilePlan } from '../../../models/plan/compile.js';
import { runReplication } from '../../../models/replication.js';
import { loadPlan, loadPlanDocs, loadScenario } from '../../../models/scenario/load.js';

const emei = loadScenario('scenarios/leshan-wildfire-emei.yaml');
const BASELINE = 'scenarios/plans/leshan-wildfire-plan.yaml';
const baseDoc = loadPlanDocs(BASELINE)[0]!.value;

/** The baseline plan with another detection block. */
function withDetection(detection: unknown) {
  const doc = structuredClone(baseDoc) as typeof baseDoc & { forestFire: { detection: unknown } };
  doc.forestFire.detection = detection;
  return compilePlan(doc, emei);
}

function metrics(plan: ReturnType<typeof loadPlan>, seeds: number[], name: string): number[] {
  return seeds.map((s) => runReplication(emei, plan, 1, s).metrics[name]!);
}

/** Mean and 95 % half-width (normal approximation) of paired differences. */
function paired(a: number[], b: number[]): { mean: number; half: number } {
  const d = a.map((x, i) => x - b[i]!);
  const mean = d.reduce((p, q) => p + q, 0) / d.length;
  const sd = Math.sqrt(d.reduce((p, q) => p + (q - mean) ** 2, 0) / (d.length - 1));
  return { mean, half: (1.96 * sd) / Math.sqrt(d.length) };
}

describe('detection cover per area', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
  const base = metrics(loadPlan(BASELINE, emei), seeds, 'wildfireDetectionMin');

  it("cameras over another county leave the Emei fire's detection as it was; over its county or township they shorten it", () => {
    const elsewhere = metrics(withDetection({ cameraCoverage: 0.3, areas: [{ counties: ['mabian'], cameraCoverage: 1, drones: true }] }), seeds, 'wildfireDetectionMin');
    expect(elsewhere).toEqual(base);
    for (const areas of [[{ counties: ['emeishan'], cameraCoverage: 1 }], [{ zones: ['emeishan-longchi'], cameraCoverage: 1 }]]) {
      const here = metrics(withDetection({ cameraCoverage: 0.3, areas }), seeds, 'wildfireDetectionMin');
      here.forEach((d, i) => expect(d).toBeLessThanOrEqual(base[i]!));
      expect(here.reduce((p, q) => p + q, 0)).toBeLessThan(base.reduce((p, q) => p + q, 0));
    }
  });

  it('a township entry takes precedence over its county', () => {
    // The county gets full cover, Longchi (the township nearest the ignition) the baseline cover: as the baseline.
    const d = withDetection({ cameraCoverage: 0, areas: [{ counties: ['emeishan'], cameraCoverage: 1, drones: true }, { zones: ['emeishan-longchi'], cameraCoverage: 0.3 }] });
    expect(metrics(d, seeds, 'wildfireDetectionMin')).toEqual(base);
  });

  it('rejects unknown and repeated areas at their JSON pointer', () => {
    const issues = (detection: unknown): string[] => {
      try {
        withDetection(detection);
      } catch (err) {
        if (err instanceof InputError) return err.issues.map((i) => `${i.path}: ${i.message}`);
        throw err;
      }
      return [];
    };
    expect(issues({ cameraCoverage: 0.3, areas: [{ counties: ['atlantis'], cameraCoverage: 1 }] }).join('\n')).toMatch(/forestFire\/detection\/areas\/0\/counties\/0: 'atlantis' is not a county/);
    expect(issues({ cameraCoverage: 0.3, areas: [{ zones: ['emeishan-longchi'], cameraCoverage: 1 }, { zones: ['emeishan-longchi'], cameraCoverage: 0 }] }).join('\n')).toMatch(/areas\/1\/zones\/0: zone 'emeishan-longchi' is already in area 0/);
    expect(issues({ cameraCoverage: 0.3, areas: [{ cameraCoverage: 1 }] }).join('\n')).toMatch(/areas\/0: an area needs counties or zones/);
  });
});

describe('the Emei plans separate (paired seeds)', () => {
  const seeds = Array.from({ length: 30 }, (_, i) => i + 1);
  const burned = (file: string) => metrics(loadPlan(`scenarios/plans/${file}`, emei), seeds, 'wildfireBurnedHa');
  const base = burned('leshan-wildfire-plan.yaml');

  it('the detection investment (cameras and drones over Emei Shan) burns less: the CI of the paired difference excludes zero', () => {
    const d = paired(base, burned('leshan-wildfire-plan-cameras.yaml'));
    expect(d.mean - d.half).toBeGreaterThan(0);
  });

  it('the professional brigade staged at Longchi burns less: the CI of the paired difference excludes zero', () => {
    const d = paired(base, burned('leshan-wildfire-plan-staged.yaml'));
    expect(d.mean - d.half).toBeGreaterThan(0);
  });
});
