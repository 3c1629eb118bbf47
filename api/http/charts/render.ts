/**
 * Server-side SVG of a vega-lite spec: vega-lite compiles to vega, vega renders headless with
 * `renderer: 'none'` (no canvas package; text widths are estimated). vega and vega-lite are loaded on
 * the first chart request, so the server starts without them. A histogram takes ~50 ms warm: not a
 * simulation, but not free either, so finished batches' SVGs are cached.
 */
import type { TopLevelSpec } from 'vega-lite';

type VegaModules = { vega: typeof import('vega'); vl: typeof import('vega-lite') };
let modules: Promise<VegaModules> | undefined;

function load(): Promise<VegaModules> {
  modules ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vl]) => ({ vega, vl }));
  return modules;
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, vl } = await load();
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A small least-recently-used cache of rendered charts. */
export class SvgCache {
  private readonly map = new Map<string, string>();
  constructor(private readonly max = 64) {}

  get(key: string): string | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, svg: string): void {
    this.map.delete(key);
    this.map.set(key, svg);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
}
