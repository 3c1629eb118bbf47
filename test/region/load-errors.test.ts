/**
 * Bad region files give an InputError whose issues say where (file, line, column, JSON pointer) and
 * name the element and the problem. Each case copies the Leshan region to a temporary directory and
 * breaks one thing.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError, type InputIssue } from '../../engine/errors.js';
import { loadRegion, validateRegionDataFile, validateRegionDirectory } from '../../models/region/load.js';
import type { RegionNetwork } from '../../engine/network/schema.js';

const SRC = fileURLToPath(new URL('../../scenarios/regions/leshan/', import.meta.url));
const FILES = ['region.json', 'network.json', 'zones.json', 'assets.json'];
const dirs: string[] = [];

function copyRegion(): string {
  const dir = mkdtempSync(join(tmpdir(), 'drillsim-region-'));
  dirs.push(dir);
  for (const f of FILES) copyFileSync(join(SRC, f), join(dir, f));
  return dir;
}

afterEach(() => {
  while (dirs.length > 0) rmSync(dirs.pop()!, { recursive: true, force: true });
});

type Json = Record<string, unknown> & { zones: Array<Record<string, unknown>> };

/** Rewrite one file of the copy through `mutate`, pretty-printed so positions are easy to find. */
function mutate(dir: string, file: string, fn: (doc: Json) => void): string {
  const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Json;
  fn(doc);
  const text = JSON.stringify(doc, null, 2);
  writeFileSync(join(dir, file), text);
  return text;
}

function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  expect(i, needle).toBeGreaterThanOrEqual(0);
  return text.slice(0, i).split('\n').length;
}

function issuesOf(dir: string): InputIssue[] {
  try {
    loadRegion(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).issues;
  }
  throw new Error('expected an InputError');
}

function issueAt(issues: InputIssue[], path: string): InputIssue {
  const found = issues.find((i) => i.path === path);
  expect(found, `no issue at ${path}; got ${issues.map((i) => `${i.path}: ${i.message}`).join(' | ')}`).toBeDefined();
  return found!;
}

describe('loadRegion', () => {
  it('loads the copy unchanged, by directory or by region.json path', () => {
    const dir = copyRegion();
    expect(loadRegion(dir).zones.zones.length).toBeGreaterThan(132);
    expect(loadRegion(join(dir, 'region.json')).manifest.id).toBe('leshan');
  });

  it('reports a zone on an unknown node with its pointer, line and the zone id', () => {
    const dir = copyRegion();
    let id = '';
    const text = mutate(dir, 'zones.json', (d) => {
      id = d.zones[5]!['id'] as string;
      d.zones[5]!['node'] = 'nowhere-node';
    });
    const issue = issueAt(issuesOf(dir), '/zones/5/node');
    expect(issue.message).toContain(`zone '${id}'`);
    expect(issue.message).toContain("unknown network node 'nowhere-node'");
    expect(issue.file).toBe(join(dir, 'zones.json'));
    expect(issue.line).toBe(lineOf(text, '"nowhere-node"'));
    expect(issue.column).toBeGreaterThan(1);
  });

  it('reports schema violations: a negative population and an unknown property', () => {
    const dir = copyRegion();
    const text = mutate(dir, 'zones.json', (d) => {
      d.zones[2]!['population'] = -5;
      d.zones[0]!['colour'] = 'blue';
    });
    const issues = issuesOf(dir);
    const pop = issueAt(issues, '/zones/2/population');
    expect(pop.message).toMatch(/zone '.+': population must be at least 0; got -5/);
    expect(pop.line).toBe(lineOf(text, '-5'));
    const extra = issueAt(issues, '/zones/0/colour');
    expect(extra.message).toContain("unknown property 'colour'");
    expect(extra.line).toBe(lineOf(text, '"colour"'));
  });

  it('reports a duplicate shelter id and a team based on an unknown node', () => {
    const dir = copyRegion();
    let first = '';
    mutate(dir, 'assets.json', (d) => {
      const shelters = d['shelters'] as Array<Record<string, unknown>>;
      first = shelters[0]!['id'] as string;
      shelters[1]!['id'] = first;
      (d['teams'] as Array<Record<string, unknown>>)[0]!['homeNode'] = 'atlantis';
    });
    const issues = issuesOf(dir);
    expect(issueAt(issues, '/shelters/1/id').message).toContain(`shelter '${first}': duplicate id (first at /shelters/0)`);
    const team = issueAt(issues, '/teams/0/homeNode');
    expect(team.message).toMatch(/^team '.+': homeNode refers to unknown network node 'atlantis'/);
  });

  it('reports an unknown gauge, an unknown source and an estimate that is not flagged', () => {
    const dir = copyRegion();
    let floodIndex = -1;
    mutate(dir, 'zones.json', (d) => {
      floodIndex = d.zones.findIndex((z) => z['flood'] !== undefined);
      (d.zones[floodIndex]!['flood'] as Record<string, unknown>)['gauge'] = 'no-such-gauge';
      (d.zones[0]!['src'] as string[])[0] = 'S999';
    });
    mutate(dir, 'assets.json', (d) => {
      (d['shelters'] as Array<Record<string, unknown>>)[0]!['estimated'] = false;
    });
    const issues = issuesOf(dir);
    expect(issueAt(issues, `/zones/${floodIndex}/flood/gauge`).message).toContain("flood gauge 'no-such-gauge' is not in assets gauges");
    expect(issueAt(issues, '/zones/0/src/0').message).toContain("unknown source 'S999'");
    expect(issueAt(issues, '/shelters/0/estimated').message).toContain("cites the estimate source 'EST' but is not flagged estimated: true");
  });

  it('reports zones that no longer add up to the county and census totals', () => {
    const dir = copyRegion();
    let county = '';
    mutate(dir, 'zones.json', (d) => {
      county = d.zones[0]!['county'] as string;
      d.zones[0]!['population'] = (d.zones[0]!['population'] as number) + 1;
    });
    const issues = issuesOf(dir);
    expect(issues.some((i) => i.path.startsWith('/counties/') && i.message.includes(`county '${county}'`))).toBe(true);
    expect(issueAt(issues, '/census/population').message).toContain('3160169');
  });

  it('reports JSON syntax errors with line and column', () => {
    const dir = copyRegion();
    const text = readFileSync(join(dir, 'assets.json'), 'utf8');
    writeFileSync(join(dir, 'assets.json'), text.replace('"teams": [', '"teams": [,'));
    const issue = issuesOf(dir)[0]!;
    expect(issue.file).toBe(join(dir, 'assets.json'));
    expect(issue.message).toMatch(/invalid JSON/);
    expect(issue.line).toBe(lineOf(text, '"teams": ['));
  });

  it('reports a directory without region.json', () => {
    const dir = copyRegion();
    rmSync(join(dir, 'region.json'));
    expect(issuesOf(dir)[0]!.message).toContain('expected a region.json');
  });

  it('reads the network through the injected loader, and checks references against what it returns', () => {
    const dir = copyRegion();
    const seen: string[] = [];
    const real = JSON.parse(readFileSync(join(dir, 'network.json'), 'utf8')) as RegionNetwork;
    const loadNetwork = (file: string) => {
      seen.push(file);
      return { network: { ...real, nodes: real.nodes.filter((n) => n.id !== 'fengzhou') }, warnings: [] };
    };
    let issues: InputIssue[] = [];
    try {
      loadRegion(dir, { loadNetwork });
    } catch (err) {
      issues = (err as InputError).issues;
    }
    expect(seen).toEqual([join(dir, 'network.json')]);
    const zoneIssue = issues.find((i) => i.message.includes("unknown network node 'fengzhou'"));
    expect(zoneIssue?.path).toMatch(/^\/zones\/\d+\/node$/);
    expect(zoneIssue?.message).toContain("zone 'shizhong-fengzhou'");
  });
});

describe('validateRegionDirectory / validateRegionDataFile', () => {
  it('summarise a valid region and a valid data file', () => {
    const dir = copyRegion();
    expect(validateRegionDirectory(dir).summary).toMatch(/^region 'leshan': \d+ nodes, \d+ edges, 182 zones \(3160168 people\), 8 gauges, 122 shelters, 87 reserves/);
    expect(validateRegionDataFile(join(dir, 'assets.json')).summary).toContain('122 shelters');
    expect(validateRegionDataFile(join(dir, 'zones.json')).summary).toContain('182 zones');
  });

  it('locate schema errors in a single file, and refuse a file of another kind', () => {
    const dir = copyRegion();
    const text = mutate(dir, 'assets.json', (d) => {
      (d['teams'] as Array<Record<string, unknown>>)[3]!['type'] = 'ninjas';
    });
    let issues: InputIssue[] = [];
    try {
      validateRegionDataFile(join(dir, 'assets.json'));
    } catch (err) {
      issues = (err as InputError).issues;
    }
    const issue = issueAt(issues, '/teams/3/type');
    expect(issue.message).toMatch(/^team '.+': type must be one of fire-rescue, hazchem, .*; got "ninjas"/);
    expect(issue.line).toBe(lineOf(text, '"ninjas"'));
    expect(() => validateRegionDataFile(join(dir, 'network.json'))).toThrow(/kind must be one of region, region-zones, region-assets/);
  });
});
