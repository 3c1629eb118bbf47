/**
 * Checks that matter for evacuation, beyond weak connectivity (issue 17): per travel mode, how many
 * junctions lie outside the largest strongly connected component (they can be left but not reached, or
 * the reverse: one-way traps, access roads cut by the extract's edge); every zone that cannot reach any
 * shelter on foot or by car, every shelter no zone can reach, and every zone no team base can reach by
 * emergency vehicle, each with the nearest fix: the closest junction (straight line) from which the
 * missing connection exists, so an author knows where a road is missing or a one-way is wrong.
 * Warnings, not errors: a region may legitimately hold an island reached by boat only.
 */
import { pointer, type InputIssue } from '../../engine/errors.js';
import { stronglyConnectedComponents } from '../../engine/network/components.js';
import type { RoadCsr } from '../../engine/network/csr.js';
import type { TravelMode } from '../../engine/network/modes.js';
import { NodeLocator } from '../../engine/network/snap.js';

/** Modes whose strong connectivity is reported: those that evacuate (foot, car) and that respond. */
export const CONNECTIVITY_MODES: readonly TravelMode[] = ['car', 'foot', 'emergency'];

/** How many elements one warning names before "and N more". */
const SAMPLE = 5;

export interface ReachabilityInput {
  csr: RoadCsr;
  zones: ReadonlyArray<{ id: string; node: string }>;
  shelters: ReadonlyArray<{ id: string; node: string }>;
  teams: ReadonlyArray<{ id: string; homeNode: string }>;
  /** Where zones and assets live, for the issues' file field. */
  zonesFile?: string;
  assetsFile?: string;
  networkFile?: string;
}

/** Nodes that can reach one of `sources` (reverse) or be reached from one (forward) over usable arcs. */
export function reachableFrom(csr: RoadCsr, sources: Iterable<number>, weights: Float64Array, reverse: boolean): Uint8Array {
  const g = csr.graph;
  const seen = new Uint8Array(g.nodeCount);
  const queue = new Int32Array(g.nodeCount);
  let tail = 0;
  for (const s of sources) {
    if (s >= 0 && !seen[s]) {
      seen[s] = 1;
      queue[tail++] = s;
    }
  }
  for (let head = 0; head < tail; head++) {
    const v = queue[head]!;
    if (reverse) {
      for (let i = g.inOffsets[v]!; i < g.inOffsets[v + 1]!; i++) {
        const a = g.inArcs[i]!;
        const u = g.tails[a]!;
        if (!seen[u] && weights[a]! < Infinity) {
          seen[u] = 1;
          queue[tail++] = u;
        }
      }
    } else {
      for (let a = g.offsets[v]!; a < g.offsets[v + 1]!; a++) {
        const u = g.heads[a]!;
        if (!seen[u] && weights[a]! < Infinity) {
          seen[u] = 1;
          queue[tail++] = u;
        }
      }
    }
  }
  return seen;
}

function more(n: number): string {
  return n > SAMPLE ? ` and ${n - SAMPLE} more` : '';
}

export function reachabilityWarnings(input: ReachabilityInput): InputIssue[] {
  const { csr } = input;
  const out: InputIssue[] = [];
  const warn = (file: string | undefined, path: string, message: string): void => {
    out.push({ path, message, severity: 'warning', ...(file !== undefined ? { file } : {}) });
  };
  const n = csr.nodeCount;
  if (n === 0) return out;
  const nodeOf = (id: string): number => csr.nodeIndex.get(id) ?? -1;
  const locator = new NodeLocator(csr.graph);
  const km = (a: number, b: number): string => {
    const g = csr.graph;
    const dLat = (g.lat[a]! - g.lat[b]!) * 111.19;
    const dLon = (g.lon[a]! - g.lon[b]!) * 111.19 * g.cosLat[a]!;
    return Math.hypot(dLat, dLon).toFixed(2);
  };

  for (const mode of CONNECTIVITY_MODES) {
    const { component, sizes } = stronglyConnectedComponents(csr.graph, csr.baseMinutes(mode));
    const outside = n - (sizes[0] ?? 0);
    if (outside === 0) continue;
    const sample: string[] = [];
    for (let v = 0; v < n && sample.length < SAMPLE; v++) if (component[v] !== 0) sample.push(`'${csr.nodeIds[v]!}'`);
    warn(
      input.networkFile,
      '/nodes',
      `by ${mode}: ${outside} of ${n} junctions (${((100 * outside) / n).toFixed(1)} %) lie outside the main strongly connected component of ${sizes[0]} (${sizes.length - 1} smaller components): from them the rest cannot be reached, or they cannot be reached from it (${sample.join(', ')}${more(outside)})`,
    );
  }

  const shelterNodes = input.shelters.map((s) => nodeOf(s.node));
  const zoneNodes = input.zones.map((z) => nodeOf(z.node));
  for (const mode of ['foot', 'car'] as const) {
    const w = csr.baseMinutes(mode);
    // Zones: can their node reach any shelter?
    const toShelter = reachableFrom(csr, shelterNodes, w, true);
    input.zones.forEach((z, i) => {
      const v = zoneNodes[i]!;
      if (v < 0 || toShelter[v]) return;
      const fix = locator.nearest(csr.graph.lat[v]!, csr.graph.lon[v]!, (u) => toShelter[u] === 1);
      const hint = fix !== undefined ? `; nearest fix: connect node '${z.node}' to '${csr.nodeIds[fix.node]!}' ${km(v, fix.node)} km away, which reaches a shelter by ${mode}` : '';
      warn(input.zonesFile, pointer('zones', i, 'node'), `zone '${z.id}': no shelter can be reached by ${mode} from node '${z.node}'${hint}`);
    });
    // Shelters: can any zone reach them?
    const fromZones = reachableFrom(csr, zoneNodes, w, false);
    input.shelters.forEach((s, i) => {
      const v = shelterNodes[i]!;
      if (v < 0 || fromZones[v]) return;
      const fix = locator.nearest(csr.graph.lat[v]!, csr.graph.lon[v]!, (u) => fromZones[u] === 1);
      const hint = fix !== undefined ? `; nearest fix: connect '${csr.nodeIds[fix.node]!}' ${km(v, fix.node)} km away, which zones reach, to node '${s.node}'` : '';
      warn(input.assetsFile, pointer('shelters', i, 'node'), `shelter '${s.id}': no zone can reach it by ${mode} (node '${s.node}')${hint}`);
    });
  }

  // Response: can some team base reach each zone by emergency vehicle?
  if (input.teams.length > 0) {
    const fromBases = reachableFrom(csr, input.teams.map((t) => nodeOf(t.homeNode)), csr.baseMinutes('emergency'), false);
    input.zones.forEach((z, i) => {
      const v = zoneNodes[i]!;
      if (v < 0 || fromBases[v]) return;
      const fix = locator.nearest(csr.graph.lat[v]!, csr.graph.lon[v]!, (u) => fromBases[u] === 1);
      const hint = fix !== undefined ? `; nearest fix: connect '${csr.nodeIds[fix.node]!}' ${km(v, fix.node)} km away, which teams reach, to node '${z.node}'` : '';
      warn(input.zonesFile, pointer('zones', i, 'node'), `zone '${z.id}': no team base can reach it by emergency vehicle${hint}`);
    });
  }
  return out;
}

/**
 * Zones a plan orders to evacuate (any `evacuate` action, at any level) from which no shelter of the region
 * can be reached on foot or by car on the open network: their people would never arrive anywhere. `run`
 * prints one warning per zone before the batch starts.
 */
export function orderedZonesWithoutShelter(
  csr: RoadCsr,
  zones: ReadonlyArray<{ id: string; node: number }>,
  shelterNodes: readonly string[],
  actions: ReadonlyArray<{ type: string; data: unknown }>,
): string[] {
  const ordered = new Set<number>();
  for (const a of actions) {
    if (a.type !== 'evacuate') continue;
    const z = (a.data as { zones?: ArrayLike<number> }).zones;
    if (z !== undefined) for (let i = 0; i < z.length; i++) ordered.add(z[i]!);
  }
  if (ordered.size === 0) return [];
  const shelters = shelterNodes.map((id) => csr.nodeIndex.get(id) ?? -1);
  const byFoot = reachableFrom(csr, shelters, csr.baseMinutes('foot'), true);
  const byCar = reachableFrom(csr, shelters, csr.baseMinutes('car'), true);
  return [...ordered]
    .sort((a, b) => a - b)
    .filter((z) => {
      const v = zones[z]?.node ?? -1;
      return v >= 0 && !byFoot[v] && !byCar[v];
    })
    .map((z) => zones[z]!.id);
}
