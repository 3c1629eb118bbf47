/**
 * The map replay: the region drawn from its coordinates on a canvas (roads by class, zones, shelters,
 * reserves, team bases) and one replication's trace replayed with a time slider: zones flooding, cut off
 * or struck, roads closing and opening, teams moving along their roads, shelters filling.
 *
 * Why a plain canvas and not MapLibre GL: the region is a few hundred nodes and edges with no tiles (the
 * page must work offline, so a basemap would be blank anyway); MapLibre GL is ~800 kB of JavaScript (about
 * 230 kB compressed) to draw what 2D canvas calls draw at well over 30 frames a second (docs/performance.md).
 * The roads are drawn once into an offscreen layer; each frame draws only what moves.
 *
 * Everything the picture says is also in text: a summary of the state at the slider's time and a table of
 * the teams (where each is, or where it is heading), for screen readers and keyboards.
 */
import { getJson } from '../api.js';
import { fill, h, minutes, num } from '../dom.js';
import { nameOf, t } from '../i18n.js';
import type { Cleanup } from '../main.js';
import type { BatchView } from './runs.js';

interface Node_ {
  id: string;
  lat: number;
  lon: number;
}
interface Region {
  manifest: { id: string; name?: string; name_zh?: string };
  network: { nodes: Node_[]; edges: Array<{ id: string; from: string; to: string; roadClass: string }> };
  zones: { zones: Array<{ id: string; name?: string; name_zh?: string; node: string; population: number }> };
  assets: {
    shelters?: Array<{ id: string; node: string; capacity: number; name?: string; name_zh?: string }>;
    reserves?: Array<{ id: string; node: string }>;
    teams?: Array<{ id: string; homeNode: string; name?: string; name_zh?: string }>;
  };
}
interface TraceEvent {
  t: number;
  kind: string;
  zone?: string;
  edge?: string;
  until?: number;
}
interface Move {
  team: string;
  from: string;
  to: string;
  depart: number;
  arrive: number;
  path: string[];
}
export interface Trace {
  index: number;
  horizonMin: number;
  events: TraceEvent[];
  teams: Array<{ id: string; type: string; node: string; joined: number }>;
  moves: Move[];
  shelters: Array<{ t: number; shelter: string; occupancy: number }>;
}

const ROAD_STYLE: Record<string, { color: string; width: number }> = {
  expressway: { color: '#d9822b', width: 3 },
  national: { color: '#7b5ea7', width: 2.4 },
  provincial: { color: '#8f6b32', width: 1.8 },
  county: { color: '#8a8a8a', width: 1.3 },
  urban: { color: '#9a9a9a', width: 1.1 },
  township: { color: '#b5b5b5', width: 0.9 },
  ferry: { color: '#3b7dd8', width: 1 },
};

/** Zone states a trace can put a zone in; a later event replaces the earlier one, `zone.dry`/`zone.returned` clear it. */
const ZONE_COLOURS: Record<string, string> = { flooded: 'rgba(40, 110, 220, 0.55)', cutOff: 'rgba(230, 140, 20, 0.6)', struck: 'rgba(150, 60, 170, 0.55)' };

function zoneState(kind: string): string | null {
  if (kind === 'zone.flooded' || kind === 'zone.casualties') return 'flooded';
  if (kind === 'zone.cutOff') return 'cutOff';
  if (kind === 'zone.dry' || kind === 'zone.returned') return null;
  return 'struck';
}

/** The last value at or before t of a list sorted by time (binary search). */
function lastAt<T extends { t: number }>(list: readonly T[], t: number): T | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1] : undefined;
}

/** The replay's state at a time, computed from the trace once per frame (everything indexed up front). */
export class Replay {
  readonly zones = new Map<string, Array<{ t: number; state: string | null }>>();
  readonly closures: Array<{ edge: string; from: number; until: number }> = [];
  readonly moves = new Map<string, Move[]>();
  readonly shelters = new Map<string, Array<{ t: number; occupancy: number }>>();

  constructor(
    readonly trace: Trace,
    private readonly xy: (node: string) => [number, number] | undefined,
  ) {
    for (const e of trace.events) {
      if (e.kind === 'edge.closed' && e.edge !== undefined) this.closures.push({ edge: e.edge, from: e.t, until: e.until ?? Infinity });
      if (e.zone === undefined || !e.kind.startsWith('zone.')) continue;
      let list = this.zones.get(e.zone);
      if (list === undefined) this.zones.set(e.zone, (list = []));
      list.push({ t: e.t, state: zoneState(e.kind) });
    }
    for (const m of trace.moves) {
      let list = this.moves.get(m.team);
      if (list === undefined) this.moves.set(m.team, (list = []));
      list.push(m);
    }
    for (const s of trace.shelters) {
      let list = this.shelters.get(s.shelter);
      if (list === undefined) this.shelters.set(s.shelter, (list = []));
      list.push({ t: s.t, occupancy: s.occupancy });
    }
  }

  zoneAt(zone: string, t: number): string | null {
    const list = this.zones.get(zone);
    return list === undefined ? null : (lastAt(list, t)?.state ?? null);
  }

  closedAt(t: number): string[] {
    return this.closures.filter((c) => c.from <= t && t < c.until).map((c) => c.edge);
  }

  occupancyAt(shelter: string, t: number): number {
    const list = this.shelters.get(shelter);
    return list === undefined ? 0 : (lastAt(list, t)?.occupancy ?? 0);
  }

  /** Where a team is at t (screen units) and what it is doing. */
  teamAt(team: { id: string; node: string; joined: number }, t: number): { x: number; y: number; moving: Move | null; at: string } | null {
    if (t < team.joined) return null;
    const list = this.moves.get(team.id) ?? [];
    let node = team.node;
    for (const m of list) {
      if (m.depart > t) break;
      if (t < m.arrive) {
        const p = this.along(m.path, (t - m.depart) / Math.max(1e-9, m.arrive - m.depart));
        return p === undefined ? null : { x: p[0], y: p[1], moving: m, at: m.to };
      }
      node = m.to;
    }
    const p = this.xy(node);
    return p === undefined ? null : { x: p[0], y: p[1], moving: null, at: node };
  }

  /** The point a share `f` of the way along a path of nodes (by screen length). */
  private along(path: readonly string[], f: number): [number, number] | undefined {
    const pts = path.map((n) => this.xy(n)).filter((p): p is [number, number] => p !== undefined);
    if (pts.length === 0) return undefined;
    if (pts.length === 1) return pts[0];
    const seg: number[] = [];
    let total = 0;
    for (let i = 1; i < pts.length; i++) {
      const d = Math.hypot(pts[i]![0] - pts[i - 1]![0], pts[i]![1] - pts[i - 1]![1]);
      seg.push(d);
      total += d;
    }
    let goal = Math.min(1, Math.max(0, f)) * total;
    for (let i = 0; i < seg.length; i++) {
      if (goal <= seg[i]! || i === seg.length - 1) {
        const r = seg[i]! > 0 ? Math.min(1, goal / seg[i]!) : 0;
        return [pts[i]![0] + (pts[i + 1]![0] - pts[i]![0]) * r, pts[i]![1] + (pts[i + 1]![1] - pts[i]![1]) * r];
      }
      goal -= seg[i]!;
    }
    return pts[pts.length - 1];
  }
}

export default async function map(root: HTMLElement, args: string[]): Promise<Cleanup> {
  let batchId = args[0];
  if (batchId === undefined) {
    const latest = await getJson<{ items: BatchView[] }>('/v1/batches?status=done&limit=1');
    batchId = latest.items[0]?.id;
  }
  if (batchId === undefined) {
    root.append(h('p', {}, t('noBatch')));
    return () => {};
  }
  const index = Math.max(0, Number(args[1] ?? 0) | 0);
  const batch = await getJson<BatchView & { region: { id: string; version: number } }>(`/v1/batches/${batchId}`);
  const [regionItem, trace] = await Promise.all([
    getJson<{ document: Region }>(`/v1/regions/${encodeURIComponent(batch.region.id)}${batch.region.version > 0 ? `?version=${batch.region.version}` : ''}`),
    getJson<Trace>(`/v1/batches/${batchId}/replications/${index}/trace`),
  ]);
  const region = regionItem.document;
  return drawReplay(root, batchId, batch, region, trace);
}

function drawReplay(root: HTMLElement, batchId: string, batch: BatchView, region: Region, trace: Trace): Cleanup {
  const canvas = h('canvas', { id: 'map', role: 'img', 'aria-label': `${nameOf(region.manifest as { id: string })}: ${t('navMap')}` });
  const slider = h('input', { type: 'range', id: 'time', min: 0, max: trace.horizonMin, step: 1, value: 0, 'aria-label': t('time') });
  const clock = h('output', { id: 'clock', for: 'time' });
  const play = h('button', { type: 'button', id: 'play' }, t('play'));
  const speed = h('select', { id: 'speed', 'aria-label': t('speed') }, [10, 60, 240, 720].map((s) => h('option', { value: s, selected: s === 240 }, `${s} min/s`)));
  const repInput = h('input', { id: 'replication', type: 'number', min: 0, max: batch.progress.total - 1, value: trace.index, size: 5 });
  const summary = h('p', { id: 'summary', 'aria-live': 'polite' });
  const teamBody = h('tbody');
  const fps = h('span', { id: 'fps', class: 'muted' });
  root.append(
    h('h2', {}, `${t('navMap')}: ${batch.scenario.id} · ${t('replication')} ${trace.index}`),
    h(
      'div',
      { class: 'toolbar' },
      h('label', { for: 'replication' }, t('replication')),
      repInput,
      h('button', { type: 'button', onclick: () => (location.hash = `#/map/${batchId}/${Number(repInput.value) | 0}`) }, t('load')),
      play,
      speed,
      fps,
    ),
    h('div', { class: 'slider-row' }, slider, clock),
    h('div', { class: 'map-wrap' }, canvas, legend()),
    summary,
    h(
      'details',
      { class: 'teams' },
      h('summary', {}, t('legendTeams')),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'team-table' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'id'), h('th', { scope: 'col' }, t('status')), h('th', { scope: 'col' }, 'x, y'))), teamBody)),
    ),
  );

  const nodes = new Map(region.network.nodes.map((n) => [n.id, n]));
  const lat0 = region.network.nodes.reduce((a, n) => a + n.lat, 0) / Math.max(1, region.network.nodes.length);
  const kx = Math.cos((lat0 * Math.PI) / 180);
  // Framed on where people, shelters and teams are: roads out to neighbouring cities run off the edge.
  const framed = [...region.zones.zones.map((z) => z.node), ...shelterNodes(region), ...(region.assets.teams ?? []).map((x) => x.homeNode)]
    .map((id) => nodes.get(id))
    .filter((n): n is Node_ => n !== undefined);
  const frame = framed.length > 0 ? framed : region.network.nodes;
  const xs = frame.map((n) => n.lon * kx);
  const ys = frame.map((n) => -n.lat);
  const box = { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
  let scale = 1;
  let ox = 0;
  let oy = 0;
  const xy = (id: string): [number, number] | undefined => {
    const n = nodes.get(id);
    return n === undefined ? undefined : [ox + (n.lon * kx - box.x0) * scale, oy + (-n.lat - box.y0) * scale];
  };
  const replay = new Replay(trace, xy);
  const base = document.createElement('canvas');
  const ctx = canvas.getContext('2d')!;
  let dpr = 1;
  const shelters = region.assets.shelters ?? [];
  const maxPop = Math.max(1, ...region.zones.zones.map((z) => z.population));

  const layout = (): void => {
    dpr = window.devicePixelRatio || 1;
    const w = Math.max(300, canvas.clientWidth);
    const hgt = Math.max(260, Math.round(w * 0.62));
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(hgt * dpr);
    canvas.style.height = `${hgt}px`;
    base.width = canvas.width;
    base.height = canvas.height;
    const pad = 16;
    scale = Math.min((w - 2 * pad) / (box.x1 - box.x0 || 1), (hgt - 2 * pad) / (box.y1 - box.y0 || 1));
    ox = pad + (w - 2 * pad - (box.x1 - box.x0) * scale) / 2;
    oy = pad + (hgt - 2 * pad - (box.y1 - box.y0) * scale) / 2;
    const b = base.getContext('2d')!;
    b.setTransform(dpr, 0, 0, dpr, 0, 0);
    b.fillStyle = '#f7f6f2';
    b.fillRect(0, 0, w, hgt);
    b.lineCap = 'round';
    const order = ['township', 'urban', 'county', 'ferry', 'provincial', 'national', 'expressway'];
    for (const cls of order) {
      const style = ROAD_STYLE[cls] ?? ROAD_STYLE['county']!;
      b.strokeStyle = style.color;
      b.lineWidth = style.width;
      b.setLineDash(cls === 'ferry' ? [4, 3] : []);
      b.beginPath();
      for (const e of region.network.edges) {
        if (e.roadClass !== cls) continue;
        const p = xy(e.from);
        const q = xy(e.to);
        if (p === undefined || q === undefined) continue;
        b.moveTo(p[0], p[1]);
        b.lineTo(q[0], q[1]);
      }
      b.stroke();
    }
    b.setLineDash([]);
    // Zones: a ring at the zone's node, its area proportional to its people.
    b.strokeStyle = 'rgba(60,60,60,0.45)';
    b.lineWidth = 0.8;
    for (const z of region.zones.zones) {
      const p = xy(z.node);
      if (p === undefined) continue;
      b.beginPath();
      b.arc(p[0], p[1], zoneRadius(z.population), 0, 2 * Math.PI);
      b.stroke();
    }
    b.fillStyle = '#7a4f1d';
    for (const r of region.assets.reserves ?? []) {
      const p = xy(r.node);
      if (p === undefined) continue;
      b.beginPath();
      b.moveTo(p[0], p[1] - 4);
      b.lineTo(p[0] + 4, p[1]);
      b.lineTo(p[0], p[1] + 4);
      b.lineTo(p[0] - 4, p[1]);
      b.fill();
    }
    b.strokeStyle = '#1d4f91';
    b.lineWidth = 1.2;
    for (const team of region.assets.teams ?? []) {
      const p = xy(team.homeNode);
      if (p === undefined) continue;
      b.beginPath();
      b.moveTo(p[0], p[1] - 5);
      b.lineTo(p[0] + 5, p[1] + 4);
      b.lineTo(p[0] - 5, p[1] + 4);
      b.closePath();
      b.stroke();
    }
  };
  const zoneRadius = (population: number): number => 2 + 12 * Math.sqrt(population / maxPop);

  const edgeById = new Map(region.network.edges.map((e) => [e.id, e]));
  // Frame cost, kept on the canvas element for the bench (bench/web.bench.ts) and for anyone curious.
  let drawn = 0;
  let drawMs = 0;
  const drawFrame = (time: number): void => {
    const t0 = performance.now();
    paint(time);
    drawn++;
    drawMs += performance.now() - t0;
    canvas.dataset['frames'] = String(drawn);
    canvas.dataset['drawMs'] = (drawMs / drawn).toFixed(3);
  };
  const paint = (time: number): void => {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(base, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    for (const z of region.zones.zones) {
      const state = replay.zoneAt(z.id, time);
      if (state === null) continue;
      const p = xy(z.node);
      if (p === undefined) continue;
      ctx.fillStyle = ZONE_COLOURS[state] ?? ZONE_COLOURS['struck']!;
      ctx.beginPath();
      ctx.arc(p[0], p[1], zoneRadius(z.population), 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.strokeStyle = '#e0001b';
    ctx.lineWidth = 3.5;
    ctx.setLineDash([5, 3]);
    ctx.beginPath();
    for (const id of replay.closedAt(time)) {
      const e = edgeById.get(id);
      const p = e !== undefined ? xy(e.from) : undefined;
      const q = e !== undefined ? xy(e.to) : undefined;
      if (p === undefined || q === undefined) continue;
      ctx.moveTo(p[0], p[1]);
      ctx.lineTo(q[0], q[1]);
    }
    ctx.stroke();
    ctx.setLineDash([]);
    for (const s of shelters) {
      const p = xy(s.node);
      if (p === undefined) continue;
      const share = Math.min(1, replay.occupancyAt(s.id, time) / Math.max(1, s.capacity));
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(p[0] - 4, p[1] - 4, 8, 8);
      ctx.fillStyle = '#2e8b3a';
      ctx.fillRect(p[0] - 4, p[1] + 4 - 8 * share, 8, 8 * share);
      ctx.strokeStyle = '#2e8b3a';
      ctx.lineWidth = 1;
      ctx.strokeRect(p[0] - 4, p[1] - 4, 8, 8);
    }
    for (const team of trace.teams) {
      const at = replay.teamAt(team, time);
      if (at === null) continue;
      ctx.fillStyle = at.moving !== null ? '#1d4f91' : 'rgba(29,79,145,0.55)';
      ctx.beginPath();
      ctx.arc(at.x, at.y, at.moving !== null ? 4.5 : 3.5, 0, 2 * Math.PI);
      ctx.fill();
    }
  };

  const describe = (time: number): void => {
    clock.textContent = minutes(time);
    let hit = 0;
    for (const z of region.zones.zones) if (replay.zoneAt(z.id, time) !== null) hit++;
    let sheltered = 0;
    for (const s of shelters) sheltered += replay.occupancyAt(s.id, time);
    let moving = 0;
    const rows = trace.teams.map((team) => {
      const at = replay.teamAt(team, time);
      if (at?.moving != null) moving++;
      return h(
        'tr',
        { 'data-team': team.id },
        h('th', { scope: 'row' }, team.id),
        h('td', {}, at === null ? '–' : at.moving !== null ? `→ ${at.moving.to}` : at.at),
        h('td', { class: 'pos' }, at === null ? '–' : `${at.x.toFixed(1)}, ${at.y.toFixed(1)}`),
      );
    });
    fill(teamBody, rows);
    summary.textContent = `${t('stateAt')} ${minutes(time)}: ${hit} ${t('zonesHit')}, ${replay.closedAt(time).length} ${t('roadsClosed')}, ${moving} ${t('teamsMoving')}, ${num(sheltered)} ${t('sheltered')}.`;
  };

  let time = 0;
  let playing = false;
  let last = 0;
  let frames: number[] = [];
  let raf = 0;
  const tick = (now: number): void => {
    if (!playing) return;
    if (last > 0) time = Math.min(trace.horizonMin, time + ((now - last) / 1000) * Number(speed.value));
    last = now;
    frames.push(now);
    while (frames.length > 0 && frames[0]! < now - 1000) frames.shift();
    fps.textContent = `${frames.length} fps`;
    fps.dataset['fps'] = String(frames.length);
    slider.value = String(Math.round(time));
    clock.textContent = minutes(time);
    drawFrame(time);
    if (time >= trace.horizonMin) stopPlaying();
    else raf = requestAnimationFrame(tick);
  };
  const stopPlaying = (): void => {
    playing = false;
    cancelAnimationFrame(raf);
    play.textContent = t('play');
    describe(time);
  };
  play.addEventListener('click', () => {
    if (playing) return stopPlaying();
    if (time >= trace.horizonMin) time = 0;
    playing = true;
    last = 0;
    frames = [];
    play.textContent = t('pause');
    raf = requestAnimationFrame(tick);
  });
  slider.addEventListener('input', () => {
    time = Number(slider.value);
    drawFrame(time);
    describe(time);
  });
  const onResize = (): void => {
    layout();
    drawFrame(time);
    describe(time);
  };
  window.addEventListener('resize', onResize);
  onResize();
  return () => {
    playing = false;
    cancelAnimationFrame(raf);
    window.removeEventListener('resize', onResize);
  };
}

function shelterNodes(region: Region): string[] {
  return (region.assets.shelters ?? []).map((s) => s.node);
}

function legend(): HTMLElement {
  const item = (swatch: string, label: string): HTMLElement => h('li', {}, h('span', { class: 'swatch', style: swatch, 'aria-hidden': 'true' }), label);
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'legend' },
    item('background:#d9822b', t('legendRoads')),
    item('background:rgba(40,110,220,.55);border-radius:50%', t('legendZones')),
    item('background:#e0001b', t('legendClosed')),
    item('background:#2e8b3a', t('legendShelters')),
    item('background:#7a4f1d;transform:rotate(45deg)', t('legendReserves')),
    item('background:#1d4f91;border-radius:50%', t('legendTeams')),
  );
}
