import type { ResponseModule } from '../modules/types.js';
import { DISPATCH, type IncidentType } from './dispatch.js';

/** How long a hazchem team works a flooded plant before it is free again (estimate). */
const HAZCHEM_WORK_MIN = 240;

const hazchemIncident: IncidentType = {
  name: 'hazchem',
  needs: ['hazmat'],
  capable: (team) => team.capabilities.has('hazmat'),
  maxTeams: () => 1,
  // A release threatens many: after people in water, before people cut off on dry ground.
  priority: () => 2,
  waiting: (_world, inc) => (inc.firstArrival === Infinity ? 1 : 0),
  *work(world) {
    yield world.sim.timeout(HAZCHEM_WORK_MIN);
  },
};

/**
 * Hazardous-materials response: a flooded chemical plant gets a hazmat team, which secures it. (The
 * chemical-release hazard will model the release itself; this module only sends the team.)
 */
export const hazmat: ResponseModule = {
  name: 'hazmat',
  description: 'hazmat teams sent to chemical plants that a hazard has reached',
  parameters: {},
  triggers: [],
  actions: [],
  metrics: [],
  install(world) {
    const dispatch = world.get(DISPATCH);
    dispatch.registerType(hazchemIncident);
    const { scenario, bus } = world;
    bus.on('facility.flooded', (e) => {
      const f = scenario.region.assets.facilities.find((x) => x.id === e.facility);
      if (f === undefined || f.kind !== 'chemical-plant') return;
      dispatch.open({ type: 'hazchem', facility: f.id, node: scenario.csr.nodeIndex.get(f.node) ?? -1, persons: 0, label: f.id });
    });
  },
};
