/**
 * The web page (issue 16) in Debian's Chromium (headless, software rendering: --disable-gpu):
 *  - first load: the compressed JavaScript index.html loads (gzip -9 of each script);
 *  - the scorecard of a 1,000-replication Leshan batch: the time to build its tables (renderScorecard), and
 *    the time from navigation to the tables in the page (shell, view chunk, batch and results requests,
 *    tables); median of 5 page loads;
 *  - the map replay of one Leshan replication at 720 scenario minutes a second: frames drawn per second
 *    over 5 s of play (the browser's requestAnimationFrame pace caps it, 60 on this machine), and the mean
 *    time to draw one frame (1000 / that is the frame rate the drawing alone would allow).
 * The batch runs first on the server's pool (2 workers); DRILLSIM_BENCH_WEB_REPLICATIONS changes its size.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type * as ServerModule from '../api/http/server.js';
import { fromDist, ROOT } from './compiled.js';
import type { BenchResult } from './types.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const web = join(ROOT, 'dist', 'web');
  const html = readFileSync(join(web, 'index.html'), 'utf8');
  const first = [...html.matchAll(/<script[^>]*\bsrc="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  results.push({ name: 'web: first-load JavaScript (gzip)', value: first.reduce((n, f) => n + gzipSync(readFileSync(join(web, f)), { level: 9 }).length, 0) / 1024, unit: 'KiB' });

  const replications = Number(process.env['DRILLSIM_BENCH_WEB_REPLICATIONS'] ?? 1000);
  const { createServer } = await fromDist<typeof ServerModule>('api/http/server.js');
  const dir = mkdtempSync(join(tmpdir(), 'drillsim-bench-web-'));
  const server = await createServer({ dataDir: dir, rateLimit: false, defaultWorkers: 2 });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const created = (await (
      await fetch(`${origin}/v1/batches`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: 'leshan-818-flood', replications, seed: 2020, workers: 2 }) })
    ).json()) as { id: string };
    for (;;) {
      const b = (await (await fetch(`${origin}/v1/batches/${created.id}`)).json()) as { status: string };
      if (b.status === 'done') break;
      if (b.status !== 'running' && b.status !== 'queued') throw new Error(`bench batch ${b.status}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    const render: number[] = [];
    const shown: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(`${origin}/#/runs/${created.id}`);
      const card = page.locator('#scorecard[data-shown-at]');
      await card.waitFor({ state: 'attached', timeout: 60_000 });
      render.push(Number(await card.getAttribute('data-render-ms')));
      shown.push(Number(await card.getAttribute('data-shown-at')));
      await page.goto('about:blank');
    }
    results.push({ name: `web: scorecard of ${replications} replications, tables built`, value: median(render), unit: 'ms' });
    results.push({ name: `web: scorecard of ${replications} replications, navigation to shown`, value: median(shown), unit: 'ms' });

    await page.goto(`${origin}/#/map/${created.id}/0`);
    const canvas = page.locator('canvas#map[data-frames]');
    await canvas.waitFor({ state: 'attached', timeout: 60_000 });
    await page.locator('#speed').selectOption('720');
    const before = Number(await canvas.getAttribute('data-frames'));
    await page.locator('#play').click();
    const t0 = Date.now();
    await page.waitForTimeout(5000);
    await page.locator('#play').click();
    const seconds = (Date.now() - t0) / 1000;
    const frames = Number(await canvas.getAttribute('data-frames')) - before;
    results.push({ name: 'web: map replay, Leshan, frames per second', value: frames / seconds, unit: 'fps' });
    results.push({ name: 'web: map replay, mean time to draw a frame', value: Number(await canvas.getAttribute('data-draw-ms')), unit: 'ms' });
    // The same page's requestAnimationFrame pace with nothing drawn: the ceiling the replay is held to.
    const idle = (await page.evaluate(`new Promise((resolve) => {
      let n = 0;
      const start = performance.now();
      const step = (now) => { n++; if (now - start < 3000) requestAnimationFrame(step); else resolve((1000 * n) / (now - start)); };
      requestAnimationFrame(step);
    })`)) as number;
    results.push({ name: 'web: requestAnimationFrame alone, same page', value: idle, unit: 'fps' });
  } finally {
    await browser.close();
    await server.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
