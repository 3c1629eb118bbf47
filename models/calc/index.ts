/**
 * The models `drillsim calc` knows. Each hazard module that exposes formulas exports its calculator models
 * from its own folder; one line here lists them.
 */
import { EARTHQUAKE_CALC } from '../hazards/earthquake/calc.js';
import { HAZCHEM_CALC } from '../hazards/hazchem/calc.js';
import { WILDFIRE_CALC } from '../hazards/wildfire/calc.js';
import type { CalcModel } from './types.js';

export const CALC_MODELS: readonly CalcModel[] = [...EARTHQUAKE_CALC, ...HAZCHEM_CALC, ...WILDFIRE_CALC];

export function findCalcModel(name: string): CalcModel | undefined {
  return CALC_MODELS.find((m) => m.name === name);
}
