import { InputError, type InputIssue } from '../../engine/errors.js';
import type { ActionKind, MetricDef, PlanCompileContext, TriggerKind } from '../modules/types.js';
import type { CompiledScenario } from '../scenario/compile.js';
import type { ActionDoc, PlanDoc, TargetDoc, TeamSelectorDoc, TriggerDoc, ZoneSelectorDoc } from '../schema/plan.js';
import { reportingUnits } from '../schema/units.js';
import { selectZoneIndices } from '../scenario/zone-select.js';

export const LEVELS = ['IV', 'III', 'II', 'I'] as const;
export type LevelName = (typeof LEVELS)[number];
/** IV = 1 (lowest) ... I = 4 (highest). */
export const levelRank = (level: LevelName): number => LEVELS.indexOf(level) + 1;

/** A compiled condition: a module's leaf with its compiled data, a built-in leaf, or a combination. */
export type Trigger =
  | { k: 'leaf'; kind: TriggerKind<never, unknown>; data: unknown }
  | { k: 'atOrAfter'; t: number }
  | { k: 'levelActiveFor'; min: number }
  | { k: 'any'; items: Trigger[] }
  | { k: 'all'; items: Trigger[] }
  | { k: 'not'; item: Trigger };

export interface Action {
  id: string;
  name: string | null;
  /** Who carries it out, as the plan says (null: the plan names nobody; drill scripts then use the action kind's). */
  owner: string | null;
  level: LevelName;
  deadlineMin: number | null;
  /** Extra condition: the clause waits, armed, until it holds while its level is in force. */
  when: Trigger | null;
  /** The action key (`warn`, `evacuate`, ...), its kind in the registry and its compiled value. */
  type: string;
  kind: ActionKind<never, unknown>;
  data: unknown;
}

export interface CompiledLevel {
  level: LevelName;
  rank: number;
  name: string | null;
  when: Trigger;
  standDown: Trigger | null;
  decisionDelayMin: number;
  actions: Action[];
}

export interface CompiledPlan {
  id: string;
  title: string;
  file: string | null;
  monitoringDelayMin: number;
  reviewIntervalMin: number;
  /** Settings modules read (e.g. `nightBoatStop`), compiled by their kinds; absent when the plan omits them. */
  settings: ReadonlyMap<string, unknown>;
  levels: CompiledLevel[];
  /**
   * delayAllTriggers: the plan carried out this much late. Every condition is judged on the state this
   * much older than the command would otherwise see, so each trigger takes effect late exactly once (a
   * clause whose own condition already held when its late level was declared runs with the level).
   */
  lagMin: number;
  targets: TargetDoc[];
  /** Share of events in which a target must hold to be called met (scorecard verdicts). */
  confidence: number;
  /** Every action's clause id, in plan order (drill scripts and scorecards refer to them). */
  actionIds: string[];
  /**
   * The metrics a replication computes and a scorecard shows, in registry order: those of the scenario's
   * hazards and of the response modules serving them, plus any metric a target names (Registry.metricsFor).
   */
  metrics: readonly MetricDef[];
}

/** Stands in for the action of a clause that names none (reported as an error; never executed). */
const NO_ACTION: ActionKind<never, unknown> = {
  key: 'none',
  schema: {} as never,
  description: '',
  completion: '',
  compile: () => null,
  execute: () => {},
};

/**
 * Resolve a plan against a compiled scenario: durations to minutes, selectors to zone and team indices.
 * A selector that matches nothing is an error: a plan clause that can never act is a mistake to report.
 */
export function compilePlan(doc: PlanDoc, scenario: CompiledScenario, file: string | null = null): CompiledPlan {
  const issues: InputIssue[] = [];
  const fail = (path: string, message: string) => issues.push({ path, message, ...(file !== null ? { file } : {}) });
  const { zones } = scenario;
  const registry = scenario.registry;
  const assets = scenario.region.assets;

  const { duration, instant } = reportingUnits(scenario.startIso, fail);

  const selectZones = (sel: ZoneSelectorDoc, path: string): Int32Array => {
    const moduleKeys = registry.zoneSelectors.filter((k) => sel[k.key] !== undefined);
    for (const k of moduleKeys) k.check?.(sel[k.key], scenario, `${path}/${k.key}`, fail);
    const regionZones = scenario.region.zones.zones;
    return selectZoneIndices(zones, scenario.zoneIndex, sel, path, fail, (z) => moduleKeys.every((k) => k.matches(regionZones[z.index]!, sel[k.key])));
  };

  const selectTeams = (sel: TeamSelectorDoc, path: string): Int32Array => {
    const ids = sel.ids !== undefined ? new Set(sel.ids) : null;
    const types = sel.type !== undefined ? new Set(sel.type) : null;
    for (const id of sel.ids ?? []) if (!assets.teams.some((t) => t.id === id)) fail(`${path}/ids`, `unknown team '${id}'`);
    const picked: number[] = [];
    assets.teams.forEach((t, i) => {
      if ((ids === null || ids.has(t.id)) && (types === null || types.has(t.type))) picked.push(i);
    });
    if (picked.length === 0) fail(path, 'this selector matches no team of the region');
    return Int32Array.from(picked);
  };

  const ctx: PlanCompileContext = { scenario, fail, duration, instant, selectZones, selectTeams };

  const trigger = (t: TriggerDoc, path: string): Trigger => {
    if ('any' in t) return { k: 'any', items: (t.any as TriggerDoc[]).map((x, i) => trigger(x, `${path}/any/${i}`)) };
    if ('all' in t) return { k: 'all', items: (t.all as TriggerDoc[]).map((x, i) => trigger(x, `${path}/all/${i}`)) };
    if ('not' in t) return { k: 'not', item: trigger(t.not as TriggerDoc, `${path}/not`) };
    if ('at' in t) return { k: 'atOrAfter', t: instant(t.at as string | number, `${path}/at`) };
    if ('after' in t) return { k: 'atOrAfter', t: duration(t.after as string | number, `${path}/after`, 0) };
    if ('levelActiveFor' in t) return { k: 'levelActiveFor', min: duration(t.levelActiveFor as string | number, `${path}/levelActiveFor`, 0) };
    const kind = registry.triggers.find((k) => k.key in t);
    if (kind === undefined) {
      // The schema admits only known shapes; this is reached only by documents that skipped validation.
      fail(path, `unknown trigger; the plan may use: ${registry.triggers.map((k) => k.key).join(', ')}, at, after, levelActiveFor, any, all, not`);
      return { k: 'atOrAfter', t: Infinity };
    }
    return { k: 'leaf', kind, data: kind.compile(t as never, ctx, path) };
  };

  const action = (a: ActionDoc, level: CompiledLevel['level'], path: string): Action => {
    const key = Object.keys(a).find((k) => registry.action(k) !== undefined);
    const kind = key !== undefined ? registry.action(key) : undefined;
    const base = {
      id: a.id,
      name: a.name ?? null,
      owner: a.owner ?? null,
      level,
      deadlineMin: a.deadline !== undefined ? duration(a.deadline, `${path}/deadline`, 0) : null,
      when: a.when !== undefined ? trigger(a.when, `${path}/when`) : null,
    };
    if (key === undefined || kind === undefined) {
      fail(path, `clause '${a.id}' has no action; the plan may use: ${registry.actions.map((k) => k.key).join(', ')}`);
      return { ...base, type: 'none', kind: NO_ACTION, data: null };
    }
    return { ...base, type: key, kind, data: kind.compile(a[key] as never, ctx, `${path}/${key}`) };
  };

  const levelDocs = doc.levels ?? [];
  if (levelDocs.length === 0) fail('/levels', 'a plan needs at least one response level');
  const seenLevels = new Set<string>();
  const actionIds: string[] = [];
  const seenActions = new Map<string, string>();
  const extraDelay = duration(doc.delayAllTriggers, '/delayAllTriggers', 0);
  const defaultDecision = duration(doc.decisionDelay, '/decisionDelay', 0);
  const levels: CompiledLevel[] = levelDocs.map((l, i) => {
    const path = `/levels/${i}`;
    if (seenLevels.has(l.level)) fail(`${path}/level`, `level ${l.level} is defined twice`);
    seenLevels.add(l.level);
    const compiled: CompiledLevel = {
      level: l.level,
      rank: levelRank(l.level),
      name: l.name ?? null,
      when: trigger(l.when, `${path}/when`),
      standDown: l.standDown !== undefined ? trigger(l.standDown, `${path}/standDown`) : null,
      decisionDelayMin: duration(l.decisionDelay, `${path}/decisionDelay`, defaultDecision),
      actions: [],
    };
    compiled.actions = l.actions.map((a, j) => {
      const ap = `${path}/actions/${j}`;
      const prior = seenActions.get(a.id);
      if (prior !== undefined) fail(`${ap}/id`, `clause id '${a.id}' is already used at ${prior}`);
      seenActions.set(a.id, ap);
      actionIds.push(a.id);
      return action(a, l.level, ap);
    });
    return compiled;
  });
  levels.sort((a, b) => a.rank - b.rank);

  const settings = new Map<string, unknown>();
  for (const kind of registry.planSettings) {
    const value = doc[kind.key];
    if (value !== undefined) settings.set(kind.key, kind.compile(value as never, ctx, `/${kind.key}`));
  }

  const compiled: CompiledPlan = {
    id: doc.id,
    title: doc.title,
    file,
    monitoringDelayMin: duration(doc.monitoringDelay, '/monitoringDelay', 15),
    reviewIntervalMin: Math.max(1, duration(doc.reviewInterval, '/reviewInterval', 10)),
    settings,
    levels,
    lagMin: extraDelay,
    targets: doc.targets ?? [],
    confidence: doc.confidence ?? 0.9,
    actionIds,
    metrics: scenario.registry.metricsFor(
      scenario.hazards.map((h) => h.module.kind),
      (doc.targets ?? []).map((t) => t.metric),
    ),
  };
  if (issues.length > 0) throw new InputError(issues);
  return compiled;
}
