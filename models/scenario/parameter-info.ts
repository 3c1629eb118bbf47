import type { ParameterDist } from '../schema/parameters.js';

/**
 * One row of the parameter table: a parameter a model reads, its default and where the default comes
 * from. Each module declares its own rows; the registry joins them and docs/parameters.md is generated
 * from the joined table, so the two never disagree.
 */
export interface ParameterInfo {
  default: ParameterDist;
  unit: string;
  description: string;
  source: string;
  /** The parameter may differ by zone (a scenario's zoneParameters): the models read it per zone. */
  zonal?: true;
}

export const fixed = (value: number): ParameterDist => ({ dist: 'fixed', value });

/** A module's typed view of a replication's parameter values (every registered parameter is drawn). */
export function parameterView<T extends Readonly<Record<string, ParameterInfo>>>(
  values: Readonly<Record<string, number>>,
  table: T,
): Readonly<Record<keyof T & string, number>> {
  for (const name of Object.keys(table)) {
    if (typeof values[name] !== 'number') throw new Error(`parameter '${name}' was not drawn: is its module registered?`);
  }
  return values as Readonly<Record<keyof T & string, number>>;
}
