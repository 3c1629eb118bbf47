/**
 * One replication told as injects: the replication is run again (it is a pure function of its index) with
 * an observer on its bus that turns
 *
 *   - the events modules declare for drills (DrillParts.injects: a gauge past its warning stage, zones
 *     flooding, roads closed, a dike failing) into field reports, delivered one monitoring delay after the
 *     event (when the plan's command sees it); reports of one group within GROUP_WINDOW_MIN are one inject;
 *   - every level declaration, and every clause that waits for its own condition, into the report of the
 *     trigger that held (TriggerKind.tell: the forecast or the stage against the plan's threshold),
 *     delivered at the review in which the command saw it; it prompts the clauses started then.
 *
 * Every inject keeps references to the simulated events it tells (replication, kind, time, key).
 */
import type { MasterSeed } from '../../engine/random/index.js';
import type { InjectDraft, InjectText } from '../modules/types.js';
import type { Action, CompiledLevel, CompiledPlan, Trigger } from '../plan/compile.js';
import { runReplication } from '../replication.js';
import type { CompiledScenario } from '../scenario/compile.js';
import type { EventRef } from '../schema/drill.js';
import type { SimEvent } from '../world/events.js';
import type { World } from '../world/world.js';

/** Reports of one group (flooded zones, closed roads) this close together (scenario minutes) are one inject. */
export const GROUP_WINDOW_MIN = 60;

/** An inject before compression and numbering. */
export interface TimelineInject extends InjectText {
  /** Scenario minutes. */
  t: number;
  group: string;
  state: Record<string, number>;
  events: EventRef[];
  /** Clause ids it prompts. */
  clauses: string[];
}

function eventKey(e: SimEvent): string {
  const x = e as unknown as Record<string, unknown>;
  for (const k of ['gauge', 'zone', 'edge', 'facility', 'action', 'level', 'incident', 'team']) if (typeof x[k] === 'string') return x[k] as string;
  return '';
}

const clockText = (t: number): string => {
  const d = Math.floor(t / 1440);
  const h = Math.floor((t % 1440) / 60);
  const m = Math.floor(t % 60);
  return `day ${d + 1} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
};

/** The reports of the leaves of a trigger that hold at `seen` (the ones that made it hold). */
function tellTrigger(trigger: Trigger, world: World, seen: number, now: number, levelSince: number): InjectText[] {
  switch (trigger.k) {
    case 'leaf': {
      if (!trigger.kind.evaluate(trigger.data as never, world, seen)) return [];
      const told = trigger.kind.tell?.(trigger.data as never, world, seen);
      return [told ?? { from: 'exercise control', fromZh: '导调组', to: 'command', toZh: '指挥部', method: 'sim', message: `${trigger.kind.description} (${trigger.kind.key})`, messageZh: `触发条件已满足：${trigger.kind.key}` }];
    }
    case 'atOrAfter':
      return now >= trigger.t ? [{ from: 'exercise control', fromZh: '导调组', to: 'command', toZh: '指挥部', method: 'sim', message: `it is ${clockText(trigger.t)} of the scenario`, messageZh: `情景时间已到${clockText(trigger.t)}` }] : [];
    case 'levelActiveFor':
      return now - levelSince >= trigger.min
        ? [{ from: 'exercise control', fromZh: '导调组', to: 'command', toZh: '指挥部', method: 'sim', message: `the level has been in force for ${Math.round(trigger.min / 60)} h`, messageZh: `当前响应级别已持续${Math.round(trigger.min / 60)}小时` }]
        : [];
    case 'any':
      for (const item of trigger.items) {
        const told = tellTrigger(item, world, seen, now, levelSince);
        if (told.length > 0) return told;
      }
      return [];
    case 'all': {
      const out: InjectText[] = [];
      for (const item of trigger.items) {
        const told = tellTrigger(item, world, seen, now, levelSince);
        if (told.length === 0) return [];
        out.push(...told);
      }
      return out;
    }
    case 'not':
      return [];
  }
}

function joinTexts(texts: InjectText[], fallback: InjectText): InjectText {
  if (texts.length === 0) return fallback;
  return {
    from: texts[0]!.from,
    fromZh: texts[0]!.fromZh,
    to: texts[0]!.to,
    toZh: texts[0]!.toZh,
    method: texts[0]!.method,
    message: texts.map((t) => t.message).join('; '),
    messageZh: texts.map((t) => t.messageZh).join('；'),
  };
}

/**
 * Run replication `index` with the drill observer and return its injects in time order (scenario minutes),
 * before grouping's numbering and compression.
 */
export function traceTimeline(scenario: CompiledScenario, plan: CompiledPlan, seed: MasterSeed, index: number): TimelineInject[] {
  const registry = scenario.registry;
  const modules = [...registry.responses, ...registry.hazards];
  const makers = new Map<string, Array<(e: SimEvent, w: World) => InjectDraft | null>>();
  for (const m of modules) {
    for (const [kind, make] of Object.entries(m.drill?.injects ?? {})) {
      let list = makers.get(kind);
      if (list === undefined) makers.set(kind, (list = []));
      list.push(make as (e: SimEvent, w: World) => InjectDraft | null);
    }
  }
  const levelByName = new Map<string, CompiledLevel>(plan.levels.map((l) => [l.level, l]));
  const actionById = new Map<string, Action>();
  for (const l of plan.levels) for (const a of l.actions) actionById.set(a.id, a);

  const injects: TimelineInject[] = [];
  const open = new Map<string, TimelineInject>();
  const closures: Array<{ from: number; until: number }> = [];
  let world: World | null = null;
  let levelSince = 0;
  /** The trigger inject of the declaration being carried out (clauses started at its time join its prompts). */
  let declaring: { t: number; inject: TimelineInject } | null = null;
  const delay = plan.monitoringDelayMin;

  const state = (w: World, t: number): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const m of modules) Object.assign(out, m.drill?.state?.(w, t) ?? {});
    out['roads.closed'] = closures.filter((c) => c.from <= t && t < c.until).length;
    return out;
  };
  const ref = (e: SimEvent): EventRef => ({ replication: index, kind: e.kind, t: e.t, key: eventKey(e) });

  const onEvent = (e: SimEvent): void => {
    const w = world!;
    if (e.kind === 'edge.closed') closures.push({ from: e.t, until: e.until });
    if (e.kind === 'level.declared') {
      const level = levelByName.get(e.level)!;
      levelSince = e.t;
      // The review in which the command saw the trigger: the declaration less the level's decision delay.
      const review = Math.max(0, e.t - level.decisionDelayMin);
      const seen = review - delay - plan.lagMin;
      const text = joinTexts(tellTrigger(level.when, w, seen, review, levelSince), {
        from: 'exercise control',
        fromZh: '导调组',
        to: 'command',
        toZh: '指挥部',
        method: 'sim',
        message: `the conditions of level ${level.level} hold`,
        messageZh: `${level.level}级响应启动条件已满足`,
      });
      const inject: TimelineInject = { ...text, t: review, group: `level:${level.level}`, state: state(w, e.t), events: [ref(e)], clauses: [] };
      injects.push(inject);
      declaring = { t: e.t, inject };
      return;
    }
    if (e.kind === 'action.started') {
      const action = actionById.get(e.action);
      if (action === undefined) return;
      const seen = e.t - delay - plan.lagMin;
      const told = action.when !== null ? tellTrigger(action.when, w, seen, e.t, levelSince) : [];
      if (declaring !== null && declaring.t === e.t) {
        // Started with the declaration: one inject, which also tells the clause's own condition if new.
        const d = declaring.inject;
        for (const x of told) {
          if (d.message.includes(x.message)) continue;
          d.message += `; ${x.message}`;
          d.messageZh += `；${x.messageZh}`;
        }
        d.clauses.push(action.id);
        d.events.push(ref(e));
        return;
      }
      // A clause that waited for its own condition: the report of that condition.
      const level = levelByName.get(e.level);
      const text = joinTexts(told, {
        from: 'exercise control',
        fromZh: '导调组',
        to: 'command',
        toZh: '指挥部',
        method: 'sim',
        message: `the condition of clause ${action.id} holds under level ${level?.level ?? e.level}`,
        messageZh: `第${action.id}条执行条件已满足`,
      });
      injects.push({ ...text, t: e.t, group: `clause:${action.id}`, state: state(w, e.t), events: [ref(e)], clauses: [action.id] });
      return;
    }
    const list = makers.get(e.kind);
    if (list === undefined) return;
    for (const make of list) {
      const draft = make(e, w);
      if (draft === null) continue;
      const t = e.t + delay;
      const current = open.get(draft.group);
      if (current !== undefined && t - current.t <= GROUP_WINDOW_MIN) {
        current.message += `; ${draft.message}`;
        current.messageZh += `；${draft.messageZh}`;
        current.events.push(ref(e));
        current.state = state(w, e.t);
        continue;
      }
      const { group, ...text } = draft;
      const inject: TimelineInject = { ...text, t, group, state: state(w, e.t), events: [ref(e)], clauses: [] };
      open.set(group, inject);
      injects.push(inject);
    }
  };

  runReplication(scenario, plan, seed, index, {
    trace: onEvent,
    instrument: (w) => {
      world = w;
    },
  });
  const horizon = scenario.horizonMin;
  return injects
    .filter((i) => i.t <= horizon)
    .map((i, k) => ({ i, k }))
    .sort((a, b) => a.i.t - b.i.t || a.k - b.k)
    .map((x) => x.i);
}
