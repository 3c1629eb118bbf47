/**
 * The hazard modules drillsim knows. A new hazard is a folder under models/hazards/ exporting one
 * HazardModule, plus one line here.
 */
import type { HazardModule } from '../modules/types.js';
import { earthquake } from './earthquake/module.js';
import { flood } from './flood/module.js';
import { hazchem } from './hazchem/module.js';
import { wildfire } from './wildfire/module.js';

export const HAZARD_MODULES: ReadonlyArray<HazardModule<never, unknown>> = [flood, wildfire, earthquake, hazchem];
