/**
 * The annual drill programme (docs/drills.md section 5): which scenarios and clauses to drill this year.
 *
 * Each clause a candidate script expects gets a priority = importance x staleness:
 *
 * - **importance** = 1 + the evidence that the outcome depends on it. A screening (`drillsim screen --json`)
 *   adds, for each clause, the largest normalised mu* (mu* / the largest mu* of that screening) among the
 *   parameters of the modules the clause depends on: the module that carries out its action and the modules
 *   whose triggers its level or its own condition uses (a forecast error parameter matters to clauses on a
 *   forecast trigger; evacuation compliance to transfer clauses). A comparison of two plans (`drillsim
 *   compare --json`) adds, for each clause the two plans differ in, the strength of the difference: the
 *   largest |2 P(B better) - 1| over the metrics (0: no difference, 1: one plan better in every
 *   replication). The 1 keeps clauses without evidence in the ranking.
 * - **staleness** = years since the clause was last performed in a drill (an evaluation in which its action
 *   was not missed), at most `maxYears` (default 3), and `maxYears` when it never was: an untested clause is
 *   as stale as the longest interval the programme tolerates.
 *
 * The programme fills `drillsPerYear` drills in turn: each takes the scenario (script) whose `clausesPerDrill`
 * highest-priority clauses not yet scheduled have the largest total priority, so the riskiest untested
 * clauses are drilled first; what does not fit is listed as deferred.
 */
import { InputError } from '../../engine/errors.js';
import { parseJsonText } from '../../engine/network/json-source.js';
import { REGISTRY } from '../registry.js';
import { loadPlanDocs, mergePlanDocs } from '../scenario/load.js';
import type { PlanDoc } from '../schema/plan.js';
import type { DrillEvaluation, DrillScript } from '../schema/drill.js';

export const DEFAULT_MAX_YEARS = 3;

export interface ProgrammeInput {
  scripts: Array<{ file: string; script: DrillScript }>;
  evaluations: Array<{ file: string; evaluation: DrillEvaluation }>;
  /** Screening results (JSON text of `drillsim screen --json`). */
  screens: Array<{ file: string; text: string }>;
  /** Comparisons (JSON text of `drillsim compare --json`). */
  compares: Array<{ file: string; text: string }>;
  /** Plan files the comparisons name. */
  plans: Array<{ file: string; text?: string }>;
  drillsPerYear: number;
  clausesPerDrill: number;
  year: number;
  maxYears?: number;
}

export interface ProgrammeClause {
  plan: string;
  clause: string;
  name: string | null;
  owner: string;
  scenarios: string[];
  triggeredShare: number;
  importance: number;
  evidence: string[];
  lastDrilled: string | null;
  years: number;
  priority: number;
  drill: number | null;
}

export interface Programme {
  drillsim: 1;
  kind: 'drill-programme';
  year: number;
  drillsPerYear: number;
  clausesPerDrill: number;
  maxYears: number;
  drills: Array<{ n: number; scenario: string; plan: string; script: string; clauses: string[]; priority: number; objectives: Array<{ id: string; description: string }> }>;
  clauses: ProgrammeClause[];
  deferred: string[];
}

const key = (plan: string, clause: string): string => `${plan}#${clause}`;

function bad(file: string, message: string, path = ''): never {
  throw new InputError([{ path, file, message }]);
}

/** Modules whose parameter it is, and which action and trigger keys each module owns. */
function moduleIndex(): { moduleOf: Map<string, string>; actions: Map<string, Set<string>>; triggers: Map<string, Set<string>> } {
  const moduleOf = new Map<string, string>();
  const actions = new Map<string, Set<string>>();
  const triggers = new Map<string, Set<string>>();
  const all = [...REGISTRY.hazards.map((h) => ({ name: `hazard:${h.kind}`, m: h, acts: [] as string[] })), ...REGISTRY.responses.map((r) => ({ name: r.name, m: r, acts: r.actions.map((a) => a.key) }))];
  for (const { name, m, acts } of all) {
    for (const p of Object.keys(m.parameters)) moduleOf.set(p, name);
    actions.set(name, new Set(acts));
    triggers.set(name, new Set(m.triggers.map((t) => t.key)));
  }
  return { moduleOf, actions, triggers };
}

/** Clause ids in which two merged plans differ (every clause when plan-wide timing differs). */
function differingClauses(a: PlanDoc, b: PlanDoc): Set<string> {
  const timing = (p: PlanDoc) => JSON.stringify([p.monitoringDelay, p.reviewInterval, p.decisionDelay, p.delayAllTriggers]);
  const clauses = (p: PlanDoc) => {
    const out = new Map<string, string>();
    for (const l of p.levels ?? []) for (const act of l.actions) out.set(act.id, JSON.stringify([l.level, l.when, l.decisionDelay, act]));
    return out;
  };
  const ca = clauses(a);
  const cb = clauses(b);
  const all = new Set([...ca.keys(), ...cb.keys()]);
  if (timing(a) !== timing(b)) return all;
  return new Set([...all].filter((id) => ca.get(id) !== cb.get(id)));
}

export function buildProgramme(input: ProgrammeInput): Programme {
  const maxYears = input.maxYears ?? DEFAULT_MAX_YEARS;
  const clauses = new Map<string, ProgrammeClause & { types: string; triggerKeys: string[] }>();
  for (const { script } of input.scripts) {
    for (const a of script.expectedActions) {
      const k = key(script.plan, a.clause);
      const c = clauses.get(k);
      if (c !== undefined) {
        if (!c.scenarios.includes(script.scenario)) c.scenarios.push(script.scenario);
        c.triggeredShare = Math.max(c.triggeredShare, a.triggeredShare);
        continue;
      }
      clauses.set(k, {
        plan: script.plan,
        clause: a.clause,
        name: a.name,
        owner: a.owner,
        scenarios: [script.scenario],
        triggeredShare: a.triggeredShare,
        importance: 1,
        evidence: [],
        lastDrilled: null,
        years: maxYears,
        priority: 0,
        drill: null,
        types: a.type,
        triggerKeys: a.triggers,
      });
    }
  }

  // Screenings: normalised mu* of the parameters of the modules each clause depends on.
  const index = moduleIndex();
  for (const { file, text } of input.screens) {
    const v = parseJsonText(text, file).value as { metric?: unknown; plan?: unknown; parameters?: unknown };
    if (v === null || typeof v !== 'object' || !Array.isArray(v.parameters)) bad(file, 'not a screening result (`drillsim screen --json`): it has no parameters list');
    const params = (v.parameters as Array<{ name?: unknown; muStar?: unknown }>).map((p, i) => {
      if (typeof p?.name !== 'string' || typeof p.muStar !== 'number' || !Number.isFinite(p.muStar)) bad(file, 'each parameter needs a name and a finite muStar', `/parameters/${i}`);
      return { name: p.name, muStar: p.muStar };
    });
    const max = Math.max(0, ...params.map((p) => p.muStar));
    if (max <= 0) continue;
    for (const c of clauses.values()) {
      if (typeof v.plan === 'string' && v.plan !== c.plan) continue;
      let best: { name: string; w: number } | null = null;
      for (const p of params) {
        const m = index.moduleOf.get(p.name);
        if (m === undefined) continue;
        const relevant = index.actions.get(m)!.has(c.types) || c.triggerKeys.some((t) => index.triggers.get(m)!.has(t));
        if (relevant && (best === null || p.muStar / max > best.w)) best = { name: p.name, w: p.muStar / max };
      }
      if (best !== null && best.w > 0) {
        c.importance += best.w;
        c.evidence.push(`screening of ${String(v.metric)}: ${best.name} (mu* ${best.w.toFixed(2)} of the largest)`);
      }
    }
  }

  // Comparisons: the clauses the two plans differ in, weighted by how often one plan beat the other.
  const planDocs = new Map<string, PlanDoc>();
  for (const p of input.plans) {
    const doc = mergePlanDocs(loadPlanDocs(p.file));
    planDocs.set(doc.id, doc);
  }
  for (const { file, text } of input.compares) {
    const v = parseJsonText(text, file).value as { planA?: unknown; planB?: unknown; metrics?: Record<string, { pBBetter?: unknown }> };
    if (v === null || typeof v !== 'object' || typeof v.planA !== 'string' || typeof v.planB !== 'string' || v.metrics === undefined) {
      bad(file, 'not a comparison (`drillsim compare --json`): it needs planA, planB and metrics');
    }
    const a = planDocs.get(v.planA as string);
    const b = planDocs.get(v.planB as string);
    for (const [id, doc] of [[v.planA, a], [v.planB, b]] as const) {
      if (doc === undefined) bad(file, `the comparison names plan '${String(id)}': give its file with --plan so the clauses the plans differ in can be found`, id === v.planA ? '/planA' : '/planB');
    }
    let strength = 0;
    let metric = '';
    for (const [m, r] of Object.entries(v.metrics!)) {
      if (typeof r?.pBBetter !== 'number') continue;
      const s = Math.abs(2 * r.pBBetter - 1);
      if (s > strength) [strength, metric] = [s, m];
    }
    if (strength === 0) continue;
    const differ = differingClauses(a!, b!);
    for (const c of clauses.values()) {
      if ((c.plan !== v.planA && c.plan !== v.planB) || !differ.has(c.clause)) continue;
      c.importance += strength;
      c.evidence.push(`comparison ${String(v.planA)} vs ${String(v.planB)}: ${metric} (|2 P(B better) - 1| = ${strength.toFixed(2)})`);
    }
  }

  // Staleness from past evaluations.
  const yearStart = Date.UTC(input.year, 0, 1);
  for (const { file, evaluation } of input.evaluations) {
    if (evaluation.date === null) bad(file, 'this evaluation has no date: evaluate the log again with --date YYYY-MM-DD', '/date');
    for (const a of evaluation.actions) {
      if (a.verdict === 'missed') continue;
      const c = clauses.get(key(evaluation.plan, a.clause));
      if (c === undefined) continue;
      if (c.lastDrilled === null || evaluation.date! > c.lastDrilled) c.lastDrilled = evaluation.date;
    }
  }
  for (const c of clauses.values()) {
    if (c.lastDrilled !== null) c.years = Math.min(maxYears, Math.max(0, (yearStart - Date.parse(`${c.lastDrilled}T00:00:00Z`)) / (365.25 * 86_400_000)));
    c.priority = c.importance * c.years;
  }

  const ranked = [...clauses.values()].sort((x, y) => y.priority - x.priority || y.importance - x.importance || (x.plan + x.clause < y.plan + y.clause ? -1 : 1));
  const drills: Programme['drills'] = [];
  for (let n = 1; n <= input.drillsPerYear; n++) {
    let best: { script: (typeof input.scripts)[number]; picked: typeof ranked; total: number } | null = null;
    for (const s of input.scripts) {
      const offered = new Set(s.script.expectedActions.map((a) => key(s.script.plan, a.clause)));
      const picked = ranked.filter((c) => c.drill === null && c.priority > 0 && offered.has(key(c.plan, c.clause))).slice(0, input.clausesPerDrill);
      const total = picked.reduce((t, c) => t + c.priority, 0);
      if (picked.length > 0 && (best === null || total > best.total)) best = { script: s, picked, total };
    }
    if (best === null) break;
    for (const c of best.picked) c.drill = n;
    const chosen = new Set(best.picked.map((c) => c.clause));
    drills.push({
      n,
      scenario: best.script.script.scenario,
      plan: best.script.script.plan,
      script: best.script.file,
      clauses: best.picked.map((c) => c.clause),
      priority: best.total,
      objectives: best.script.script.objectives.filter((o) => o.clauses.some((c) => chosen.has(c))).map((o) => ({ id: o.id, description: o.description })),
    });
  }
  return {
    drillsim: 1,
    kind: 'drill-programme',
    year: input.year,
    drillsPerYear: input.drillsPerYear,
    clausesPerDrill: input.clausesPerDrill,
    maxYears,
    drills,
    clauses: ranked.map(({ types: _t, triggerKeys: _k, ...c }) => c),
    deferred: ranked.filter((c) => c.drill === null && c.priority > 0).map((c) => key(c.plan, c.clause)),
  };
}

export function renderProgramme(p: Programme): string {
  const out: string[] = [`# Drill programme ${p.year}`, '', `${p.drills.length} drill${p.drills.length === 1 ? '' : 's'} (at most ${p.drillsPerYear} a year, ${p.clausesPerDrill} clauses each); priority = importance x years since last drilled (at most ${p.maxYears}).`, ''];
  for (const d of p.drills) {
    out.push(`## Drill ${d.n}: ${d.scenario} under ${d.plan}`, '', `Script: ${d.script}. Clauses: ${d.clauses.join(', ')} (total priority ${d.priority.toFixed(2)}).`, '');
    for (const o of d.objectives) out.push(`- ${o.id}: ${o.description}`);
    out.push('');
  }
  out.push('## Clauses by priority', '', '| plan | clause | action | owner | importance | last drilled | years | priority | drill |', '|---|---|---|---|---|---|---|---|---|');
  for (const c of p.clauses) {
    out.push(`| ${c.plan} | ${c.clause} | ${c.name ?? ''} | ${c.owner} | ${c.importance.toFixed(2)} | ${c.lastDrilled ?? 'never'} | ${c.years.toFixed(1)} | ${c.priority.toFixed(2)} | ${c.drill ?? '-'} |`);
  }
  if (p.deferred.length > 0) out.push('', `Deferred to a later year: ${p.deferred.join(', ')}.`);
  const evidence = p.clauses.filter((c) => c.evidence.length > 0);
  if (evidence.length > 0) {
    out.push('', '## Evidence of importance', '');
    for (const c of evidence) out.push(`- ${c.plan} ${c.clause}: ${c.evidence.join('; ')}`);
  }
  return `${out.join('\n')}\n`;
}
