/**
 * Shared by the site's tests: where the built site is, whether it is stale, a tiny static
 * server that serves it like a host with clean URLs would, and Chromium for browser tests.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.join(ROOT, '.vitepress', 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

function newestMtime(target: string, skip: (p: string) => boolean): number {
  if (!existsSync(target) || skip(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry), skip));
  return newest;
}

/** Why the built site is out of date (or missing), or undefined when it is current. */
export function staleReason(): string | undefined {
  const marker = path.join(DIST, 'index.html');
  if (!existsSync(marker)) return 'the site has not been built';
  const built = statSync(marker).mtimeMs;
  const skip = (p: string) => /[/\\](dist|cache|tests|node_modules)$/.test(p);
  const sources = ['docs', '.vitepress', 'labs', 'solutions'].map((d) => path.join(ROOT, d));
  const newest = Math.max(...sources.map((s) => newestMtime(s, skip)));
  return newest > built ? 'a source changed since the last build' : undefined;
}

/** Every HTML page of the built site, relative to dist (e.g. `modules/03-cold-starts/index.html`). */
export function builtPages(dir = DIST, base = DIST): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'assets') out.push(...builtPages(full, base));
    } else if (entry.name.endsWith('.html'))
      out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

/** The visible text of a built page's main content (tags, scripts and styles removed). */
export function pageText(file: string): string {
  const html = readFileSync(path.join(DIST, file), 'utf8');
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html;
  return main
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a URL path maps to with clean URLs: `/a/b` → a/b.html, `/a/` → a/index.html. */
export function resolveRequest(urlPath: string): string | undefined {
  const clean = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/');
  const rel = path.posix.normalize(clean).replace(/^\/+/, '');
  if (rel.startsWith('..')) return undefined;
  const candidates =
    rel === '' || rel.endsWith('/')
      ? [`${rel}index.html`]
      : [rel, `${rel}.html`, `${rel}/index.html`];
  return candidates
    .map((c) => path.join(DIST, c))
    .find((f) => existsSync(f) && statSync(f).isFile());
}

/** Serves the built site on 127.0.0.1 at a free port. */
export async function serveSite(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const file = resolveRequest(req.url ?? '/');
    if (!file) {
      res.writeHead(404, { 'content-type': TYPES['.html']! });
      res.end(readFileSync(path.join(DIST, '404.html')));
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Opened {
  page: Page;
  /** Console errors, uncaught exceptions and Vue hydration warnings of the page so far. */
  errors: string[];
}

export interface SiteBrowser {
  /** The served site's origin, e.g. http://127.0.0.1:41234. */
  url(): string;
  context(): BrowserContext;
  /** Opens `route` in a new page and waits until Vue has hydrated it. */
  open(route: string, viewport?: { width: number; height: number }): Promise<Opened>;
}

/**
 * For a browser test file: serves the built site and launches Chromium with a throwaway profile
 * before the file's tests (closing both after), and opens pages that record their errors.
 */
export function useSiteBrowser(): SiteBrowser {
  let site: Awaited<ReturnType<typeof serveSite>> | undefined;
  let context: BrowserContext | undefined;
  let profile: string | undefined;
  beforeAll(async () => {
    if (!hasChromium()) return; // the file's browser tests are skipped
    site = await serveSite();
    profile = mkdtempSync(path.join(os.tmpdir(), 'course-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
  });
  afterAll(async () => {
    await context?.close();
    await site?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });
  const browser: SiteBrowser = {
    url: () => site!.url,
    context: () => context!,
    async open(route, viewport = { width: 1280, height: 900 }) {
      const page = await context!.newPage();
      await page.setViewportSize(viewport);
      const errors: string[] = [];
      page.on('console', (msg) => {
        // Vue reports hydration mismatches as console errors (and warnings in development).
        if (msg.type() === 'error' || /hydration/i.test(msg.text())) errors.push(msg.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${site!.url}${route}`, { waitUntil: 'load' });
      await hydrated(page);
      return { page, errors };
    },
  };
  return browser;
}

/** Waits until Vue has hydrated the server-rendered page (clicks work from then on). */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    Boolean((document.querySelector('#app') as { __vue_app__?: unknown } | null)?.__vue_app__),
  );
}
