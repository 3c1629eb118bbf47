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
  /**
   * The values the model accepts (a replication throws outside them). Validation refuses a distribution
   * that can draw outside (located at /parameters/<name>), and sweeps and screening keep to it, so a
   * batch never fails inside a replication for a value the scenario asked for.
   */
  domain?: ParameterDomain;
}

/** Closed bounds (or, with `exclusive`, open ones) of what a parameter may be. */
export interface ParameterDomain {
  min?: number;
  max?: number;
  /** True: the bounds themselves are refused too (a lead that must be > 0). */
  exclusive?: boolean;
}

/** The smallest and largest value a distribution can draw (open ends of lognormal and beta taken as closed). */
export function distributionSupport(dist: ParameterDist): [number, number] {
  switch (dist.dist) {
    case 'fixed':
      return [dist.value, dist.value];
    case 'uniform':
    case 'triangular':
      return [dist.min, dist.max];
    case 'normal':
      // Unbounded unless truncated (a parameter's domain truncates it too: normalWindow).
      return dist.sd === 0 ? [dist.mean, dist.mean] : [dist.min ?? -Infinity, dist.max ?? Infinity];
    case 'lognormal':
      return dist.sd === 0 ? [dist.mean, dist.mean] : [0, Infinity];
    case 'beta':
      return [0, 1];
  }
}

/** Is `v` in the domain? */
export function inDomain(v: number, domain: ParameterDomain | undefined): boolean {
  if (domain === undefined) return Number.isFinite(v);
  if (domain.min !== undefined && (domain.exclusive === true ? !(v > domain.min) : !(v >= domain.min))) return false;
  if (domain.max !== undefined && (domain.exclusive === true ? !(v < domain.max) : !(v <= domain.max))) return false;
  return Number.isFinite(v);
}

/** The domain in words: '>= 0', '> 0', 'in [0, 1]'. */
export function describeDomain(domain: ParameterDomain): string {
  const [lo, hi] = domain.exclusive === true ? ['(', ')'] : ['[', ']'];
  if (domain.min !== undefined && domain.max !== undefined) return `in ${lo}${domain.min}, ${domain.max}${hi}`;
  if (domain.min !== undefined) return `${domain.exclusive === true ? '>' : '>='} ${domain.min}`;
  return `${domain.exclusive === true ? '<' : '<='} ${domain.max}`;
}

/**
 * A normal distribution of a parameter with a domain is truncated to it (resampled, as the scenario's own
 * min/max are): the window drawn from, the scenario's bounds intersected with the domain's. A normal has
 * no bounded support, so without this rule even normal(1, 0.01) could in principle draw a negative
 * flood.peakFactor; with it, only a mean outside the domain is refused (docs/parameters.md says so).
 */
export function normalWindow(dist: Extract<ParameterDist, { dist: 'normal' }>, domain: ParameterDomain | undefined): { min?: number; max?: number } {
  const min = domain?.min === undefined ? dist.min : Math.max(dist.min ?? -Infinity, domain.min);
  const max = domain?.max === undefined ? dist.max : Math.min(dist.max ?? Infinity, domain.max);
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

/**
 * Why a distribution can draw a value the model refuses, or undefined: a fixed value, a uniform or
 * triangular range outside the domain, or a normal whose mean is outside it (a normal is truncated to the
 * domain, normalWindow). An open end of the support (lognormal's 0, beta's 0 and 1) counts as reachable
 * only against an exclusive bound at that very point.
 */
export function domainProblem(name: string, dist: ParameterDist, domain: ParameterDomain | undefined): string | undefined {
  if (domain === undefined) return undefined;
  const must = `${name} must be ${describeDomain(domain)} (a replication refuses other values)`;
  if (dist.dist === 'normal') {
    if (!inDomain(dist.mean, domain)) return `${must}, but this normal distribution's mean is ${dist.mean}`;
    const w = normalWindow(dist, domain);
    if (w.min !== undefined && w.max !== undefined && !(w.min <= w.max)) return `${must}: min and max leave no room inside it`;
    return undefined;
  }
  const [lo, hi] = distributionSupport(dist);
  const openLo = (dist.dist === 'lognormal' && dist.sd > 0) || dist.dist === 'beta';
  const openHi = dist.dist === 'beta';
  const below = domain.min !== undefined && (lo < domain.min || (lo === domain.min && domain.exclusive === true && !openLo));
  const above = domain.max !== undefined && (hi > domain.max || (hi === domain.max && domain.exclusive === true && !openHi));
  if (!below && !above) return undefined;
  return `${must}, but this ${dist.dist} distribution can draw ${below ? lo : hi}`;
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
