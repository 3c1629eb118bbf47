/**
 * The region's road graph while the generator adds to it: nodes and edges in insertion order (the order
 * of the written network.json), with duplicate-id checks and look-ups by id.
 */
import type { NetworkEdge, NetworkNode } from '../../engine/network/schema.js';
import { fail } from './types.js';

export class RegionGraphBuilder {
  readonly nodes: NetworkNode[];
  readonly edges: NetworkEdge[];
  private readonly nodeById: Map<string, NetworkNode>;
  private readonly edgeIds: Set<string>;

  constructor(nodes: NetworkNode[], edges: NetworkEdge[]) {
    this.nodes = nodes;
    this.edges = edges;
    this.nodeById = new Map(nodes.map((n) => [n.id, n]));
    this.edgeIds = new Set(edges.map((e) => e.id));
  }

  addNode(n: NetworkNode): void {
    if (this.nodeById.has(n.id)) fail(`duplicate node ${n.id}`);
    this.nodes.push(n);
    this.nodeById.set(n.id, n);
  }

  addEdge(e: NetworkEdge): void {
    if (this.edgeIds.has(e.id)) fail(`duplicate edge ${e.id}`);
    this.edges.push(e);
    this.edgeIds.add(e.id);
  }

  node(id: string): NetworkNode {
    return this.nodeById.get(id) ?? fail(`unknown node ${id}`);
  }

  /** The county a node lies in (reference nodes and added nodes carry it in props.county). */
  countyOf(id: string): string {
    const c = this.node(id).props?.['county'];
    if (typeof c !== 'string') fail(`node ${id} has no county`);
    return c;
  }
}
