/**
 * The built-in Leshan region against the figures of its sources: census totals, the plan's counts
 * (122 shelters / 500,000 places, 1 + 11 + 75 reserves / 470,000 items, 38 teams, 18 new fire stations),
 * the 2020 flood facts, and structural invariants (one connected network, every reference resolves,
 * every estimate flagged). Graph checks are computed here from the raw JSON, independently of the loader.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRegion, type LoadedRegion } from '../../models/region/load.js';
import { ITEM_TYPES, TEAM_TYPES, type Zone } from '../../models/schema/region-assets.js';

const DIR = fileURLToPath(new URL('../../scenarios/regions/leshan/', import.meta.url));
const TOWNSHIP_LIST = JSON.parse(readFileSync(new URL('../../tools/leshan/townships-5111.json', import.meta.url), 'utf8')) as {
  townships: Array<{ code: string; countyCode: string }>;
};

let region: LoadedRegion;
beforeAll(() => {
  region = loadRegion('leshan');
});

interface RawEdge {
  id: string;
  from: string;
  to: string;
  water?: boolean;
}

/** Components of the undirected graph, by BFS. */
function components(nodeIds: string[], edges: RawEdge[]): string[][] {
  const adj = new Map<string, string[]>(nodeIds.map((id) => [id, []]));
  for (const e of edges) {
    adj.get(e.from)!.push(e.to);
    adj.get(e.to)!.push(e.from);
  }
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const start of nodeIds) {
    if (seen.has(start)) continue;
    const comp = [start];
    seen.add(start);
    for (let i = 0; i < comp.length; i++) {
      for (const next of adj.get(comp[i]!)!) {
        if (!seen.has(next)) {
          seen.add(next);
          comp.push(next);
        }
      }
    }
    out.push(comp);
  }
  return out;
}

const CENSUS_2020: Record<string, number> = {
  // 7th census [S25] (tools/leshan/sources/README.md)
  shizhong: 814_597,
  shawan: 144_931,
  wutongqiao: 237_933,
  jinkouhe: 38_727,
  qianwei: 416_673,
  jingyan: 280_641,
  jiajiang: 305_441,
  muchuan: 192_313,
  ebian: 121_554,
  mabian: 188_251,
  emeishan: 419_107,
};

function peak2020(gaugeId: string, event = '2020-08-18'): number {
  const g = region.assets.gauges.find((x) => x.id === gaugeId)!;
  return g.events.find((e) => e.id === event)?.peakStageM ?? -Infinity;
}

/** The stage at which water gets into a zone: its ground, or behind a dike the dike's crest (overtopping). */
function entryStage(z: Zone): number {
  return z.flood!.dike?.crestM ?? z.flood!.floodStageM;
}

function floodedAt(zones: Zone[], event: string): number {
  return zones.filter((z) => z.flood !== undefined && entryStage(z) < peak2020(z.flood.gauge, event)).reduce((s, z) => s + z.population, 0);
}

describe('Leshan network', () => {
  it('is one connected component, also for land traffic alone, and edges reference existing nodes', () => {
    const raw = JSON.parse(readFileSync(`${DIR}network.json`, 'utf8')) as { nodes: Array<{ id: string }>; edges: RawEdge[] };
    const ids = raw.nodes.map((n) => n.id);
    const idSet = new Set(ids);
    expect(idSet.size).toBe(ids.length);
    for (const e of raw.edges) {
      expect(idSet.has(e.from), e.id).toBe(true);
      expect(idSet.has(e.to), e.id).toBe(true);
    }
    expect(components(ids, raw.edges)).toHaveLength(1);
    expect(components(ids, raw.edges.filter((e) => e.water !== true))).toHaveLength(1);
  });

  it('keeps the reference node ids and uses from--to edge ids', () => {
    const ids = new Set(region.network.nodes.map((n) => n.id));
    for (const id of ['shizhong_seat', 'fengzhou', 'st_wutongqiao', 'st_xiaogongzui', 'br_minjiang1', 'cp_wtq_yanlin', 'meishan', 'yaan', 'yibin', 'zigong', 'neijiang', 'res_city', 'sh_mabian']) {
      expect(ids.has(id), id).toBe(true);
    }
    const edgeIds = new Set<string>();
    for (const e of region.network.edges) {
      expect(e.id === `${e.from}--${e.to}` || new RegExp(`^${e.from}--${e.to}-\\d+$`).test(e.id), e.id).toBe(true);
      expect(edgeIds.has(e.id)).toBe(false);
      edgeIds.add(e.id);
    }
    // The reference has two roads between the city and Suji (expressway and G245/S308).
    expect(edgeIds.has('shizhong_seat--suji')).toBe(true);
    expect(edgeIds.has('shizhong_seat--suji-2')).toBe(true);
  });

  it('flags every node and edge it adds as estimated, with Chinese names beside English ones', () => {
    const added = region.network.nodes.filter((n) => ['township', 'zone', 'wharf'].includes(n.kind));
    expect(added.length).toBeGreaterThan(100);
    for (const n of added) {
      expect(n.estimated, n.id).toBe(true);
      expect(n.src?.length, n.id).toBeGreaterThan(0);
    }
    for (const n of region.network.nodes) {
      expect(n.name, n.id).toBeTruthy();
      expect(n.name_zh, n.id).toBeTruthy();
    }
    for (const e of region.network.edges.filter((x) => x.props?.['schematic'] === true)) expect(e.estimated, e.id).toBe(true);
  });
});

describe('Leshan zones', () => {
  it('add up exactly to the 2020 census, in total and per county', () => {
    const zones = region.zones.zones;
    expect(zones.reduce((s, z) => s + z.population, 0)).toBe(3_160_168);
    for (const [county, pop] of Object.entries(CENSUS_2020)) {
      expect(zones.filter((z) => z.county === county).reduce((s, z) => s + z.population, 0), county).toBe(pop);
      expect(region.zones.counties.find((c) => c.id === county)?.population).toBe(pop);
    }
    expect(zones.reduce((s, z) => s + z.households, 0)).toBe(1_182_406);
  });

  it('cover every township of the 11 counties, each zone in the county its township code says', () => {
    const codes = new Set(region.zones.zones.map((z) => z.township));
    const listed = TOWNSHIP_LIST.townships.map((t) => t.code);
    expect(listed).toHaveLength(132);
    expect([...codes].sort()).toEqual([...listed].sort());
    const countyCode = new Map(region.zones.counties.map((c) => [c.id, c.code]));
    for (const z of region.zones.zones) expect(z.township?.startsWith(countyCode.get(z.county)!), z.id).toBe(true);
    expect(new Set(region.zones.zones.map((z) => z.county)).size).toBe(11);
  });

  it('have a plausible household size (2.54 per family household city-wide)', () => {
    for (const z of region.zones.zones) {
      const size = z.population / z.households;
      expect(size, z.id).toBeGreaterThan(2.4);
      expect(size, z.id).toBeLessThan(2.9);
    }
  });

  it('make Fengzhou island its own zone of 1,020 people, cut off when its only land link floods', () => {
    const f = region.zones.zones.find((z) => z.node === 'fengzhou');
    expect(f?.population).toBe(1020);
    expect(f?.tags).toContain('island');
    const access = f!.flood!.accessEdge!;
    const fe = region.assets.floodableEdges.find((e) => e.edge === access)!;
    expect(fe.kind).toBe('bridge');
    // The bridge goes under at the 8-18 peak, not at the 8-17 peak; the village stays dry (278 stayed overnight).
    expect(fe.floodStageM).toBeLessThan(peak2020('xiaogongzui'));
    expect(fe.floodStageM).toBeGreaterThan(peak2020('xiaogongzui', '2020-08-17'));
    expect(f!.flood!.floodStageM).toBeGreaterThan(peak2020('xiaogongzui'));
    // Without that edge the island is reachable only by water.
    const land = region.network.edges.filter((e) => e.water !== true && e.id !== access);
    const comp = components(region.network.nodes.map((n) => n.id), land);
    expect(comp.find((c) => c.includes('fengzhou'))).toEqual(['fengzhou']);
    expect(region.network.edges.some((e) => e.water === true && (e.from === 'fengzhou' || e.to === 'fengzhou'))).toBe(true);
  });

  it('flood at the recorded 2020 peaks roughly the 196,800 people evacuated, fewer at the 17 August peak', () => {
    const zones = region.zones.zones;
    const flooded = floodedAt(zones, '2020-08-18');
    expect(Math.abs(flooded - 196_800) / 196_800).toBeLessThan(0.05);
    const first = zones
      .filter((z) => z.flood?.gauge === 'xiaogongzui')
      .filter((z) => entryStage(z) < peak2020('xiaogongzui', '2020-08-17'))
      .reduce((s, z) => s + z.population, 0);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(zones.filter((z) => z.flood?.gauge === 'xiaogongzui' && entryStage(z) < peak2020('xiaogongzui')).reduce((s, z) => s + z.population, 0));
    // Bigger floods reach more people: the second-line zones lie above the 2020 peaks.
    const secondLine = zones.filter((z) => z.tags.includes('protected'));
    expect(secondLine.length).toBeGreaterThan(0);
    for (const z of secondLine) {
      // Behind a flood wall above the 2020 peaks, with ground below them (it floods deep if the wall fails).
      expect(z.flood!.dike, z.id).toBeDefined();
      expect(entryStage(z), z.id).toBeGreaterThan(peak2020(z.flood!.gauge));
      expect(z.flood!.floodStageM, z.id).toBeLessThan(z.flood!.dike!.crestM);
    }
    // The floodplain tag marks the 2020-scale evacuation set: what 2020 flooded plus the bands just above it.
    const floodplain = zones.filter((z) => z.tags.includes('floodplain')).reduce((s, z) => s + z.population, 0);
    expect(floodplain).toBeGreaterThanOrEqual(flooded);
    expect(floodplain).toBeLessThan(1.1 * 196_800);
    for (const z of secondLine) expect(z.tags, z.id).not.toContain('floodplain');
  });

  it('give every floodplain zone on the three rivers a controlling gauge on its river', () => {
    const floodplain = region.zones.zones.filter((z) => z.tags.includes('floodplain'));
    expect(floodplain.length).toBeGreaterThan(40);
    const rivers = new Set<string>();
    for (const z of floodplain) {
      const g = region.assets.gauges.find((x) => x.id === z.flood?.gauge);
      expect(g, z.id).toBeDefined();
      expect(['min', 'dadu', 'qingyi']).toContain(z.flood!.river);
      expect(z.tags).toContain(z.flood!.river);
      rivers.add(z.flood!.river);
      // Thresholds sit within a few metres of the gauge's warning level, not in another datum.
      expect(Math.abs(z.flood!.floodStageM - g!.warningStageM), z.id).toBeLessThan(8);
    }
    expect([...rivers].sort()).toEqual(['dadu', 'min', 'qingyi']);
  });
});

describe('Leshan gauges', () => {
  it('carry the sourced thresholds', () => {
    const g = (id: string) => region.assets.gauges.find((x) => x.id === id)!;
    expect(g('wutongqiao').warningStageM).toBe(340.7); // S14
    expect(g('jiajiang').warningStageM).toBe(412.0); // S15
    expect(g('laojiangba').warningStageM).toBe(358.5); // S15
    expect(g('suji').warningStageM).toBe(374.5); // S17
    expect(g('ebian').guaranteedStageM).toBe(537.0); // S18
    for (const id of ['wutongqiao', 'jiajiang', 'xiaogongzui', 'shawan', 'ebian']) expect(g(id).warningStageM).toBeLessThan(g(id).guaranteedStageM);
  });

  it('have rating curves Q = a (H - H0)^b that reproduce their fit points and the 2020 peaks', () => {
    for (const g of region.assets.gauges) {
      if (g.rating === undefined) continue;
      const { a, b, h0M } = g.rating;
      for (const p of g.rating.fitPoints) {
        const q = a * (p.stageM - h0M) ** b;
        // Measured points of the fitted curves are matched within 25 %; the Xiaogongzui curve passes through both.
        expect(Math.abs(q - p.flowM3s!) / p.flowM3s!, `${g.id} at ${p.stageM}`).toBeLessThan(g.id === 'xiaogongzui' ? 0.01 : 0.25);
      }
      for (const e of g.events) {
        if (e.peakStageM === undefined || e.peakFlowM3s === undefined || e.estimatedFields?.includes('peakStageM') !== true) continue;
        expect(a * (e.peakStageM - h0M) ** b, `${g.id} ${e.id}`).toBeCloseTo(e.peakFlowM3s, -2);
      }
    }
    expect(region.assets.gauges.find((x) => x.id === 'xiaogongzui')!.events.find((e) => e.id === '2020-08-18')!.peakStageM).toBe(365.17);
  });
});

describe('Leshan assets', () => {
  it('have 122 shelters with 500,000 places, spread by county population', () => {
    const shelters = region.assets.shelters;
    expect(shelters).toHaveLength(122);
    expect(shelters.reduce((s, x) => s + x.capacity, 0)).toBe(500_000);
    const total = 3_160_168;
    for (const [county, pop] of Object.entries(CENSUS_2020)) {
      const mine = shelters.filter((s) => s.county === county);
      expect(mine.length, county).toBeGreaterThanOrEqual(1);
      expect(Math.abs(mine.length - (122 * pop) / total), county).toBeLessThanOrEqual(1.5);
      expect(Math.abs(mine.reduce((s, x) => s + x.capacity, 0) - (500_000 * pop) / total), county).toBeLessThanOrEqual(1);
    }
    const nodes = new Map(region.network.nodes.map((n) => [n.id, n]));
    for (const s of shelters) {
      expect(s.estimated).toBe(true);
      expect(nodes.get(s.node)?.props?.['county'], s.id).toBe(s.county);
      // Shelters stand in the dry part of a township, never in a zone that floods.
      expect(region.zones.zones.find((z) => z.id === s.zone)?.flood, s.id).toBeUndefined();
    }
  });

  it('have 1 city, 11 county and 75 township reserves holding 470,000 items of every type', () => {
    const r = region.assets.reserves;
    expect(r.filter((x) => x.tier === 'city')).toHaveLength(1);
    const county = r.filter((x) => x.tier === 'county');
    expect(county).toHaveLength(11);
    expect(new Set(county.map((x) => x.county)).size).toBe(11);
    expect(r.filter((x) => x.tier === 'township')).toHaveLength(75);
    let total = 0;
    for (const item of ITEM_TYPES) {
      const n = r.reduce((s, x) => s + x.stock[item], 0);
      expect(n, item).toBeGreaterThan(0);
      total += n;
    }
    expect(total).toBe(470_000);
    for (const x of r) expect(x.estimated).toBe(true);
  });

  it('have the 38 city-level teams of all nine types, boats where they fight floods', () => {
    const teams = region.assets.teams;
    expect(teams.filter((t) => t.level === 'city')).toHaveLength(38);
    expect(new Set(teams.map((t) => t.type))).toEqual(new Set(TEAM_TYPES));
    for (const t of teams.filter((x) => x.type === 'flood-rescue-assault')) expect(t.equipment.boats ?? 0, t.id).toBeGreaterThan(0);
    expect(teams.find((t) => t.id === 'team-maritime-search')?.equipment.boats).toBe(25); // S31
    for (const t of teams) expect(t.estimated).toBe(true);
  });

  it('have the existing fire service (676 people, 138 vehicles) and the 18 new stations of the plan', () => {
    const fs = region.assets.fireStations;
    const existing = fs.filter((s) => s.status === 'existing');
    expect(existing.reduce((s, x) => s + x.crew, 0)).toBe(676);
    expect(existing.reduce((s, x) => s + x.vehicles, 0)).toBe(138);
    expect(existing.filter((s) => s.type === 'fire-rescue-station')).toHaveLength(9);
    expect(fs.filter((s) => s.status === 'planned')).toHaveLength(18);
  });

  it('list the five neighbours for mutual aid and the 2020 reinforcements (449 firefighters, 109 vehicles, 49 boats)', () => {
    const aid = region.assets.mutualAid;
    for (const [id, node] of [
      ['aid-meishan', 'meishan'],
      ['aid-yaan', 'yaan'],
      ['aid-yibin', 'yibin'],
      ['aid-zigong', 'zigong'],
      ['aid-neijiang', 'neijiang'],
    ] as const) {
      const m = aid.find((x) => x.id === id);
      expect(m?.node, id).toBe(node);
      expect(m?.neighbour).toBe(true);
    }
    const sent = aid.filter((m) => m.sent2020);
    expect(sent).toHaveLength(8);
    expect(sent.reduce((s, m) => s + m.offer.firefighters, 0)).toBe(449);
    expect(sent.reduce((s, m) => s + m.offer.vehicles, 0)).toBe(109);
    expect(sent.reduce((s, m) => s + m.offer.boats, 0)).toBe(49);
    const lead = (id: string) => aid.find((m) => m.id === id)!.leadTimeH.mode;
    expect(lead('aid-meishan')).toBeLessThan(lead('aid-neijiang'));
    expect(lead('aid-chengdu')).toBeLessThan(lead('aid-guangan'));
  });

  it('flood the Yongxiang plant and the Giant Buddha at the 2020 peaks', () => {
    const f = (id: string) => region.assets.facilities.find((x) => x.id === id)!;
    expect(f('yongxiang-plant').flood!.floodStageM).toBeLessThan(peak2020('wutongqiao'));
    expect(f('yongxiang-plant').substances).toContain('HCl');
    expect(f('giant-buddha').flood!.floodStageM).toBeLessThan(365.17);
  });
});

describe('Leshan references and estimates', () => {
  it('resolve every node, edge and gauge a zone or asset names', () => {
    const nodes = new Set(region.network.nodes.map((n) => n.id));
    const edges = new Set(region.network.edges.map((e) => e.id));
    const gauges = new Set(region.assets.gauges.map((g) => g.id));
    const a = region.assets;
    const refs = [
      ...region.zones.zones.map((z) => z.node),
      ...region.zones.counties.map((c) => c.seatNode),
      ...a.gauges.map((g) => g.node),
      ...a.shelters.map((s) => s.node),
      ...a.reserves.map((r) => r.node),
      ...a.fireStations.map((s) => s.node),
      ...a.teams.map((t) => t.homeNode),
      ...a.mutualAid.map((m) => m.node),
      ...a.facilities.map((f) => f.node),
    ];
    for (const r of refs) expect(nodes.has(r), r).toBe(true);
    for (const e of a.floodableEdges) expect(edges.has(e.edge), e.edge).toBe(true);
    for (const z of region.zones.zones) if (z.flood?.accessEdge !== undefined) expect(edges.has(z.flood.accessEdge), z.id).toBe(true);
    for (const g of [...region.zones.zones.map((z) => z.flood?.gauge), ...a.floodableEdges.map((e) => e.gauge), ...a.facilities.map((f) => f.flood?.gauge)]) {
      if (g !== undefined) expect(gauges.has(g), g).toBe(true);
    }
  });

  it('flag every record that cites the estimate source, and cite only listed sources', () => {
    const sources = new Set(region.manifest.sources.map((s) => s.id));
    let flagged = 0;
    const walk = (v: unknown, where: string): void => {
      if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${where}/${i}`));
      if (v === null || typeof v !== 'object') return;
      const rec = v as Record<string, unknown>;
      if (Array.isArray(rec['src'])) {
        for (const s of rec['src'] as string[]) expect(sources.has(s), `${where}: ${s}`).toBe(true);
        if ((rec['src'] as string[]).includes('EST') && 'estimated' in rec) {
          expect(rec['estimated'], where).toBe(true);
          flagged++;
        }
      }
      for (const [k, x] of Object.entries(rec)) if (k !== 'src') walk(x, `${where}/${k}`);
    };
    walk(region.zones, 'zones.json');
    walk(region.assets, 'assets.json');
    expect(flagged).toBeGreaterThan(500);
    // Every zone's population below county level is an estimate.
    for (const z of region.zones.zones) expect(z.estimated, z.id).toBe(true);
  });
});
