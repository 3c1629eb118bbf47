import type { Simulation } from '../../engine/kernel/index.js';
import type { RoadNetwork } from '../../engine/network/index.js';
import type { CompiledPlan } from '../plan/compile.js';
import type { CompiledScenario } from '../scenario/compile.js';
import type { ParameterValues, ZoneParameterValues } from '../scenario/parameters.js';
import type { EventBus } from './events.js';
import type { PeopleLedger } from './ledger.js';
import { emptyBreakdown, type BreakdownTable, type ReplicationBreakdown } from '../scoring/breakdown-types.js';
import type { ZoneConditions } from './zones.js';

/**
 * A typed name for something a module puts into the world for others to find (the flood field for its
 * triggers, the shelters for relief, dispatch for every hazard that opens incidents). Keys are objects,
 * so two modules can never collide on a name.
 */
export class WorldKey<T> {
  declare private readonly _type: T;
  constructor(readonly name: string) {}
}

/**
 * One replication's world: the kernel, the bus, the roads with their states, the people, the zones'
 * conditions and the services the installed modules provide. Built by runReplication, handed to every
 * module's `install`; nothing in it outlives the replication.
 */
export class World {
  private readonly services = new Map<WorldKeyAny, unknown>();
  private readonly endHooks: Array<() => void> = [];
  /** Filled at the horizon by the modules' end hooks (results per county, shelter, team, ...). */
  readonly breakdown: ReplicationBreakdown = emptyBreakdown();

  constructor(
    readonly sim: Simulation,
    readonly bus: EventBus,
    readonly scenario: CompiledScenario,
    readonly plan: CompiledPlan,
    readonly params: ParameterValues,
    readonly roads: RoadNetwork,
    readonly people: PeopleLedger,
    readonly zones: ZoneConditions,
    /** Zonal parameter values where a scenario's zoneParameters set them (null for most zones). */
    readonly zoneParams: ZoneParameterValues = [],
  ) {}

  /** A parameter's value in a zone: the zone's own where the scenario sets one, else the city-wide value. */
  paramIn(name: string, zone: number): number {
    const own = this.zoneParams[zone]?.[name];
    if (own !== undefined) return own;
    const v = this.params[name];
    if (v === undefined) throw new Error(`parameter '${name}' was not drawn: is its module registered?`);
    return v;
  }

  provide<T>(key: WorldKey<T>, value: T): T {
    if (this.services.has(key)) throw new Error(`world: '${key.name}' is provided twice`);
    this.services.set(key, value);
    return value;
  }

  /** The service under a key; a missing one is a wiring bug (a module installed without what it needs). */
  get<T>(key: WorldKey<T>): T {
    if (!this.services.has(key)) throw new Error(`world: nothing provides '${key.name}'`);
    return this.services.get(key) as T;
  }

  find<T>(key: WorldKey<T>): T | undefined {
    return this.services.get(key) as T | undefined;
  }

  /** Run `hook` once the replication reaches its horizon, before the metrics are read (in install order). */
  atEnd(hook: () => void): void {
    this.endHooks.push(hook);
  }

  /** Called by runReplication after the kernel stops. */
  finish(): void {
    for (const hook of this.endHooks) hook();
  }

  /** Add to a breakdown cell (a missing row or cell starts at 0). */
  tally(table: BreakdownTable, row: string, column: string, value: number): void {
    const rows = this.breakdown[table];
    const r = (rows[row] ??= {});
    r[column] = (r[column] ?? 0) + value;
  }

  /** Set a breakdown cell. */
  record(table: BreakdownTable, row: string, column: string, value: number | null): void {
    const rows = this.breakdown[table];
    (rows[row] ??= {})[column] = value;
  }
}

type WorldKeyAny = WorldKey<unknown>;
