/**
 * Types shared by the modules of the Leshan region generator: the reference network as read from
 * tools/leshan/sources/leshan-network.json (loosely typed: it is a research compilation, not a project
 * format), the township list, and the build's result.
 */

export interface RefNode {
  id: string;
  name_zh: string;
  name_en: string;
  kind: string;
  lat: number;
  lon: number;
  county: string;
  estimated?: boolean;
  src?: string[];
  [key: string]: unknown;
}
export interface RefEdge {
  from: string;
  to: string;
  km: number;
  road_class: string;
  speed_kmh: number;
  name?: string;
  crosses_river?: string;
  estimated?: boolean;
  src?: string[];
}
export interface RefNetwork {
  meta: { notes: string[] };
  nodes: RefNode[];
  edges: RefEdge[];
  sources: Array<{ id: string; ref: string }>;
}

export interface TownshipListEntry {
  code: string;
  countyCode: string;
  name_zh: string;
  communities: number;
  villages: number;
}

export interface BuildSummary {
  nodes: number;
  edges: number;
  zones: number;
  floodZones: number;
  population: number;
  flooded2020: number;
  shelters: number;
  shelterPlaces: number;
  reserves: number;
  items: number;
  fireStations: number;
  teams: number;
  peaks2020: Record<string, number>;
}

export interface BuildResult {
  /** File name -> text, for region.json, network.json, zones.json and assets.json. */
  files: Record<string, string>;
  summary: BuildSummary;
}

/** The generator refuses to write a region whose totals or references do not hold. */
export function fail(message: string): never {
  throw new Error(`generate: ${message}`);
}
