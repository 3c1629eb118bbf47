/**
 * The elliptical fire shape (Anderson 1983) as behave's fireSize.cpp grows it from a point ignition: the
 * ignition sits at the rear focus, the head runs at R_head, the back at R_b, the half-width grows at R_f.
 * Units are whatever the rates and time are given in (the functions are scale-free).
 */

export interface EllipseSize {
  /** Semi-major and semi-minor axes. */
  semiMajor: number;
  semiMinor: number;
  /** Distance from the ignition point to the ellipse centre. */
  centreOffset: number;
  area: number;
  perimeter: number;
}

/** Ellipse after `t` of free spread at head rate `head`, backing rate `backing`, length-to-breadth `lb`. */
export function ellipseAfter(head: number, backing: number, lb: number, t: number): EllipseSize {
  const semiMajor = ((head + backing) * t) / 2;
  const semiMinor = semiMajor / lb;
  return { semiMajor, semiMinor, centreOffset: semiMajor - backing * t, area: Math.PI * semiMajor * semiMinor, perimeter: ellipsePerimeter(semiMajor, semiMinor) };
}

/** Ramanujan-type series for the perimeter of an ellipse, as behave (fireSize.cpp). */
export function ellipsePerimeter(a: number, b: number): number {
  if (a + b <= 0) return 0;
  const h = ((a - b) * (a - b)) / ((a + b) * (a + b));
  return Math.PI * (a + b) * (1 + h / 4 + (h * h) / 64);
}

/**
 * Spread rate along a ray from the ignition point at angle `fromHeadRad` to the head direction: the focal
 * form of the ellipse, R(β) = R_head (1 − e)/(1 − e cos β), used by the minimum-travel-time raster spread.
 */
export function rateFromIgnition(head: number, e: number, fromHeadRad: number): number {
  return (head * (1 - e)) / (1 - e * Math.cos(fromHeadRad));
}
