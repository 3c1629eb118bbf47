/**
 * Issue 17, "2 workers on a 100k-junction region hold one copy of the routing arrays; a flood replication
 * there within 10x of one on Leshan":
 * - share: a 320 x 320 synthetic grid (tools/synthetic/grid-network.ts, ~102k junctions). In fresh
 *   processes (peak RSS is per process), a pool of 1 and of 2 threads each builds a RoadNetwork on the grid
 *   and routes once, either from the routing arrays shared by the coordinator (engine/network/snapshot.ts
 *   shareCsr, what a study's batch now does) or from the network itself, each thread building its own CSR
 *   (what it did before). Rows: peak RSS per case and the RSS a second thread adds.
 * - flood: one untraced replication of the 8-18 flood on Leshan and on the same region with a ~100k-junction
 *   street lattice laid over it (tools/synthetic/flood-region.ts), alternated `rounds` times in one process
 *   on the compiled build; medians of wall and CPU time and their ratio.
 * Nothing is asserted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { runReplication as RunReplication } from '../models/replication.js';
import type { loadStudy as LoadStudy } from '../models/study/payload.js';
import { writeFloodRegion } from '../tools/synthetic/flood-region.js';
import { fromDist, ROOT } from './compiled.js';
import type { BenchResult } from './types.js';
import { median } from './median.js';

export interface RegionShareOptions {
  side?: number;
  junctions?: number;
  rounds?: number;
  /** Skip the pool part (default false). */
  floodOnly?: boolean;
}

/** One pool run in a fresh process: peak RSS in MB. */
function poolOnce(side: number, workers: number, shared: boolean): number {
  const job = pathToFileURL(join(ROOT, 'bench', 'region-load-share.job.ts')).href;
  const script = `
    const { PoolRunner } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'engine', 'batch', 'index.js')).href)});
    const { RoadCsr } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'engine', 'network', 'csr.js')).href)});
    const { shareCsr } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'engine', 'network', 'snapshot.js')).href)});
    const { syntheticRoadNetwork } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'tools', 'synthetic', 'grid-network.ts')).href)});
    const network = syntheticRoadNetwork(${side}, ${side});
    const local = ${shared} ? { routing: shareCsr(new RoadCsr(network)) } : { network };
    const pool = new PoolRunner({ workers: ${workers} });
    await pool.run({ module: ${JSON.stringify(job)}, payload: null, local }, { replications: ${workers * 2}, chunkSize: 1, onChunk: () => {} });
    await pool.close();
    process.stderr.write('\\nRSS ' + process.resourceUsage().maxRSS / 1024 + '\\n');`;
  // A script file, not -e: worker threads inherit the process's flags, and --input-type is refused there.
  const dir = mkdtempSync(join(tmpdir(), 'drillsim-bench-share-'));
  const file = join(dir, 'pool.mjs');
  writeFileSync(file, script);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  const line = r.stderr.split('\n').find((l) => l.startsWith('RSS '));
  if (line === undefined) throw new Error(`region-load-share: pool run failed: ${r.stderr.slice(0, 2000)}`);
  return Number(line.slice(4));
}

export async function run(options: RegionShareOptions = {}): Promise<BenchResult[]> {
  const side = options.side ?? 320;
  const rows: BenchResult[] = [];
  const rss = new Map<string, number>();
  for (const shared of options.floodOnly === true ? [] : [true, false]) {
    for (const workers of [1, 2]) {
      const mb = poolOnce(side, workers, shared);
      rss.set(`${shared}-${workers}`, mb);
      rows.push({ name: `${side}x${side} grid, ${workers} thread(s), ${shared ? 'shared routing arrays' : 'CSR built per thread'}: peak RSS`, value: mb, unit: 'MB' });
    }
    rows.push({ name: `${side}x${side} grid, ${shared ? 'shared' : 'per thread'}: RSS the second thread adds`, value: rss.get(`${shared}-2`)! - rss.get(`${shared}-1`)!, unit: 'MB' });
  }

  const { runReplication } = await fromDist<{ runReplication: typeof RunReplication }>('models/replication.js');
  const { loadStudy } = await fromDist<{ loadStudy: typeof LoadStudy }>('models/study/payload.js');
  const dir = mkdtempSync(join(tmpdir(), 'drillsim-bench-flood-region-'));
  try {
    const big = writeFloodRegion(options.junctions ?? 100_000, dir);
    const studies = { leshan: loadStudy(join(ROOT, 'scenarios', 'leshan-818-flood.yaml')), big: loadStudy(big.scenario) };
    const times: Record<'leshan' | 'big', { wall: number[]; cpu: number[] }> = { leshan: { wall: [], cpu: [] }, big: { wall: [], cpu: [] } };
    const rounds = options.rounds ?? 3;
    // Warm the code (JIT) on Leshan first: a cold first replication costs 30 times a warm one.
    for (let i = 0; i < 20; i++) runReplication(studies.leshan.scenario, studies.leshan.plans[0]!, 818, 1000 + i);
    let index = 0;
    for (let i = 0; i < rounds; i++) {
      for (const which of ['leshan', 'big'] as const) {
        // Leshan's replications are short: five per round, each timed.
        for (let k = 0; k < (which === 'leshan' ? 5 : 1); k++) {
          const s = studies[which];
          const c0 = process.cpuUsage();
          const t0 = performance.now();
          runReplication(s.scenario, s.plans[0]!, 818, index++);
          times[which].wall.push(performance.now() - t0);
          const c = process.cpuUsage(c0);
          times[which].cpu.push((c.user + c.system) / 1000);
        }
      }
    }
    for (const which of ['leshan', 'big'] as const) {
      const label = which === 'leshan' ? 'Leshan (249 junctions)' : `Leshan + lattice (${big.nodes} junctions)`;
      rows.push({ name: `flood replication, ${label}: wall`, value: median(times[which].wall), unit: 'ms' });
      rows.push({ name: `flood replication, ${label}: CPU`, value: median(times[which].cpu), unit: 'ms' });
    }
    rows.push({ name: 'flood replication, 100k region / Leshan (CPU)', value: median(times.big.cpu) / median(times.leshan.cpu), unit: 'x' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
