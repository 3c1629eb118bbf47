/**
 * The first load's JavaScript budget (issue 16: under 1 MB compressed). A size, not a time, so it is a test:
 * the scripts index.html loads (its entry and what it preloads), gzip-compressed, must stay under 1 MB, and
 * the editor, the charts (vega) and the map must not be among them: they are chunks loaded when their view
 * opens. Figures are in docs/performance.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, WEB_DIST } from './helpers.js';

const BUDGET = 1_000_000;

beforeAll(() => ensureWebBuild());

function gz(file: string): number {
  return gzipSync(readFileSync(join(WEB_DIST, file)), { level: 9 }).length;
}

describe('the built page', () => {
  it('loads less than 1 MB of compressed JavaScript first, and the heavy parts later', () => {
    const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
    const first = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(first.length).toBeGreaterThan(0);
    const firstBytes = first.reduce((n, f) => n + gz(f), 0);
    expect(firstBytes).toBeLessThan(BUDGET);
    const chunks = readdirSync(join(WEB_DIST, 'assets')).filter((f) => f.endsWith('.js'));
    for (const lazy of ['editor-', 'charts-', 'map-']) {
      const chunk = chunks.find((f) => f.startsWith(lazy));
      expect(chunk, `a ${lazy}* chunk`).toBeDefined();
      expect(first.some((f) => f.endsWith(chunk!))).toBe(false);
    }
    // Even everything at once (editor, vega and the rest) stays within the budget.
    const all = chunks.reduce((n, f) => n + gz(join('assets', f)), 0);
    expect(all).toBeLessThan(BUDGET);
  });

  it('references nothing outside the server: no absolute URL in index.html', () => {
    const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
  });
});
