/**
 * The parts of the plan schema that do not depend on which modules exist, and the builder that joins them
 * with the registry's trigger kinds, action kinds, zone-selector keys, plan settings and metric names
 * (models/registry.ts builds the schema every loader uses). Triggers are data, never expression strings:
 * every condition is evaluated by the interpreter on observed state.
 */
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import { Duration, Instant } from './units.js';

/** The selector schemas that action and trigger schemas embed (built first, from the registry's keys). */
export interface SelectorSchemas {
  zones: TObject;
  teams: TObject;
}

/** Which zones an action or trigger means; all given fields must match (AND). Modules add keys. */
export function buildZoneSelectorSchema(extra: Readonly<Record<string, TSchema>>): TObject {
  return Type.Object(
    {
      ids: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
      tag: Type.Optional(Type.String()),
      county: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
      ...Object.fromEntries(Object.entries(extra).map(([k, s]) => [k, Type.Optional(s)])),
      all: Type.Optional(Type.Literal(true)),
    },
    { additionalProperties: false, minProperties: 1 },
  );
}

export const TeamSelectorSchema = Type.Object(
  {
    ids: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
    type: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
    all: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** The interpreter's own leaf conditions: on the clock and on the level itself (not observed state). */
export const BUILTIN_TRIGGERS: readonly TObject[] = [
  Type.Object({ at: Instant() }, { additionalProperties: false }),
  Type.Object({ after: Duration({ description: 'time since scenario start' }) }, { additionalProperties: false }),
  Type.Object({ levelActiveFor: Duration({ description: 'time since this level was declared' }) }, { additionalProperties: false }),
];

export function buildTriggerSchema(leaves: readonly TObject[]) {
  return Type.Recursive(
    (Self) =>
      Type.Union([
        ...leaves,
        ...BUILTIN_TRIGGERS,
        Type.Object({ any: Type.Array(Self, { minItems: 1 }) }, { additionalProperties: false }),
        Type.Object({ all: Type.Array(Self, { minItems: 1 }) }, { additionalProperties: false }),
        Type.Object({ not: Self }, { additionalProperties: false }),
      ]),
    { $id: 'Trigger' },
  );
}

/** One action kind as the plan schema sees it: the key a clause writes it under and its value's schema. */
export interface ActionSchemaPart {
  key: string;
  schema: TSchema;
  description: string;
}

function buildActionSchema(actions: readonly ActionSchemaPart[], trigger: TSchema) {
  const base = {
    id: Type.String({ minLength: 1, description: "the plan's clause id, e.g. \"4.4.2\"" }),
    name: Type.Optional(Type.String()),
    owner: Type.Optional(Type.String({ minLength: 1, description: 'who carries the clause out (a unit or working group); drill scripts name it' })),
    deadline: Type.Optional(Duration({ description: 'time allowed, from the clause starting to its completion' })),
    /** Run this clause only once its level is in force AND this condition holds (one river reach at a time). */
    when: Type.Optional(trigger),
  };
  return Type.Union(
    actions.map((a) => Type.Object({ ...base, [a.key]: a.schema }, { additionalProperties: false, description: a.description })),
  );
}

export function buildTargetSchema(metricNames: readonly string[]) {
  return Type.Object(
    {
      metric: Type.Union(metricNames.map((m) => Type.Literal(m))),
      op: Type.Union([Type.Literal('<='), Type.Literal('<'), Type.Literal('>='), Type.Literal('>'), Type.Literal('==')]),
      value: Type.Number(),
      label: Type.Optional(Type.String()),
      source: Type.Optional(Type.String({ description: 'where the target comes from, e.g. "plan table 2, indicator 5"' })),
    },
    { additionalProperties: false },
  );
}

export interface PlanSchemaParts {
  triggers: readonly TObject[];
  actions: readonly ActionSchemaPart[];
  settings: Readonly<Record<string, TSchema>>;
  metricNames: readonly string[];
}

export function buildPlanSchema(parts: PlanSchemaParts) {
  const trigger = buildTriggerSchema(parts.triggers);
  const level = Type.Object(
    {
      level: Type.Union([Type.Literal('IV'), Type.Literal('III'), Type.Literal('II'), Type.Literal('I')]),
      name: Type.Optional(Type.String()),
      when: trigger,
      standDown: Type.Optional(trigger),
      decisionDelay: Type.Optional(Duration({ description: 'from the trigger being seen to the level being declared' })),
      actions: Type.Array(buildActionSchema(parts.actions, trigger)),
    },
    { additionalProperties: false },
  );
  return Type.Object(
    {
      drillsim: Type.Literal(1, { description: 'file-format version' }),
      kind: Type.Literal('plan'),
      id: Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]*$', maxLength: 80 }),
      title: Type.String(),
      description: Type.Optional(Type.String()),
      extends: Type.Optional(Type.String({ description: 'a base plan file (relative path) whose fields this file overrides' })),
      monitoringDelay: Type.Optional(Duration({ description: 'how late the command sees gauges, floods and casualties (default 15min)' })),
      reviewInterval: Type.Optional(Duration({ description: 'how often the command reassesses (default 10min)' })),
      decisionDelay: Type.Optional(Duration({ description: 'default delay from a trigger being seen to the level being declared' })),
      delayAllTriggers: Type.Optional(
        Duration({ description: "added to every level's decision delay: the same plan carried out late (what-if studies)" }),
      ),
      ...Object.fromEntries(Object.entries(parts.settings).map(([k, s]) => [k, Type.Optional(s)])),
      confidence: Type.Optional(
        Type.Number({
          exclusiveMinimum: 0,
          maximum: 1,
          description: 'share of events in which a target must hold for the scorecard to call it met (default 0.9), judged with the Wilson 95 % interval of that share',
        }),
      ),
      levels: Type.Optional(Type.Array(level)),
      targets: Type.Optional(Type.Array(buildTargetSchema(parts.metricNames))),
    },
    { additionalProperties: false, $id: 'https://drillsim.dev/schema/plan.json', title: 'drillsim contingency plan' },
  );
}
