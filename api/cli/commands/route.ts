/**
 * `drillsim route <region> <from> <to>`: the best route between two nodes (or named points) of a region,
 * in minutes and km, optionally with edges closed. Exit 1 when no route exists, 2 on bad input.
 */
import type { Command } from 'commander';
import { InputError } from '../../../engine/errors.js';
import { TRAVEL_MODES } from '../../../engine/network/modes.js';
import { RoadNetwork } from '../../../engine/network/road-network.js';
import { CliError, EXIT_FAILURE } from '../exit.js';
import { loadRegion } from '../load.js';

interface RouteFlags {
  mode: string;
  closed?: string;
  at: string;
  json?: boolean;
  algorithm: string;
}

export function register(program: Command): void {
  program
    .command('route')
    .description('best route between two nodes or points of a region (minutes, km, path)')
    .argument('<region>', 'region directory, network JSON file, or built-in region name (e.g. leshan)')
    .argument('<from>', 'node or point id')
    .argument('<to>', 'node or point id')
    .option('--mode <mode>', `travel mode: ${TRAVEL_MODES.join('|')}`, 'car')
    .option('--closed <edges>', 'comma-separated edge ids closed (and known) for this query')
    .option('--at <minutes>', 'query time in minutes from scenario start', '0')
    .option('--algorithm <name>', 'astar|dijkstra (same result; for checking)', 'astar')
    .option('--json', 'print { from, to, mode, minutes, km, path, edges } as JSON')
    .action((regionArg: string, from: string, to: string, flags: RouteFlags) => {
      const mode = RoadNetwork.mode(flags.mode);
      const at = Number(flags.at);
      if (!Number.isFinite(at)) throw new InputError([{ path: '', message: `--at must be a number of minutes, got '${flags.at}'` }]);
      if (flags.algorithm !== 'astar' && flags.algorithm !== 'dijkstra') {
        throw new InputError([{ path: '', message: `--algorithm must be astar or dijkstra, got '${flags.algorithm}'` }]);
      }
      const { network } = loadRegion(regionArg);
      const net = new RoadNetwork(network);
      const source = net.nodeIndexOf(from);
      const target = net.nodeIndexOf(to);
      const closed = (flags.closed ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      for (const id of closed) {
        net.edgeIndexOf(id);
        net.setState({ edge: id, start: Math.min(0, at), state: 'closed', knownAt: Math.min(0, at) });
      }
      const route = net.route(source, target, mode, at, { algorithm: flags.algorithm });
      if (route === null) {
        const with_ = closed.length > 0 ? ` with ${closed.join(', ')} closed` : '';
        throw new CliError(`no route from '${from}' to '${to}' by ${mode} in region '${network.id}'${with_}`, EXIT_FAILURE);
      }
      if (flags.json === true) {
        const out = { from, to, mode, minutes: round(route.minutes, 3), km: round(route.km, 3), path: route.nodes, edges: route.edges };
        process.stdout.write(`${JSON.stringify(out)}\n`);
        return;
      }
      const names = new Map<string, string | undefined>(network.nodes.map((n) => [n.id, n.name_zh ?? n.name]));
      const pointNames = new Map<string, string | undefined>((network.points ?? []).map((p) => [p.id, p.name_zh ?? p.name]));
      // "D (name)" for a node; "hospital (name) at D" when the argument was a named point on node D.
      const label = (arg: string, node: string): string => {
        const name = arg === node ? names.get(node) : pointNames.get(arg);
        const named = name !== undefined && name !== '' ? `${arg} (${name})` : arg;
        return arg === node ? named : `${named} at ${node}`;
      };
      process.stdout.write(
        `${label(from, route.from)} -> ${label(to, route.to)} by ${mode}: ${route.minutes.toFixed(1)} min, ${route.km.toFixed(1)} km\n` +
          `path (${route.nodes.length} nodes): ${route.nodes.join(' > ')}\n` +
          `edges: ${route.edges.join(', ')}\n`,
      );
    });
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
