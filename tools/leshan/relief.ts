/**
 * Shelters and relief reserves of the Leshan region. The plan gives only counts and totals (122 shelters
 * for 500,000 people; 1 city + 11 county + 75 township reserves holding 470,000 items [PLAN]); where they
 * stand and how the totals split are estimates, spread by population (scenarios/regions/leshan/README.md).
 */
import type { County, Reserve, Shelter, Stock, Zone } from '../../models/schema/region-assets.js';
import { ITEM_TYPES } from '../../models/schema/region-assets.js';
import { haversineKm } from '../../engine/network/geo.js';
import { COUNTIES, ITEMS, RESERVE_ITEMS, SHELTER_PLACES, SHELTERS, TIER_SHARE, TOWNSHIP_RESERVES } from './data.js';
import type { RegionGraphBuilder } from './graph.js';
import { hamilton } from './math.js';

/** 122 shelters: one per county plus the rest by population; places by population too. */
export function buildShelters(counties: County[], zones: Zone[]): Shelter[] {
  const shelterCounts = hamilton(SHELTERS - COUNTIES.length, counties.map((c) => c.population)).map((n) => n + 1);
  const shelterPlaces = hamilton(SHELTER_PLACES, counties.map((c) => c.population));
  const shelters: Shelter[] = [];
  COUNTIES.forEach((c, ci) => {
    // Shelters stand in the dry (non-flood) part of each township, in proportion to its people.
    const hosts = zones.filter((z) => z.county === c.id && z.flood === undefined);
    const perZone = hamilton(shelterCounts[ci]!, hosts.map((z) => z.population));
    const sites: Array<{ zone: Zone; k: number; of: number }> = [];
    hosts.forEach((z, i) => {
      for (let k = 0; k < perZone[i]!; k++) sites.push({ zone: z, k, of: perZone[i]! });
    });
    const caps = hamilton(shelterPlaces[ci]!, sites.map((s) => s.zone.population / s.of));
    sites.forEach((s, i) => {
      const isSeatFirst = s.zone.node === c.seatNode && s.k === 0;
      const nodeId = isSeatFirst ? `sh_${c.id}` : s.zone.node;
      const tw = s.zone.name.replace(/ (Subdistrict|Town|Township|Yi Ethnic Township)$/, '');
      shelters.push({
        id: `shelter-${c.id}-${String(i + 1).padStart(2, '0')}`,
        name: `${tw} emergency shelter ${s.k + 1}`,
        name_zh: `${s.zone.name_zh}应急避难场所${s.k + 1}(示意)`,
        county: c.id,
        zone: s.zone.id,
        node: nodeId,
        capacity: caps[i]!,
        estimated: true,
        src: ['PLAN', 'EST'],
        ...(isSeatFirst ? { note: "on the reference's placeholder shelter node" } : {}),
      });
    });
  });
  return shelters;
}

/** 1 city + 11 county + 75 township reserves; items split by tier, then by population within a tier. */
export function buildReserves(graph: RegionGraphBuilder, counties: County[], zones: Zone[], townshipPop: Map<string, number>): Reserve[] {
  const tierTotals = hamilton(RESERVE_ITEMS, [TIER_SHARE.city, TIER_SHARE.county, TIER_SHARE.township]);
  const stockFor = (total: number, tier: 'city' | 'county' | 'township'): Stock => {
    const split = hamilton(total, ITEMS.map((it) => it.share[tier]));
    const stock = {} as Stock;
    ITEM_TYPES.forEach((t) => (stock[t] = 0));
    ITEMS.forEach((it, i) => (stock[it.id] = split[i]!));
    return stock;
  };
  const reserves: Reserve[] = [
    {
      id: 'reserve-city',
      name: 'City disaster-relief reserve warehouse',
      name_zh: '市本级救灾物资储备库(位置示意)',
      tier: 'city',
      county: 'shizhong',
      node: 'res_city',
      stock: stockFor(tierTotals[0]!, 'city'),
      estimated: true,
      estimatedFields: ['node', 'stock'],
      src: ['PLAN', 'S23', 'EST'],
    },
  ];
  const countyItems = hamilton(tierTotals[1]!, counties.map((c) => c.population));
  COUNTIES.forEach((c, i) => {
    reserves.push({
      id: `reserve-${c.id}`,
      name: `${c.name} relief reserve`,
      name_zh: `${c.name_zh}救灾物资储备库(室)(位置示意)`,
      tier: 'county',
      county: c.id,
      node: `res_${c.id}`,
      stock: stockFor(countyItems[i]!, 'county'),
      estimated: true,
      estimatedFields: ['node', 'stock'],
      src: ['PLAN', 'S23', 'EST'],
    });
  });
  // 75 "disaster-prone and remote" townships (多灾易灾、边远乡镇): riverside townships first, then those of
  // mountain counties, then the farthest from their county seat; never the seat township (it has the county store).
  const townshipZones = zones.filter((z) => z.flood === undefined);
  const riverside = new Set(zones.filter((z) => z.flood !== undefined).map((z) => z.township));
  const ranked = townshipZones
    .filter((z) => !z.tags.includes('county-seat'))
    .map((z) => {
      const c = COUNTIES.find((x) => x.id === z.county)!;
      const s = graph.node(c.seatNode);
      const n = graph.node(z.node);
      const rank = riverside.has(z.township!) ? 0 : z.tags.includes('mountain') ? 1 : 2;
      return { z, rank, dist: haversineKm(s.lat, s.lon, n.lat, n.lon) };
    })
    .sort((a, b) => a.rank - b.rank || b.dist - a.dist || a.z.township!.localeCompare(b.z.township!));
  const chosen = ranked.slice(0, TOWNSHIP_RESERVES).map((r) => r.z).sort((a, b) => a.township!.localeCompare(b.township!));
  const townshipItems = hamilton(tierTotals[2]!, chosen.map((z) => townshipPop.get(z.township!)!));
  chosen.forEach((z, i) => {
    reserves.push({
      id: `reserve-${z.id}`,
      name: `${z.name} relief store`,
      name_zh: `${z.name_zh}救灾物资储备点`,
      tier: 'township',
      county: z.county,
      township: z.township,
      node: z.node,
      stock: stockFor(townshipItems[i]!, 'township'),
      estimated: true,
      estimatedFields: ['township', 'node', 'stock'],
      src: ['PLAN', 'EST'],
    });
  });
  return reserves;
}
