/**
 * The editable form of a region network: a graphology multigraph whose node and edge keys are the region's
 * ids and whose attributes are the region's records. Import, validation, editing and export work on it;
 * routing does not (it uses the CSR snapshot of csr.ts, built from the plain RegionNetwork).
 *
 * Every edge is stored once, directed from `from` to `to`, whether or not it is `oneway`: direction of
 * travel is a routing concern (modes.ts), and keeping one graph edge per region edge keeps ids 1:1.
 */
import { MultiDirectedGraph } from 'graphology';
import type { NetworkEdge, NetworkNode, NetworkPoint, RegionNetwork } from './schema.js';

export type NodeAttributes = NetworkNode;
export type EdgeAttributes = NetworkEdge;
export interface GraphAttributes {
  id: string;
  name: string;
  name_zh?: string;
  notes?: string[];
  sources?: RegionNetwork['sources'];
  points: NetworkPoint[];
}

export type RegionGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;

export function createRegionGraph(attrs: GraphAttributes): RegionGraph {
  const graph: RegionGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>({ allowSelfLoops: false });
  graph.replaceAttributes(attrs);
  return graph;
}

/**
 * Build the graph from a network that has passed validation (ids unique, endpoints exist): graphology
 * throws on a duplicate key, so call `validateRegionNetwork` first for located errors.
 */
export function toGraph(network: RegionNetwork): RegionGraph {
  const attrs: GraphAttributes = { id: network.id, name: network.name, points: network.points ? [...network.points] : [] };
  if (network.name_zh !== undefined) attrs.name_zh = network.name_zh;
  if (network.notes !== undefined) attrs.notes = network.notes;
  if (network.sources !== undefined) attrs.sources = network.sources;
  const graph = createRegionGraph(attrs);
  for (const node of network.nodes) graph.addNode(node.id, { ...node });
  for (const edge of network.edges) graph.addDirectedEdgeWithKey(edge.id, edge.from, edge.to, { ...edge });
  return graph;
}

/** Back to the file format, in the graph's insertion order (deterministic). */
export function fromGraph(graph: RegionGraph): RegionNetwork {
  const a = graph.getAttributes();
  const network: RegionNetwork = {
    drillsim: 1,
    kind: 'region-network',
    id: a.id,
    name: a.name,
    ...(a.name_zh !== undefined ? { name_zh: a.name_zh } : {}),
    crs: 'WGS84',
    ...(a.notes !== undefined ? { notes: a.notes } : {}),
    ...(a.sources !== undefined ? { sources: a.sources } : {}),
    nodes: graph.mapNodes((_key, attrs) => ({ ...attrs })),
    edges: graph.mapEdges((_key, attrs) => ({ ...attrs })),
  };
  if (a.points.length > 0) network.points = a.points.map((p) => ({ ...p }));
  return network;
}

/**
 * Weakly connected components (edges taken in both directions), largest first; ties keep first-seen
 * order, so the result is deterministic.
 */
export function weaklyConnectedComponents(graph: RegionGraph): string[][] {
  const seen = new Set<string>();
  const components: string[][] = [];
  graph.forEachNode((start) => {
    if (seen.has(start)) return;
    const component = [start];
    seen.add(start);
    for (let i = 0; i < component.length; i++) {
      graph.forEachNeighbor(component[i]!, (next) => {
        if (!seen.has(next)) {
          seen.add(next);
          component.push(next);
        }
      });
    }
    components.push(component);
  });
  return components
    .map((c, order) => ({ c, order }))
    .sort((x, y) => y.c.length - x.c.length || x.order - y.order)
    .map((x) => x.c);
}
