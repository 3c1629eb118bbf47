/** The flood's events, merged into the bus's event map (models/world/events.ts). */
export {};

declare module '../../world/events.js' {
  interface SimEventMap {
    'gauge.crossed': { gauge: string; level: 'warning' | 'guaranteed'; stageM: number };
    'zone.flooded': { zone: string; peakDepthM: number };
    'zone.dry': { zone: string };
    'zone.casualties': { zone: string; depthM: number; exposed: number; deaths: number; injured: number };
    'facility.flooded': { facility: string };
    /** A dike failed: `deaths` of the `exposed` people still in the zone were in the breach's fast water. */
    'dike.failed': { zone: string; mode: 'overtopping' | 'breach'; stageM: number; exposed: number; deaths: number };
  }
}
