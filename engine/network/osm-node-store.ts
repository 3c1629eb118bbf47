/**
 * Every node of an OSM file, as the importer must keep them until the ways arrive: id and coordinates in
 * typed arrays (24 bytes a node) instead of a Map from id strings (over 100 bytes a node), so a city
 * extract of tens of millions of nodes fits. OSM files list nodes by ascending id (osmium, Osmosis, the
 * API and Geofabrik's extracts all sort them), so a node is found by binary search over the sorted ids.
 * Files that are not sorted, or whose ids are not canonical integers (hand-edited XML), fall back to a
 * Map from the id string, built once from what was stored so far.
 */
export class OsmNodeStore {
  private ids = new Float64Array(1 << 16);
  private lats = new Float64Array(1 << 16);
  private lons = new Float64Array(1 << 16);
  private n = 0;
  /** Fallback index when ids are unsorted or not canonical integers (with the id strings). */
  private map: Map<string, number> | undefined;
  private names: string[] | undefined;

  get length(): number {
    return this.n;
  }

  lat(i: number): number {
    return this.lats[i]!;
  }

  lon(i: number): number {
    return this.lons[i]!;
  }

  /** The id of node `i` as the file wrote it. */
  id(i: number): string {
    return this.names !== undefined ? this.names[i]! : String(this.ids[i]!);
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const grow = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.ids = grow(this.ids);
    this.lats = grow(this.lats);
    this.lons = grow(this.lons);
  }

  private fallBack(): void {
    const map = new Map<string, number>();
    const names: string[] = [];
    for (let i = 0; i < this.n; i++) {
      const s = String(this.ids[i]!);
      map.set(s, i);
      names.push(s);
    }
    this.map = map;
    this.names = names;
  }

  /** Store a node; its index, or undefined when the id is already stored. */
  add(id: string, lat: number, lon: number): number | undefined {
    if (this.map === undefined) {
      const num = Number(id);
      const canonical = Number.isSafeInteger(num) && String(num) === id;
      const last = this.n > 0 ? this.ids[this.n - 1]! : -Infinity;
      if (canonical && num === last) return undefined;
      if (!canonical || num < last) this.fallBack();
      else {
        if (this.n === this.ids.length) this.grow();
        this.ids[this.n] = num;
        this.lats[this.n] = lat;
        this.lons[this.n] = lon;
        return this.n++;
      }
    }
    if (this.map!.has(id)) return undefined;
    if (this.n === this.ids.length) this.grow();
    this.lats[this.n] = lat;
    this.lons[this.n] = lon;
    this.map!.set(id, this.n);
    this.names!.push(id);
    return this.n++;
  }

  /** The index of a node id, or undefined when the file has no such node. */
  index(id: string): number | undefined {
    if (this.map !== undefined) return this.map.get(id);
    const num = Number(id);
    if (!(Number.isSafeInteger(num) && String(num) === id)) return undefined;
    return this.indexOfNumber(num);
  }

  /** Binary search over the sorted ids. */
  indexOfNumber(num: number): number | undefined {
    if (this.map !== undefined) return this.map.get(String(num));
    let lo = 0;
    let hi = this.n - 1;
    const ids = this.ids;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid]!;
      if (v === num) return mid;
      if (v < num) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}
