/**
 * Building stock per zone by structure class (shares of buildings and of residents), used where the region gives
 * no stock of its own (zones[].quake.stock). The mixes are estimates flagged as such:
 * - mountain counties (Jinkouhe, Ebian, Mabian): the stock of the 2022 Luding meizoseismal area (Ye et al. 2024,
 *   China Earthquake 40(3)): RC 5 %, fortified brick-concrete 8 %, unfortified brick-concrete 52 %, 穿斗木 timber
 *   10 %, adobe / brick-timber / stone-timber 25 % (the unfortified brick-concrete split as rural self-built
 *   houses 30 %, older urban 22 %);
 * - urban zones: post-2000 growth of the city and county seats is mostly RC frame and fortified brick-concrete;
 *   estimate 40 % RC (of which a quarter to VIII), 30 % fortified brick-concrete, 25 % older unfortified, 5 % rural
 *   type;
 * - other rural zones of the basin: between the two, with more fortified brick-concrete than the mountains after
 *   the post-2008 rural housing programme (estimate).
 */
import type { StructureClass } from './fragility.js';

export type StockMix = Readonly<Record<StructureClass, number>>;

export const MOUNTAIN_COUNTIES: ReadonlySet<string> = new Set(['jinkouhe', 'ebian', 'mabian']);

export const STOCK_MIXES = {
  mountain: { 'urml-pre': 0.55, 'urml-low': 0.22, 'rm1l-mod': 0.08, 'c1l-mod': 0.05, 'c1l-high': 0, 'w1-high': 0.1 },
  urban: { 'urml-pre': 0.05, 'urml-low': 0.25, 'rm1l-mod': 0.3, 'c1l-mod': 0.3, 'c1l-high': 0.1, 'w1-high': 0 },
  rural: { 'urml-pre': 0.35, 'urml-low': 0.25, 'rm1l-mod': 0.2, 'c1l-mod': 0.1, 'c1l-high': 0.02, 'w1-high': 0.08 },
} as const satisfies Record<string, StockMix>;

/** The default mix of a zone from its county and tags. */
export function defaultStock(county: string, tags: ReadonlySet<string>): StockMix {
  if (tags.has('urban') || tags.has('county-seat')) return STOCK_MIXES.urban;
  if (MOUNTAIN_COUNTIES.has(county) || tags.has('mountain')) return STOCK_MIXES.mountain;
  return STOCK_MIXES.rural;
}
