/**
 * The contracts of drillsim's modules (docs/architecture.md section 6). A hazard, a response capability, a plan
 * trigger, a plan action and a metric are each an addition: a module declares them here-shaped, one
 * registry line lists the module, and the scenario and plan schemas, the parameter table, the metric list
 * and the docs are derived from the registry. Nothing outside a module's folder names its hazard.
 */
import type { TObject, TSchema } from '@sinclair/typebox';
import type { RoadCsr } from '../../engine/network/index.js';
import type { CompiledScenario, CompiledZone } from '../scenario/compile.js';
import type { ParameterInfo } from '../scenario/parameters.js';
import type { LoadedRegion } from '../region/load.js';
import type { RegionAssets, RegionZones, Zone } from '../schema/region-assets.js';
import type { SelectorSchemas } from '../schema/plan-parts.js';
import type { SimEventKind, SimEventOf } from '../world/events.js';
import type { World } from '../world/world.js';

/** Schemas of module parts that embed the selectors are functions of them (built in one pass, no refs). */
export type SchemaOf<T> = T | ((selectors: SelectorSchemas) => T);

/** Which way a metric is better (comparisons, P(B better than A), the "never improves when worse" tests). */
export type MetricDirection = 'lower-is-better' | 'higher-is-better';

/** A city-wide outcome of one replication, computed by its module's observer at the horizon. */
export interface MetricDef {
  name: string;
  unit: string;
  direction: MetricDirection;
  description: string;
  /** An indicator defined per year (deaths per million a year): targets on it are shown, not judged on one event. */
  annual?: boolean;
  /** Read the replication's end state (after every module's `atEnd`). */
  compute(world: World): number;
}

/** What compiling a scenario entry may use: the region, the zones, unit parsing and located errors. */
export interface ScenarioCompileContext {
  region: LoadedRegion;
  csr: RoadCsr;
  zones: readonly CompiledZone[];
  /** The scenario's start instant (ISO-8601 with offset). */
  start: string;
  /** JSON pointer of the entry being compiled (e.g. /hazards/0). */
  base: string;
  fail(path: string, message: string): void;
  /** An instant (ISO, or a duration after the start) in minutes from the start; 0 after a reported error. */
  time(value: string | number, path: string): number;
  /** A duration in minutes; 0 after a reported error. */
  duration(value: string | number, path: string): number;
}

/** What compiling a plan may use: the compiled scenario, selectors and located errors. */
export interface PlanCompileContext {
  scenario: CompiledScenario;
  fail(path: string, message: string): void;
  duration(value: string | number | undefined, path: string, fallback: number): number;
  instant(value: string | number, path: string): number;
  selectZones(selector: ZoneSelectorValue, path: string): Int32Array;
  selectTeams(selector: TeamSelectorValue, path: string): Int32Array;
}

export type ZoneSelectorValue = Record<string, unknown>;
export type TeamSelectorValue = { ids?: string[]; type?: string[]; all?: true };

/**
 * A leaf condition a plan may use in `when`, `standDown` and clause conditions: recognised by its `key`
 * (the property that only it has), validated by `schema`, compiled once, evaluated on the state the
 * command sees (the present minus the monitoring delay).
 */
export interface TriggerKind<Doc = never, Compiled = unknown> {
  key: string;
  schema: SchemaOf<TObject>;
  description: string;
  compile(doc: Doc, ctx: PlanCompileContext, path: string): Compiled;
  /** Whether the condition held at time `seen` (never in the future: the interpreter applies the delay). */
  evaluate(compiled: Compiled, world: World, seen: number): boolean;
  /**
   * Drill scripts (models/drill): the report that told the command this condition held at `seen`, as an
   * inject (who sends it, how, and what it says with the observed value). Without it the script says the
   * condition in general words.
   */
  tell?(compiled: Compiled, world: World, seen: number): InjectText;
}

/** How a drill inject is delivered (HSEEP MSEL "method"; 演练脚本 "方式"). */
export type InjectMethod = 'phone' | 'radio' | 'fax' | 'bulletin' | 'report' | 'video' | 'sim';

/** What an inject says, who sends it to whom and how, in English and Chinese (the 演练脚本 layout). */
export interface InjectText {
  from: string;
  fromZh: string;
  to: string;
  toZh: string;
  method: InjectMethod;
  message: string;
  messageZh: string;
}

/**
 * A simulated event told as an inject. Drafts of one `group` that follow each other within the script's
 * grouping window become one inject (a hundred flooded zones are a few situation reports, not a hundred).
 */
export interface InjectDraft extends InjectText {
  group: string;
}

/** A module's part in drill scripts (models/drill): which of its events become injects, what state they report. */
export interface DrillParts {
  /** Event kinds of this module that a drill director injects, and how each is told (null: not this one). */
  injects?: { [K in SimEventKind]?: (event: SimEventOf<K>, world: World) => InjectDraft | null };
  /** The simulated state an inject at time `t` reports (gauge stages, roads closed, ...), by name. */
  state?(world: World, t: number): Record<string, number>;
  /** The drill objective of the clauses whose actions this module carries out, with its HSEEP core capability. */
  objective?: { description: string; descriptionZh: string; capability: string };
}

/** A clause being carried out: the action calls `complete` when its completion rule is met. */
export interface ClauseRun {
  id: string;
  level: string;
  type: string;
  startedAt: number;
  deadlineAt: number | null;
  /** The clause is complete now, or at a known later time `at` (e.g. when the last channel activates). */
  complete(at?: number): void;
}

/**
 * A plan action type (`warn`, `evacuate`, ...): the key under which a clause writes it, the schema of its
 * value, how it compiles, how it is carried out and when it is complete (its `execute` calls
 * `run.complete` by its own rule).
 */
export interface ActionKind<Doc = never, Compiled = unknown> {
  key: string;
  schema: SchemaOf<TSchema>;
  description: string;
  /** When the action counts as complete, for docs and drill scripts. */
  completion: string;
  /** Who carries it out when the plan's clause names no `owner` (drill scripts), in English and Chinese. */
  owner?: { en: string; zh: string };
  /** A public warning's channels and zones (drill scripts write it as a CAP alert). */
  warning?(compiled: Compiled): { channels: string[]; zones: Int32Array };
  compile(doc: Doc, ctx: PlanCompileContext, path: string): Compiled;
  execute(compiled: Compiled, world: World, run: ClauseRun): void;
}

/** A zone selector key a module adds (e.g. the flood's `gauge`: the zones that gauge controls). */
export interface ZoneSelectorKind {
  key: string;
  schema: TSchema;
  description: string;
  /** Report a bad value (unknown gauge) at `path`. */
  check?(value: unknown, scenario: CompiledScenario, path: string, fail: (path: string, message: string) => void): void;
  matches(zone: Zone, value: unknown): boolean;
}

/** A top-level plan setting a module reads (e.g. `nightBoatStop`). */
export interface PlanSettingKind<Doc = never, Compiled = unknown> {
  key: string;
  schema: SchemaOf<TSchema>;
  description: string;
  compile(doc: Doc, ctx: PlanCompileContext, path: string): Compiled;
}

interface ModuleParts {
  /** Rows of the parameter table (names `<module>.<quantity>`). */
  parameters: Readonly<Record<string, ParameterInfo>>;
  triggers: ReadonlyArray<TriggerKind<never, unknown>>;
  metrics: readonly MetricDef[];
  zoneSelectors?: readonly ZoneSelectorKind[];
  /** Its part in drill scripts: injects from its events, the state they report, its objective. */
  drill?: DrillParts;
}

/** What a hazard module reads of a region: its own parts of the region format and their cross-checks. */
export interface RegionPart {
  /** Lists it adds to assets.json (each a schema of the list). */
  assets?: Readonly<Record<string, TSchema>>;
  /** Fields it adds to a zone of zones.json. */
  zone?: Readonly<Record<string, TSchema>>;
  /** Fields it adds to a facility of assets.json. */
  facility?: Readonly<Record<string, TSchema>>;
  /** Singular names of its asset lists, for messages. */
  elements?: Readonly<Record<string, string>>;
  /** Cross-checks of its parts against the rest of the region (references resolve), run by the loader. */
  check?(region: RegionCheckContext): void;
}

/** What a module's region check may look at and how it reports (file, JSON pointer, message). */
export interface RegionCheckContext {
  zones: RegionZones;
  assets: RegionAssets;
  nodeIds: ReadonlySet<string>;
  edgeIds: ReadonlySet<string>;
  /** A problem in zones.json / assets.json at a JSON pointer. */
  zoneIssue(path: string, message: string): void;
  assetIssue(path: string, message: string): void;
  /** "gauge 'xiaogongzui'", from a pointer into assets.json (for messages). */
  describeAsset(path: string): string;
}

/**
 * A hazard: the schema of its `hazards:` entry, what it reads of the region, its parameters, triggers
 * and metrics; `compile` resolves an entry against the region once per batch, `install` plays one
 * replication of it (starts its processes, subscribes to the bus for its cascades, provides its field).
 */
export interface HazardModule<Doc = never, Compiled = unknown> extends ModuleParts {
  kind: string;
  description: string;
  /** The `hazards:` entry: an object whose `kind` is this module's kind literal. */
  entry: TObject;
  /** What it reads of a region, in words (docs). */
  regionAssets: string;
  /** Its parts of the region format (schemas and checks), if it needs region data of its own. */
  region?: RegionPart;
  compile(doc: Doc, ctx: ScenarioCompileContext): Compiled;
  install(world: World, compiled: Compiled): void;
}

/**
 * A response capability (warnings, evacuation, shelters, relief, dispatch, ...): the plan actions it
 * executes, its parameters, triggers, plan settings and metrics; `install` puts its state into the world.
 * Response modules are installed in registry order in every replication.
 */
export interface ResponseModule extends ModuleParts {
  name: string;
  description: string;
  actions: ReadonlyArray<ActionKind<never, unknown>>;
  planSettings?: ReadonlyArray<PlanSettingKind<never, unknown>>;
  /**
   * The hazard kinds whose consequences this module handles (water rescue: the flood). Its metrics are
   * scored only in scenarios with one of them, so a flood's scorecard lists no trapped-under-rubble rows.
   * Absent: it serves every hazard (warnings, evacuation, shelters, dispatch). It is installed either way.
   */
  serves?: readonly string[];
  install(world: World): void;
}

/** Erase a module's document and compiled types for the registry (each module is typed inside itself). */
export function hazardModule<Doc, Compiled>(m: HazardModule<Doc, Compiled>): HazardModule<never, unknown> {
  return m as unknown as HazardModule<never, unknown>;
}
export function triggerKind<Doc, Compiled>(t: TriggerKind<Doc, Compiled>): TriggerKind<never, unknown> {
  return t as unknown as TriggerKind<never, unknown>;
}
export function actionKind<Doc, Compiled>(a: ActionKind<Doc, Compiled>): ActionKind<never, unknown> {
  return a as unknown as ActionKind<never, unknown>;
}
export function planSettingKind<Doc, Compiled>(s: PlanSettingKind<Doc, Compiled>): PlanSettingKind<never, unknown> {
  return s as unknown as PlanSettingKind<never, unknown>;
}
