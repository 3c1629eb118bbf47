import { Type, type Static } from '@sinclair/typebox';
import { Duration, Instant } from './units.js';

/** Which zones an action or trigger means; all given fields must match (AND). */
export const ZoneSelectorSchema = Type.Object(
  {
    ids: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
    tag: Type.Optional(Type.String()),
    county: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
    gauge: Type.Optional(Type.String({ description: 'zones controlled by this gauge' })),
    all: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TeamSelectorSchema = Type.Object(
  {
    ids: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
    type: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
    all: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false, minProperties: 1 },
);

/**
 * Structured trigger conditions. No expression strings: every condition is data the interpreter
 * evaluates on observed state (which lags the true state by the plan's monitoring delay).
 */
const leafTriggers = [
  Type.Object({ gauge: Type.String(), stageAboveM: Type.Number() }, { additionalProperties: false }),
  Type.Object({ gauge: Type.String(), stageBelowM: Type.Number() }, { additionalProperties: false }),
  Type.Object(
    { gauge: Type.String(), forecastStageAboveM: Type.Number(), lead: Duration({ description: 'forecast lead time' }) },
    { additionalProperties: false },
  ),
  Type.Object({ zoneFlooded: ZoneSelectorSchema }, { additionalProperties: false }),
  Type.Object({ deathsAtLeast: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  Type.Object({ cutOffAtLeast: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  Type.Object({ at: Instant() }, { additionalProperties: false }),
  Type.Object({ after: Duration({ description: 'time since scenario start' }) }, { additionalProperties: false }),
  Type.Object({ levelActiveFor: Duration({ description: 'time since this level was declared' }) }, { additionalProperties: false }),
];

export const TriggerSchema = Type.Recursive(
  (Self) =>
    Type.Union([
      ...leafTriggers,
      Type.Object({ any: Type.Array(Self, { minItems: 1 }) }, { additionalProperties: false }),
      Type.Object({ all: Type.Array(Self, { minItems: 1 }) }, { additionalProperties: false }),
      Type.Object({ not: Self }, { additionalProperties: false }),
    ]),
  { $id: 'Trigger' },
);

const actionBase = {
  id: Type.String({ minLength: 1, description: "the plan's clause id, e.g. \"4.4.2\"" }),
  name: Type.Optional(Type.String()),
  deadline: Type.Optional(Duration({ description: 'time allowed after the level is declared' })),
  /** Run this clause only once its level is in force AND this condition holds (one river reach at a time). */
  when: Type.Optional(TriggerSchema),
};

const strict = (description: string) => ({ additionalProperties: false, description });
const Tier = Type.Union([Type.Literal('city'), Type.Literal('county'), Type.Literal('township')]);

/** One clause of a level: exactly one of the action keys besides id, name and deadline. */
export const ActionSchema = Type.Union([
  Type.Object(
    { ...actionBase, warn: Type.Object({ channels: Type.Array(Type.String(), { minItems: 1 }), zones: ZoneSelectorSchema }, { additionalProperties: false }) },
    strict('issue a public warning on these channels to these zones'),
  ),
  Type.Object(
    { ...actionBase, evacuate: Type.Object({ zones: ZoneSelectorSchema, mandatory: Type.Optional(Type.Boolean()) }, { additionalProperties: false }) },
    strict('order these zones to evacuate to open shelters'),
  ),
  Type.Object(
    { ...actionBase, openShelters: Type.Object({ zones: ZoneSelectorSchema }, { additionalProperties: false }) },
    strict('open the shelters serving these zones'),
  ),
  Type.Object({ ...actionBase, mobilise: Type.Object({ teams: TeamSelectorSchema }, { additionalProperties: false }) }, strict('put these teams on duty')),
  Type.Object(
    { ...actionBase, prePosition: Type.Object({ teams: TeamSelectorSchema, zones: ZoneSelectorSchema }, { additionalProperties: false }) },
    strict('mobilise these teams and move them next to these zones'),
  ),
  Type.Object(
    {
      ...actionBase,
      mutualAid: Type.Object(
        { from: Type.Array(Type.String(), { minItems: 1 }), share: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })) },
        { additionalProperties: false },
      ),
    },
    strict('request reinforcements from these neighbouring cities (share of what each offers, default all)'),
  ),
  Type.Object(
    { ...actionBase, releaseStock: Type.Object({ tiers: Type.Array(Tier, { minItems: 1 }) }, { additionalProperties: false }) },
    strict('release relief stock held at these tiers'),
  ),
]);

export const LevelSchema = Type.Object(
  {
    level: Type.Union([Type.Literal('IV'), Type.Literal('III'), Type.Literal('II'), Type.Literal('I')]),
    name: Type.Optional(Type.String()),
    when: TriggerSchema,
    standDown: Type.Optional(TriggerSchema),
    decisionDelay: Type.Optional(Duration({ description: 'from the trigger being seen to the level being declared' })),
    actions: Type.Array(ActionSchema),
  },
  { additionalProperties: false },
);

export const METRIC_NAMES = [
  'deaths',
  'injured',
  'exposedPersonHours',
  'evacuated',
  'clearanceT95Min',
  'warningReachFraction',
  'responseTimeP50Min',
  'responseTimeP90Min',
  'unmetReliefPersonDays',
  'shelterOverflowPersons',
  'firstReliefHours',
  'cutOffPeak',
  'rescued',
  'economicLossYuan',
  'deathsPerMillion',
  'affectedPer100k',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export const TargetSchema = Type.Object(
  {
    metric: Type.Union(METRIC_NAMES.map((m) => Type.Literal(m))),
    op: Type.Union([Type.Literal('<='), Type.Literal('<'), Type.Literal('>='), Type.Literal('>'), Type.Literal('==')]),
    value: Type.Number(),
    label: Type.Optional(Type.String()),
    source: Type.Optional(Type.String({ description: 'where the target comes from, e.g. "plan table 2, indicator 5"' })),
  },
  { additionalProperties: false },
);

export const PlanSchema = Type.Object(
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
    nightBoatStop: Type.Optional(
      Type.Object(
        {
          from: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'local time HH:MM' }),
          to: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
          zones: Type.Optional(ZoneSelectorSchema),
        },
        { additionalProperties: false, description: 'boat operations stop at night (local time of the scenario start offset), for rescues in these zones (default: all)' },
      ),
    ),
    levels: Type.Optional(Type.Array(LevelSchema)),
    targets: Type.Optional(Type.Array(TargetSchema)),
  },
  { additionalProperties: false, $id: 'https://drillsim.dev/schema/plan.json', title: 'drillsim contingency plan' },
);

export type PlanDoc = Static<typeof PlanSchema>;
export type LevelDoc = Static<typeof LevelSchema>;
export type ActionDoc = Static<typeof ActionSchema>;
export type TriggerDoc = Static<typeof TriggerSchema>;
export type ZoneSelectorDoc = Static<typeof ZoneSelectorSchema>;
export type TeamSelectorDoc = Static<typeof TeamSelectorSchema>;
export type TargetDoc = Static<typeof TargetSchema>;
