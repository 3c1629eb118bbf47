import type { Simulation } from '../../engine/kernel/index.js';
import { parameterView } from '../scenario/parameter-info.js';
import type { EventBus } from '../world/events.js';
import type { PeopleLedger } from '../world/ledger.js';
import { WorldKey, type World } from '../world/world.js';
import type { Shelters } from './shelters.js';
import { SHELTER_PARAMETERS } from './shelters-parameters.js';

/** When each zone is safe to go back to; who goes home then. */
export const RECOVERY = new WorldKey<Recovery>('recovery');

/**
 * Going home (docs/models/response.md section 6). A zone is clear once it, and every other zone of its
 * county, has been free of hazards for `shelters.returnAfterDryH`: the zone dried and stayed dry, and the
 * water is gone from the area around it (its roads and services; in 2020 a first flood wave on 17 August
 * receded a day before the record wave of the 18th, and people were not sent home in between). Zones of a
 * county no hazard reached never clear within the run: their precautionary evacuees stay. When a zone clears, its people in shelters go home (their
 * places and their relief need go with them), so do those the rescuers landed where no shelter was, and
 * those still on the road go home when they arrive; people who stayed at home stop needing relief. A hazard
 * that comes back makes the zone unclear again. Knows no hazard: it follows `ZoneConditions`.
 */
export class Recovery {
  /** 1 while a zone is clear (safe to return to). */
  readonly clear: Uint8Array;
  /** When each zone last became clear (Infinity while it has not). */
  readonly clearAt: Float64Array;
  private readonly countyOf: Int32Array;
  private readonly countyHazardous: Int32Array;
  /** Bumped at every hazard change in a county: a pending clearance checks it is still current. */
  private readonly countyGeneration: Uint32Array;
  private readonly countyZones: number[][];
  private readonly delayMin: number;
  private readonly listeners: Array<(zone: number, clear: boolean) => void> = [];
  private readonly sim: Simulation;
  private readonly bus: EventBus;
  private readonly people: PeopleLedger;
  private readonly zoneIds: readonly string[];

  constructor(
    world: World,
    private readonly shelters: Shelters,
  ) {
    this.sim = world.sim;
    this.bus = world.bus;
    this.people = world.people;
    this.delayMin = parameterView(world.params, SHELTER_PARAMETERS)['shelters.returnAfterDryH'] * 60;
    const zones = world.scenario.zones;
    this.zoneIds = zones.map((z) => z.id);
    const n = zones.length;
    this.clear = new Uint8Array(n);
    this.clearAt = new Float64Array(n).fill(Infinity);
    const counties = new Map<string, number>();
    this.countyOf = Int32Array.from(zones.map((z) => {
      let c = counties.get(z.county);
      if (c === undefined) counties.set(z.county, (c = counties.size));
      return c;
    }));
    this.countyHazardous = new Int32Array(counties.size);
    this.countyGeneration = new Uint32Array(counties.size);
    this.countyZones = Array.from({ length: counties.size }, () => [] as number[]);
    for (let z = 0; z < n; z++) this.countyZones[this.countyOf[z]!]!.push(z);
    world.zones.onHazardChange((zone, before) => (before ? this.hazardEnded(zone) : this.hazardStarted(zone)));
  }

  /** Told when a zone becomes clear (true) or a hazard makes it unclear again (false). */
  onChange(listener: (zone: number, clear: boolean) => void): void {
    this.listeners.push(listener);
  }

  isClear(zone: number): boolean {
    return this.clear[zone] === 1;
  }

  private setClear(zone: number, on: boolean): void {
    if ((this.clear[zone] === 1) === on) return;
    this.clear[zone] = on ? 1 : 0;
    if (on) this.clearAt[zone] = this.sim.now;
    for (const l of this.listeners) l(zone, on);
    if (on) this.sendHome(zone);
  }

  private hazardStarted(zone: number): void {
    const c = this.countyOf[zone]!;
    this.countyHazardous[c]!++;
    this.countyGeneration[c]!++;
    for (const z of this.countyZones[c]!) this.setClear(z, false);
  }

  private hazardEnded(zone: number): void {
    const c = this.countyOf[zone]!;
    const gen = ++this.countyGeneration[c]!;
    if (--this.countyHazardous[c]! > 0) return;
    this.sim.timeout(this.delayMin).onProcessed(() => {
      if (this.countyGeneration[c] !== gen) return;
      for (const z of this.countyZones[c]!) this.setClear(z, true);
    });
  }

  /** The zone is clear: its people in shelters, and those left with the rescuers, go home. */
  sendHome(zone: number): void {
    const fromShelters = this.shelters.leave(zone);
    const moved = this.people.move(zone, 'sheltered', 'home', fromShelters);
    if (moved !== fromShelters) throw new Error(`recovery: zone ${zone} had ${fromShelters} in shelters but ${moved} sheltered in the ledger`);
    const fromRescued = this.people.move(zone, 'rescued', 'home', this.people.get(zone, 'rescued'));
    this.people.countReturned(zone, fromShelters + fromRescued);
    if (fromShelters + fromRescued > 0 && this.bus.wants('zone.returned')) {
      this.bus.emit({ t: this.sim.now, kind: 'zone.returned', zone: this.zoneIds[zone]!, fromShelters, fromRescued });
    }
  }
}

declare module '../world/events.js' {
  interface SimEventMap {
    /** A zone cleared: `fromShelters` people left the shelters for home, `fromRescued` came home from where rescuers landed them. */
    'zone.returned': { zone: string; fromShelters: number; fromRescued: number };
  }
}
