import type { Simulation } from '../../engine/kernel/index.js';
import { REGISTRY } from '../registry.js';
import type { ParameterDist } from '../schema/parameters.js';
import { normalWindow, type ParameterDomain, type ParameterInfo } from './parameter-info.js';

export type { ParameterInfo } from './parameter-info.js';

/**
 * Every parameter the models read: the rows of every registered module, joined by the registry (each
 * module's own table lives in its folder). docs/parameters.md is generated from this table.
 */
export const PARAMETERS: Readonly<Record<string, ParameterInfo>> = REGISTRY.parameters;

export type ParameterName = string;

export function isParameterName(name: string, table: Readonly<Record<string, ParameterInfo>> = PARAMETERS): boolean {
  return Object.prototype.hasOwnProperty.call(table, name);
}

/** Values of every parameter for one replication. */
export type ParameterValues = Readonly<Record<string, number>>;

/**
 * Draw one value of a declared distribution from the simulation's stream for that parameter (`stream`
 * names another stream, e.g. for a zonal value, so it never shifts the city-wide draw). A normal is
 * truncated to the parameter's domain too (parameter-info.ts normalWindow): identical draws whenever they
 * fall inside it, which at validated means is all but never.
 */
export function drawParameter(sim: Simulation, name: string, dist: ParameterDist, stream = `param.${name}`, domain?: ParameterDomain): number {
  if (dist.dist === 'fixed') return dist.value;
  const s = sim.stream(stream);
  switch (dist.dist) {
    case 'uniform':
      return s.uniform(dist.min, dist.max);
    case 'triangular':
      return s.triangular(dist.min, dist.mode, dist.max);
    case 'normal': {
      const { min, max } = normalWindow(dist, domain);
      // Truncation by resampling: bounded tries keep it total even for a badly placed window.
      for (let i = 0; i < 1000; i++) {
        const x = s.normal(dist.mean, dist.sd);
        if ((min === undefined || x >= min) && (max === undefined || x <= max)) return x;
      }
      return Math.min(max ?? Infinity, Math.max(min ?? -Infinity, dist.mean));
    }
    case 'lognormal':
      return dist.sd === 0 ? dist.mean : s.lognormal(dist.mean, dist.sd);
    case 'beta':
      return s.betaMeanSd(dist.mean, dist.sd);
  }
}

/**
 * Sample all parameters for one replication. Declared ones override defaults; `overrides` (sweeps,
 * screening) pin values. Each parameter has its own stream, so adding one leaves the others' draws alone.
 */
export function sampleParameters(
  sim: Simulation,
  declared: Readonly<Record<string, ParameterDist>> = {},
  overrides: Readonly<Record<string, number>> = {},
  table: Readonly<Record<string, ParameterInfo>> = PARAMETERS,
): ParameterValues {
  const values: Record<string, number> = {};
  for (const [name, info] of Object.entries(table)) {
    const override = overrides[name];
    values[name] = override !== undefined ? override : drawParameter(sim, name, declared[name] ?? info.default, `param.${name}`, info.domain);
  }
  return values;
}

/** The range a parameter spans (for screening): bounds where declared, else the 5-95 % range. */
export function parameterRange(dist: ParameterDist): [number, number] {
  switch (dist.dist) {
    case 'fixed':
      return [dist.value, dist.value];
    case 'uniform':
    case 'triangular':
      return [dist.min, dist.max];
    case 'normal':
      return [Math.max(dist.min ?? -Infinity, dist.mean - 1.645 * dist.sd), Math.min(dist.max ?? Infinity, dist.mean + 1.645 * dist.sd)];
    case 'lognormal':
    case 'beta':
      return [Math.max(0, dist.mean - 1.645 * dist.sd), dist.mean + 1.645 * dist.sd];
  }
}

/** Per zone, the zonal parameters that differ there (null where none does). */
export type ZoneParameterValues = ReadonlyArray<Readonly<Record<string, number>> | null>;

/**
 * Draw the zonal parameters of one replication: one value per entry and parameter (all the entry's zones
 * share it), each from its own stream, so the city-wide values are the same with or without them.
 */
export function sampleZoneParameters(
  sim: Simulation,
  entries: ReadonlyArray<{ zones: Int32Array; parameters: Readonly<Record<string, ParameterDist>> }>,
  zoneCount: number,
): ZoneParameterValues {
  const out: Array<Record<string, number> | null> = new Array<Record<string, number> | null>(zoneCount).fill(null);
  entries.forEach((entry, i) => {
    for (const [name, dist] of Object.entries(entry.parameters)) {
      const value = drawParameter(sim, name, dist, `param.${name}.zones${i}`, PARAMETERS[name]?.domain);
      for (const z of entry.zones) (out[z] ??= {})[name] = value;
    }
  });
  return out;
}
