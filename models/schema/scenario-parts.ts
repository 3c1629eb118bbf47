/**
 * The parts of the scenario schema that do not depend on which hazards exist, and the builder that joins
 * them with the registry's hazard entries (models/registry.ts builds the schema every loader uses).
 */
import { Type, type TObject } from '@sinclair/typebox';
import { ParametersSchema } from './parameters.js';

/** Parameters that differ for the zones a selector picks (by tag or by id). */
export const ZoneParametersSchema = Type.Object(
  {
    zones: Type.Object(
      {
        tag: Type.Optional(Type.String({ minLength: 1, description: 'zones with this tag' })),
        ids: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'zones with these ids' })),
      },
      { additionalProperties: false, minProperties: 1, description: 'the zones: by tag, by ids, or both (zones matching both)' },
    ),
    parameters: ParametersSchema,
    note: Type.Optional(Type.String({ description: 'why these zones differ (the source)' })),
  },
  { additionalProperties: false },
);
import { Duration, Instant, InstantString } from './units.js';

export const Id = (description: string) => Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]*$', maxLength: 80, description });

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

/** The scenario schema for a set of hazard entries (each an object with its `kind` literal). */
export function buildScenarioSchema(hazardEntries: readonly TObject[]) {
  const hazard = hazardEntries.length === 1 ? hazardEntries[0]! : Type.Union([...hazardEntries]);
  return Type.Object(
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
      hazards: Type.Array(hazard, { minItems: 1 }),
      warning: Type.Optional(
        Type.Object(
          { channels: Type.Record(Type.String(), WarningChannelSchema) },
          { additionalProperties: false, description: 'the warning channels plans may use; defaults apply where absent' },
        ),
      ),
      injects: Type.Optional(Type.Array(InjectSchema)),
      parameters: Type.Optional(ParametersSchema),
      zoneParameters: Type.Optional(
        Type.Array(ZoneParametersSchema, {
          maxItems: 1000,
          description: 'parameters that differ for some zones (only those the parameter table marks zonal); a later entry overrides an earlier one for the zones both select',
        }),
      ),
    },
    { additionalProperties: false, $id: 'https://drillsim.dev/schema/scenario.json', title: 'drillsim scenario' },
  );
}
