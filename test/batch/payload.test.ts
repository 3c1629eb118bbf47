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
import { compileStudy, loadStudy, portableRegion, prepareScoreBatch } from '../../models/study/payload.js';
import { createChunkRunner } from '../../models/study/score-job.js';
import { ScorecardAccumulator } from '../../models/scoring/scorecard.js';
import { LESHAN, TINY } from './helpers.js';

const LATE = fileURLToPath(new URL('../../scenarios/plans/leshan-flood-plan-late.yaml', import.meta.url));
const TESTVALE = fileURLToPath(new URL('../fixtures/regions/testvale', import.meta.url));

describe('study inputs', () => {
  it('keep a built-in region by name and carry a region given by path inline, as the text of its files', () => {
    expect(loadStudy(LESHAN).inputs.region).toBe('leshan');
    const region = loadStudy(TINY).inputs.region;
    if (typeof region === 'string') throw new Error('expected the Testvale region inline');
    const dir = TESTVALE.replace(/\/$/, '');
    const manifest = JSON.parse(readFileSync(join(dir, 'region.json'), 'utf8')) as { id: string; files: Record<string, string> };
    expect(region.inline.id).toBe(manifest.id);
    expect(Object.keys(region.inline.files).sort()).toEqual(['region.json', ...Object.values(manifest.files)].sort());
    for (const [name, text] of Object.entries(region.inline.files)) expect(text).toBe(readFileSync(join(dir, name), 'utf8'));
  });

  it('an inline region compiles, on a worker without the directory, to the replications of the original', async () => {
    const study = loadStudy(TINY);
    const inputs = JSON.parse(JSON.stringify(study.inputs)) as typeof study.inputs;
    const first = await compileStudy(inputs);
    const again = await compileStudy(inputs); // written once: the second compile reads the same directory
    expect(again.scenario.region.dir).toBe(first.scenario.region.dir);
    expect(first.scenario.region.dir).not.toBe(TESTVALE.replace(/\/$/, ''));
    for (const i of [0, 3]) expect(runReplication(first.scenario, first.plans[0]!, 5, i)).toEqual(runReplication(study.scenario, study.plans[0]!, 5, i));
  });

  it('refuses to carry a region whose manifest names a file outside its directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'drillsim-region-out-'));
    try {
      const src = TESTVALE.replace(/\/$/, '');
      const manifest = JSON.parse(readFileSync(join(src, 'region.json'), 'utf8')) as { files: Record<string, string> };
      for (const name of Object.values(manifest.files)) writeFileSync(join(dir, name), readFileSync(join(src, name)));
      manifest.files['network'] = '../elsewhere/network.json';
      writeFileSync(join(dir, 'region.json'), JSON.stringify(manifest));
      expect(() => portableRegion(dir)).toThrow(InputError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are JSON-safe, merge the extends chain, and compile to the same replications as the loaders', async () => {
    const study = loadStudy(LESHAN, [LATE]);
    const inputs = JSON.parse(JSON.stringify(study.inputs)) as typeof study.inputs;
    expect(inputs).toEqual(study.inputs);
    expect(inputs.plans[0]!.doc).not.toHaveProperty('extends');
    expect(inputs.plans[0]!.doc.id).toBe('leshan-flood-plan-late');
    // Inherited from the base plan through `extends`.
    expect(inputs.plans[0]!.doc.levels?.length ?? 0).toBeGreaterThan(0);
    const compiled = await compileStudy(inputs);
    const viaLoaders = prepare(LESHAN, LATE);
    const a = runReplication(compiled.scenario, compiled.plans[0]!, 11, 4);
    const b = runReplication(viaLoaders.scenario, viaLoaders.plan, 11, 4);
    expect(a).toEqual(b);
  });
});

describe('the score job', () => {
  it('returns a chunk whose accumulator equals replications added one by one, with records when asked', async () => {
    const prepared = prepareScoreBatch(TINY, undefined, { seed: 3, records: true });
    const run = await createChunkRunner(JSON.parse(JSON.stringify(prepared.payload)));
    const chunk = run({ chunk: 1, start: 10, count: 5 });
    const expected = new ScorecardAccumulator(ScorecardAccumulator.fromJSON(chunk.scorecard).spec, 10);
    for (let i = 10; i < 15; i++) expected.add(runReplication(prepared.scenario, prepared.plan, 3, i));
    expect(chunk.scorecard).toEqual(JSON.parse(JSON.stringify(expected.toJSON())));
    expect(chunk.records!.map((r) => r.index)).toEqual([10, 11, 12, 13, 14]);
    expect(chunk.records![2]!.metrics).toEqual(runReplication(prepared.scenario, prepared.plan, 3, 12).metrics);
    expect((await createChunkRunner(prepareScoreBatch(TINY, undefined, { seed: 3 }).payload))({ chunk: 0, start: 0, count: 2 }).records).toBeUndefined();
  });

  it('pins overridden parameters in every replication', async () => {
    const prepared = prepareScoreBatch(TINY, undefined, { seed: 3, records: true, overrides: { 'evacuation.compliance': 0.5 } });
    const chunk = (await createChunkRunner(prepared.payload))({ chunk: 0, start: 0, count: 3 });
    expect(chunk.records!.map((r) => r.parameters['evacuation.compliance'])).toEqual([0.5, 0.5, 0.5]);
  });
});

describe('bad input', () => {
  it('is an InputError with the file and line, before anything runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'drillsim-payload-'));
    try {
      const bad = join(dir, 'bad.yaml');
      writeFileSync(bad, readFileSync(TINY, 'utf8').replace('horizon: 3h', 'horizon: soon').replace('region: ../regions/testvale', `region: ${TESTVALE}`));
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
      writeFileSync(noPlan, readFileSync(TINY, 'utf8').replace(/^plan: .*$/m, '').replace('region: ../regions/testvale', `region: ${TESTVALE}`));
      expect(() => loadStudy(noPlan)).toThrow(/names no default plan/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
