/**
 * The 8-18 flood against the record of 2020 (docs/calibration.md): what each replication of the built-in
 * scenario says about the figures the record gives, so the calibration table and its test read the same
 * numbers. Times are minutes from the scenario start, 2020-08-15 00:00 Beijing time.
 *
 * The record (sources in docs/models/flood.md section 1):
 * - Fengzhou island: 1,020 residents trapped when the 小铜河桥 went under on 18 August; 513 brought out by
 *   18:00, 700 by 19:00, 742 by the evening; 278 stayed overnight; the last 105 left at 10:43 on the 19th.
 * - 128,000 people moved by the evening of 18 August; 196,800 in all.
 * - City level I declared at 06:00 on 18 August.
 */
import type { CompiledPlan } from '../../models/plan/compile.js';
import { runReplication, type ReplicationResult } from '../../models/replication.js';
import type { CompiledScenario } from '../../models/scenario/compile.js';
import type { World } from '../../models/world/world.js';

const DAY = 1440;
/** Minutes from the scenario start (15 August 00:00) to a local time on 15 + `day` August. */
export const at = (day: number, hh: number, mm = 0): number => (day - 15) * DAY + hh * 60 + mm;

export const RECORD_2020 = {
  fengzhouTrapped: 1020,
  fengzhouBy1800: 513,
  fengzhouBy1900: 700,
  fengzhouOvernight: 278,
  movedByEvening18: 128_000,
  evacuated: 196_800,
  levelIAt: at(18, 6),
} as const;

export const FENGZHOU_ZONE = 'shizhong-fengzhou';

export interface Record2020 {
  /** People on the island when its bridge went under (0 if it never did). */
  fengzhouCutOff: number;
  fengzhouCutOffAt: number | null;
  /** Islanders brought out by boat by 18:00 and 19:00 on 18 August. */
  fengzhouBy1800: number;
  fengzhouBy1900: number;
  /** Islanders still waiting at 23:59 on 18 August (the night stop). */
  fengzhouOvernight: number;
  /** People transferred (left under an order, or rescued) by 20:00 on 18 August, and by the horizon. */
  movedByEvening18: number;
  evacuated: number;
  /** When level I was declared (null if never). */
  levelIAt: number | null;
  deaths: number;
  /** Every metric of the replication (so a caller need not run it again). */
  metrics: ReplicationResult['metrics'];
}

/** One replication of the scenario under the plan, read against the record. */
export function record2020(scenario: CompiledScenario, plan: CompiledPlan, seed: number, index: number): Record2020 {
  let cutOff = 0;
  let cutOffAt: number | null = null;
  // Incident ids name their zone (dispatch.ts): `<type>:<zone>:<n>`.
  const islandIncident = `boat-rescue:${FENGZHOU_ZONE}:`;
  const trips: Array<{ t: number; persons: number }> = [];
  // Only the two kinds read here are subscribed: a trace of every event would make the bus build events
  // no model reads (EventBus.wants), slowing every replication.
  const instrument = (world: World): void => {
    world.bus.on('zone.cutOff', (e) => {
      if (e.zone === FENGZHOU_ZONE && cutOffAt === null) {
        cutOff = e.persons;
        cutOffAt = e.t;
      }
    });
    world.bus.on('rescue.trip', (e) => {
      if (e.incident.startsWith(islandIncident)) trips.push({ t: e.t, persons: e.persons });
    });
  };
  const r = runReplication(scenario, plan, seed, index, { instrument });
  const by = (t: number): number => trips.filter((x) => x.t <= t).reduce((s, x) => s + x.persons, 0);
  const levelI = r.levels.find((l) => l.level === 'I');
  const evening = Math.round(at(18, 20) / 60);
  return {
    fengzhouCutOff: cutOff,
    fengzhouCutOffAt: cutOffAt,
    fengzhouBy1800: by(at(18, 18)),
    fengzhouBy1900: by(at(18, 19)),
    fengzhouOvernight: cutOffAt === null ? 0 : cutOff - by(at(18, 23, 59)),
    movedByEvening18: r.curves.evacuated[evening] ?? 0,
    evacuated: r.metrics['evacuated']!,
    levelIAt: levelI?.t ?? null,
    deaths: r.metrics['deaths']!,
    metrics: r.metrics,
  };
}
