/**
 * Whole replications of the earthquake scenarios (issue 12, Performance: a replication of each quake scenario in
 * under 100 ms on the compiled build), measured interleaved with the 8-18 flood as the reference in the same
 * run, so the figures read as ratios on a shared machine. Untraced, one core, tinybench. Figures are for
 * reading and tracking, never asserted.
 */
import { join } from 'node:path';
import { Bench } from 'tinybench';
import type { runReplication as RunReplication } from '../models/replication.js';
import type { prepare as Prepare } from '../models/scenario/load.js';
import { fromDist, ROOT } from './compiled.js';
import type { BenchResult } from './types.js';

const { runReplication } = await fromDist<{ runReplication: typeof RunReplication }>('models/replication.js');
const { prepare } = await fromDist<{ prepare: typeof Prepare }>('models/scenario/load.js');

const SCENARIOS = ['leshan-quake-mabian', 'leshan-quake-ebian', 'leshan-quake-luding', 'leshan-818-flood'];

export async function run(options: { timeMs?: number } = {}): Promise<BenchResult[]> {
  const bench = new Bench({ time: options.timeMs ?? 3000 });
  for (const name of SCENARIOS) {
    const { scenario, plan } = prepare(join(ROOT, `scenarios/${name}.yaml`));
    let i = 0;
    bench.add(name, () => {
      runReplication(scenario, plan!, 12, i++ % 200);
    });
  }
  await bench.run();
  const ms = new Map<string, number>();
  for (const name of SCENARIOS) {
    const result = bench.getTask(name)?.result;
    if (result === undefined || !('latency' in result)) throw new Error(`tinybench task ${name} produced no result`);
    ms.set(name, result.latency.mean);
  }
  const flood = ms.get('leshan-818-flood')!;
  return SCENARIOS.map((name) => ({
    name: `replication ${name}`,
    value: ms.get(name)!,
    unit: 'ms',
    ...(name !== 'leshan-818-flood' ? { peer: 'flood replication', peerValue: flood, ratio: flood / ms.get(name)! } : {}),
  }));
}
