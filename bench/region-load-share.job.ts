/**
 * The job module of bench/region-load-share.bench.ts: each thread wraps the local's shared routing arrays
 * (or, without them, builds its own CSR from the network it received, as threads did before issue 17),
 * computes the car weights and one route, and reports nothing but that it did.
 */
import type { ChunkRange, ChunkRunner } from '../engine/batch/types.js';
import { RoadCsr } from '../engine/network/csr.js';
import { RoadNetwork } from '../engine/network/road-network.js';
import type { RegionNetwork } from '../engine/network/schema.js';
import { sharedCsr } from '../engine/network/snapshot.js';

export interface ShareLocal {
  routing?: SharedArrayBuffer;
  network?: RegionNetwork;
}

/** Kept for the life of the thread, as a chunk runner keeps its compiled scenario. */
const held: RoadNetwork[] = [];

export function createChunkRunner(_payload: null, local?: ShareLocal): ChunkRunner<number> {
  const csr = local?.routing !== undefined ? sharedCsr(local.routing) : new RoadCsr(local!.network!);
  const net = new RoadNetwork({ id: 'bench', get edges() { return csr.edges; } }, { csr });
  held.push(net);
  return (range: ChunkRange) => net.route(range.start % csr.nodeCount, csr.nodeCount - 1, 'car', 0)?.minutes ?? -1;
}
