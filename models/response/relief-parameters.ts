/** The rows of the parameter table this response module reads (docs/parameters.md). */
import { fixed, type ParameterInfo } from '../scenario/parameter-info.js';

/**
 * Norms per person (Sphere), the relief items' sizes and weights, the reserves' trucks and loading bays, and
 * the provincial resupply. docs/models/response.md section 8 explains how they combine.
 */
export const RELIEF_PARAMETERS = {
  // --- norms (Sphere Handbook 2018) ---------------------------------------------------------------------
  'relief.waterLPerPersonDay': {
    default: fixed(7.5),
    unit: 'L/person/day',
    description: 'water a sheltered person needs a day, all of it bottled drinking water from the reserves (no piped supply is assumed at a shelter)',
    source:
      'Sphere Handbook 2018, water supply standard 2.1 and its table of basic survival needs: drinking and food 2.5-3 L, basic hygiene 2-6 L, basic cooking 3-6 L, 7.5-15 L in all; the lower bound (the key indicator asks 15 L once a supply is running)',
    domain: { min: 0 },
  },
  'relief.foodKcalPerPersonDay': {
    default: fixed(2100),
    unit: 'kcal/person/day',
    description: 'food energy a sheltered person needs a day',
    source: 'Sphere Handbook 2018, food security and nutrition (planning figure of 2,100 kcal per person per day)',
    domain: { min: 0 },
  },
  'relief.quiltsPerPerson': {
    default: fixed(1),
    unit: 'quilts/person',
    description: 'quilts (bedding) a person in a shelter place needs',
    source: 'Sphere Handbook 2018, shelter and settlement standard 4 (household items): bedding for every person for thermal comfort; one quilt each',
    domain: { min: 0 },
  },
  'relief.bedsPerPerson': {
    default: fixed(0.25),
    unit: 'beds/person',
    description: 'folding beds a shelter place needs (the rest sleep on mats and floors indoors)',
    source:
      'Sphere Handbook 2018, shelter and settlement standard 4 asks a sleeping mat or mattress for every person, not a bed; estimate: the reserves\' folding beds (折叠床) go to about a quarter of the places (the elderly, the sick, small children)',
    domain: { min: 0 },
  },
  'relief.coveredM2PerPerson': {
    default: fixed(3.5),
    unit: 'm2/person',
    description: 'covered living space per person where people live in tents',
    source: 'Sphere Handbook 2018, shelter and settlement standard 3: at least 3.5 m2 of covered living space per person',
    domain: { min: 0 },
  },
  'relief.tentedShare': {
    default: fixed(0.25),
    unit: 'share',
    description: 'share of shelter places in the open (squares, parks, sports grounds) that need tents; the rest are indoors (schools, gymnasiums)',
    source:
      'estimate: a quarter of the places in the open (squares, parks, sports grounds), the rest indoors (schools, gymnasiums), where the building gives the covered space',
    domain: { min: 0, max: 1 },
  },
  // --- the items (the region's item table, assets.json) ------------------------------------------------
  'relief.waterCaseL': {
    default: fixed(6.6),
    unit: 'L',
    description: 'drinking water in one case (the reserves count water in cases)',
    source: "the region's item table (scenarios/regions/leshan/assets.json, items): a case of 12 x 0.55 L",
    domain: { min: 0, exclusive: true },
  },
  'relief.rationKcal': {
    default: fixed(2100),
    unit: 'kcal',
    description: 'food energy in one ration box of instant food',
    source: "the region's item table: one ration box is one person-day, about 2,100 kcal",
    domain: { min: 0, exclusive: true },
  },
  'relief.tentM2': {
    default: fixed(12),
    unit: 'm2',
    description: 'floor area of one family tent',
    source: "the region's item table: a family tent of about 12 m2 (the Chinese civil-affairs relief tent)",
    domain: { min: 0, exclusive: true },
  },
  'relief.waterCaseKg': {
    default: fixed(7),
    unit: 'kg',
    description: 'freight weight of a case of water',
    source: 'estimate: 6.6 kg of water and its packing',
    domain: { min: 0, exclusive: true },
  },
  'relief.rationKg': {
    default: fixed(1),
    unit: 'kg',
    description: 'freight weight of a ration box',
    source: 'estimate: about 0.5 kg of food at 4-5 kcal/g in a box, charged by volume',
    domain: { min: 0, exclusive: true },
  },
  'relief.quiltKg': {
    default: fixed(5),
    unit: 'kg',
    description: 'freight weight of a quilt, charged by its bulk',
    source: 'estimate: a 2-3 kg quilt takes about the room of 5 kg of dense cargo',
    domain: { min: 0, exclusive: true },
  },
  'relief.bedKg': {
    default: fixed(15),
    unit: 'kg',
    description: 'freight weight of a folding bed, charged by its bulk',
    source: 'estimate: a folding bed weighs about 8-10 kg and is bulky',
    domain: { min: 0, exclusive: true },
  },
  'relief.tentKg': {
    default: fixed(40),
    unit: 'kg',
    description: 'freight weight of a 12 m2 family tent',
    source: 'estimate: poles, fly and inner of a 12 m2 frame tent, 30-45 kg',
    domain: { min: 0, exclusive: true },
  },
  // --- transport: trucks and loading bays ----------------------------------------------------------------
  'relief.truckPayloadKg': {
    default: fixed(5000),
    unit: 'kg',
    description: 'what one truck carries per run (freight weight)',
    source: 'estimate: a medium box truck (the 4.2-7.6 m trucks of Chinese city logistics), 5 t',
    domain: { min: 0, exclusive: true },
  },
  'relief.cityTrucks': {
    default: fixed(80),
    unit: 'trucks',
    description: 'trucks the city reserve can load at once on its runs (its own and those the transport group requisitions)',
    source: 'estimate: the city emergency plan\'s transport group requisitions logistics companies\' trucks; some eighty for the city reserve at level I (about 400 t a run-cycle, the scale of a 2020-size sheltered population\'s daily water and food)',
    domain: { min: 1 },
  },
  'relief.countyTrucks': {
    default: fixed(20),
    unit: 'trucks',
    description: 'trucks of each county reserve',
    source: 'estimate: a county emergency bureau\'s own and requisitioned trucks, about twenty',
    domain: { min: 1 },
  },
  'relief.townshipTrucks': {
    default: fixed(2),
    unit: 'trucks',
    description: 'trucks (or pick-ups) of each township relief point',
    source: 'estimate: a township\'s truck and a pick-up',
    domain: { min: 1 },
  },
  'relief.cityBays': {
    default: fixed(16),
    unit: 'bays',
    description: 'loading bays of the city reserve (trucks loaded at once)',
    source: 'estimate: a city relief warehouse of several thousand m2 with its yard used as loading places at level I (about 16 trucks at once)',
    domain: { min: 1 },
  },
  'relief.countyBays': {
    default: fixed(4),
    unit: 'bays',
    description: 'loading bays of each county reserve',
    source: 'estimate: a county warehouse with its doors and yard, four trucks at once',
    domain: { min: 1 },
  },
  'relief.townshipBays': {
    default: fixed(1),
    unit: 'bays',
    description: 'loading bays of each township relief point',
    source: 'estimate: one door',
    domain: { min: 1 },
  },
  'relief.loadMin': {
    default: { dist: 'triangular', min: 15, mode: 30, max: 60 },
    unit: 'min',
    description: 'loading one truck at a bay',
    source: 'estimate: 5 t of palletised cases and bales with a forklift (15-30 min), by hand up to an hour',
    domain: { min: 0 },
  },
  'relief.unloadMin': {
    default: { dist: 'triangular', min: 15, mode: 30, max: 60 },
    unit: 'min',
    description: 'unloading one truck at a shelter (the truck returns after it)',
    source: 'estimate: by hand with shelter volunteers',
    domain: { min: 0 },
  },
  // --- resupply from the province -------------------------------------------------------------------------
  'relief.resupplyLeadH': {
    default: { dist: 'triangular', min: 12, mode: 24, max: 48 },
    unit: 'h',
    description: 'from the city releasing its stock (and asking the province) to resupply reaching the city reserve',
    source: 'docs/models/response.md section 8: province to city 12-48 h; agreement suppliers 24-72 h',
  },
  'relief.resupplyPersonDaysPerDay': {
    default: fixed(250000),
    unit: 'person-days/day',
    description: 'water and food for this many person-days reach the city reserve a day once resupply flows (provincial reserves and agreement suppliers), at the norms above',
    source: 'estimate: a 2020-scale sheltered population (about 200,000 people) with some margin; a parameter to stress',
    domain: { min: 0 },
  },
  'relief.resupplyPlacesPerDay': {
    default: fixed(100000),
    unit: 'places/day',
    description: 'bedding (quilts, beds) and tents for this many shelter places reach the city reserve a day once resupply flows',
    source: 'estimate: bedding comes in bulk from provincial and central reserves; about half a 2020-scale sheltered population a day',
    domain: { min: 0 },
  },
} as const satisfies Record<string, ParameterInfo>;
