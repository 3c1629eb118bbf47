import type { Simulation } from '../../engine/kernel/index.js';
import type { ClauseRun } from '../modules/types.js';
import type { EventBus } from '../world/events.js';
import type { World } from '../world/world.js';
import type { Action, CompiledLevel, CompiledPlan, Trigger } from './compile.js';

type Truth = 0 | 1 | 2;
const FALSE: Truth = 0;
const TRUE: Truth = 1;
const UNKNOWN: Truth = 2;

export interface ActionRecord {
  id: string;
  level: string;
  type: string;
  startedAt: number;
  deadlineAt: number | null;
  /** When the action's completion rule was met (null: not by the horizon). */
  completedAt: number | null;
  /** Completed by its deadline; null without a deadline. A clause with a deadline never completed is late. */
  onTime: boolean | null;
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

  private readonly sim: Simulation;
  private readonly bus: EventBus;
  private readonly plan: CompiledPlan;

  constructor(private readonly world: World) {
    this.sim = world.sim;
    this.bus = world.bus;
    this.plan = world.plan;
  }

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
    return this.evaluate(trigger, level) === TRUE;
  }

  /**
   * Three-valued: before the first observation (the present minus the delay is before the start) a
   * condition on observed state is UNKNOWN, not false, so that `not` of it does not fire on nothing seen.
   */
  private evaluate(trigger: Trigger, level: CompiledLevel | null): Truth {
    const now = this.sim.now;
    // A plan carried out late (delayAllTriggers) judges every condition on state that much older: once.
    const seen = now - this.plan.monitoringDelayMin - this.plan.lagMin;
    switch (trigger.k) {
      case 'leaf':
        return seen < 0 ? UNKNOWN : trigger.kind.evaluate(trigger.data, this.world, seen) ? TRUE : FALSE;
      case 'atOrAfter':
        return now - this.plan.lagMin >= trigger.t ? TRUE : FALSE;
      case 'levelActiveFor':
        return level !== null && this.current === level && now - this.declaredAt >= trigger.min ? TRUE : FALSE;
      case 'any': {
        let out: Truth = FALSE;
        for (const t of trigger.items) {
          const v = this.evaluate(t, level);
          if (v === TRUE) return TRUE;
          if (v === UNKNOWN) out = UNKNOWN;
        }
        return out;
      }
      case 'all': {
        let out: Truth = TRUE;
        for (const t of trigger.items) {
          const v = this.evaluate(t, level);
          if (v === FALSE) return FALSE;
          if (v === UNKNOWN) out = UNKNOWN;
        }
        return out;
      }
      case 'not': {
        const v = this.evaluate(trigger.item, level);
        return v === UNKNOWN ? UNKNOWN : v === TRUE ? FALSE : TRUE;
      }
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
        // Declared after the delay only if the trigger still holds then (the level is still the right call).
        this.sim.timeout(level.decisionDelayMin).onProcessed(() => {
          if (this.holds(level.when, level)) this.declare(level);
          else if (this.pendingRank === level.rank) this.pendingRank = this.current?.rank ?? 0;
        });
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
   * Run armed clauses whose condition holds now, while their level (or a higher one) is in force (a plan
   * carried out late sees their conditions late, like every other trigger).
   */
  private fireArmed(): void {
    const rank = this.current?.rank ?? 0;
    for (let i = 0; i < this.armed.length; ) {
      const { action, level } = this.armed[i]!;
      if (rank >= level.rank && this.holds(action.when!, level)) {
        this.armed.splice(i, 1);
        this.run(action, level);
      } else i++;
    }
  }

  private run(action: Action, level: CompiledLevel): void {
    const sim = this.sim;
    const bus = this.bus;
    const deadlineAt = action.deadlineMin !== null ? sim.now + action.deadlineMin : null;
    const record: ActionRecord = {
      id: action.id,
      level: level.level,
      type: action.type,
      startedAt: sim.now,
      deadlineAt,
      completedAt: null,
      onTime: deadlineAt !== null ? false : null,
    };
    this.actions.push(record);
    bus.emit({ t: sim.now, kind: 'action.started', action: action.id, level: level.level, type: action.type, deadlineAt });
    let completing = false;
    const done = (): void => {
      record.completedAt = sim.now;
      record.onTime = deadlineAt !== null ? sim.now <= deadlineAt : null;
      bus.emit({ t: sim.now, kind: 'action.completed', action: action.id, level: level.level, type: action.type, onTime: record.onTime });
    };
    const run: ClauseRun = {
      id: action.id,
      level: level.level,
      type: action.type,
      startedAt: sim.now,
      deadlineAt,
      complete(at?: number) {
        // The first completion counts; a rule that fires twice is harmless.
        if (completing) return;
        completing = true;
        const when = at ?? sim.now;
        if (when <= sim.now) done();
        else sim.timeout(when - sim.now).onProcessed(done);
      },
    };
    action.kind.execute(action.data, this.world, run);
  }
}
