/**
 * Worker threads share one copy of a region's routing arrays (issue 17): the CSR travels as one
 * SharedArrayBuffer (engine/network/snapshot.ts shareCsr) that the local pool hands to every thread by
 * reference (engine/batch/pool.ts splitSharedBuffers), and each thread's CSR is views of that buffer. Shown
 * three ways: threads report the buffer as shared with the coordinator's byte length and their arrays as
 * views of it; a counter the threads increment in a sibling buffer reads back in the coordinator (the
 * same memory, not a copy); and routes on the shared arrays equal routes on the coordinator's own CSR. The
 * study payload carries its region's routing this way and still gives the replications of a fresh load.
 */
import { describe, expect, it } from 'vitest';
import { PoolRunner, splitSharedBuffers } from '../../engine/batch/index.js';
import { RoadCsr } from '../../engine/network/csr.js';
import { RoadNetwork } from '../../engine/network/road-network.js';
import { shareCsr, sharedCsr } from '../../engine/network/snapshot.js';
import { runReplication } from '../../models/replication.js';
import { compileStudy, loadStudy, studyLocal } from '../../models/study/payload.js';
import { syntheticRoadNetwork } from '../../tools/synthetic/grid-network.js';
import type { SharedRoutingChunk, SharedRoutingLocal } from '../fixtures/batch/shared-routing-job.js';
import { TINY } from './helpers.js';

const JOB = new URL('../fixtures/batch/shared-routing-job.ts', import.meta.url).href;

describe('shared routing arrays', () => {
  it('splitSharedBuffers takes top-level SharedArrayBuffers out of a local object, and nothing else', () => {
    const sab = new SharedArrayBuffer(8);
    const plain = new ArrayBuffer(8);
    expect(splitSharedBuffers({ a: 1, s: sab, p: plain })).toEqual({ local: { a: 1, p: plain }, buffers: { s: sab } });
    const none = { a: 1, nested: { s: sab } };
    expect(splitSharedBuffers(none).local).toBe(none);
    expect(splitSharedBuffers(none).buffers).toBeUndefined();
    expect(splitSharedBuffers(undefined)).toEqual({ local: undefined });
    expect(splitSharedBuffers([sab]).buffers).toBeUndefined();
  });

  it('a CSR read back from its shared buffer is views of it and routes as the original', () => {
    const net = syntheticRoadNetwork(20, 25, 11);
    const csr = new RoadCsr(net);
    const buffer = shareCsr(csr);
    expect(buffer).toBeInstanceOf(SharedArrayBuffer);
    const back = sharedCsr(buffer, net.edges);
    for (const k of ['offsets', 'heads', 'tails', 'lat', 'lon', 'arcGcKm'] as const) {
      expect(back.graph[k].buffer).toBe(buffer);
      expect(Array.from(back.graph[k])).toEqual(Array.from(csr.graph[k]));
    }
    // Given the thread's own edges, the CSR serves them: a RoadNetwork on that network accepts it.
    expect(back.edges).toBe(net.edges);
    const a = new RoadNetwork(net);
    const b = new RoadNetwork(net, { csr: back });
    for (const [s, t] of [[0, 499], [37, 260], [480, 3]] as const) expect(b.route(s, t, 'car', 0)).toEqual(a.route(s, t, 'car', 0));
    // Edges that are not the CSR's (another order) are refused rather than silently mismatched.
    expect(() => sharedCsr(buffer, [...net.edges].reverse())).toThrow(/shared routing CSR/);
  });

  it('two pool threads read the one copy the coordinator made', async () => {
    const net = syntheticRoadNetwork(30, 30, 5);
    const csr = new RoadCsr(net);
    const routing = shareCsr(csr);
    const probe = new SharedArrayBuffer(4);
    const pairs: Array<[number, number]> = [[0, 899], [12, 640], [450, 31], [899, 0], [77, 801]];
    const local: SharedRoutingLocal = { routing, probe, pairs };
    const pool = new PoolRunner({ workers: 2 });
    const chunks: SharedRoutingChunk[] = [];
    try {
      const outcome = await pool.run<null, SharedRoutingChunk>(
        { module: JOB, payload: null, local },
        { replications: 40, chunkSize: 4, onChunk: (_r, c) => void chunks.push(c) },
      );
      expect(outcome.replications).toBe(40);
    } finally {
      await pool.close();
    }
    expect(chunks).toHaveLength(10);
    for (const c of chunks) {
      expect(c.routingIsShared).toBe(true);
      expect(c.arraysAreViews).toBe(true);
      expect(c.routingBytes).toBe(routing.byteLength);
    }
    // Every chunk's increment landed in the coordinator's own buffer: one memory, not a copy per thread.
    expect(new Int32Array(probe)[0]).toBe(10);
    const direct = new RoadNetwork(net, { csr });
    const expected = Array.from({ length: 40 }, (_, i) => direct.route(pairs[i % 5]![0], pairs[i % 5]![1], 'car', 0)?.minutes ?? null);
    expect(chunks.flatMap((c) => c.minutes)).toEqual(expected);
  });

  it("a study's local data carries its routing shared, and compiles to the replications of a fresh load", async () => {
    const study = loadStudy(TINY);
    const local = studyLocal(study.scenario.region);
    expect(local.routing).toBeInstanceOf(SharedArrayBuffer);
    const { local: rest, buffers } = splitSharedBuffers(local);
    expect(Object.keys(buffers ?? {})).toEqual(['routing']);
    expect((rest as Record<string, unknown>)['routing']).toBeUndefined();
    const compiled = await compileStudy(study.inputs, local);
    expect(compiled.scenario.region.csr.graph.heads.buffer).toBe(local.routing);
    for (const i of [0, 2]) expect(runReplication(compiled.scenario, compiled.plans[0]!, 9, i)).toEqual(runReplication(study.scenario, study.plans[0]!, 9, i));
  });
});
