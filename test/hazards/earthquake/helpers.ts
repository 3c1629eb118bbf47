/** The Leshan earthquake scenarios and plans, compiled with parameters overridden (the region loaded once). */
import { fileURLToPath } from 'node:url';
import { loadRegion, type LoadedRegion } from '../../../models/region/load.js';
import { compileScenario, type CompiledScenario } from '../../../models/scenario/compile.js';
import { loadScenarioDoc } from '../../../models/scenario/load.js';
import type { ScenarioDoc } from '../../../models/schema/scenario.js';

export const SCENARIOS = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
export const PLAN = `${SCENARIOS}plans/leshan-quake-plan.yaml`;
export const WEAK = `${SCENARIOS}plans/leshan-quake-plan-weak.yaml`;

let region: LoadedRegion | null = null;

/** The Leshan region, loaded once. */
export function leshanRegion(): LoadedRegion {
  return (region ??= loadRegion(`${SCENARIOS}regions/leshan`));
}

/** Load the region afresh next time (a test changed its data, e.g. emptied the reserves). */
export function forgetRegion(): void {
  region = null;
}

/** scenarios/leshan-quake-<name>.yaml with some parameters replaced. */
export function scenario(name: string, parameters: Record<string, unknown> = {}): CompiledScenario {
  const file = `${SCENARIOS}leshan-quake-${name}.yaml`;
  const doc = structuredClone(loadScenarioDoc(file).value) as ScenarioDoc;
  doc.parameters = { ...(doc.parameters ?? {}), ...parameters } as ScenarioDoc['parameters'];
  return compileScenario(doc, leshanRegion(), file);
}

/** A parameter fixed at one value. */
export const fixed = (value: number) => ({ dist: 'fixed', value });
