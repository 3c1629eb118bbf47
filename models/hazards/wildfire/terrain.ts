/**
 * Slope and aspect from an elevation grid by Horn's (1981) third-order finite difference (Horn, B.K.P.
 * 1981, Hill shading and the reflectance map, Proc. IEEE 69(1)), the method of ArcGIS and GDAL: for each
 * cell the 3 x 3 neighbourhood, edge cells repeating their nearest interior values.
 */

export interface Terrain {
  /** Rise over run (0.3 = 30 %). */
  slope: Float64Array;
  /** Direction the slope faces (downslope), degrees clockwise from north; 0 on flat cells. */
  aspectDeg: Float64Array;
}

export function slopeAspect(elevation: Float64Array, cols: number, rows: number, cellSizeM: number): Terrain {
  const n = cols * rows;
  const slope = new Float64Array(n);
  const aspectDeg = new Float64Array(n);
  const z = (c: number, r: number): number => {
    const cc = Math.min(cols - 1, Math.max(0, c));
    const rr = Math.min(rows - 1, Math.max(0, r));
    const v = elevation[rr * cols + cc]!;
    return Number.isNaN(v) ? elevation[r * cols + c] ?? 0 : v;
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // Row 0 is north: east is +c, north is -r.
      const a = z(c - 1, r - 1), b = z(c, r - 1), cc = z(c + 1, r - 1);
      const d = z(c - 1, r), f = z(c + 1, r);
      const g = z(c - 1, r + 1), h = z(c, r + 1), i = z(c + 1, r + 1);
      const dzdx = (cc + 2 * f + i - (a + 2 * d + g)) / (8 * cellSizeM); // rise to the east
      const dzdy = (a + 2 * b + cc - (g + 2 * h + i)) / (8 * cellSizeM); // rise to the north
      const k = r * cols + c;
      slope[k] = Math.hypot(dzdx, dzdy);
      if (slope[k] === 0) continue;
      // Downslope direction: opposite the gradient, as an azimuth.
      const az = (Math.atan2(-dzdx, -dzdy) * 180) / Math.PI;
      aspectDeg[k] = az < 0 ? az + 360 : az;
    }
  }
  return { slope, aspectDeg };
}
