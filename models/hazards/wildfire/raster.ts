/** The landscape's rasters are read by the shared grid reader (also used by `region init` for population). */
export * from '../../../engine/raster/grid.js';
