import { Type, type Static } from '@sinclair/typebox';
import { ParametersSchema } from './parameters.js';
import { Duration, Instant, InstantString } from './units.js';

const Id = (description: string) => Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]*$', maxLength: 80, description });

/** A flood peak: a pulse above the base stage, given by stage or by discharge (through the gauge's rating curve). */
export const PeakSchema = Type.Object(
  {
    at: Instant({ description: 'time of the peak' }),
    stageM: Type.Optional(Type.Number({ description: 'peak stage, m above sea level' })),
    dischargeM3s: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'peak discharge, converted with the rating curve' })),
    rise: Duration({ description: 'time from the start of the rise to the peak' }),
    fall: Duration({ description: 'time from the peak back to base' }),
  },
  { additionalProperties: false },
);

export const GaugeHydrographSchema = Type.Object(
  {
    baseStageM: Type.Number({ description: 'stage before and after the event' }),
    peaks: Type.Optional(Type.Array(PeakSchema, { minItems: 1 })),
    table: Type.Optional(
      Type.Array(Type.Tuple([Instant(), Type.Number()]), { minItems: 2, description: '[time, stage m] pairs, linearly interpolated' }),
    ),
  },
  { additionalProperties: false },
);

export const FloodHazardSchema = Type.Object(
  {
    kind: Type.Literal('flood'),
    id: Type.Optional(Id('hazard id, default "flood"')),
    gauges: Type.Record(Type.String(), GaugeHydrographSchema, {
      description: 'stage hydrograph per gauge id of the region; zones, roads and facilities follow their controlling gauge',
    }),
  },
  { additionalProperties: false },
);

export const HazardSchema = Type.Union([FloodHazardSchema]);

/** A warning channel of the city: who it reaches, how fast. */
export const WarningChannelSchema = Type.Object(
  {
    activation: Duration({ description: 'delay from the order to the channel starting to deliver' }),
    ratePerH: Type.Number({ exclusiveMinimum: 0, description: 'reception hazard rate once active (per hour)' }),
    reach: Type.Number({ minimum: 0, maximum: 1, description: 'share of the population the channel can ever reach' }),
    nightReach: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'reach between 22:00 and 06:00 local time' })),
  },
  { additionalProperties: false },
);

/** A scripted event: what a drill director injects or what the record says happened. */
export const InjectSchema = Type.Union([
  Type.Object(
    {
      id: Type.Optional(Type.String()),
      at: Instant(),
      closeEdge: Type.String({ description: 'edge id' }),
      for: Type.Optional(Duration({ description: 'how long; open-ended if absent' })),
      knownAfter: Type.Optional(Duration({ description: 'detection and reporting delay' })),
    },
    { additionalProperties: false },
  ),
]);

export const ScenarioSchema = Type.Object(
  {
    drillsim: Type.Literal(1, { description: 'file-format version' }),
    kind: Type.Literal('scenario'),
    id: Id('scenario id'),
    title: Type.String(),
    description: Type.Optional(Type.String()),
    region: Type.String({ description: 'a built-in region name or a path to a region directory' }),
    start: InstantString({ description: 'scenario start: ISO-8601 with offset; simulated time 0' }),
    horizon: Duration({ description: 'how long a replication runs' }),
    plan: Type.Optional(Type.String({ description: 'default plan file, relative to this file' })),
    hazards: Type.Array(HazardSchema, { minItems: 1 }),
    warning: Type.Optional(
      Type.Object(
        { channels: Type.Record(Type.String(), WarningChannelSchema) },
        { additionalProperties: false, description: 'the warning channels plans may use; defaults apply where absent' },
      ),
    ),
    injects: Type.Optional(Type.Array(InjectSchema)),
    parameters: Type.Optional(ParametersSchema),
  },
  { additionalProperties: false, $id: 'https://drillsim.dev/schema/scenario.json', title: 'drillsim scenario' },
);

export type ScenarioDoc = Static<typeof ScenarioSchema>;
export type FloodHazardDoc = Static<typeof FloodHazardSchema>;
export type WarningChannelDoc = Static<typeof WarningChannelSchema>;
