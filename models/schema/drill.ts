/**
 * The drill files (models/drill, docs/drills.md): the drill script (JSON, the source of truth of every other
 * layout: MSEL CSV, Markdown, the Chinese 演练脚本, CAP alerts), a drill log in JSON, and the evaluation of a
 * log against a script (`drillsim drill evaluate --json`). Published as JSON Schema beside the scenario and
 * plan schemas (`drillsim schema`).
 *
 * Times are minutes from the scenario start divided by the script's `compress` factor (drill minutes).
 */
import { Type, type Static } from '@sinclair/typebox';

const Minutes = (description: string) => Type.Number({ description });
const NullableMinutes = (description: string) => Type.Union([Type.Number(), Type.Null()], { description });

export const WindowSchema = Type.Object(
  {
    p10: NullableMinutes('10th percentile over the replications that reached this point (null: none did)'),
    p50: NullableMinutes('median'),
    p90: NullableMinutes('90th percentile'),
  },
  { additionalProperties: false },
);

export const InjectMethodSchema = Type.Union(['phone', 'radio', 'fax', 'bulletin', 'report', 'video', 'sim'].map((m) => Type.Literal(m)));

export const EventRefSchema = Type.Object(
  {
    replication: Type.Integer({ minimum: 0, description: 'the replication whose trace holds the event' }),
    kind: Type.String({ description: 'the SimEvent kind (drillsim run --trace)' }),
    t: Minutes('the event time, minutes from the scenario start (not compressed)'),
    key: Type.String({ description: 'what tells this event from others of its kind at that time: its gauge, zone, edge, facility, level or clause' }),
  },
  { additionalProperties: false },
);

export const InjectSchema = Type.Object(
  {
    id: Type.String({ description: 'J001, J002, ... in time order; contingency injects C001, ...' }),
    t: Minutes('when the controller delivers it (drill minutes)'),
    from: Type.String(),
    fromZh: Type.String(),
    to: Type.String(),
    toZh: Type.String(),
    method: InjectMethodSchema,
    message: Type.String(),
    messageZh: Type.String(),
    /** Simulated state the inject reports at its time: gauge stages, people cut off, dead, injured, roads closed. */
    state: Type.Record(Type.String(), Type.Number()),
    events: Type.Array(EventRefSchema, { minItems: 1, description: 'the simulated events it tells' }),
    prompts: Type.Array(Type.String(), { description: 'expected actions this inject should prompt' }),
    contingency: Type.Optional(
      Type.Object(
        {
          clause: Type.String(),
          triggeredShare: Type.Number({ minimum: 0, maximum: 1 }),
          use: Type.String({ description: 'when the controller uses it' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ExpectedActionSchema = Type.Object(
  {
    id: Type.String({ description: 'the id a drill log names (A-<clause>)' }),
    clause: Type.String({ description: "the plan's clause id" }),
    name: Type.Union([Type.String(), Type.Null()]),
    description: Type.String({ description: 'what is done and when it counts as complete' }),
    owner: Type.String(),
    ownerZh: Type.String(),
    level: Type.String({ description: 'the response level whose declaration starts it' }),
    type: Type.String({ description: 'the action kind (warn, evacuate, ...)' }),
    triggers: Type.Array(Type.String(), { description: "the trigger kinds its level's condition and its own use (stageAboveM, forecastStageAboveM, ...)" }),
    deadline: NullableMinutes("the clause's deadline from its start (drill minutes)"),
    triggeredShare: Type.Number({ minimum: 0, maximum: 1, description: 'share of replications in which the clause started' }),
    completedShare: Type.Number({ minimum: 0, maximum: 1, description: 'share of replications in which it was completed by the horizon' }),
    start: WindowSchema,
    complete: WindowSchema,
    warning: Type.Optional(
      Type.Object(
        {
          channels: Type.Array(Type.String()),
          zones: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), nameZh: Type.String(), county: Type.String(), population: Type.Number() }, { additionalProperties: false })),
        },
        { additionalProperties: false, description: "a public warning's channels and zones (the CAP alert's area)" },
      ),
    ),
    samples: Type.Object(
      {
        start: Type.Array(Type.Number(), { description: 'every simulated start time, ascending (drill minutes): the distribution a logged time is ranked in' }),
        complete: Type.Array(Type.Number(), { description: 'every simulated completion time, ascending' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const ObjectiveSchema = Type.Object(
  {
    id: Type.String(),
    clauses: Type.Array(Type.String(), { minItems: 1 }),
    description: Type.String(),
    descriptionZh: Type.String(),
    capability: Type.String({ description: 'the HSEEP core capability it exercises' }),
  },
  { additionalProperties: false },
);

export const DrillScriptSchema = Type.Object(
  {
    drillsim: Type.Literal(1, { description: 'file-format version' }),
    kind: Type.Literal('drill-script'),
    scenario: Type.String(),
    scenarioTitle: Type.String(),
    hazards: Type.Array(Type.String(), { description: "the scenario's hazard kinds" }),
    plan: Type.String(),
    planTitle: Type.String(),
    seed: Type.Union([Type.Integer({ minimum: 0 }), Type.String()]),
    replications: Type.Integer({ minimum: 1 }),
    compress: Type.Number({ exclusiveMinimum: 0, description: 'scenario minutes per drill minute (a six-day flood in four hours: 36)' }),
    start: Type.String({ description: "the scenario's start instant (ISO-8601 with offset)" }),
    duration: Minutes('length of the drill: the scenario horizon divided by compress'),
    representative: Type.Integer({ minimum: 0, description: 'the replication whose timeline the main injects follow (the one nearest the batch medians)' }),
    levels: Type.Array(
      Type.Object(
        { level: Type.String(), declaredShare: Type.Number({ minimum: 0, maximum: 1 }), first: WindowSchema },
        { additionalProperties: false },
      ),
    ),
    injects: Type.Array(InjectSchema),
    expectedActions: Type.Array(ExpectedActionSchema),
    objectives: Type.Array(ObjectiveSchema),
    untriggered: Type.Array(Type.String(), { description: 'clauses the scenario never triggered in the batch (no expected action)' }),
  },
  { additionalProperties: false, $id: 'https://drillsim.dev/schema/drill-script.json', title: 'drillsim drill script' },
);

export type DrillScript = Static<typeof DrillScriptSchema>;
export type Inject = Static<typeof InjectSchema>;
export type ExpectedAction = Static<typeof ExpectedActionSchema>;
export type Objective = Static<typeof ObjectiveSchema>;
export type Window = Static<typeof WindowSchema>;
export type EventRef = Static<typeof EventRefSchema>;

/** A drill log as JSON: the rows a CSV log has, `at` in drill minutes or an ISO time with offset. */
export const DrillLogEntrySchema = Type.Object(
  {
    action: Type.String({ minLength: 1, description: 'an expected action id (A-4.2.3) or a clause id (4.2.3)' }),
    at: Type.Union([Type.Number(), Type.String()], { description: 'drill minutes from the start, or an ISO-8601 time with offset' }),
    by: Type.Optional(Type.String()),
    notes: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const DrillLogSchema = Type.Union(
  [
    Type.Array(DrillLogEntrySchema),
    Type.Object(
      {
        drillsim: Type.Optional(Type.Literal(1)),
        kind: Type.Optional(Type.Literal('drill-log')),
        start: Type.Optional(Type.String({ description: 'wall time of drill minute 0 (ISO-8601 with offset), for ISO `at` values' })),
        date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'the day of the drill' })),
        entries: Type.Array(DrillLogEntrySchema),
      },
      { additionalProperties: false },
    ),
  ],
  { $id: 'https://drillsim.dev/schema/drill-log.json', title: 'drillsim drill log' },
);

export type DrillLogEntry = Static<typeof DrillLogEntrySchema>;

export const VERDICTS = ['early', 'on-time', 'late', 'missed'] as const;
export type Verdict = (typeof VERDICTS)[number];
/** HSEEP's four ratings: performed without challenges, with some challenges, with major challenges, unable to be performed. */
export const RATINGS = ['P', 'S', 'M', 'U'] as const;
export type Rating = (typeof RATINGS)[number];

export const DrillEvaluationSchema = Type.Object(
  {
    drillsim: Type.Literal(1),
    kind: Type.Literal('drill-evaluation'),
    scenario: Type.String(),
    plan: Type.String(),
    compress: Type.Number(),
    date: Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()], { description: 'the day of the drill (programme: when each clause was last drilled)' }),
    log: Type.String({ description: 'the log file evaluated' }),
    actions: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          clause: Type.String(),
          owner: Type.String(),
          at: Type.Union([Type.Number(), Type.Null()], { description: 'logged start (drill minutes); null: missed' }),
          by: Type.Union([Type.String(), Type.Null()]),
          notes: Type.Array(Type.String()),
          percentile: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()], { description: 'rank of `at` among the simulated start times (0-100)' }),
          verdict: Type.Union(VERDICTS.map((v) => Type.Literal(v))),
          start: WindowSchema,
        },
        { additionalProperties: false },
      ),
    ),
    objectives: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          clauses: Type.Array(Type.String()),
          description: Type.String(),
          capability: Type.String(),
          rating: Type.Union(RATINGS.map((r) => Type.Literal(r))),
          ratingText: Type.String(),
          reason: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
    improvementPlan: Type.Array(
      Type.Object(
        { issue: Type.String(), clause: Type.String(), objective: Type.String(), recommendation: Type.String(), owner: Type.String() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, $id: 'https://drillsim.dev/schema/drill-evaluation.json', title: 'drillsim drill evaluation' },
);

export type DrillEvaluation = Static<typeof DrillEvaluationSchema>;
