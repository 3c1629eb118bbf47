/**
 * Re-measures the tables of docs/calibration.md: the built-in 8-18 flood under the on-time plan against
 * the record of 2020 (figures fitted and figures held out), and the on-time plan against the late plan on
 * the same seeds. Prints Markdown rows to paste into the page.
 *
 *   npx tsx tools/calibration/leshan-2020.ts [--replications 200] [--seed 2020]
 */
import { fileURLToPath } from 'node:url';
import { PairedSummary, type7Quantile } from '../../engine/stats/index.js';
import { runReplication } from '../../models/replication.js';
import { loadPlan, prepare } from '../../models/scenario/load.js';
import { record2020, RECORD_2020, type Record2020 } from './record-2020.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) {
    process.stderr.write(`leshan-2020: ${name} expects a positive integer\n`);
    process.exit(2);
  }
  return v;
};
const N = arg('--replications', 200);
const SEED = arg('--seed', 2020);

const { scenario, plan } = prepare(here('../../scenarios/leshan-818-flood.yaml'), here('../../scenarios/plans/leshan-flood-plan.yaml'));
const late = loadPlan(here('../../scenarios/plans/leshan-flood-plan-late.yaml'), scenario);

const rows: Record2020[] = [];
for (let i = 0; i < N; i++) {
  rows.push(record2020(scenario, plan, SEED, i));
  if ((i + 1) % 50 === 0) process.stderr.write(`record: ${i + 1}/${N}\n`);
}
const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
const pct = (xs: number[]): string => {
  const s = sorted(xs);
  const f = (p: number): string => Math.round(type7Quantile(s, p)).toLocaleString('en-US');
  return `${f(0.1)} / ${f(0.5)} / ${f(0.9)}`;
};
const clock = (t: number): string => {
  const day = 15 + Math.floor(t / 1440);
  const m = Math.round(t - (day - 15) * 1440);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')} on ${day} Aug`;
};
const times = (xs: number[]): string => {
  const s = sorted(xs);
  return s.length === 0 ? 'never' : `${clock(type7Quantile(s, 0.1))} / ${clock(type7Quantile(s, 0.5))} / ${clock(type7Quantile(s, 0.9))}`;
};
const col = <K extends keyof Record2020>(k: K): number[] => rows.map((r) => r[k] as number);

const out: string[] = [];
out.push(`Record checks, ${N} replications, master seed ${SEED} (p10 / p50 / p90):`, '');
out.push('| figure | record | model | role |', '|---|---|---|---|');
out.push(`| \`evacuated\` | ${RECORD_2020.evacuated.toLocaleString('en-US')} | ${pct(col('evacuated'))} | fitted (flood-band populations) |`);
out.push(`| Fengzhou islanders cut off | ${RECORD_2020.fengzhouTrapped.toLocaleString('en-US')} | ${pct(col('fengzhouCutOff'))} | fitted (island compliance) |`);
out.push(`| time the island was cut off | not recorded | ${times(rows.filter((r) => r.fengzhouCutOffAt !== null).map((r) => r.fengzhouCutOffAt!))} | - |`);
out.push(`| islanders out by 18:00 on 18 Aug | ${RECORD_2020.fengzhouBy1800} | ${pct(col('fengzhouBy1800'))} | held out |`);
out.push(`| islanders out by 19:00 on 18 Aug | ${RECORD_2020.fengzhouBy1900} | ${pct(col('fengzhouBy1900'))} | held out |`);
out.push(`| islanders left overnight | ${RECORD_2020.fengzhouOvernight} | ${pct(col('fengzhouOvernight'))} | held out |`);
out.push(`| people moved by 20:00 on 18 Aug | ${RECORD_2020.movedByEvening18.toLocaleString('en-US')} | ${pct(col('movedByEvening18'))} | held out |`);
out.push(`| city level I declared | ${clock(RECORD_2020.levelIAt)} | ${times(rows.filter((r) => r.levelIAt !== null).map((r) => r.levelIAt!))} | held out (the trigger is the morning forecast's value, not its time) |`);
const zero = rows.filter((r) => r.deaths === 0).length / N;
out.push(`| P(deaths = 0) | zero casualties | ${zero.toFixed(2)} (mean deaths ${(col('deaths').reduce((a, b) => a + b, 0) / N).toFixed(2)}) | held out |`);
out.push('');

const metrics = ['deaths', 'exposedPersonHours', 'clearanceFromFirstOrderT95Min', 'reliefFillRate'] as const;
const paired = new Map(metrics.map((m) => [m, { s: new PairedSummary('lower-is-better'), worse: 0, sumA: 0, sumB: 0 }]));
for (let i = 0; i < N; i++) {
  const a = rows[i]!.metrics; // the on-time plan's replication i, run once above
  const b = runReplication(scenario, late, SEED, i).metrics;
  for (const m of metrics) {
    const p = paired.get(m)!;
    p.s.add(a[m]!, b[m]!);
    p.sumA += a[m]!;
    p.sumB += b[m]!;
    if (m === 'reliefFillRate' ? b[m]! < a[m]! : b[m]! > a[m]!) p.worse++;
  }
  if ((i + 1) % 50 === 0) process.stderr.write(`paired: ${i + 1}/${N}\n`);
}
out.push(`On-time against late plan, ${N} pairs (same seeds):`, '');
out.push('| metric | on time | late | paired 95 % CI of late - on time | late worse in |', '|---|---|---|---|---|');
for (const m of metrics) {
  const { s, worse, sumA, sumB } = paired.get(m)!;
  const r = s.result();
  const f = (x: number | null | undefined): string => (x == null ? '-' : Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(3));
  out.push(`| \`${m}\` | ${f(sumA / N)} | ${f(sumB / N)} | ${f(r.difference.ci95?.[0])} to ${f(r.difference.ci95?.[1])} | ${worse} of ${N} |`);
}
process.stdout.write(`${out.join('\n')}\n`);
