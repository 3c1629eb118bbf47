/**
 * Turn restrictions (OSM `type=restriction` relations: from way, via node, to way) written into the road
 * graph itself, by splitting each restricted junction into ports.
 *
 * Why node splitting and not a banned-turn table: routing is node-based (csr.ts, search.ts) and the same
 * CSR arrays serve every search, the snapshot cache and the workers; a banned-turn table would need an
 * edge-based search (state = arriving edge) everywhere. Splitting changes only the data: at a restricted
 * via node V each incident road segment i ends at an arrival port A_i and starts from a departure port D_i
 * at V's position (the first port keeps V's id, so points on V stay there); a two-way segment becomes
 * two one-way edges (the original and a reversed copy `<id>~rev`). One-way connector edges A_i -> D_j
 * of 1 m (the importer's minimum length) are added for each turn a vehicle may make: arriving on i,
 * leaving on j, i != j, not banned. A U-turn at a restricted junction is thereby not possible (no
 * A_i -> D_i), as routers commonly ban U-turns at junctions. Cost per restricted junction of degree k: at
 * most 2k ports, k edge copies and k(k-1) connectors, a few per cent of a city's graph at most.
 *
 * Limit: a closure or state set on a split edge by its id applies to the direction that kept the id; the
 * reversed copy (`<id>~rev`, props.reverse_of) needs its own. Hazard closures by attributes (bridge,
 * deck level, water) match both, as the copy carries the same attributes.
 *
 * Walkers are not bound by turn restrictions: modes that ignore one-way (foot) may use every connector
 * both ways, and a pair of segments with no vehicle connector in either direction gets a two-way `path`
 * connector (walkers only), so every walk stays as it was, 1-2 m longer at most.
 *
 * Semantics (https://wiki.openstreetmap.org/wiki/Relation:restriction): `no_*` bans the turns from each
 * `from` member to each `to` member; `only_*` bans every other turn from the `from` members. A `from`
 * way passing through the via node counts on both its segments. Via ways, `restriction:conditional`,
 * restrictions for other vehicle classes (`restriction:hgv` ...) and those excepting motorcars are read
 * and counted as not applied.
 */
import type { NetworkEdge, NetworkNode, RegionNetwork } from './schema.js';

export interface TurnRestriction {
  /** OSM relation id. */
  id: string;
  kind: 'no' | 'only';
  from: string[];
  via: string;
  to: string[];
}

export interface TurnRestrictionSummary {
  /** Restrictions written into the graph. */
  applied: number;
  /** Junctions split into ports. */
  junctions: number;
  /** Connector edges added (vehicle and walker). */
  connectors: number;
  /** Restrictions that could not be applied, by reason. */
  skipped: Record<string, number>;
}

/** Length of a connector, km: the importer's smallest edge (build.ts MIN_KM). */
const CONNECTOR_KM = 0.001;

/** Parse a restriction relation's tags and members; a string reason when it is not applicable. */
export function readRestriction(id: string, tags: Record<string, string>, members: ReadonlyArray<{ type: string; ref: string; role: string }>): TurnRestriction | string {
  const type = tags['type'] ?? '';
  if (type !== 'restriction' && type !== 'restriction:motorcar') return `${type} (not for cars)`;
  const value = tags['restriction'] ?? tags['restriction:motorcar'];
  if (value === undefined) return tags['restriction:conditional'] !== undefined ? 'conditional' : Object.keys(tags).some((k) => k.startsWith('restriction:')) ? 'for other vehicles only' : 'no restriction tag';
  const except = (tags['except'] ?? '').split(';').map((s) => s.trim());
  if (except.includes('motorcar') || except.includes('motor_vehicle')) return 'excepting cars';
  const kind = value.startsWith('no_') ? 'no' : value.startsWith('only_') ? 'only' : undefined;
  if (kind === undefined) return `restriction=${value} (unknown)`;
  const from: string[] = [];
  const to: string[] = [];
  const via: Array<{ type: string; ref: string }> = [];
  for (const m of members) {
    if (m.role === 'from' && m.type === 'way') from.push(m.ref);
    else if (m.role === 'to' && m.type === 'way') to.push(m.ref);
    else if (m.role === 'via') via.push(m);
  }
  if (via.some((v) => v.type === 'way')) return 'via way (unsupported)';
  if (via.length !== 1 || from.length === 0 || to.length === 0) return 'incomplete (from, via node, to)';
  if (kind === 'only' && from.length !== 1) return 'incomplete (from, via node, to)';
  return { id, kind, from, via: via[0]!.ref, to };
}

/** The way an imported edge came from (import-osm.ts writes props.osm_way). */
function wayOf(e: NetworkEdge): string | undefined {
  const w = e.props?.['osm_way'];
  return typeof w === 'string' ? w : undefined;
}

/** Split the via junctions of `restrictions` in `network` (in place). */
export function applyTurnRestrictions(network: RegionNetwork, restrictions: readonly TurnRestriction[]): TurnRestrictionSummary {
  const summary: TurnRestrictionSummary = { applied: 0, junctions: 0, connectors: 0, skipped: {} };
  const skip = (why: string): void => {
    summary.skipped[why] = (summary.skipped[why] ?? 0) + 1;
  };
  if (restrictions.length === 0) return summary;
  const byVia = new Map<string, TurnRestriction[]>();
  for (const r of restrictions) {
    let list = byVia.get(r.via);
    if (list === undefined) byVia.set(r.via, (list = []));
    list.push(r);
  }
  const incident = new Map<string, number[]>();
  network.edges.forEach((e, k) => {
    for (const end of [e.from, e.to]) {
      if (!byVia.has(end)) continue;
      let list = incident.get(end);
      if (list === undefined) incident.set(end, (list = []));
      list.push(k);
    }
  });
  const nodeIds = new Set(network.nodes.map((n) => n.id));
  const original = new Set(nodeIds);
  const edgeIds = new Set(network.edges.map((e) => e.id));
  const unique = (ids: Set<string>, want: string): string => {
    let id = want;
    for (let n = 2; ids.has(id); n++) id = `${want}~${n}`;
    ids.add(id);
    return id;
  };
  const newNodes: NetworkNode[] = [];
  const newEdges: NetworkEdge[] = [];
  // Junctions in node order, so the output does not depend on the order of relations in the file.
  for (const node of network.nodes) {
    const list = byVia.get(node.id);
    if (list === undefined) continue;
    const V = node.id;
    const segs = (incident.get(V) ?? []).map((k) => {
      const e = network.edges[k]!;
      const outward = e.from === V;
      return { k, e, way: wayOf(e), arrive: !outward || e.oneway !== true, depart: outward || e.oneway !== true };
    });
    const banned = new Set<string>();
    let applied = 0;
    for (const r of list) {
      const from = segs.map((s, i) => (s.way !== undefined && r.from.includes(s.way) && s.arrive ? i : -1)).filter((i) => i >= 0);
      const to = segs.map((s, j) => (s.way !== undefined && r.to.includes(s.way) && s.depart ? j : -1)).filter((j) => j >= 0);
      if (segs.length < 2) {
        skip('via node is not a junction of imported roads');
        continue;
      }
      if (from.length === 0 || to.length === 0) {
        skip('from or to way does not meet the via node (clipped, or not a road)');
        continue;
      }
      for (const i of from) {
        for (let j = 0; j < segs.length; j++) {
          if (i === j) continue;
          const isTo = to.includes(j);
          // no_u_turn with from = to on a way through the junction: only the same segment, already impossible.
          if (r.kind === 'no' && isTo && !(r.from.length === 1 && r.to.length === 1 && r.from[0] === r.to[0])) banned.add(`${i}>${j}`);
          if (r.kind === 'only' && !isTo) banned.add(`${i}>${j}`);
        }
      }
      applied++;
    }
    if (applied === 0) continue;
    summary.applied += applied;
    summary.junctions++;
    // Ports: an arrival port A_i where segment i enters the junction and a departure port D_i where it
    // leaves. They must differ: with one port per segment, a car could turn i -> j and then j -> k inside
    // the junction, making the banned i -> k. A two-way segment is therefore split into its two directions:
    // the edge keeps one, a reversed copy (id `<edge>~rev`) takes the other.
    const arrival: string[] = [];
    const departure: string[] = [];
    let first = true;
    const port = (i: number, what: 'a' | 'd'): string => {
      if (first) {
        first = false;
        return V;
      }
      const id = unique(nodeIds, `${V}~${what}${i}`);
      newNodes.push({ id, lat: node.lat, lon: node.lon, kind: 'junction', props: { turn_port_of: V } });
      return id;
    };
    segs.forEach((s, i) => {
      if (s.arrive) arrival[i] = port(i, 'a');
      if (s.depart) departure[i] = port(i, 'd');
      const e = s.e;
      const outward = e.from === V;
      if (s.arrive && s.depart) {
        const copy: NetworkEdge = { ...e, id: unique(edgeIds, `${e.id}~rev`), from: e.to, to: e.from, oneway: true, props: { ...(e.props ?? {}), reverse_of: e.id } };
        if (e.geometry !== undefined) copy.geometry = [...e.geometry].reverse();
        e.oneway = true;
        // The edge keeps its own direction; the copy runs the other way.
        if (outward) {
          e.from = departure[i]!;
          copy.to = arrival[i]!;
        } else {
          e.to = arrival[i]!;
          copy.from = departure[i]!;
        }
        newEdges.push(copy);
      } else if (outward) e.from = departure[i]!;
      else e.to = arrival[i]!;
    });
    const car = (i: number, j: number): boolean => i !== j && segs[i]!.arrive && segs[j]!.depart && !banned.has(`${i}>${j}`);
    for (let i = 0; i < segs.length; i++) {
      for (let j = 0; j < segs.length; j++) {
        if (i === j) continue;
        const to = segs[j]!.e;
        if (car(i, j)) {
          newEdges.push({ id: unique(edgeIds, `${V}~t${i}-${j}`), from: arrival[i]!, to: departure[j]!, km: CONNECTOR_KM, roadClass: to.roadClass, speedKmh: to.speedKmh, oneway: true, props: { turn_connector_at: V } });
          summary.connectors++;
        } else if (i < j && !car(j, i)) {
          // Walkers ignore one-way, so any port of each segment will do.
          newEdges.push({ id: unique(edgeIds, `${V}~t${i}-${j}`), from: arrival[i] ?? departure[i]!, to: arrival[j] ?? departure[j]!, km: CONNECTOR_KM, roadClass: 'path', speedKmh: 5, props: { turn_connector_at: V, walkers_only: true } });
          summary.connectors++;
        }
      }
    }
  }
  for (const [via, list] of byVia) if (!original.has(via)) for (const _ of list) skip('via node is not a junction of imported roads');
  network.nodes.push(...newNodes);
  network.edges.push(...newEdges);
  return summary;
}
