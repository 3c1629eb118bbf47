import { Type, type Static } from '@sinclair/typebox';

/**
 * Uncertain inputs. A scenario declares each parameter's distribution; every replication draws each
 * parameter once from its own stream (`param.<name>`), so sweeps, screening and common random numbers
 * all act on the same values. `fixed` pins a value (what sweeps write).
 */
const num = (description: string) => Type.Number({ description });

export const ParameterDistSchema = Type.Union(
  [
    Type.Object({ dist: Type.Literal('fixed'), value: num('the value') }, { additionalProperties: false }),
    Type.Object({ dist: Type.Literal('uniform'), min: num('lower bound'), max: num('upper bound') }, { additionalProperties: false }),
    Type.Object(
      { dist: Type.Literal('triangular'), min: num('lower bound'), mode: num('most likely value'), max: num('upper bound') },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        dist: Type.Literal('normal'),
        mean: num('mean'),
        sd: Type.Number({ minimum: 0, description: 'standard deviation' }),
        min: Type.Optional(num('truncate below (resampled)')),
        max: Type.Optional(num('truncate above (resampled)')),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      { dist: Type.Literal('lognormal'), mean: Type.Number({ exclusiveMinimum: 0 }), sd: Type.Number({ minimum: 0 }) },
      { additionalProperties: false, description: 'lognormal given by its own mean and sd' },
    ),
    Type.Object(
      { dist: Type.Literal('beta'), mean: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }), sd: Type.Number({ exclusiveMinimum: 0 }) },
      { additionalProperties: false, description: 'beta on [0, 1] given by mean and sd (shares, probabilities)' },
    ),
  ],
  { description: 'distribution of one uncertain parameter' },
);

export type ParameterDist = Static<typeof ParameterDistSchema>;

/** Parameter names are dotted paths: model.quantity (e.g. evacuation.compliance). */
export const ParameterNamePattern = '^[a-z][a-zA-Z0-9]*(\\.[a-zA-Z0-9-]+)+$';

export const ParametersSchema = Type.Record(Type.String({ pattern: ParameterNamePattern }), ParameterDistSchema, {
  additionalProperties: false,
  description: 'uncertain inputs by name; see docs/parameters.md for every name the models read and its default',
});
