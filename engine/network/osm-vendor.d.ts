// Types for the two CommonJS stream packages the OSM readers use (neither ships its own).
declare module 'osm-pbf-parser' {
  import type { Duplex } from 'node:stream';
  /** A Transform: PBF bytes in, arrays of OSM items out. */
  export default function parseOSM(): Duplex;
}
declare module 'unbzip2-stream' {
  import type { Duplex } from 'node:stream';
  export default function unbzip2Stream(): Duplex;
}
