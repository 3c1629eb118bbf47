/**
 * Issue 17, "a flood replication on a 100k-junction region within 10x of one on Leshan": one untraced
 * replication of the 8-18 flood (seed 818) on Leshan and on Leshan with a ~100k-junction street lattice laid
 * over it (tools/synthetic/flood-region.ts), alternated in one process on the compiled build; medians of
 * CPU and wall time per replication and the 100k / Leshan CPU ratio.
 *
 * `DRILLSIM_BENCH_BASELINE=<dir>` (another checkout's dist/, e.g. main's) adds that build to the same
 * rounds, interleaved with this one (A/B): its own rows, and Leshan's CPU time of this build over the
 * baseline's (a regression check on the small region). `DRILLSIM_BENCH_ROUNDS` sets the rounds (default 3).
 * Nothing is asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { runReplication as RunReplication } from '../models/replication.js';
import type { loadStudy as LoadStudy } from '../models/study/payload.js';
import { writeFloodRegion } from '../tools/synthetic/flood-region.js';
import { ROOT } from './compiled.js';
import type { BenchResult } from './types.js';
import { median } from './median.js';

interface Build {
  label: string;
  runReplication: typeof RunReplication;
  studies: Record<'leshan' | 'big', ReturnType<typeof LoadStudy>>;
  times: Record<'leshan' | 'big', { wall: number[]; cpu: number[] }>;
}

async function loadBuild(label: string, dist: string, bigScenario: string): Promise<Build> {
  const imp = async <T>(p: string): Promise<T> => (await import(pathToFileURL(join(dist, p)).href)) as T;
  const { runReplication } = await imp<{ runReplication: typeof RunReplication }>('models/replication.js');
  const { loadStudy } = await imp<{ loadStudy: typeof LoadStudy }>('models/study/payload.js');
  return {
    label,
    runReplication,
    studies: { leshan: loadStudy(join(ROOT, 'scenarios', 'leshan-818-flood.yaml')), big: loadStudy(bigScenario) },
    times: { leshan: { wall: [], cpu: [] }, big: { wall: [], cpu: [] } },
  };
}

export async function run(options: { junctions?: number; rounds?: number; baseline?: string } = {}): Promise<BenchResult[]> {
  const rounds = options.rounds ?? Number(process.env.DRILLSIM_BENCH_ROUNDS ?? 3);
  const baseline = options.baseline ?? process.env.DRILLSIM_BENCH_BASELINE;
  const dir = mkdtempSync(join(tmpdir(), 'drillsim-bench-region-flood-'));
  const rows: BenchResult[] = [];
  try {
    const big = writeFloodRegion(options.junctions ?? 100_000, dir);
    const builds = [await loadBuild('this build', join(ROOT, 'dist'), big.scenario)];
    if (baseline !== undefined && baseline !== '') builds.push(await loadBuild('baseline', baseline, big.scenario));
    // Warm the code (JIT) on Leshan first: a cold first replication costs 30 times a warm one.
    for (const b of builds) for (let i = 0; i < 20; i++) b.runReplication(b.studies.leshan.scenario, b.studies.leshan.plans[0]!, 818, 1000 + i);
    let index = 0;
    for (let i = 0; i < rounds; i++) {
      for (const which of ['leshan', 'big'] as const) {
        // Alternate the builds' order from round to round so neither always runs first.
        for (const b of i % 2 === 0 ? builds : [...builds].reverse()) {
          for (let k = 0; k < (which === 'leshan' ? 5 : 1); k++) {
            const s = b.studies[which];
            const c0 = process.cpuUsage();
            const t0 = performance.now();
            b.runReplication(s.scenario, s.plans[0]!, 818, index + k);
            b.times[which].wall.push(performance.now() - t0);
            const c = process.cpuUsage(c0);
            b.times[which].cpu.push((c.user + c.system) / 1000);
          }
        }
        index += 5;
      }
    }
    for (const b of builds) {
      for (const which of ['leshan', 'big'] as const) {
        const label = which === 'leshan' ? 'Leshan (249 junctions)' : `Leshan + lattice (${big.nodes} junctions)`;
        rows.push({ name: `${b.label}: flood replication, ${label}: wall`, value: median(b.times[which].wall), unit: 'ms' });
        rows.push({ name: `${b.label}: flood replication, ${label}: CPU`, value: median(b.times[which].cpu), unit: 'ms' });
      }
      rows.push({ name: `${b.label}: 100k region / Leshan (CPU)`, value: median(b.times.big.cpu) / median(b.times.leshan.cpu), unit: 'x' });
    }
    if (builds.length === 2) {
      const [a, b] = builds as [Build, Build];
      rows.push({ name: 'Leshan CPU, this build / baseline', value: median(a.times.leshan.cpu) / median(b.times.leshan.cpu), unit: 'x' });
      rows.push({ name: '100k CPU, this build / baseline', value: median(a.times.big.cpu) / median(b.times.big.cpu), unit: 'x' });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
