/**
 * Shared browser-test harness: one Chromium per test file, a fresh context per app, screenshots
 * kept under test-results/screenshots/ as test artifacts. Page errors are collected so tests can
 * assert the page stayed healthy.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, inject } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, assertChromium } from './chromium';

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

let browser: Promise<Browser> | null = null;

function getBrowser(): Promise<Browser> {
  assertChromium();
  browser ??= chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  return browser;
}

afterAll(async () => {
  if (browser) await (await browser).close();
  browser = null;
});

export interface App {
  page: Page;
  context: BrowserContext;
  baseUrl: string;
  /** Uncaught page errors and console errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Path and hash, e.g. '/#v=1&name=...'. Defaults to '/'. */
  path?: string;
  viewport?: { width: number; height: number };
  /** Grant clipboard access (Copy link tests). */
  clipboard?: boolean;
  /** The OS colour scheme the page sees (Theme = System follows it). */
  colorScheme?: 'light' | 'dark';
}

export async function openApp(opts: OpenOptions = {}): Promise<App> {
  const baseUrl = inject('baseUrl');
  const b = await getBrowser();
  const context = await b.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    permissions: opts.clipboard ? ['clipboard-read', 'clipboard-write'] : [],
    colorScheme: opts.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  await page.goto(`${baseUrl}${opts.path ?? '/'}`);
  return { page, context, baseUrl, errors, close: () => context.close() };
}

/** Save a full-page screenshot as a test artifact; returns its path. JPEG is several times quicker to encode (the visual matrix takes dozens). */
export async function screenshot(page: Page, name: string, type: 'png' | 'jpeg' = 'png'): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.${type === 'png' ? 'png' : 'jpg'}`);
  await page.screenshot({ path, fullPage: true, type, ...(type === 'jpeg' ? { quality: 80 } : {}), animations: 'disabled', caret: 'hide' });
  return path;
}
