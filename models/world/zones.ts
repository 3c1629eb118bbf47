/**
 * What the hazards have done to each zone, in terms every response module understands without knowing
 * the hazard: when a zone was first hit (flooded, shaken hard, reached by the plume or the fire), and
 * whether it is hazardous right now (people there cannot leave by road and wait for rescue; incidents
 * there are life threats). Several hazards may hold a zone at once: the flag is a count.
 */
export class ZoneConditions {
  /** First time any hazard hit each zone; Infinity while none has. */
  readonly hitAt: Float64Array;
  /**
   * When the first evacuation order could have been given on the record (the flood: the first gauge
   * crossing its guaranteed stage); Infinity while no hazard says. City-wide clearance is measured from it.
   */
  orderReferenceAt = Infinity;
  private readonly holds: Uint16Array;
  private readonly listeners: Array<(zone: number, before: boolean) => void> = [];

  constructor(zoneCount: number) {
    this.hitAt = new Float64Array(zoneCount).fill(Infinity);
    this.holds = new Uint16Array(zoneCount);
  }

  /** A hazard hits (or will hit: the flood knows its timing in advance) a zone at time t. */
  hit(zone: number, t: number): void {
    if (t < this.hitAt[zone]!) this.hitAt[zone] = t;
  }

  /** A hazard starts (true) or stops (false) making a zone hazardous. */
  setHazardous(zone: number, on: boolean): void {
    const n = this.holds[zone]!;
    const before = n > 0;
    this.holds[zone] = on ? n + 1 : Math.max(0, n - 1);
    if (before !== this.holds[zone]! > 0) for (const l of this.listeners) l(zone, before);
  }

  /** Told when a zone becomes hazardous or stops being so (with what it was before). */
  onHazardChange(listener: (zone: number, before: boolean) => void): void {
    this.listeners.push(listener);
  }

  isHazardous(zone: number): boolean {
    return this.holds[zone]! > 0;
  }
}
