/**
 * The after-action report opens in Chromium (Debian's package, driven by playwright-core; never a browser
 * downloaded by playwright) with its charts drawn and no network access: every request that is not the
 * file itself is refused and counted, and there must be none. The page prints (a PDF comes out).
 * .ci/run installs chromium when it is missing; set CHROMIUM_PATH to use another binary.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillScript } from '../../models/schema/drill.js';
import { runCli, tempDir } from '../cli/helpers.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'model');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

let dir: string;
let cleanup: () => void;
let report: string;
let browser: Browser;

beforeAll(async () => {
  if (CHROMIUM === undefined) throw new Error('Chromium is not installed: apt-get install -y chromium (or set CHROMIUM_PATH)');
  ({ dir, cleanup } = tempDir());
  const scriptFile = join(dir, 'script.json');
  const made = await runCli('drill', 'script', join(FIXTURES, 'testvale-flood.yaml'), '--replications', '3', '--workers', '0', '--out', scriptFile);
  expect(made.code, made.stderr).toBe(0);
  const script = JSON.parse(readFileSync(scriptFile, 'utf8')) as DrillScript;
  // One action late, one missed, the rest at their median: every kind of mark is drawn.
  const rows = script.expectedActions.flatMap((a, i) => (i === 1 ? [] : [`${a.id},${i === 0 ? a.start.p90! + 30 : a.start.p50},HQ,`]));
  const log = join(dir, 'log.csv');
  writeFileSync(log, ['action,at,by,notes', ...rows].join('\n'));
  report = join(dir, 'report.html');
  const evaluated = await runCli('drill', 'evaluate', scriptFile, log, '--out', report, '--date', '2025-06-12');
  expect(evaluated.code, evaluated.stderr).toBe(0);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  cleanup?.();
});

describe('after-action report in Chromium', () => {
  it('shows its charts with no network access, and prints', async () => {
    const html = readFileSync(report, 'utf8');
    expect(html).not.toMatch(/<script|<link|src="http|href="http|@import|url\(/i);
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    const refused: string[] = [];
    const url = pathToFileURL(report).href;
    await page.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      refused.push(route.request().url());
      return route.abort();
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    // Two charts, each an SVG with its marks: the windows (rules, ticks, dots) and the percentile bars.
    const figures = page.locator('figure svg');
    expect(await figures.count()).toBe(2);
    for (let i = 0; i < 2; i++) {
      const box = await figures.nth(i).boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(100);
    }
    expect(await page.locator('figure').nth(0).locator('.mark-rule.role-mark line').count()).toBeGreaterThan(0);
    expect(await page.locator('figure').nth(0).locator('.mark-symbol.role-mark path').count()).toBe(rows().length);
    expect(await page.locator('figure').nth(1).locator('.mark-rect.role-mark path').count()).toBe(rows().length);
    await expect(page.locator('h2').allTextContents()).resolves.toEqual(['1. Exercise overview', '2. Objectives', '3. Actions against the simulated windows', '4. Improvement plan']);
    expect(await page.locator('text=missed').count()).toBeGreaterThan(0);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });
});

/** The logged rows of the test's log (all but the missed action). */
function rows(): string[] {
  return readFileSync(join(dir, 'log.csv'), 'utf8').trim().split('\n').slice(1);
}
