/** The rows of the parameter table this response module reads (docs/parameters.md). */
import type { ParameterInfo } from '../scenario/parameter-info.js';

/**
 * A boat's round trip (docs/models/response.md section 7): out against the current and back with it over
 * the crossing, plus docking and boarding. The record of 18 August 2020 at Fengzhou: 700 people in 150 trips
 * of 25 boats, about 50 minutes a boat and trip over a 1.5 km crossing, waiting included.
 */
export const WATER_RESCUE_PARAMETERS = {
  'rescue.personsPerBoatTrip': {
    default: { dist: 'triangular', min: 4, mode: 6, max: 10 },
    unit: 'persons',
    description: 'people one rescue boat carries per trip (it takes fewer when fewer are waiting)',
    source: 'Fengzhou, 18 Aug 2020 (Sichuan Release; Xinhua; docs/models/response.md section 1): 700 people in 150 trips of 25 boats (4.7 per trip); the largest boat carried 130',
  },
  'rescue.boatSpeedKmh': {
    default: { dist: 'triangular', min: 20, mode: 30, max: 40 },
    unit: 'km/h',
    description: 'speed of a rescue boat in still water, as operated in a flood (debris, people aboard)',
    source: 'estimate: outboard assault boats (冲锋舟) and inflatable rescue boats run 20-40 km/h when working (docs/models/response.md section 7)',
    domain: { min: 0, exclusive: true },
  },
  'rescue.riverCurrentMs': {
    default: { dist: 'triangular', min: 1, mode: 2, max: 3 },
    unit: 'm/s',
    description: 'current a boat meets on a river crossing (a water link, or an access link over a bridge)',
    source: 'estimate: flood currents of large rivers, 1-3 m/s in the main channel (docs/models/response.md section 7)',
    domain: { min: 0 },
  },
  'rescue.floodplainCurrentMs': {
    default: { dist: 'triangular', min: 0.2, mode: 0.5, max: 1 },
    unit: 'm/s',
    description: 'current a boat meets in flooded streets and fields (access by road, people stranded at home)',
    source: 'estimate: water spreading over a floodplain behind the bank flows well below the channel, 0.2-1 m/s (docs/models/flood.md: slow river-stage flooding)',
    domain: { min: 0 },
  },
  'rescue.floodedZoneKm': {
    default: { dist: 'triangular', min: 0.5, mode: 1, max: 2 },
    unit: 'km',
    description: 'one-way boat distance from the water\'s edge to the people of a flooded zone when the region gives the zone no access link to measure it by',
    source: 'estimate: half the extent of a riverside zone of a few km2; the Leshan access links are 1-1.5 km',
    domain: { min: 0 },
  },
  'rescue.dockMin': {
    default: { dist: 'triangular', min: 5, mode: 10, max: 20 },
    unit: 'min',
    description: 'per trip: casting off, manoeuvring to the people, mooring and landing them',
    source: 'estimate (docs/models/response.md section 7)',
    domain: { min: 0 },
  },
  'rescue.boardingMinPerPerson': {
    default: { dist: 'triangular', min: 1, mode: 2, max: 4 },
    unit: 'min/person',
    description: 'per person carried: fetching them from the building, life jacket, helping them aboard and ashore',
    source:
      'estimate: a minute or two a person, more for the elderly who were carried; with it a Fengzhou trip works about 30 min, against the record\'s 50 min a trip on average, which includes boats waiting for islanders who at first would not leave (docs/models/response.md section 7)',
    domain: { min: 0 },
    zonal: true,
  },
} as const satisfies Record<string, ParameterInfo>;
