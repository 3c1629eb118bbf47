/**
 * The common core of zone selection, shared by plan selectors (models/plan/compile.ts, which adds the
 * modules' own keys) and a scenario's zoneParameters: unknown ids and empty selections are located errors.
 */
import type { CompiledZone } from './compile.js';

export interface BasicZoneSelector {
  ids?: readonly string[];
  tag?: string;
  county?: readonly string[];
}

/** Indices of the zones matching every key given (and `extra`, if given), in zone order. */
export function selectZoneIndices(
  zones: readonly CompiledZone[],
  zoneIndex: ReadonlyMap<string, number>,
  sel: BasicZoneSelector,
  path: string,
  fail: (path: string, message: string) => void,
  extra: (z: CompiledZone) => boolean = () => true,
): Int32Array {
  for (const id of sel.ids ?? []) if (!zoneIndex.has(id)) fail(`${path}/ids`, `unknown zone '${id}'`);
  const ids = sel.ids !== undefined ? new Set(sel.ids) : null;
  const counties = sel.county !== undefined ? new Set(sel.county) : null;
  const picked = zones.filter(
    (z) => (ids === null || ids.has(z.id)) && (sel.tag === undefined || z.tags.has(sel.tag)) && (counties === null || counties.has(z.county)) && extra(z),
  );
  if (picked.length === 0) fail(path, 'this selector matches no zone of the region');
  return Int32Array.from(picked.map((z) => z.index));
}
