/**
 * drillsim's module registry: the hazards (models/hazards/index.ts) and the response modules
 * (models/response/index.ts). Schemas, the parameter table, the metric list and the docs derive from it.
 */
import { HAZARD_MODULES } from './hazards/index.js';
import { createRegistry } from './modules/registry.js';
import { RESPONSE_MODULES } from './response/index.js';

export const REGISTRY = createRegistry({ hazards: HAZARD_MODULES, responses: RESPONSE_MODULES });
