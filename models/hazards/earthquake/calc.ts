/** The earthquake's calculator models (`drillsim calc`, models/calc). */
import { Type } from '@sinclair/typebox';
import { calcModel, type CalcModel } from '../../calc/types.js';
import { instrumentalIntensity } from './instrumental.js';

const instrumental = calcModel({
  name: 'instrumental-intensity',
  description: 'instrumental intensity on the Chinese scale from peak ground acceleration and velocity',
  source: 'GB/T 17742-2020 The Chinese seismic intensity scale, Appendix A',
  input: Type.Object(
    {
      pgaMs2: Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'peak ground acceleration, m/s²' }),
      pgvMs: Type.Number({ exclusiveMinimum: 0, maximum: 20, description: 'peak ground velocity, m/s' }),
    },
    { additionalProperties: false },
  ),
  example: { pgaMs2: 1.0, pgvMs: 0.1 },
  compute: (input) => ({ intensity: instrumentalIntensity(input.pgaMs2, input.pgvMs) }),
});

export const EARTHQUAKE_CALC: readonly CalcModel[] = [instrumental];
