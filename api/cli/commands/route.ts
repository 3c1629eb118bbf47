/**
 * `drillsim route <region> <from> <to>`: the best route between two nodes, named points or coordinates
 * ("lat,lon", snapped to the nearest junction of the mode's main strongly connected component, so the
 * route can both leave and come back) of a region, in minutes and km, optionally with edges closed. A
 * large region is read from its routing snapshot (engine/network/snapshot.ts). Exit 1 when no route
 * exists, 2 on bad input.
 */
import type { Command } from 'commander';
import { commandDescription } from '../commands.js';
import { InputError } from '../../../engine/errors.js';
import { mark } from '../../../engine/timings.js';
import { LAT_LON_TEXT } from '../../../engine/network/geo.js';
import { TRAVEL_MODES } from '../../../engine/network/modes.js';
import { loadRoutingNetwork } from '../../../engine/network/load.js';
import { RoadNetwork } from '../../../engine/network/road-network.js';
import { NodeLocator, parseLatLon, type Snapped } from '../../../engine/network/snap.js';
import type { TravelMode } from '../../../engine/network/modes.js';
import { CliError, EXIT_FAILURE } from '../exit.js';
import { resolveRegionNetwork } from '../load.js';

/**
 * The default --max-snap: farther than any point of a region's area lies from its roads (Leshan's sparse
 * trunk network leaves the corners of its bounding box up to 97 km from a junction), far nearer than a
 * point with a lost minus sign (thousands of km).
 */
const DEFAULT_MAX_SNAP_KM = 100;

/**
 * Resolve a <from>/<to> argument: a "lat,lon" pair is snapped to the nearest node of the mode's largest
 * strongly connected component; anything else is a node or point id.
 */
function endpoint(
  net: RoadNetwork,
  arg: string,
  mode: TravelMode,
  locate: () => { locator: NodeLocator; main: (v: number) => boolean },
  which: string,
  maxSnapKm: number,
): { node: number; snapped?: Snapped } {
  if (!LAT_LON_TEXT.test(arg)) return { node: net.nodeIndexOf(arg) };
  const at = parseLatLon(arg);
  if (at === undefined) throw new InputError([{ path: '', message: `<${which}> '${arg.trim()}': latitude must be in [-90, 90] and longitude in [-180, 180] ("lat,lon" in decimal degrees)` }]);
  const { locator, main } = locate();
  const snapped = locator.nearest(at.lat, at.lon, main);
  if (snapped === undefined) throw new InputError([{ path: '', message: `<${which}> '${arg.trim()}': region '${net.network.id}' has no junction usable by ${mode}` }]);
  // A point far from every road is a typing slip (a lost minus sign, lat and lon swapped), not a place to route from.
  if (snapped.km > maxSnapKm) {
    const g = net.csr.graph;
    const near = `${round(g.lat[snapped.node]!, 5)},${round(g.lon[snapped.node]!, 5)}`;
    throw new InputError([
      { path: '', message: `<${which}> '${arg.trim()}' is ${Math.round(snapped.km).toLocaleString('en-US')} km from the nearest junction usable by ${mode} in region '${net.network.id}' (at ${near}); expected a point within --max-snap ${maxSnapKm} km of its roads` },
    ]);
  }
  return { node: snapped.node, snapped };
}

interface RouteFlags {
  mode: string;
  maxSnap: string;
  closed?: string;
  at: string;
  json?: boolean;
  algorithm: string;
}

export function register(program: Command): void {
  program
    .command('route')
    .description(commandDescription('route'))
    .argument('<region>', 'region directory, network JSON file, or built-in region name (e.g. leshan)')
    .argument('<from>', 'node or point id, or "lat,lon" (snapped to the nearest reachable junction)')
    .argument('<to>', 'node or point id, or "lat,lon"')
    .option('--mode <mode>', `travel mode: ${TRAVEL_MODES.join('|')}`, 'car')
    .option('--closed <edges>', 'comma-separated edge ids closed (and known) for this query')
    .option('--at <minutes>', 'query time in minutes from scenario start', '0')
    .option('--algorithm <name>', 'astar|dijkstra (same result; for checking)', 'astar')
    .option('--max-snap <km>', 'farthest a "lat,lon" point may lie from the junction it is snapped to', String(DEFAULT_MAX_SNAP_KM))
    .option('--json', 'print { from, to, mode, minutes, km, path, edges } as JSON')
    .action((regionArg: string, from: string, to: string, flags: RouteFlags) => {
      const mode = RoadNetwork.mode(flags.mode);
      const maxSnapKm = Number(flags.maxSnap);
      if (!(maxSnapKm > 0)) throw new InputError([{ path: '', message: `--max-snap must be a positive number of km, got '${flags.maxSnap}'` }]);
      const at = Number(flags.at);
      if (!Number.isFinite(at)) throw new InputError([{ path: '', message: `--at must be a number of minutes, got '${flags.at}'` }]);
      if (flags.algorithm !== 'astar' && flags.algorithm !== 'dijkstra') {
        throw new InputError([{ path: '', message: `--algorithm must be astar or dijkstra, got '${flags.algorithm}'` }]);
      }
      const routing = loadRoutingNetwork(resolveRegionNetwork(regionArg));
      const { network, csr, nodeNames } = routing;
      const net = new RoadNetwork(network, { csr });
      let located: { locator: NodeLocator; main: (v: number) => boolean } | undefined;
      const locate = (): { locator: NodeLocator; main: (v: number) => boolean } => {
        if (located === undefined) {
          located = { locator: routing.locator(), main: routing.inMainComponent(mode) };
        }
        return located;
      };
      const a = endpoint(net, from, mode, locate, 'from', maxSnapKm);
      const b = endpoint(net, to, mode, locate, 'to', maxSnapKm);
      mark('route: endpoints resolved');
      const source = a.node;
      const target = b.node;
      const closed = (flags.closed ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      for (const id of closed) {
        net.edgeIndexOf(id);
        net.setState({ edge: id, start: Math.min(0, at), state: 'closed', knownAt: Math.min(0, at) });
      }
      const route = net.route(source, target, mode, at, { algorithm: flags.algorithm });
      mark('route: route found');
      if (route === null) {
        const with_ = closed.length > 0 ? ` with ${closed.join(', ')} closed` : '';
        throw new CliError(`no route from '${from}' to '${to}' by ${mode} in region '${network.id}'${with_}`, EXIT_FAILURE);
      }
      if (flags.json === true) {
        const snap = (e: { node: number; snapped?: Snapped }) => (e.snapped !== undefined ? { node: csr.nodeId(e.node), km: round(e.snapped.km, 3) } : undefined);
        const out = {
          from: from.trim(),
          to: to.trim(),
          mode,
          minutes: round(route.minutes, 3),
          km: round(route.km, 3),
          path: route.nodes,
          edges: route.edges,
          ...(a.snapped !== undefined ? { fromSnapped: snap(a) } : {}),
          ...(b.snapped !== undefined ? { toSnapped: snap(b) } : {}),
        };
        process.stdout.write(`${JSON.stringify(out)}\n`);
        return;
      }
      const pointNames = new Map<string, string | undefined>((network.points ?? []).map((p) => [p.id, p.name_zh ?? p.name]));
      // "D (name)" for a node; "hospital (name) at D" when the argument was a named point on node D;
      // "29.55,103.76 (snapped 42 m) at D" for coordinates.
      const label = (arg: string, node: string, e: { node: number; snapped?: Snapped }): string => {
        if (e.snapped !== undefined) {
          const name = nodeNames.get(e.node);
          return `${arg.trim()} (snapped ${Math.round(e.snapped.km * 1000)} m) at ${node}${name !== undefined ? ` (${name})` : ''}`;
        }
        const name = arg === node ? nodeNames.get(e.node) : pointNames.get(arg);
        const named = name !== undefined && name !== '' ? `${arg} (${name})` : arg;
        return arg === node ? named : `${named} at ${node}`;
      };
      process.stdout.write(
        `${label(from, route.from, a)} -> ${label(to, route.to, b)} by ${mode}: ${route.minutes.toFixed(1)} min, ${route.km.toFixed(1)} km\n` +
          `path (${route.nodes.length} nodes): ${route.nodes.join(' > ')}\n` +
          `edges: ${route.edges.join(', ')}\n`,
      );
    });
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
