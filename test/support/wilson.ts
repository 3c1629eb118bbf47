/** The Wilson score 95 % interval written out from its formula (z = 1.959963984540054), for checking ours. */
export function wilson(s: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = s / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [s === 0 ? 0 : c - h, s === n ? 1 : c + h];
}
