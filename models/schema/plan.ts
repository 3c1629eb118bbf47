/**
 * The contingency-plan file format. The schema is derived from the module registry: trigger kinds,
 * action kinds, zone-selector keys, plan settings and metric names come from the modules, so adding one
 * never edits this file.
 */
import type { TObject } from '@sinclair/typebox';
import { REGISTRY } from '../registry.js';

export { buildPlanSchema, buildTargetSchema, buildZoneSelectorSchema, TeamSelectorSchema } from './plan-parts.js';

export const PlanSchema = REGISTRY.planSchema as unknown as TObject & { static: PlanDoc };
export const TargetSchema = REGISTRY.targetSchema as unknown as TObject & { static: TargetDoc };
export const ZoneSelectorSchema = REGISTRY.selectors.zones;

/** Every metric of the registry, in registry order. */
export const METRIC_NAMES: readonly string[] = REGISTRY.metrics.map((m) => m.name);
export type MetricName = string;

export type ZoneSelectorDoc = { ids?: string[]; tag?: string; county?: string[]; all?: true } & Record<string, unknown>;
export type TeamSelectorDoc = { ids?: string[]; type?: string[]; all?: true };

/** A trigger as validated: a module's leaf (recognised by its key), a built-in leaf, or any/all/not. */
export type TriggerDoc =
  | { any: TriggerDoc[] }
  | { all: TriggerDoc[] }
  | { not: TriggerDoc }
  | { at: string | number }
  | { after: string | number }
  | { levelActiveFor: string | number }
  | Record<string, unknown>;

export interface ActionDoc {
  id: string;
  name?: string;
  owner?: string;
  deadline?: string | number;
  when?: TriggerDoc;
  [action: string]: unknown;
}

export interface LevelDoc {
  level: 'IV' | 'III' | 'II' | 'I';
  name?: string;
  when: TriggerDoc;
  standDown?: TriggerDoc;
  decisionDelay?: string | number;
  actions: ActionDoc[];
}

export interface TargetDoc {
  metric: MetricName;
  op: '<=' | '<' | '>=' | '>' | '==';
  value: number;
  label?: string;
  source?: string;
}

export interface PlanDoc {
  drillsim: 1;
  kind: 'plan';
  id: string;
  title: string;
  description?: string;
  extends?: string;
  monitoringDelay?: string | number;
  reviewInterval?: string | number;
  decisionDelay?: string | number;
  delayAllTriggers?: string | number;
  confidence?: number;
  levels?: LevelDoc[];
  targets?: TargetDoc[];
  /** Settings that modules read (e.g. `nightBoatStop`), validated by their schemas. */
  [setting: string]: unknown;
}
