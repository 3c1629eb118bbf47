import { Type, type Static } from '@sinclair/typebox';
import { Instant } from '../../schema/units.js';
import { ATTENUATION_REGIONS } from './attenuation.js';

const Id = (description: string) => Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]*$', maxLength: 80, description });

/** One scripted shock: the main shock, or a scripted foreshock or aftershock of a sequence. */
export const ShockSchema = Type.Object(
  {
    at: Instant({ description: 'origin time' }),
    lat: Type.Number({ minimum: -90, maximum: 90, description: 'epicentre latitude, degrees' }),
    lon: Type.Number({ minimum: -180, maximum: 180, description: 'epicentre longitude, degrees' }),
    magnitude: Type.Number({ minimum: 4, maximum: 8.5, description: 'surface-wave magnitude Ms' }),
    depthKm: Type.Number({ minimum: 0, maximum: 700, description: 'focal depth, km (reported; the attenuation uses epicentral distance)' }),
    strikeDeg: Type.Number({ minimum: 0, maximum: 360, description: 'rupture strike, degrees clockwise from north: the long axis of the isoseismals' }),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const AftershocksSchema = Type.Object(
  {
    days: Type.Number({ exclusiveMinimum: 0, maximum: 365, description: 'aftershocks are drawn over this many days after the first shock (cut at the horizon)' }),
    minMagnitude: Type.Optional(Type.Number({ minimum: 3, maximum: 7, description: 'smallest aftershock drawn (default 4.0)' })),
    maxMagnitudeAbove: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'largest aftershock = mainshock + this (default 0)' })),
    widthKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'width of the aftershock zone across strike (default 16 km, Lushan 2013)' })),
  },
  { additionalProperties: false },
);

/** The `hazards:` entry of an earthquake. */
export const EarthquakeHazardSchema = Type.Object(
  {
    kind: Type.Literal('earthquake'),
    id: Type.Optional(Id('hazard id, default "earthquake"')),
    attenuation: Type.Optional(
      Type.Union(
        ATTENUATION_REGIONS.map((r) => Type.Literal(r)),
        { description: 'attenuation sub-region of the source (default qinghai-tibet, the Leshan sources)' },
      ),
    ),
    shocks: Type.Array(ShockSchema, { minItems: 1, maxItems: 50, description: 'scripted shocks in time order; the first is the main shock' }),
    aftershocks: Type.Optional(AftershocksSchema),
  },
  { additionalProperties: false, description: 'an earthquake (sequence): shaking, damage, casualties, trapped people, aftershocks, landslides' },
);

export type EarthquakeHazardDoc = Static<typeof EarthquakeHazardSchema>;
