/**
 * A drill log evaluated against its script (docs/drills.md section 3):
 *
 * - per expected action: the logged start (its first row), its percentile among the simulated start times
 *   (mid-rank: the share of simulated starts before it plus half the share equal to it, 0-100), and a
 *   verdict: `early` before the simulated P10, `on-time` from P10 to P90, `late` after P90, `missed` when
 *   the log never names it;
 * - per objective, a rating on HSEEP's four-level scale (HSEEP 2020, exercise evaluation: P performed
 *   without challenges, S performed with some challenges, M performed with major challenges, U unable to be
 *   performed) from the verdicts of its clauses, with the reason: U when none of its clauses was carried
 *   out; M when one was missed or at least half were late; S when any was early or late; P when all were
 *   on time;
 * - the improvement plan (HSEEP's AAR/IP): per action not on time, the issue, clause, objective, a
 *   recommendation and the clause's owner.
 */
import { RATINGS, type DrillEvaluation, type DrillScript, type ExpectedAction, type Rating, type Verdict } from '../schema/drill.js';
import { drillClock } from './formats.js';
import type { ParsedLog } from './log.js';
import { percentileOf } from './script.js';

export const RATING_TEXT: Record<Rating, string> = {
  P: 'Performed without challenges',
  S: 'Performed with some challenges',
  M: 'Performed with major challenges',
  U: 'Unable to be performed',
};

export const RATING_TEXT_ZH: Record<Rating, string> = { P: '顺利完成', S: '完成但存在一些问题', M: '完成但存在重大问题', U: '未能完成' };

/** Verdict of a logged start against the simulated window (P10..P90 inclusive is on time). */
export function verdictOf(at: number | null, a: ExpectedAction): Verdict {
  if (at === null) return 'missed';
  if (a.start.p10 !== null && at < a.start.p10) return 'early';
  if (a.start.p90 !== null && at > a.start.p90) return 'late';
  return 'on-time';
}

const fmtPct = (p: number | null): string => (p === null ? '-' : `P${Math.round(p)}`);

export interface EvaluateOptions {
  /** The log's file name (reported). */
  log: string;
  /** The day of the drill (YYYY-MM-DD) when the log does not say. */
  date?: string;
}

export function evaluateLog(script: DrillScript, log: ParsedLog, options: EvaluateOptions): DrillEvaluation {
  const firstRow = new Map<string, { at: number; by: string | null }>();
  const notes = new Map<string, string[]>();
  for (const e of [...log.entries].sort((x, y) => x.at - y.at || x.line - y.line)) {
    if (!firstRow.has(e.action.id)) firstRow.set(e.action.id, { at: e.at, by: e.by });
    if (e.notes !== null) (notes.get(e.action.id) ?? notes.set(e.action.id, []).get(e.action.id)!).push(e.notes);
  }
  const actions = script.expectedActions.map((a) => {
    const row = firstRow.get(a.id);
    const at = row?.at ?? null;
    return {
      id: a.id,
      clause: a.clause,
      owner: a.owner,
      at,
      by: row?.by ?? null,
      notes: notes.get(a.id) ?? [],
      percentile: at === null ? null : percentileOf(a.samples.start, at),
      verdict: verdictOf(at, a),
      start: a.start,
    };
  });
  const byClause = new Map(actions.map((x) => [x.clause, x]));
  const expectedBy = new Map(script.expectedActions.map((a) => [a.clause, a]));

  const objectives = script.objectives.map((o) => {
    const linked = o.clauses.map((c) => byClause.get(c)!).filter((x) => x !== undefined);
    const count = (v: Verdict) => linked.filter((x) => x.verdict === v).length;
    const missed = count('missed');
    const late = count('late');
    const early = count('early');
    let rating: Rating;
    if (missed === linked.length) rating = 'U';
    else if (missed > 0 || late * 2 >= linked.length) rating = 'M';
    else if (late + early > 0) rating = 'S';
    else rating = 'P';
    const parts = linked.map((x) => (x.verdict === 'missed' ? `${x.id} missed` : `${x.id} ${x.verdict} (${drillClock(x.at)}, ${fmtPct(x.percentile)})`));
    const why =
      rating === 'U'
        ? 'none of its clauses was carried out'
        : rating === 'M'
          ? missed > 0
            ? `${missed} of ${linked.length} clauses not carried out`
            : `${late} of ${linked.length} clauses started after their simulated P90`
          : rating === 'S'
            ? `${late + early} of ${linked.length} clauses started outside their simulated P10-P90 window`
            : `all ${linked.length} clauses started within their simulated P10-P90 window`;
    return { id: o.id, clauses: o.clauses, description: o.description, capability: o.capability, rating, ratingText: RATING_TEXT[rating], reason: `${why}: ${parts.join('; ')}` };
  });

  const objectiveOf = (clause: string): string => script.objectives.find((o) => o.clauses.includes(clause))?.id ?? '';
  const improvementPlan = actions
    .filter((x) => x.verdict !== 'on-time')
    .map((x) => {
      const a = expectedBy.get(x.clause)!;
      const what = a.name ?? a.type;
      const window = `P10-P90 ${drillClock(a.start.p10)}-${drillClock(a.start.p90)}`;
      const [issue, recommendation] =
        x.verdict === 'missed'
          ? [
              `${x.id} (${what}) was not carried out; it started in ${Math.round(a.triggeredShare * 100)} % of the simulated runs (${window})`,
              `Check that the ${a.owner} receives and recognises the trigger of clause ${x.clause}; walk through the clause's procedure with them and drill it again.`,
            ]
          : x.verdict === 'late'
            ? [
                `${x.id} (${what}) started at ${drillClock(x.at)}, ${fmtPct(x.percentile)} of the simulated starts (${window})`,
                `Trace the delay from the trigger report to the start (notification, decision, mobilisation) and shorten it, or revise the timing clause ${x.clause} assumes; drill it again.`,
              ]
            : [
                `${x.id} (${what}) started at ${drillClock(x.at)}, before the simulated window (${window})`,
                `Check that it was started on the injected information and not on knowledge of the script; if acting earlier is intended, consider an earlier trigger for clause ${x.clause} in the plan.`,
              ];
      return { issue, clause: x.clause, objective: objectiveOf(x.clause), recommendation, owner: a.owner };
    });

  return {
    drillsim: 1,
    kind: 'drill-evaluation',
    scenario: script.scenario,
    plan: script.plan,
    compress: script.compress,
    date: log.date ?? options.date ?? null,
    log: options.log,
    actions,
    objectives,
    improvementPlan,
  };
}

/** The `--json` view the issue specifies is the evaluation itself (a superset); ratings in order for tables. */
export const RATING_ORDER: readonly Rating[] = RATINGS;
