/**
 * The response modules every replication installs, in this order (later ones find the earlier ones'
 * services in the world). A new response capability is a module plus one line here; a response that only
 * one hazard has (forest fire brigades) lives in that hazard's folder and is listed here all the same.
 */
import { forestFireModule } from '../hazards/wildfire/brigades.js';
import type { ResponseModule } from '../modules/types.js';
import { worldModule } from '../world/module.js';
import { dispatchModule } from './dispatch-module.js';
import { displacedModule } from './displaced.js';
import { evacuationModule } from './evacuation-module.js';
import { hazmat } from './hazmat.js';
import { medicalModule } from './medical.js';
import { roadClearance } from './road-clearance.js';
import { searchRescue } from './search-rescue.js';
import { sheltersModule } from './shelters-module.js';
import { warningModule } from './warning-module.js';
import { waterRescue } from './water-rescue.js';

export const RESPONSE_MODULES: readonly ResponseModule[] = [worldModule, warningModule, sheltersModule, evacuationModule, dispatchModule, waterRescue, hazmat, forestFireModule, searchRescue, roadClearance, medicalModule, displacedModule];
