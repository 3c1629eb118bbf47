/**
 * The web page in Chromium, on the built-in Leshan data, through the flows issue 16 names: open the page,
 * validate a plan with a typo and see the error at its line, start a batch and watch the progress reach
 * 100 %, see the scorecard and a chart drawn, move the replay slider and see a team move, record a drill
 * action and evaluate the drill; plus the language switch, a tablet layout, keyboard use, and no request
 * to any other host than the server (the context refuses and records them; there must be none).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ensureWebBuild, launchChromium, liveServer, screenshot, watchedPage, type LiveServer, type WatchedPage } from './helpers.js';

let server: LiveServer;
let browser: Browser;
let w: WatchedPage;
let batchId = '';

beforeAll(async () => {
  ensureWebBuild();
  server = await liveServer();
  browser = await launchChromium();
  w = await watchedPage(browser, server.origin);
});

afterAll(async () => {
  await w?.context.close();
  await browser?.close();
  await server?.close();
});

describe('the web page', () => {
  it('opens with the lists of scenarios and plans', async () => {
    const { page } = w;
    await page.goto(`${server.origin}/`);
    await page.getByRole('heading', { name: 'Scenarios' }).waitFor();
    await expect(page.getByRole('link', { name: /leshan-818-flood(?!-)/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: /leshan-flood-plan\b/ }).count()).resolves.toBeGreaterThan(0);
    await screenshot(page, '01-documents');
  });

  it('shows a typo in a plan at its line, from the server validator', async () => {
    const { page } = w;
    await page.goto(`${server.origin}/#/documents/plan/leshan-flood-plan`);
    const line = page.locator('.cm-line', { hasText: /^monitoringDelay: 15min$/ });
    await line.waitFor();
    // The editor shows every line of this plan's first screen; line numbers count from 1.
    const lineNo = (await page.locator('.cm-line').allTextContents()).indexOf('monitoringDelay: 15min') + 1;
    expect(lineNo).toBeGreaterThan(1);
    await line.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('monitoringDelai: 15min');
    // The server's error names the unknown key, at the line where it was typed (gutter and list).
    const problem = page.locator('.problems li', { hasText: 'monitoringDelai' });
    await problem.waitFor({ timeout: 15_000 });
    await expect(problem.textContent()).resolves.toContain(`line ${lineNo}`);
    await expect(page.locator('.cm-lintRange-error').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('#doc-status').textContent()).resolves.toMatch(/error/);
    await screenshot(page, '02-plan-typo');
    // Fixed, it validates again.
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('monitoringDelay: 20min');
    await page.locator('#doc-status', { hasText: 'Valid' }).waitFor({ timeout: 15_000 });
  });

  it('completes keys from the schema, leaving out those the mapping has', async () => {
    const { page } = w;
    await page.locator('.cm-line', { hasText: /^monitoringDelay: 20min$/ }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('decisionD');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await options.first().waitFor({ timeout: 10_000 });
    await expect(options.allTextContents()).resolves.toEqual([expect.stringMatching(/^decisionDelay/)]);
    // Accept it by clicking the selected option: Playwright waits until the option is attached and stable,
    // where Enter on a loaded machine could land while the list was being re-rendered and insert a newline.
    await page.locator('.cm-tooltip-autocomplete li[aria-selected="true"]').click({ timeout: 10_000 });
    await expect.poll(() => page.locator('.cm-activeLine').textContent(), { timeout: 10_000 }).toBe('decisionDelay: ');
    // drillsim is already in the plan: not offered again; the other keys starting with d are.
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('d');
    await page.keyboard.press('Control+Space');
    await options.first().waitFor({ timeout: 10_000 });
    const offered = (await options.allTextContents()).map((o) => o.split(/\s/)[0]!.replace(/[^A-Za-z]+$/, ''));
    expect(offered.some((o) => o.startsWith('drillsim'))).toBe(false);
    expect(offered.some((o) => o.startsWith('decisionDelay'))).toBe(true);
    expect(offered.some((o) => o.startsWith('description'))).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('starts a batch, follows its progress to 100 %, and shows the scorecard and the charts', async () => {
    const { page } = w;
    await page.goto(`${server.origin}/#/runs`);
    await page.locator('#run-scenario').selectOption('leshan-818-flood');
    await page.locator('#run-replications').fill('6');
    await page.locator('#run-seed').fill('7');
    await page.locator('#run-start').click();
    await page.waitForURL(/#\/runs\/[0-9a-f-]{36}$/);
    batchId = page.url().split('/').pop()!;
    await page.locator('#progress-text', { hasText: '100 %' }).waitFor({ timeout: 60_000 });
    await page.locator('#batch-status', { hasText: 'done' }).waitFor({ timeout: 30_000 });
    const metrics = page.locator('#metrics-table tbody tr');
    await metrics.first().waitFor({ timeout: 30_000 });
    expect(await metrics.count()).toBeGreaterThan(3);
    expect(await page.locator('#targets-table .verdict').count()).toBeGreaterThan(0);
    // Sorting a breakdown table by a column: its header says so, and the rows follow.
    const table = page.locator('#breakdown-county');
    const header = table.locator('thead th').nth(1);
    await header.locator('button').click();
    await expect(header.getAttribute('aria-sort')).resolves.toBe('ascending');
    await header.locator('button').click();
    await expect(header.getAttribute('aria-sort')).resolves.toBe('descending');
    const values = await table.locator('tbody tr td:nth-child(2)').allTextContents();
    const numbers = values.map((v) => Number(v.replace(/,/g, ''))).filter((v) => Number.isFinite(v));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    // A chart drawn by vega-embed with its marks.
    const marks = page.locator('figure[data-chart] svg .role-mark');
    await marks.first().waitFor({ timeout: 60_000 });
    expect(await marks.count()).toBeGreaterThan(0);
    await screenshot(page, '03-scorecard');
  });

  it('downloads the results as CSV and JSON', async () => {
    const { page } = w;
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const [json] = await Promise.all([page.waitForEvent('download'), page.locator('#download-json').click()]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);
  });

  it('replays a replication on the map: moving the slider moves a team', async () => {
    const { page } = w;
    const trace = (await (await fetch(`${server.origin}/v1/batches/${batchId}/replications/0/trace`)).json()) as {
      moves: Array<{ team: string; depart: number; arrive: number; from: string; to: string }>;
    };
    const move = trace.moves.find((m) => m.from !== m.to && m.arrive - m.depart > 2);
    expect(move, 'replication 0 sends a team somewhere').toBeDefined();
    await page.goto(`${server.origin}/#/map/${batchId}/0`);
    const row = page.locator(`#team-table tr[data-team="${move!.team}"] td.pos`);
    await row.waitFor({ state: 'attached', timeout: 30_000 });
    const before = await row.textContent();
    const slider = page.locator('#time');
    await slider.evaluate((el, v) => {
      (el as unknown as { value: string }).value = String(v);
      el.dispatchEvent(new Event('input'));
    }, Math.round((move!.depart + move!.arrive) / 2));
    const during = await row.textContent();
    expect(during).not.toBe(before);
    await expect(page.locator('#summary').textContent()).resolves.toMatch(/[1-9]\d* teams on the move/);
    await screenshot(page, '04-map');
    // The keyboard moves the slider too.
    await slider.focus();
    await page.keyboard.press('End');
    await expect(slider.inputValue()).resolves.toBe(String(await slider.getAttribute('max')));
  });

  it('runs a drill: clock, a recorded action, the evaluation', async () => {
    const { page } = w;
    await page.goto(`${server.origin}/#/drill`);
    await page.locator('#drill-scenario').selectOption('leshan-818-flood');
    await page.locator('#drill-replications').fill('6');
    await page.locator('#drill-start').click();
    await page.waitForURL(/#\/drill\/[0-9a-f-]{36}$/);
    await page.locator('#drill-clock').waitFor({ timeout: 60_000 });
    await page.locator('#clock-start').click();
    await page.locator('#clock-start').click();
    const action = await page.locator('#log-action option').first().getAttribute('value');
    await page.locator('#log-at').fill('45');
    await page.locator('#log-by').fill('HQ duty officer');
    await page.locator('#log-record').click();
    await expect(page.locator('#log-table tbody tr').count()).resolves.toBe(1);
    await expect(page.locator('#log-table tbody tr th').textContent()).resolves.toBe(action);
    await page.locator('#evaluate').click();
    const evaluated = page.locator('#evaluation-table tbody tr');
    await evaluated.first().waitFor({ timeout: 30_000 });
    const verdicts = await page.locator('#evaluation-table .verdict').allTextContents();
    expect(verdicts.length).toBeGreaterThan(1);
    // The logged action is judged; every other expected action was missed.
    expect(verdicts.filter((v) => v === 'missed').length).toBe(verdicts.length - 1);
    await screenshot(page, '05-drill');
    // The after-action report opens in a tab of its own, with its sections.
    const [report] = await Promise.all([w.context.waitForEvent('page'), page.locator('#open-report').click()]);
    await report.locator('h2').first().waitFor({ timeout: 15_000 });
    expect(await report.locator('h2').allTextContents()).toContain('4. Improvement plan');
    await screenshot(report, '05b-report');
    await report.close();
  });

  it('compares plan A with plan B: the table and the chart', async () => {
    const { page } = w;
    await page.goto(`${server.origin}/#/runs`);
    await page.locator('#run-scenario').selectOption('leshan-818-flood');
    await page.locator('#run-plan').selectOption('leshan-flood-plan');
    await page.locator('#run-plan-b').selectOption('leshan-flood-plan-late');
    await page.locator('#run-replications').fill('4');
    await page.locator('#run-start').click();
    await page.waitForURL(/#\/runs\/[0-9a-f-]{36}$/);
    const rows = page.locator('#comparison-table tbody tr');
    await rows.first().waitFor({ timeout: 90_000 });
    expect(await rows.count()).toBeGreaterThan(3);
    // One point per metric with a share, drawn by vega-embed.
    const points = page.locator('figure[data-chart="compare"] svg .mark-symbol path');
    await points.first().waitFor({ timeout: 30_000 });
    expect(await points.count()).toBeGreaterThan(3);
    await screenshot(page, '08-compare');
  });

  it('switches to Chinese and back', async () => {
    const { page } = w;
    await page.goto(`${server.origin}/#/runs`);
    await page.locator('#lang').click();
    await page.getByRole('link', { name: '推演批次' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await screenshot(page, '06-zh');
    await page.locator('#lang').click();
    await page.getByRole('link', { name: 'Runs' }).waitFor();
  });

  it('lays out on a tablet', async () => {
    const tablet = await watchedPage(browser, server.origin, { width: 820, height: 1180 });
    await tablet.page.goto(`${server.origin}/#/runs/${batchId}`);
    await tablet.page.locator('#metrics-table').waitFor({ timeout: 30_000 });
    const overflow = await tablet.page.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(tablet.page, '07-tablet');
    expect(tablet.foreign).toEqual([]);
    await tablet.context.close();
  });

  it('made no request to any other host, and threw no error', () => {
    expect(w.foreign).toEqual([]);
    expect(w.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
