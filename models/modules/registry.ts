/**
 * A registry of modules: the hazards a scenario may name and the response modules every replication
 * installs. Everything a file format, the parameter table, the metric list or the docs need is derived
 * here, so a new hazard is one folder plus one line in models/hazards/index.ts. Tests build registries of
 * their own (a toy hazard beside the flood) with `createRegistry`.
 */
import type { TObject, TSchema } from '@sinclair/typebox';
import type { ParameterInfo } from '../scenario/parameters.js';
import { buildPlanSchema, buildTargetSchema, buildZoneSelectorSchema, TeamSelectorSchema, type SelectorSchemas } from '../schema/plan-parts.js';
import { buildScenarioSchema } from '../schema/scenario-parts.js';
import type { ActionKind, SchemaOf, HazardModule, MetricDef, PlanSettingKind, ResponseModule, TriggerKind, ZoneSelectorKind } from './types.js';

export interface Registry {
  readonly hazards: ReadonlyArray<HazardModule<never, unknown>>;
  readonly responses: readonly ResponseModule[];
  /** Every parameter of every module, in registry order (hazards first, then responses). */
  readonly parameters: Readonly<Record<string, ParameterInfo>>;
  readonly triggers: ReadonlyArray<TriggerKind<never, unknown>>;
  readonly actions: ReadonlyArray<ActionKind<never, unknown>>;
  readonly metrics: readonly MetricDef[];
  readonly zoneSelectors: readonly ZoneSelectorKind[];
  readonly planSettings: ReadonlyArray<PlanSettingKind<never, unknown>>;
  readonly selectors: SelectorSchemas;
  readonly scenarioSchema: ReturnType<typeof buildScenarioSchema>;
  readonly planSchema: ReturnType<typeof buildPlanSchema>;
  readonly targetSchema: ReturnType<typeof buildTargetSchema>;
  /** The hazards' parts of the region format, joined (region-assets.ts builds the schemas from them). */
  readonly regionParts: {
    assets: Record<string, TSchema>;
    zone: Record<string, TSchema>;
    facility: Record<string, TSchema>;
    elements: Record<string, string>;
  };
  hazard(kind: string): HazardModule<never, unknown> | undefined;
  action(key: string): ActionKind<never, unknown> | undefined;
  metric(name: string): MetricDef | undefined;
  /**
   * The metrics a scenario with these hazard kinds scores, in registry order: every response module's
   * that serves all hazards or one of them, each of these hazards' own, and any metric named in `also`
   * (a plan's targets: what a plan asks about is scored even where the scenario's hazards do not call for it).
   */
  metricsFor(kinds: Iterable<string>, also?: Iterable<string>): readonly MetricDef[];
}

function resolve<T>(schema: SchemaOf<T>, selectors: SelectorSchemas): T {
  return typeof schema === 'function' ? (schema as (s: SelectorSchemas) => T)(selectors) : schema;
}

/** Check names are unique across modules: two modules defining one name is a programming error. */
function unique<T>(items: readonly T[], name: (t: T) => string, what: string): void {
  const seen = new Set<string>();
  for (const item of items) {
    const n = name(item);
    if (seen.has(n)) throw new Error(`registry: ${what} '${n}' is defined twice`);
    seen.add(n);
  }
}

export function createRegistry(modules: { hazards: ReadonlyArray<HazardModule<never, unknown>>; responses: readonly ResponseModule[] }): Registry {
  const { hazards, responses } = modules;
  const all = [...hazards, ...responses];
  unique(hazards, (h) => h.kind, 'hazard kind');
  const parameters: Record<string, ParameterInfo> = {};
  for (const m of all) {
    for (const [name, info] of Object.entries(m.parameters)) {
      if (name in parameters) throw new Error(`registry: parameter '${name}' is defined twice`);
      parameters[name] = info;
    }
  }
  const triggers = all.flatMap((m) => m.triggers);
  const actions = responses.flatMap((m) => m.actions);
  // The toll (the world module's) first, then the response, then each hazard's own: how scorecards read.
  const metrics = [...responses, ...hazards].flatMap((m) => m.metrics);
  const zoneSelectors = all.flatMap((m) => m.zoneSelectors ?? []);
  const planSettings = responses.flatMap((m) => m.planSettings ?? []);
  unique(triggers, (t) => t.key, 'trigger key');
  unique(actions, (a) => a.key, 'action key');
  unique(metrics, (m) => m.name, 'metric');
  unique(zoneSelectors, (z) => z.key, 'zone selector key');
  unique(planSettings, (s) => s.key, 'plan setting');

  const selectors: SelectorSchemas = {
    zones: buildZoneSelectorSchema(Object.fromEntries(zoneSelectors.map((z) => [z.key, z.schema]))),
    teams: TeamSelectorSchema,
  };
  let scenarioSchema: Registry['scenarioSchema'] | undefined;
  let planSchema: Registry['planSchema'] | undefined;
  let targetSchema: Registry['targetSchema'] | undefined;
  const regionParts: Registry['regionParts'] = { assets: {}, zone: {}, facility: {}, elements: {} };
  for (const h of hazards) {
    for (const part of ['assets', 'zone', 'facility'] as const) {
      for (const [key, schema] of Object.entries(h.region?.[part] ?? {})) {
        if (key in regionParts[part]) throw new Error(`registry: region ${part} field '${key}' is defined twice`);
        regionParts[part][key] = schema;
      }
    }
    Object.assign(regionParts.elements, h.region?.elements ?? {});
  }
  const byKind = new Map(hazards.map((h) => [h.kind, h]));
  const byAction = new Map(actions.map((a) => [a.key, a]));
  const byMetric = new Map(metrics.map((m) => [m.name, m]));
  // Which hazard kinds a metric belongs to (null: every scenario scores it).
  const metricKinds = new Map<string, readonly string[] | null>();
  for (const r of responses) for (const m of r.metrics) metricKinds.set(m.name, r.serves ?? null);
  for (const h of hazards) for (const m of h.metrics) metricKinds.set(m.name, [h.kind]);
  return {
    hazards,
    responses,
    parameters,
    triggers,
    actions,
    metrics,
    zoneSelectors,
    planSettings,
    selectors,
    regionParts,
    // Built on first use: module files may import this registry's exports while they are being loaded.
    get scenarioSchema() {
      return (scenarioSchema ??= buildScenarioSchema(hazards.map((h) => h.entry)));
    },
    get planSchema() {
      return (planSchema ??= buildPlanSchema({
        triggers: triggers.map((t) => resolve<TObject>(t.schema, selectors)),
        actions: actions.map((a) => ({ key: a.key, schema: resolve<TSchema>(a.schema, selectors), description: a.description })),
        settings: Object.fromEntries(planSettings.map((s) => [s.key, resolve<TSchema>(s.schema, selectors)])),
        metricNames: metrics.map((m) => m.name),
      }));
    },
    get targetSchema() {
      return (targetSchema ??= buildTargetSchema(metrics.map((m) => m.name)));
    },
    hazard: (kind) => byKind.get(kind),
    action: (key) => byAction.get(key),
    metric: (name) => byMetric.get(name),
    metricsFor(kinds, also = []) {
      const present = new Set(kinds);
      const named = new Set(also);
      return metrics.filter((m) => {
        const of = metricKinds.get(m.name)!;
        return of === null || of.some((k) => present.has(k)) || named.has(m.name);
      });
    },
  };
}
