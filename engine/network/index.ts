/** Road network: region format, loader, graph, CSR routing, timed edge states, import/export, travel. */
export * from './schema.js';
export { loadRegionNetworkFile, parseRegionNetwork, validateRegionNetwork, type LoadedNetwork, type ValidateOptions } from './load.js';
export { parseJsonText, LineIndex, type JsonLocator, type ParsedJson, type SourcePosition } from './json-source.js';
export { toGraph, fromGraph, createRegionGraph, weaklyConnectedComponents, type RegionGraph, type GraphAttributes } from './graph.js';
export { haversineKm, polylineKm, EARTH_RADIUS_KM } from './geo.js';
export { TRAVEL_MODES, MODE_PROFILES, modeSpeedKmh, modeAllowsReverse, isTravelMode, type TravelMode, type ModeProfile } from './modes.js';
export { buildCsr, RoadCsr, type CsrGraph, type CsrBuild } from './csr.js';
export { ShortestPaths, copyTree, treePathArcs, minutesPerKmLowerBound, type SearchTree } from './search.js';
export { EdgeStateTimeline, OPEN, type EdgeCondition, type EdgeStateEntry, type EdgeStateValue } from './states.js';
export { bprTravelTime, edgeCapacityVehH, LANE_CAPACITY_VEH_H, DEFAULT_LANES, BPR_ALPHA, BPR_BETA } from './bpr.js';
export { RouteCache } from './cache.js';
export { RoadNetwork, type Route, type RouteOptions } from './road-network.js';
export { importOsm } from './import-osm.js';
export { importGeoJson } from './import-geojson.js';
export { exportGeoJson, type GeoJsonFeatureCollection, type GeoJsonFeature } from './export-geojson.js';
export { OSM_HIGHWAY_CLASS, DEFAULT_SPEED_KMH, type ImportOptions, type ImportSummary } from './import-common.js';
export { XmlScanner, type XmlHandler } from './xml.js';
export { travel, type TravelOptions, type TravelResult } from './travel.js';
