/**
 * The scenario file format. The schema is derived from the module registry (every hazard module brings
 * the schema of its `hazards:` entry), so adding a hazard never edits this file.
 */
import type { Static, TObject } from '@sinclair/typebox';
import { REGISTRY } from '../registry.js';
import type { InjectSchema, WarningChannelSchema, ZoneParametersSchema } from './scenario-parts.js';
import type { ParametersSchema } from './parameters.js';

export { buildScenarioSchema, InjectSchema, WarningChannelSchema } from './scenario-parts.js';

/** The schema loaders check scenarios against; its static type is the document as the models read it. */
export const ScenarioSchema = REGISTRY.scenarioSchema as unknown as TObject & { static: ScenarioDoc };

/** One `hazards:` entry as validated: its module's schema says the rest. */
export interface HazardEntryDoc {
  kind: string;
  id?: string;
  [field: string]: unknown;
}

export interface ScenarioDoc {
  drillsim: 1;
  kind: 'scenario';
  id: string;
  title: string;
  description?: string;
  region: string;
  start: string;
  horizon: string | number;
  plan?: string;
  hazards: HazardEntryDoc[];
  warning?: { channels: Record<string, WarningChannelDoc> };
  injects?: Array<Static<typeof InjectSchema>>;
  parameters?: Static<typeof ParametersSchema>;
  zoneParameters?: Array<Static<typeof ZoneParametersSchema>>;
}

export type WarningChannelDoc = Static<typeof WarningChannelSchema>;
