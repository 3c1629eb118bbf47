/**
 * The chemical-release parts of the Leshan region (models/hazards/hazchem/region.ts): storage tanks of the
 * Wutongqiao chemical and polysilicon plants, and the usual air exchange of the Wutongqiao zones' homes.
 * Every value is an estimate (no public inventory lists exist for these plants): the reasoning is in each
 * row's note and in docs/models/hazchem.md sections 6, 7 and 10.
 */
import type { Tank } from '../../models/hazards/hazchem/region.js';
import type { Facility, Zone } from '../../models/schema/region-assets.js';

const TANK_NOTE = {
  tcs: 'estimate: polysilicon plants hold trichlorosilane in nitrogen-blanketed vessels of tens of tonnes; a pressure vessel takes the conservative unanchored-tank curve',
  stc: 'estimate: silicon tetrachloride (the by-product) is held in larger atmospheric tanks',
  cl2: 'estimate: liquefied chlorine for pesticide synthesis, held in pressure vessels (conservative unanchored-tank curve)',
  nh3: 'estimate: liquefied ammonia for the soda-ash (Hou process) plant, held in pressure vessels (conservative unanchored-tank curve)',
} as const;

const TANKS: Readonly<Record<string, Array<Omit<Tank, 'estimated' | 'src'>>>> = {
  'yongxiang-plant': [
    { id: 'yx-tcs-1', material: 'SiHCl3', inventoryKg: 30000, fragility: 'hazus-unanchored', note: TANK_NOTE.tcs },
    { id: 'yx-stc-1', material: 'SiCl4', inventoryKg: 50000, fragility: 'ala-atmospheric', note: TANK_NOTE.stc },
  ],
  'wtq-polysilicon-cluster': [
    { id: 'pc-tcs-1', material: 'SiHCl3', inventoryKg: 20000, fragility: 'hazus-unanchored', note: TANK_NOTE.tcs },
    { id: 'pc-stc-1', material: 'SiCl4', inventoryKg: 100000, fragility: 'ala-atmospheric', note: TANK_NOTE.stc },
  ],
  'fuhua-plant': [{ id: 'fh-cl2-1', material: 'Cl2', inventoryKg: 50000, fragility: 'hazus-unanchored', note: TANK_NOTE.cl2 }],
  'hebang-plant': [{ id: 'hb-nh3-1', material: 'NH3', inventoryKg: 100000, fragility: 'hazus-unanchored', note: TANK_NOTE.nh3 }],
};

/** Usual air changes per hour of homes in August (windows as usual): riverside and rural housing is leakier. */
const ACH = {
  open: { value: 2.5, note: 'estimate: riverside and village houses, often open in August: above the 2 /h of leaky houses (ALOHA technical documentation)' },
  town: { value: 1.5, note: 'estimate: town flats and houses, windows partly open in August: top of the 0.5-1.5 /h residential range' },
} as const;

/** Add the tanks to their facilities and the air exchange to the Wutongqiao zones. */
export function addHazchemData(facilities: Facility[], zones: Zone[]): void {
  for (const f of facilities) {
    const tanks = TANKS[f.id];
    if (tanks === undefined) continue;
    f.hazchem = { tanks: tanks.map((t) => ({ ...t, estimated: true, src: ['EST'] })) };
    f.estimatedFields = [...(f.estimatedFields ?? []), 'hazchem'];
  }
  for (const z of zones) {
    if (z.county !== 'wutongqiao') continue;
    const open = z.tags.includes('riverside') || z.tags.includes('rural');
    const a = open ? ACH.open : ACH.town;
    z.hazchem = { airExchangePerH: a.value, estimated: true, src: ['EST'], note: a.note };
    z.estimatedFields = [...(z.estimatedFields ?? []), 'hazchem'];
  }
}
