/**
 * The score job's payload: plain, JSON-safe documents (the plan's `extends` chain merged) and a region
 * reference that a worker resolves on its own; compiled on a worker, they give exactly the replications
 * that the located loaders give. Bad input is refused before anything runs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { runReplication } from '../../models/replication.js';
import { prepare } from '../../models/scenario/load.js';
import { compileStudy, loadStudy, prepareScoreBatch } from '../../models/study/payload.js';
import { createChunkRunner } from '../../models/study/score-job.js';
import { ScorecardAccumulator } from '../../models/scoring/scorecard.js';
import { LESHAN, TINY } from './helpers.js';

const LATE = fileURLToPath(new URL('../../scenarios/plans/leshan-flood-plan-late.yaml', import.meta.url));
const TESTVALE = fileURLToPath(new URL('../fixtures/model/regions/testvale', import.meta.url));

describe('study inputs', () => {
  it('keep a built-in region by name and a region given by path as an absolute directory', () => {
    expect(loadStudy(LESHAN).inputs.region).toBe('leshan');
    expect(loadStudy(TINY).inputs.region).toBe(TESTVALE.replace(/\/$/, ''));
  });

  it('are JSON-safe, merge the extends chain, and compile to the same replications as the loaders', () => {
    const study = loadStudy(LESHAN, [LATE]);
    const inputs = JSON.parse(JSON.stringify(study.inputs)) as typeof study.inputs;
    expect(inputs).toEqual(study.inputs);
    expect(inputs.plans[0]!.doc).not.toHaveProperty('extends');
    expect(inputs.plans[0]!.doc.id).toBe('leshan-flood-plan-late');
    // Inherited from the base plan through `extends`.
    expect(inputs.plans[0]!.doc.levels?.length ?? 0).toBeGreaterThan(0);
    const compiled = compileStudy(inputs);
    const viaLoaders = prepare(LESHAN, LATE);
    const a = runReplication(compiled.scenario, compiled.plans[0]!, 11, 4);
    const b = runReplication(viaLoaders.scenario, viaLoaders.plan, 11, 4);
    expect(a).toEqual(b);
  });
});

describe('the score job', () => {
  it('returns a chunk whose accumulator equals replications added one by one, with records when asked', () => {
    const prepared = prepareScoreBatch(TINY, undefined, { seed: 3, records: true });
    const run = createChunkRunner(JSON.parse(JSON.stringify(prepared.payload)));
    const chunk = run({ chunk: 1, start: 10, count: 5 });
    const expected = new ScorecardAccumulator(ScorecardAccumulator.fromJSON(chunk.scorecard).spec, 10);
    for (let i = 10; i < 15; i++) expected.add(runReplication(prepared.scenario, prepared.plan, 3, i));
    expect(chunk.scorecard).toEqual(JSON.parse(JSON.stringify(expected.toJSON())));
    expect(chunk.records!.map((r) => r.index)).toEqual([10, 11, 12, 13, 14]);
    expect(chunk.records![2]!.metrics).toEqual(runReplication(prepared.scenario, prepared.plan, 3, 12).metrics);
    expect(createChunkRunner(prepareScoreBatch(TINY, undefined, { seed: 3 }).payload)({ chunk: 0, start: 0, count: 2 }).records).toBeUndefined();
  });

  it('pins overridden parameters in every replication', () => {
    const prepared = prepareScoreBatch(TINY, undefined, { seed: 3, records: true, overrides: { 'evacuation.compliance': 0.5 } });
    const chunk = createChunkRunner(prepared.payload)({ chunk: 0, start: 0, count: 3 });
    expect(chunk.records!.map((r) => r.parameters['evacuation.compliance'])).toEqual([0.5, 0.5, 0.5]);
  });
});

describe('bad input', () => {
  it('is an InputError with the file and line, before anything runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'drillsim-payload-'));
    try {
      const bad = join(dir, 'bad.yaml');
      writeFileSync(bad, readFileSync(TINY, 'utf8').replace('horizon: 3h', 'horizon: soon').replace('region: ../model/regions/testvale', `region: ${TESTVALE}`));
      const err = (() => {
        try {
          loadStudy(bad);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(err).toBeInstanceOf(InputError);
      const issue = (err as InputError).issues[0]!;
      expect(issue).toMatchObject({ file: bad, path: '/horizon' });
      expect(issue.line).toBe(readFileSync(bad, 'utf8').split('\n').findIndex((l) => l.startsWith('horizon:')) + 1);
      const noPlan = join(dir, 'no-plan.yaml');
      writeFileSync(noPlan, readFileSync(TINY, 'utf8').replace(/^plan: .*$/m, '').replace('region: ../model/regions/testvale', `region: ${TESTVALE}`));
      expect(() => loadStudy(noPlan)).toThrow(/names no default plan/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
