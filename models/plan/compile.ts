import { InputError, type InputIssue } from '../../engine/errors.js';
import type { CompiledScenario } from '../scenario/compile.js';
import type { ActionDoc, PlanDoc, TargetDoc, TeamSelectorDoc, TriggerDoc, ZoneSelectorDoc } from '../schema/plan.js';
import { parseDuration, parseInstant } from '../schema/units.js';

export const LEVELS = ['IV', 'III', 'II', 'I'] as const;
export type LevelName = (typeof LEVELS)[number];
/** IV = 1 (lowest) ... I = 4 (highest). */
export const levelRank = (level: LevelName): number => LEVELS.indexOf(level) + 1;

export type Trigger =
  | { k: 'stageAbove'; gauge: string; m: number }
  | { k: 'stageBelow'; gauge: string; m: number }
  | { k: 'forecastAbove'; gauge: string; m: number; leadMin: number }
  | { k: 'zoneFlooded'; zones: Int32Array }
  | { k: 'deathsAtLeast'; n: number }
  | { k: 'cutOffAtLeast'; n: number }
  | { k: 'atOrAfter'; t: number }
  | { k: 'levelActiveFor'; min: number }
  | { k: 'any'; items: Trigger[] }
  | { k: 'all'; items: Trigger[] }
  | { k: 'not'; item: Trigger };

interface ActionBase {
  id: string;
  name: string | null;
  level: LevelName;
  deadlineMin: number | null;
  /** Extra condition: the clause waits, armed, until it holds while its level is in force. */
  when: Trigger | null;
}

export type Action = ActionBase &
  (
    | { type: 'warn'; channels: string[]; zones: Int32Array }
    | { type: 'evacuate'; zones: Int32Array; mandatory: boolean }
    | { type: 'openShelters'; zones: Int32Array }
    | { type: 'mobilise'; teams: Int32Array }
    | { type: 'prePosition'; teams: Int32Array; zones: Int32Array }
    | { type: 'mutualAid'; from: number[]; share: number }
    | { type: 'releaseStock'; tiers: Array<'city' | 'county' | 'township'> }
  );

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
  /** Minutes of the local day [from, to) during which boats do not operate in these zones; null: no restriction. */
  nightBoatStop: { fromMin: number; toMin: number; zones: ReadonlySet<number> | null } | null;
  levels: CompiledLevel[];
  /** Delay from a clause's own condition being seen to the clause running (delayAllTriggers). */
  clauseDelayMin: number;
  targets: TargetDoc[];
  /** Every action's clause id, in plan order (drill scripts and scorecards refer to them). */
  actionIds: string[];
}

const hhmm = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/**
 * Resolve a plan against a compiled scenario: durations to minutes, selectors to zone and team indices.
 * A selector that matches nothing is an error: a plan clause that can never act is a mistake to report.
 */
export function compilePlan(doc: PlanDoc, scenario: CompiledScenario, file: string | null = null): CompiledPlan {
  const issues: InputIssue[] = [];
  const fail = (path: string, message: string) => issues.push({ path, message, ...(file !== null ? { file } : {}) });
  const { zones, gauges, channels } = scenario;
  const assets = scenario.region.assets;

  const duration = (value: string | number | undefined, path: string, fallback: number): number => {
    if (value === undefined) return fallback;
    try {
      return parseDuration(value);
    } catch (err) {
      fail(path, err instanceof Error ? err.message : String(err));
      return fallback;
    }
  };

  const gauge = (id: string, path: string) => {
    if (!gauges.has(id)) fail(path, `unknown gauge '${id}'; the region has: ${[...gauges.keys()].join(', ')}`);
  };

  const selectZones = (sel: ZoneSelectorDoc, path: string): Int32Array => {
    for (const id of sel.ids ?? []) if (!scenario.zoneIndex.has(id)) fail(`${path}/ids`, `unknown zone '${id}'`);
    if (sel.gauge !== undefined) gauge(sel.gauge, `${path}/gauge`);
    const counties = sel.county !== undefined ? new Set(sel.county) : null;
    const ids = sel.ids !== undefined ? new Set(sel.ids) : null;
    const picked = zones.filter(
      (z) =>
        (ids === null || ids.has(z.id)) &&
        (sel.tag === undefined || z.tags.has(sel.tag)) &&
        (counties === null || counties.has(z.county)) &&
        (sel.gauge === undefined || z.flood?.gauge === sel.gauge),
    );
    if (picked.length === 0) fail(path, 'this selector matches no zone of the region');
    return Int32Array.from(picked.map((z) => z.index));
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

  const trigger = (t: TriggerDoc, path: string): Trigger => {
    if ('any' in t) return { k: 'any', items: t.any.map((x, i) => trigger(x, `${path}/any/${i}`)) };
    if ('all' in t) return { k: 'all', items: t.all.map((x, i) => trigger(x, `${path}/all/${i}`)) };
    if ('not' in t) return { k: 'not', item: trigger(t.not, `${path}/not`) };
    if ('stageAboveM' in t) {
      gauge(t.gauge, `${path}/gauge`);
      return { k: 'stageAbove', gauge: t.gauge, m: t.stageAboveM };
    }
    if ('stageBelowM' in t) {
      gauge(t.gauge, `${path}/gauge`);
      return { k: 'stageBelow', gauge: t.gauge, m: t.stageBelowM };
    }
    if ('forecastStageAboveM' in t) {
      gauge(t.gauge, `${path}/gauge`);
      return { k: 'forecastAbove', gauge: t.gauge, m: t.forecastStageAboveM, leadMin: duration(t.lead, `${path}/lead`, 0) };
    }
    if ('zoneFlooded' in t) return { k: 'zoneFlooded', zones: selectZones(t.zoneFlooded, `${path}/zoneFlooded`) };
    if ('deathsAtLeast' in t) return { k: 'deathsAtLeast', n: t.deathsAtLeast };
    if ('cutOffAtLeast' in t) return { k: 'cutOffAtLeast', n: t.cutOffAtLeast };
    if ('at' in t) {
      try {
        return { k: 'atOrAfter', t: parseInstant(t.at, scenario.startIso) };
      } catch (err) {
        fail(`${path}/at`, err instanceof Error ? err.message : String(err));
        return { k: 'atOrAfter', t: 0 };
      }
    }
    if ('after' in t) return { k: 'atOrAfter', t: duration(t.after, `${path}/after`, 0) };
    return { k: 'levelActiveFor', min: duration(t.levelActiveFor, `${path}/levelActiveFor`, 0) };
  };

  const action = (a: ActionDoc, level: CompiledLevel['level'], path: string): Action => {
    const base: ActionBase = {
      id: a.id,
      name: a.name ?? null,
      level,
      deadlineMin: a.deadline !== undefined ? duration(a.deadline, `${path}/deadline`, 0) : null,
      when: a.when !== undefined ? trigger(a.when, `${path}/when`) : null,
    };
    if ('warn' in a) {
      a.warn.channels.forEach((c, i) => {
        if (!channels.has(c)) fail(`${path}/warn/channels/${i}`, `unknown warning channel '${c}'; the scenario has: ${[...channels.keys()].join(', ')}`);
      });
      return { ...base, type: 'warn', channels: a.warn.channels, zones: selectZones(a.warn.zones, `${path}/warn/zones`) };
    }
    if ('evacuate' in a) return { ...base, type: 'evacuate', zones: selectZones(a.evacuate.zones, `${path}/evacuate/zones`), mandatory: a.evacuate.mandatory ?? true };
    if ('openShelters' in a) return { ...base, type: 'openShelters', zones: selectZones(a.openShelters.zones, `${path}/openShelters/zones`) };
    if ('mobilise' in a) return { ...base, type: 'mobilise', teams: selectTeams(a.mobilise.teams, `${path}/mobilise/teams`) };
    if ('prePosition' in a) {
      return {
        ...base,
        type: 'prePosition',
        teams: selectTeams(a.prePosition.teams, `${path}/prePosition/teams`),
        zones: selectZones(a.prePosition.zones, `${path}/prePosition/zones`),
      };
    }
    if ('mutualAid' in a) {
      const from = a.mutualAid.from.map((id, i) => {
        const k = assets.mutualAid.findIndex((m) => m.id === id || m.id === `aid-${id}`);
        if (k < 0) fail(`${path}/mutualAid/from/${i}`, `unknown mutual-aid city '${id}'; the region has: ${assets.mutualAid.map((m) => m.id).join(', ')}`);
        return k;
      });
      return { ...base, type: 'mutualAid', from, share: a.mutualAid.share ?? 1 };
    }
    return { ...base, type: 'releaseStock', tiers: a.releaseStock.tiers };
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
      decisionDelayMin: duration(l.decisionDelay, `${path}/decisionDelay`, defaultDecision) + extraDelay,
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

  const compiled: CompiledPlan = {
    id: doc.id,
    title: doc.title,
    file,
    monitoringDelayMin: duration(doc.monitoringDelay, '/monitoringDelay', 15),
    reviewIntervalMin: Math.max(1, duration(doc.reviewInterval, '/reviewInterval', 10)),
    nightBoatStop:
      doc.nightBoatStop !== undefined
        ? {
            fromMin: hhmm(doc.nightBoatStop.from),
            toMin: hhmm(doc.nightBoatStop.to),
            zones: doc.nightBoatStop.zones !== undefined ? new Set(selectZones(doc.nightBoatStop.zones, '/nightBoatStop/zones')) : null,
          }
        : null,
    levels,
    clauseDelayMin: extraDelay,
    targets: doc.targets ?? [],
    actionIds,
  };
  if (issues.length > 0) throw new InputError(issues);
  return compiled;
}
