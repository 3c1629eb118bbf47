/**
 * The web page's browser tests: the built page (dist/web, built on demand when a checkout has not built it),
 * a server listening on a loopback port, and Debian's Chromium driven by playwright-core (never a browser
 * downloaded by playwright; .ci/run installs chromium when it is missing; CHROMIUM_PATH overrides). Every
 * request the page makes to another host than the server is refused and recorded, so a test can assert
 * that there were none. Screenshots go to test-artifacts/web/ (gitignored).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { InProcessRunner } from '../../engine/batch/inprocess.js';
import { createServer, type DrillsimServer, type ServerOptions } from '../../api/http/server.js';
import { tempDataDir } from '../http/helpers.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const WEB_DIST = join(ROOT, 'dist', 'web');
export const ARTEFACTS = join(ROOT, 'test-artifacts', 'web');
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** Build the page unless dist/web holds a build (npm ci builds it; a test run straight after a checkout may not). */
export function ensureWebBuild(): void {
  if (existsSync(join(WEB_DIST, 'index.html'))) return;
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
}

export interface LiveServer extends DrillsimServer {
  origin: string;
  close(): Promise<void>;
}

/** A server on 127.0.0.1 and a free port; batches run on the in-process runner (as in the HTTP tests). */
export async function liveServer(options: Partial<ServerOptions> = {}): Promise<LiveServer> {
  const { dir, cleanup } = tempDataDir();
  const server = await createServer({ dataDir: dir, runnerFactory: () => new InProcessRunner(), rateLimit: false, chunkSize: () => 2, ...options });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (server.app.server.address() as AddressInfo).port;
  return {
    ...server,
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      await server.app.close();
      cleanup();
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  if (CHROMIUM === undefined) throw new Error('Chromium is not installed: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Requests to any other host than the server's (refused). */
  foreign: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
}

/** A page whose every request to a host other than `origin`'s is refused and recorded. */
export async function watchedPage(browser: Browser, origin: string, viewport = { width: 1366, height: 900 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const foreign: string[] = [];
  const errors: string[] = [];
  const host = new URL(origin).host;
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:' || url.protocol === 'wss:') && url.host !== host) {
      foreign.push(url.href);
      return route.abort();
    }
    return route.continue();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, foreign, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTEFACTS, { recursive: true });
  const file = join(ARTEFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
