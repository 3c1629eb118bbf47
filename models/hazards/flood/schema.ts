import { Type, type Static } from '@sinclair/typebox';
import { Duration, Instant } from '../../schema/units.js';

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

/** The `hazards:` entry of a river flood. */
export const FloodHazardSchema = Type.Object(
  {
    kind: Type.Literal('flood'),
    id: Type.Optional(Id('hazard id, default "flood"')),
    gauges: Type.Record(Type.String(), GaugeHydrographSchema, {
      description: 'stage hydrograph per gauge id of the region; zones, roads and facilities follow their controlling gauge',
    }),
  },
  { additionalProperties: false, description: 'a river flood: stage hydrographs at the gauges of the region' },
);

export type FloodHazardDoc = Static<typeof FloodHazardSchema>;
