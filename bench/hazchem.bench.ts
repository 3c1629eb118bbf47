/**
 * The chemical release (issue 13, Performance): the concentration field at every zone of the Leshan region at
 * one time step, and whole replications of the Wutongqiao trichlorosilane scenario
 * (scenarios/leshan-hazchem-wutongqiao.yaml) on one core.
 *
 * Rows:
 * - field: the plume (Briggs sigmas, ground reflection) at each cell of the GRID x GRID receptor grid of each of
 *   the 182 zones, averaged over the cell's crosswind width, from scratch, as every hour's segment of a release
 *   does when the weather changes; and the puff at every cell, as every step of an instantaneous release does;
 *   in microseconds per whole field;
 * - replications of the scenario under the shelter-first and the evacuate-first plan, and, interleaved in the
 *   same run, the same scenario with its hazard removed (what the other modules cost), in ms per replication.
 *
 * Figures are for reading and tracking, never asserted.
 */
import { join } from 'node:path';
import { Bench } from 'tinybench';
import type * as Dispersion from '../models/hazards/hazchem/dispersion.js';
import type * as Field from '../models/hazards/hazchem/field.js';
import type { CompiledPlan } from '../models/plan/compile.js';
import type { runReplication as RunReplication } from '../models/replication.js';
import type { loadPlan as LoadPlan, prepare as Prepare } from '../models/scenario/load.js';
import { fromDist, ROOT } from './compiled.js';
import type { BenchResult } from './types.js';

const { plumeConcentration, puffConcentration } = await fromDist<typeof Dispersion>('models/hazards/hazchem/dispersion.js');
const { zoneAverage, GRID } = await fromDist<typeof Field>('models/hazards/hazchem/field.js');
const { runReplication } = await fromDist<{ runReplication: typeof RunReplication }>('models/replication.js');
const { loadPlan, prepare } = await fromDist<{ loadPlan: typeof LoadPlan; prepare: typeof Prepare }>('models/scenario/load.js');

const SCENARIO = join(ROOT, 'scenarios/leshan-hazchem-wutongqiao.yaml');
const EVACUATE = join(ROOT, 'scenarios/plans/leshan-hazchem-plan-evacuate.yaml');
const SEED = 13;

export async function run(options: { timeMs?: number } = {}): Promise<BenchResult[]> {
  const timeMs = options.timeMs ?? 3000;
  const out: BenchResult[] = [];
  const { scenario, plan } = prepare(SCENARIO);
  const evacuate = loadPlan(EVACUATE, scenario);

  // Receptors: every zone of the region in the wind frame of a release at the polysilicon cluster, wind from 147 deg.
  const lat0 = 29.37;
  const lon0 = 103.85;
  const toRad = Math.PI / 180;
  const ex = -Math.sin(147 * toRad);
  const ey = -Math.cos(147 * toRad);
  const xs = new Float64Array(scenario.zones.length);
  const ys = new Float64Array(scenario.zones.length);
  scenario.zones.forEach((z, i) => {
    const east = (scenario.csr.graph.lon[z.node]! - lon0) * Math.cos(lat0 * toRad) * 111_195;
    const north = (scenario.csr.graph.lat[z.node]! - lat0) * 111_195;
    xs[i] = east * ex + north * ey;
    ys[i] = east * ey - north * ex;
  });
  const s = { y: 0, z: 0 };
  let sink = 0;
  const field = new Bench({ time: timeMs, warmupTime: Math.min(500, timeMs) });
  const cell = 1500 / GRID;
  const half = (GRID - 1) / 2;
  field.add('plume', () => {
    for (let i = 0; i < xs.length; i++) {
      for (let a = 0; a < GRID; a++) {
        for (let b = 0; b < GRID; b++) {
          const c0 = plumeConcentration(1, 1.5, 1, xs[i]! + (a - half) * cell, 0, 1.5, 'F', 'rural', Infinity, s);
          sink += zoneAverage(c0, ys[i]! + (b - half) * cell, s.y, cell);
        }
      }
    }
  });
  field.add('puff', () => {
    for (let i = 0; i < xs.length; i++) {
      for (let a = 0; a < GRID; a++) {
        for (let b = 0; b < GRID; b++) {
          const c0 = puffConcentration(1000, 1.5, 1, xs[i]! + (a - half) * cell, 0, 1.5, 1800, 'F', Infinity, s);
          sink += zoneAverage(c0, ys[i]! + (b - half) * cell, s.y, cell);
        }
      }
    }
  });
  await field.run();
  if (!Number.isFinite(sink)) throw new Error('hazchem bench: non-finite field');
  for (const name of ['plume', 'puff']) {
    const r = field.getTask(name)?.result;
    if (r === undefined || !('latency' in r)) throw new Error(`tinybench task ${name} produced no result`);
    out.push({ name: `hazchem: ${name} field, ${xs.length} zones x ${GRID * GRID} cells`, value: r.latency.mean * 1000, unit: 'µs' });
  }

  // Replications, interleaved (tinybench runs the tasks one after the other in each round of bench.run()).
  const hazards = scenario.hazards;
  const reps = new Bench({ time: timeMs, warmupTime: Math.min(1000, timeMs), warmupIterations: 5 });
  let checksum = 0;
  const tasks: Array<[string, CompiledPlan, boolean]> = [
    ['shelter-first plan', plan, true],
    ['evacuate-first plan', evacuate, true],
    ['no release (the other modules)', plan, false],
  ];
  for (const [label, p, withHazard] of tasks) {
    let index = 0;
    reps.add(label, () => {
      scenario.hazards = withHazard ? hazards : [];
      checksum += runReplication(scenario, p, SEED, index++).metrics['hazchemReleasedKg']!;
    });
  }
  await reps.run();
  scenario.hazards = hazards;
  if (!Number.isFinite(checksum)) throw new Error('hazchem bench: non-finite checksum');
  for (const [label] of tasks) {
    const r = reps.getTask(label)?.result;
    if (r === undefined || !('latency' in r)) throw new Error(`tinybench task ${label} produced no result`);
    out.push({ name: `hazchem: time per replication (${label})`, value: r.latency.mean, unit: 'ms' });
    out.push({ name: `hazchem: time per replication p99 (${label})`, value: r.latency.p99 ?? NaN, unit: 'ms' });
  }
  return out;
}
