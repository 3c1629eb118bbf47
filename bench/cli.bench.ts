/**
 * The CLI as a user runs it (issue 18): fresh `node bin/drillsim.js` processes, wall time from spawn to
 * exit, start-up included. Rows: `--help`; `run` of the 8-18 flood with 1 replication (start-up only),
 * 100 (README's quick start) and 400 replications, each with 1 worker (this thread) and 2 workers; the
 * 2-worker rows carry the speed-up over 1 worker (targets: at least 1.7x at 100, 1.8x at 400).
 *
 * The runs are interleaved (every configuration once, then again, BENCH_CLI_REPEATS times, default 3) and
 * the rows give medians, so a burst of load from elsewhere hits every configuration alike. Every run's
 * --json output must be byte-identical to the other runs with the same replications, whatever the worker
 * count, or the bench fails.
 *
 * BENCH_CLI_REPS=1,100 measures other batch sizes. BENCH_BASELINE=<checkout>: also run that checkout's bin/drillsim.js (built) in the same interleaving,
 * report each figure against it (ratio = baseline / this build) and require its outputs to be the same
 * bytes: the A/B of a change, on the machine's state of the moment. CPU time (user + system, all threads)
 * comes from /usr/bin/time when it is installed; it is less sensitive to other load than wall time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './compiled.js';
import type { BenchResult } from './types.js';
import { median } from './median.js';

const TIME = '/usr/bin/time';

interface Config {
  label: string;
  args: string[];
  /** Outputs of configs with the same key must be the same bytes. */
  same?: string;
}

interface Sample {
  wall: number;
  cpu: number | null;
}

/** The batch sizes measured: BENCH_CLI_REPS (comma-separated), default 1, 100 and 400. */
function replicationCounts(): number[] {
  const text = process.env['BENCH_CLI_REPS'];
  if (text === undefined) return [1, 100, 400];
  const counts = text.split(',').map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`bench cli: BENCH_CLI_REPS=${text}: expected whole numbers >= 1, comma-separated`);
  return counts;
}

function runOnce(root: string, args: string[], tmp: string): { sample: Sample; stdout: string } {
  const bin = join(root, 'bin', 'drillsim.js');
  const timeFile = join(tmp, 'time.txt');
  const haveTime = existsSync(TIME);
  const cmd = haveTime ? TIME : process.execPath;
  const argv = haveTime ? ['-f', '%U %S', '-o', timeFile, process.execPath, bin, ...args] : [bin, ...args];
  const started = performance.now();
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, DRILLSIM_TIMINGS: '' } });
  const wall = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`bench cli: ${bin} ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  let cpu: number | null = null;
  if (haveTime) {
    const [user, sys] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
    cpu = user! + sys!;
  }
  return { sample: { wall, cpu }, stdout: r.stdout };
}

export async function run(): Promise<BenchResult[]> {
  const repeats = Number(process.env['BENCH_CLI_REPEATS'] ?? 3);
  const baseline = process.env['BENCH_BASELINE'];
  if (baseline !== undefined && !existsSync(join(baseline, 'dist', 'api', 'cli', 'main.js'))) {
    throw new Error(`bench cli: BENCH_BASELINE=${baseline} has no build (dist/api/cli/main.js)`);
  }
  const scenario = join(ROOT, 'scenarios', 'leshan-818-flood.yaml');
  const runArgs = (reps: number, workers: number) => ['run', scenario, '--replications', String(reps), '--workers', String(workers), '--json'];
  const configs: Config[] = [{ label: '--help', args: ['--help'] }];
  for (const reps of replicationCounts()) {
    for (const workers of [1, 2]) configs.push({ label: `run, ${reps} rep${reps > 1 ? 's' : ''}, ${workers} worker${workers > 1 ? 's' : ''}`, args: runArgs(reps, workers), same: `run ${reps}` });
  }
  const roots: Array<{ name: string; root: string }> = [{ name: 'this', root: ROOT }];
  if (baseline !== undefined) roots.push({ name: 'baseline', root: baseline });

  const samples = new Map<string, Sample[]>();
  const outputs = new Map<string, string>();
  const tmp = mkdtempSync(join(tmpdir(), 'drillsim-bench-cli-'));
  try {
    for (let i = 0; i < repeats; i++) {
      for (const c of configs) {
        for (const { name, root } of roots) {
          const { sample, stdout } = runOnce(root, c.args, tmp);
          const key = `${name}|${c.label}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
          if (c.same !== undefined) {
            const first = outputs.get(c.same);
            if (first === undefined) outputs.set(c.same, stdout);
            else if (first !== stdout) throw new Error(`bench cli: '${c.label}' (${name}) printed another scorecard than the first run of ${c.same}`);
          }
        }
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  const wall = (name: string, label: string) => median(samples.get(`${name}|${label}`)!.map((s) => s.wall));
  const cpu = (name: string, label: string) => {
    const xs = samples.get(`${name}|${label}`)!.map((s) => s.cpu);
    return xs.every((x): x is number => x !== null) ? median(xs) : null;
  };
  const rows: BenchResult[] = [];
  for (const c of configs) {
    const w = wall('this', c.label);
    const row: BenchResult = { name: `cli: ${c.label}`, value: w, unit: 's' };
    if (baseline !== undefined) Object.assign(row, { peer: 'baseline', peerValue: wall('baseline', c.label), ratio: wall('baseline', c.label) / w });
    else if (c.label.endsWith('2 workers')) {
      const one = c.label.replace('2 workers', '1 worker');
      Object.assign(row, { peer: '1 worker', peerValue: wall('this', one), ratio: wall('this', one) / w });
    }
    rows.push(row);
    const cw = cpu('this', c.label);
    if (cw !== null && c.same !== undefined) {
      const cpuRow: BenchResult = { name: `cli: ${c.label}, CPU time`, value: cw, unit: 's' };
      const cb = baseline !== undefined ? cpu('baseline', c.label) : null;
      if (cb !== null) Object.assign(cpuRow, { peer: 'baseline', peerValue: cb, ratio: cb / cw });
      rows.push(cpuRow);
    }
  }
  if (baseline !== undefined) {
    // The speed-up of 2 workers over 1 of both builds, from the same medians.
    for (const reps of replicationCounts().filter((r) => r > 1)) {
      const l1 = `run, ${reps} reps, 1 worker`;
      const l2 = `run, ${reps} reps, 2 workers`;
      rows.push({ name: `cli: ${reps} reps, 2 workers over 1`, value: wall('this', l1) / wall('this', l2), unit: 'x', peer: 'baseline', peerValue: wall('baseline', l1) / wall('baseline', l2) });
    }
  }
  return rows;
}
