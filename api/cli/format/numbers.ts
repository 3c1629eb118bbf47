/** Number formatting for terminal tables: readable, not exhaustive (`--json` has every digit). */

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * Four significant digits for small magnitudes (0.9986, 37.10 -> 37.1, 168.99 -> 169), whole numbers with
 * thousands separators from 1,000 up (5,999,737,092); integers stay integers; '-' for null.
 */
export function formatNumber(x: number | null): string {
  if (x === null) return '-';
  if (!Number.isFinite(x)) return String(x);
  if (Object.is(x, -0) || x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1000) return GROUPED.format(x);
  if (Number.isInteger(x)) return String(x);
  if (a < 0.001) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}

/** A share as a percentage: 0.9123 -> '91.2 %', exact 0 and 1 without decimals. */
export function formatPercent(p: number | null): string {
  if (p === null) return '-';
  if (p === 0 || p === 1) return `${p * 100} %`;
  return `${(p * 100).toFixed(1)} %`;
}

/** '[lo, hi]' with formatNumber, or '-' for null. */
export function formatInterval(ci: readonly [number, number] | null, format: (x: number) => string = formatNumber): string {
  return ci === null ? '-' : `[${format(ci[0])}, ${format(ci[1])}]`;
}
