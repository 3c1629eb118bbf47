/**
 * The drill script (HSEEP's master scenario events list, China's 演练脚本) from a scenario, a plan and a
 * batch of replications (docs/drills.md):
 *
 * - **expected actions**: one per plan clause that the scenario triggers in at least one replication, with
 *   its owner, its simulated window (P10, P50, P90 of start and of completion over the replications that
 *   reached it, type-7 quantiles) and the share of replications in which it started; every simulated start
 *   and completion time is kept, so a logged time can be ranked among them;
 * - **injects**: the timeline of the replication nearest the batch medians (`representative`), told by the
 *   modules (timeline.ts): field reports of the hazard's events and the reports of the triggers the plan acts
 *   on, each with the simulated state it reports and references to the events it tells;
 * - **contingency injects**: for each clause that fires in some replications only, the report of its trigger
 *   from a replication in which it fired (the one whose start is nearest the clause's median), for the
 *   controller to use if play has not brought the clause about (HSEEP: contingency injects keep objectives
 *   reachable when play drifts);
 * - **objectives**: one per response capability the triggered clauses use, linked to those clauses;
 * - **compressed time**: every time (injects, windows, samples, deadlines, duration) is divided by
 *   `compress`, scenario minutes per drill minute (a six-day flood drilled in four hours: 36).
 */
import { type7Quantile } from '../../engine/stats/quantiles.js';
import type { MasterSeed } from '../../engine/random/index.js';
import type { Action, CompiledPlan, Trigger } from '../plan/compile.js';
import type { CompiledScenario } from '../scenario/compile.js';
import type { DrillScript, ExpectedAction, Inject, Objective, Window } from '../schema/drill.js';
import type { DrillSamples } from './samples.js';
import { traceTimeline, type TimelineInject } from './timeline.js';

export interface ScriptOptions {
  /** Scenario minutes per drill minute (>= 1 compresses; default 1). */
  compress?: number;
}

/** The id a drill log uses for the expected action of a clause. */
export const actionIdOf = (clause: string): string => `A-${clause}`;

/** Type-7 P10/P50/P90 of a sample (minutes), each divided by `compress`; nulls for an empty sample. */
export function windowOf(values: readonly number[], compress: number): Window {
  if (values.length === 0) return { p10: null, p50: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  return { p10: type7Quantile(sorted, 0.1) / compress, p50: type7Quantile(sorted, 0.5) / compress, p90: type7Quantile(sorted, 0.9) / compress };
}

/**
 * Mid-rank percentile (0-100) of `x` in an ascending sample: the share below it plus half the share equal to
 * it. A value at the sample's median is at 50; below every sample value at 0; above all at 100.
 */
export function percentileOf(sortedAscending: readonly number[], x: number): number {
  const n = sortedAscending.length;
  if (n === 0) return NaN;
  let below = 0;
  let equal = 0;
  for (const v of sortedAscending) {
    if (v < x) below++;
    else if (v === x) equal++;
  }
  return (100 * (below + equal / 2)) / n;
}

/**
 * The replication nearest the batch medians: the smallest sum over clauses of the squared distance of its
 * start's percentile from 50, where a clause it did not start counts 0 if most replications did not start
 * it either and the largest distance (50^2) otherwise, and a clause it started that most did not also
 * counts the largest distance. Ties go to the lowest index.
 */
export function representativeReplication(samples: DrillSamples): number {
  const n = samples.replications;
  const columns = samples.clauses.map((_, i) => samples.column(i, 's').map((x) => x.t).sort((a, b) => a - b));
  let best = samples.first;
  let bestScore = Infinity;
  samples.rows.forEach((row, k) => {
    let score = 0;
    columns.forEach((col, i) => {
      const majority = col.length * 2 >= n;
      const t = row.s[i];
      if (t === null || t === undefined) score += majority ? 2500 : 0;
      else if (!majority) score += 2500;
      else score += (percentileOf(col, t) - 50) ** 2;
    });
    if (score < bestScore) {
      bestScore = score;
      best = samples.first + k;
    }
  });
  return best;
}

/** The module trigger kinds a condition uses (built-ins such as `at` are not modules'). */
function triggerKeys(t: Trigger | null, out: Set<string>): Set<string> {
  if (t === null) return out;
  if (t.k === 'leaf') out.add(t.kind.key);
  else if (t.k === 'any' || t.k === 'all') for (const x of t.items) triggerKeys(x, out);
  else if (t.k === 'not') triggerKeys(t.item, out);
  return out;
}

function describe(action: Action): string {
  const what = action.name ?? `${action.type} (clause ${action.id})`;
  const deadline = action.deadlineMin !== null ? `; deadline ${formatMinutes(action.deadlineMin)} after it starts` : '';
  return `${what}. Complete when ${action.kind.completion}${deadline}`;
}

/** 90 -> "1 h 30 min", for descriptions. */
export function formatMinutes(min: number): string {
  const h = Math.floor(min / 60);
  const m = Math.round(min - h * 60);
  return h > 0 ? (m > 0 ? `${h} h ${m} min` : `${h} h`) : `${m} min`;
}

const compressInject = (i: TimelineInject, compress: number): Omit<Inject, 'id' | 'prompts'> & { clauses: string[] } => ({
  t: i.t / compress,
  from: i.from,
  fromZh: i.fromZh,
  to: i.to,
  toZh: i.toZh,
  method: i.method,
  message: i.message,
  messageZh: i.messageZh,
  state: i.state,
  events: i.events,
  clauses: i.clauses,
});

/** Build the script; runs the representative replication (and one per sometimes-firing clause) again, traced. */
export function buildDrillScript(scenario: CompiledScenario, plan: CompiledPlan, seed: MasterSeed, samples: DrillSamples, options: ScriptOptions = {}): DrillScript {
  const compress = options.compress ?? 1;
  if (!(compress > 0) || !Number.isFinite(compress)) throw new RangeError(`compress must be a positive number, got ${compress}`);
  const n = samples.replications;
  if (n === 0) throw new RangeError('a drill script needs at least one replication');
  const registry = scenario.registry;
  const actions = new Map<string, Action>();
  for (const l of plan.levels) for (const a of l.actions) actions.set(a.id, a);

  // Expected actions, in plan order.
  const expected: ExpectedAction[] = [];
  const untriggered: string[] = [];
  const startsOf = new Map<string, Array<{ replication: number; t: number }>>();
  samples.clauses.forEach((clause, i) => {
    const starts = samples.column(i, 's');
    const completes = samples.column(i, 'c');
    if (starts.length === 0) {
      untriggered.push(clause);
      return;
    }
    startsOf.set(clause, starts);
    const action = actions.get(clause)!;
    const owner = action.owner ?? action.kind.owner?.en ?? 'the unit the plan names';
    const ownerZh = action.owner ?? action.kind.owner?.zh ?? owner;
    const s = starts.map((x) => x.t);
    const c = completes.map((x) => x.t);
    const warning = action.kind.warning?.(action.data as never);
    expected.push({
      id: actionIdOf(clause),
      clause,
      name: action.name,
      description: describe(action),
      owner,
      ownerZh,
      level: action.level,
      type: action.type,
      triggers: [...triggerKeys(action.when, triggerKeys(plan.levels.find((l) => l.level === action.level)?.when ?? null, new Set()))],
      deadline: action.deadlineMin !== null ? action.deadlineMin / compress : null,
      triggeredShare: starts.length / n,
      completedShare: completes.length / n,
      start: windowOf(s, compress),
      complete: windowOf(c, compress),
      ...(warning !== undefined
        ? {
            warning: {
              channels: [...warning.channels],
              zones: Array.from(warning.zones, (zi) => {
                const z = scenario.zones[zi]!;
                return { id: z.id, name: z.name, nameZh: scenario.region.zones.zones[zi]?.name_zh ?? z.name, county: z.county, population: z.population };
              }),
            },
          }
        : {}),
      samples: { start: s.sort((a, b) => a - b).map((t) => t / compress), complete: c.sort((a, b) => a - b).map((t) => t / compress) },
    });
  });

  // The main timeline.
  const representative = representativeReplication(samples);
  const traces = new Map<number, TimelineInject[]>();
  const trace = (r: number): TimelineInject[] => {
    let t = traces.get(r);
    if (t === undefined) traces.set(r, (t = traceTimeline(scenario, plan, seed, r)));
    return t;
  };
  const drafts: Array<Omit<Inject, 'id' | 'prompts'> & { clauses: string[]; contingency?: Inject['contingency'] }> = trace(representative).map((i) =>
    compressInject(i, compress),
  );

  // Contingency injects: clauses that fire in some replications only.
  for (const a of expected) {
    if (a.triggeredShare >= 1) continue;
    const starts = startsOf.get(a.clause)!;
    const median = type7Quantile(
      starts.map((x) => x.t).sort((p, q) => p - q),
      0.5,
    );
    let pick = starts[0]!;
    for (const x of starts) if (Math.abs(x.t - median) < Math.abs(pick.t - median)) pick = x;
    const source = trace(pick.replication).find((i) => i.clauses.includes(a.clause));
    if (source === undefined) continue;
    const pct = Math.round(a.triggeredShare * 100);
    drafts.push({
      ...compressInject(source, compress),
      clauses: [a.clause],
      contingency: {
        clause: a.clause,
        triggeredShare: a.triggeredShare,
        use: `clause ${a.clause} fired in ${pct} % of replications: deliver this only if play has not brought its condition about by now`,
      },
    });
  }

  const order = drafts.map((d, k) => ({ d, k })).sort((x, y) => x.d.t - y.d.t || x.k - y.k);
  let main = 0;
  let contingency = 0;
  const injects: Inject[] = order.map(({ d }) => {
    const { clauses, contingency: c, ...rest } = d;
    const id = c === undefined ? `J${String(++main).padStart(3, '0')}` : `C${String(++contingency).padStart(3, '0')}`;
    const prompts = clauses.filter((cl) => startsOf.has(cl)).map(actionIdOf);
    return c === undefined ? { id, ...rest, prompts } : { id, ...rest, prompts, contingency: c };
  });

  // Objectives: one per response module whose actions the expected actions use.
  const objectives: Objective[] = [];
  for (const m of registry.responses) {
    const keys = new Set(m.actions.map((a) => a.key));
    const clauses = expected.filter((a) => keys.has(a.type)).map((a) => a.clause);
    if (clauses.length === 0) continue;
    const o = m.drill?.objective;
    const list = clauses.join(', ');
    objectives.push({
      id: `O${objectives.length + 1}`,
      clauses,
      description: `${o?.description ?? `Carry out the ${m.name} clauses`} (clauses ${list})`,
      descriptionZh: `${o?.descriptionZh ?? `落实${m.name}相关条款`}(第${clauses.join('、')}条)`,
      capability: o?.capability ?? m.name,
    });
  }

  const levels = plan.levels.map((l, i) => {
    const times: number[] = [];
    for (const r of samples.rows) {
      const t = r.l[i];
      if (t !== null && t !== undefined) times.push(t);
    }
    return { level: l.level, declaredShare: times.length / n, first: windowOf(times, compress) };
  });

  return {
    drillsim: 1,
    kind: 'drill-script',
    scenario: scenario.id,
    scenarioTitle: scenario.title,
    hazards: [...new Set(scenario.hazards.map((h) => h.kind))],
    plan: plan.id,
    planTitle: plan.title,
    seed,
    replications: n,
    compress,
    start: scenario.startIso,
    duration: scenario.horizonMin / compress,
    representative,
    levels,
    injects,
    expectedActions: expected,
    objectives,
    untriggered,
  };
}
