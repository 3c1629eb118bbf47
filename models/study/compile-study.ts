/**
 * A study's inputs as they travel to workers, and what a worker does with them: compile the scenario and
 * plans once per batch (models/study/payload.ts has the coordinator's side, which loads and checks the
 * files). Kept apart from the coordinator's loaders so that a job module, and so every worker thread,
 * loads only what compiling and running needs: the pool's workers get the region the coordinator loaded
 * (StudyLocal) and never import the region files' loader, its located JSON parser, the schema compiler
 * or the YAML reader (21 modules and three packages fewer per thread). A worker without local data (Redis,
 * or a job given none) imports the loader when it needs it (region-files.ts).
 */
import { importNear } from '../../engine/batch/load-runner.js';
import { RoadCsr } from '../../engine/network/csr.js';
import { shareCsr, sharedCsr } from '../../engine/network/snapshot.js';
import { compilePlan, type CompiledPlan } from '../plan/compile.js';
import type { LoadedRegion } from '../region/load.js';
import { compileScenario, type CompiledScenario } from '../scenario/compile.js';
import type { PlanDoc } from '../schema/plan.js';
import type { ScenarioDoc } from '../schema/scenario.js';
import type * as RegionFiles from './region-files.js';

/** A region directory as the text of its files (file name -> content), for workers without a copy of it. */
export interface InlineRegion {
  inline: { id: string; files: Record<string, string> };
}

/** A built-in region name ('leshan'), the absolute path of a region directory, or the region inline. */
export type RegionInput = string | InlineRegion;

export interface StudyInputs {
  scenario: { doc: ScenarioDoc; file: string | null };
  region: RegionInput;
  /** Plans in the order given (a comparison has two), each with its `extends` chain merged. */
  plans: Array<{ doc: PlanDoc; file: string | null }>;
}

/**
 * What a job module accepts as BatchJob.local: the region the coordinator already loaded and checked.
 * Loading it (reading, parsing and checking the region files) is most of a worker's compile time, about
 * 0.3 s for Leshan against a few ms to deserialise it from the shared payload; the compiled scenario is
 * then rebuilt from it in a few ms. A remote worker, without it, loads the region itself: same region,
 * same replications. The routing snapshot (RoadCsr, a class) travels as its arrays in one SharedArrayBuffer
 * (engine/network/snapshot.ts shareCsr): the local pool hands it to every thread by reference, so two
 * threads on a 100k-junction region hold one copy of the routing arrays, not one each; each thread wraps
 * it around its own copy of the network's edges (sharedCsr), so RoadNetwork accepts it as that network's.
 */
export interface StudyLocal {
  region: Omit<LoadedRegion, 'csr'>;
  /** The region's routing arrays (shareCsr); absent, a thread builds its own CSR from the network. */
  routing?: SharedArrayBuffer;
}

/** The local data of a study's batch: its loaded region, and its routing snapshot in shared memory. */
export function studyLocal(region: LoadedRegion): StudyLocal {
  const { csr, ...rest } = region;
  return { region: rest, routing: shareCsr(csr) };
}

/** Compile inputs on a worker (once per batch), from the region given when there is one. */
export async function compileStudy(inputs: StudyInputs, local?: StudyLocal): Promise<{ scenario: CompiledScenario; plans: CompiledPlan[] }> {
  const region: LoadedRegion =
    local !== undefined
      ? { ...local.region, csr: local.routing !== undefined ? sharedCsr(local.routing, local.region.network.edges) : new RoadCsr(local.region.network) }
      : ((await importNear(import.meta.url, 'region-files')) as typeof RegionFiles).loadRegionInput(inputs.region);
  const scenario = compileScenario(inputs.scenario.doc, region, inputs.scenario.file);
  return { scenario, plans: inputs.plans.map((p) => compilePlan(p.doc, scenario, p.file)) };
}
