import type { Simulation } from '../../engine/kernel/index.js';
import type { EventBus } from '../world/events.js';
import type { Action, CompiledLevel, CompiledPlan, Trigger } from './compile.js';

/** What the command can see: the true state as it stood at a past time (the caller applies the delay). */
export interface Observations {
  stageAt(gauge: string, t: number): number | null;
  forecastAt(gauge: string, issuedAt: number, lead: number): number | null;
  zoneWetAt(zone: number, t: number): boolean;
  deathsAt(t: number): number;
  cutOffAt(t: number): number;
}

export interface ActionRecord {
  id: string;
  level: string;
  type: Action['type'];
  startedAt: number;
  deadlineAt: number | null;
}

/**
 * The contingency plan as a process. Every review interval it looks at the state one monitoring delay old,
 * finds the highest level whose trigger holds, and (after that level's decision delay, if the level is still
 * the right call) declares it and carries out its actions and those of every lower level not yet carried
 * out. A declared level whose stand-down condition holds steps down to the next lower level. No expression
 * is ever evaluated as code: triggers are data.
 */
export class PlanInterpreter {
  current: CompiledLevel | null = null;
  declaredAt = -Infinity;
  readonly declarations: Array<{ level: string; t: number }> = [];
  readonly actions: ActionRecord[] = [];
  private readonly done = new Set<string>();
  /** Clauses of declared levels that wait for their own condition. */
  private readonly armed: Array<{ action: Action; level: CompiledLevel }> = [];
  private pendingRank = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly bus: EventBus,
    private readonly plan: CompiledPlan,
    private readonly observe: Observations,
    private readonly execute: (action: Action) => void,
  ) {}

  start(horizon: number): void {
    const sim = this.sim;
    const self = this;
    sim.process(function* () {
      while (sim.now <= horizon) {
        self.review();
        yield sim.timeout(self.plan.reviewIntervalMin);
      }
    }, 'plan');
  }

  /** Evaluate a trigger on the observed state (the present minus the monitoring delay). */
  holds(trigger: Trigger, level: CompiledLevel | null): boolean {
    const now = this.sim.now;
    const seen = now - this.plan.monitoringDelayMin;
    const o = this.observe;
    switch (trigger.k) {
      case 'stageAbove': {
        const s = seen >= 0 ? o.stageAt(trigger.gauge, seen) : null;
        return s !== null && s > trigger.m;
      }
      case 'stageBelow': {
        const s = seen >= 0 ? o.stageAt(trigger.gauge, seen) : null;
        return s !== null && s < trigger.m;
      }
      case 'forecastAbove': {
        const f = seen >= 0 ? o.forecastAt(trigger.gauge, seen, trigger.leadMin) : null;
        return f !== null && f > trigger.m;
      }
      case 'zoneFlooded': {
        if (seen < 0) return false;
        for (let i = 0; i < trigger.zones.length; i++) if (o.zoneWetAt(trigger.zones[i]!, seen)) return true;
        return false;
      }
      case 'deathsAtLeast':
        return o.deathsAt(seen) >= trigger.n;
      case 'cutOffAtLeast':
        return o.cutOffAt(seen) >= trigger.n;
      case 'atOrAfter':
        return now >= trigger.t;
      case 'levelActiveFor':
        return level !== null && this.current === level && now - this.declaredAt >= trigger.min;
      case 'any':
        return trigger.items.some((t) => this.holds(t, level));
      case 'all':
        return trigger.items.every((t) => this.holds(t, level));
      case 'not':
        return !this.holds(trigger.item, level);
    }
  }

  private review(): void {
    this.fireArmed();
    const currentRank = this.current?.rank ?? 0;
    // Escalation: the highest level above the current one whose trigger holds.
    for (let i = this.plan.levels.length - 1; i >= 0; i--) {
      const level = this.plan.levels[i]!;
      if (level.rank <= currentRank) break;
      if (level.rank <= this.pendingRank) break;
      if (!this.holds(level.when, level)) continue;
      this.pendingRank = level.rank;
      if (level.decisionDelayMin > 0) {
        this.sim.timeout(level.decisionDelayMin).onProcessed(() => this.declare(level));
      } else {
        this.declare(level);
      }
      return;
    }
    // Stand-down of the current level.
    const cur = this.current;
    if (cur !== null && cur.standDown !== null && this.holds(cur.standDown, cur)) {
      const lower = [...this.plan.levels].reverse().find((l) => l.rank < cur.rank) ?? null;
      this.bus.emit({ t: this.sim.now, kind: 'level.stoodDown', level: cur.level, to: lower?.level ?? null });
      this.current = lower;
      this.declaredAt = this.sim.now;
      this.pendingRank = lower?.rank ?? 0;
      this.declarations.push({ level: lower?.level ?? 'none', t: this.sim.now });
    }
  }

  private declare(level: CompiledLevel): void {
    if (this.current !== null && this.current.rank >= level.rank) return;
    const previous = this.current?.level ?? null;
    this.current = level;
    this.declaredAt = this.sim.now;
    this.declarations.push({ level: level.level, t: this.sim.now });
    this.bus.emit({ t: this.sim.now, kind: 'level.declared', level: level.level, previous });
    // Lower levels' clauses first (a city that jumps to level I still does what IV-II require), in plan order.
    for (const l of this.plan.levels) {
      if (l.rank > level.rank) break;
      for (const action of l.actions) {
        if (this.done.has(action.id)) continue;
        this.done.add(action.id);
        if (action.when !== null) this.armed.push({ action, level });
        else this.run(action, level);
      }
    }
    this.fireArmed();
  }

  /**
   * Run armed clauses whose condition holds now, while their level (or a higher one) is in force; a plan
   * carried out late (delayAllTriggers) runs them that much later.
   */
  private fireArmed(): void {
    const rank = this.current?.rank ?? 0;
    for (let i = 0; i < this.armed.length; ) {
      const { action, level } = this.armed[i]!;
      if (rank >= level.rank && this.holds(action.when!, level)) {
        this.armed.splice(i, 1);
        if (this.plan.clauseDelayMin > 0) this.sim.timeout(this.plan.clauseDelayMin).onProcessed(() => this.run(action, level));
        else this.run(action, level);
      } else i++;
    }
  }

  private run(action: Action, level: CompiledLevel): void {
    const deadlineAt = action.deadlineMin !== null ? this.sim.now + action.deadlineMin : null;
    this.actions.push({ id: action.id, level: level.level, type: action.type, startedAt: this.sim.now, deadlineAt });
    this.bus.emit({ t: this.sim.now, kind: 'action.started', action: action.id, level: level.level, type: action.type, deadlineAt });
    this.execute(action);
  }
}
