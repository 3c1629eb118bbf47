import { type7Quantile } from '../../engine/stats/index.js';
import type { MetricName } from '../schema/plan.js';

export type { MetricName };
export { METRIC_NAMES } from '../schema/plan.js';

/** One replication's outcome: a small numeric record (DESIGN.md section 1). */
export type Metrics = Record<MetricName, number>;

/** Which way is better, for comparisons and P(B better than A). */
export const METRIC_DIRECTION: Readonly<Record<MetricName, 'lower-is-better' | 'higher-is-better'>> = {
  deaths: 'lower-is-better',
  injured: 'lower-is-better',
  exposedPersonHours: 'lower-is-better',
  evacuated: 'higher-is-better',
  clearanceT95Min: 'lower-is-better',
  warningReachFraction: 'higher-is-better',
  responseTimeP50Min: 'lower-is-better',
  responseTimeP90Min: 'lower-is-better',
  unmetReliefPersonDays: 'lower-is-better',
  shelterOverflowPersons: 'lower-is-better',
  firstReliefHours: 'lower-is-better',
  cutOffPeak: 'lower-is-better',
  rescued: 'higher-is-better',
  economicLossYuan: 'lower-is-better',
  deathsPerMillion: 'lower-is-better',
  affectedPer100k: 'lower-is-better',
};

/** What each metric measures, for tables, charts and docs. */
export const METRIC_INFO: Readonly<Record<MetricName, { unit: string; description: string }>> = {
  deaths: { unit: 'persons', description: 'people killed by the water (Jonkman mortality at each zone peak)' },
  injured: { unit: 'persons', description: 'people injured in the water' },
  exposedPersonHours: { unit: 'person-h', description: 'integral of people at home or cut off in flooded zones' },
  evacuated: { unit: 'persons', description: 'people transferred: left under an evacuation order, or brought out by rescuers (shadow evacuees not counted, as in official figures)' },
  clearanceT95Min: { unit: 'min', description: '95 % of ordered evacuees were in shelter within this time of their own zone\'s order' },
  warningReachFraction: { unit: 'share', description: 'share of the people of flooded zones warned before their zone flooded' },
  responseTimeP50Min: { unit: 'min', description: 'median time from an incident to the first capable team on scene' },
  responseTimeP90Min: { unit: 'min', description: '90th percentile of incident response times' },
  unmetReliefPersonDays: { unit: 'person-days', description: 'sheltered person-days without water and food' },
  shelterOverflowPersons: { unit: 'persons', description: 'evacuees placed beyond every reachable shelter capacity' },
  firstReliefHours: { unit: 'h', description: 'worst shelter: first arrival to first relief delivery' },
  cutOffPeak: { unit: 'persons', description: 'most people cut off at one time' },
  rescued: { unit: 'persons', description: 'people brought out by boat teams' },
  economicLossYuan: { unit: 'yuan', description: 'depth-damage of flooded households (Huizinga Asia residential)' },
  deathsPerMillion: { unit: 'per million', description: "deaths per million residents (plan table 2, indicator 5: < 1 a year)" },
  affectedPer100k: { unit: 'per 100k', description: 'people affected (in flooded zones, or evacuated) per 100,000 residents (indicator 6)' },
};

/** Type-7 quantile of an unsorted list (0 for an empty list: no incidents means no waiting). */
export function quantileOrZero(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  return type7Quantile([...values].sort((a, b) => a - b), p);
}
