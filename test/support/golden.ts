/**
 * The golden replications (test/fixtures/golden/flood-replications.json, written by
 * tools/golden/flood-golden.ts) and the check that a replication reproduces one bit for bit.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { ReplicationResult } from '../../models/replication.js';

/** A path from the repository root. */
export const repoPath = (p: string): string => fileURLToPath(new URL(`../../${p}`, import.meta.url));

export interface Golden {
  scenario: string;
  plan: string;
  seed: number;
  index: number;
  metrics: Record<string, number>;
  levels: Array<{ level: string; t: number }>;
  actions: Array<{ id: string; startedAt: number }>;
}

export function loadGolden(): Golden[] {
  return JSON.parse(readFileSync(repoPath('test/fixtures/golden/flood-replications.json'), 'utf8')) as Golden[];
}

/** The replication gives the golden metrics, level declarations and clause start times exactly. */
export function expectGolden(r: ReplicationResult, g: Golden): void {
  for (const [name, value] of Object.entries(g.metrics)) expect(r.metrics[name], name).toBe(value);
  expect(r.levels).toEqual(g.levels);
  expect(r.actions.map((a) => ({ id: a.id, startedAt: a.startedAt }))).toEqual(g.actions);
}
