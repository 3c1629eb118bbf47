/** The landscape's rasters are read by the shared grid readers (also used by `region init` for population). */
import { readGeoTiffSync } from '../../../engine/raster/geotiff-sync.js';
import { readAsciiGrid, type Raster } from '../../../engine/raster/grid.js';

export * from '../../../engine/raster/grid.js';
export { readGeoTiffSync };

/** A landscape grid by its file name: GeoTIFF (.tif, .tiff) or ESRI ASCII (.asc, .asc.gz). */
export function readGrid(file: string): Raster {
  return /\.tiff?$/i.test(file) ? readGeoTiffSync(file) : readAsciiGrid(file);
}
