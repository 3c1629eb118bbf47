/**
 * `drillsim route` on the diamond fixture (all roads 60 km/h: minutes = km; AB 10, BD 10, AC 15, CD 15,
 * BC 6): the best route, its JSON form, closures, modes, and the exit codes for no route (1) and bad
 * input (2).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const diamond = join(import.meta.dirname, '..', 'fixtures', 'network', 'closures.json');

describe('drillsim route', () => {
  it('prints minutes, km and the path', async () => {
    const run = await runCli('route', diamond, 'A', 'D');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('A -> D by car: 20.0 min, 20.0 km\npath (3 nodes): A > B > D\nedges: AB, BD\n');
  });

  it('--json prints { from, to, mode, minutes, km, path }', async () => {
    const run = await runCli('route', diamond, 'A', 'D', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ from: 'A', to: 'D', mode: 'car', minutes: 20, km: 20, path: ['A', 'B', 'D'], edges: ['AB', 'BD'] });
  });

  it('--closed reroutes around the closed edges', async () => {
    const run = await runCli('route', diamond, 'A', 'D', '--closed', 'BD', '--json');
    expect(JSON.parse(run.stdout)).toMatchObject({ minutes: 30, km: 30, path: ['A', 'C', 'D'] });
    const two = await runCli('route', diamond, 'A', 'D', '--closed', 'AB, CD', '--json');
    // A-C-B-D: 15 + 6 + 10.
    expect(JSON.parse(two.stdout)).toMatchObject({ minutes: 31, path: ['A', 'C', 'B', 'D'] });
  });

  it('routes to a named point (it stands on a node) and names nodes in the text output', async () => {
    const run = await runCli('route', diamond, 'A', 'hospital');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^A -> hospital \(县医院\) at D by car: 20\.0 min/);
  });

  it('modes use their speed profiles', async () => {
    const minutes = async (mode: string): Promise<number> => (JSON.parse((await runCli('route', diamond, 'A', 'D', '--mode', mode, '--json')).stdout) as { minutes: number }).minutes;
    expect(await minutes('emergency')).toBeCloseTo(20 / 1.15, 3);
    expect(await minutes('truck')).toBe(20);
    expect(await minutes('foot')).toBe(240);
  });

  it('no route exits 1 with a message saying so', async () => {
    const run = await runCli('route', diamond, 'A', 'D', '--closed', 'BD,CD');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe("drillsim: no route from 'A' to 'D' by car in region 'diamond' with BD, CD closed\n");
    const boat = await runCli('route', diamond, 'A', 'D', '--mode', 'boat');
    expect(boat.code).toBe(1);
    expect(boat.stderr).toMatch(/no route from 'A' to 'D' by boat/);
  });

  it('bad input exits 2: unknown node, edge, mode or region', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['route', diamond, 'A', 'Q'], /unknown node or point 'Q' in region 'diamond'/],
      [['route', diamond, 'A', 'D', '--closed', 'XY'], /unknown edge 'XY' in region 'diamond'/],
      [['route', diamond, 'A', 'D', '--mode', 'plane'], /unknown travel mode 'plane'; expected one of car, emergency, truck, foot, boat/],
      [['route', 'atlantis', 'A', 'D'], /no region 'atlantis': not a file, not a directory with network.json, and not a built-in region/],
      [['route', diamond, 'A'], /missing required argument 'to'/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(...args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });
});
