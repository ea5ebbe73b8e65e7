/**
 * The charts in real Chromium: each one draws, follows a parameter change, links hover with the
 * grids, and leaves a screenshot (test-results/screenshots/chart-*.png).
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, SCREENSHOT_DIR, screenshot as pageShot, type App } from '../harness';
import { BINARY_FOCAL, CCE, CTC_DOC, link } from './links';

let app: App | null = null;
afterEach(async () => { await app?.close(); app = null; });

/** The full page (the harness's artifact) and the charts panel alone. */
async function screenshot(page: Page, name: string): Promise<void> {
  await pageShot(page, name);
  await page.locator(tid('charts')).screenshot({ path: join(SCREENSHOT_DIR, `${name}-panel.png`) });
}

const attr = (page: Page, sel: string, name: string) => page.locator(sel).first().getAttribute(name);
const tid = (id: string) => `[data-testid="${id}"]`;

async function open(path: string): Promise<Page> {
  app = await openApp({ path, viewport: { width: 1280, height: 1000 } });
  await app.page.locator(tid('charts')).scrollIntoViewIfNeeded();
  return app.page;
}

/** Waits until `read()` differs from `before`. */
async function changes(read: () => Promise<string | null>, before: string | null): Promise<string | null> {
  await expect.poll(read, { timeout: 10_000 }).not.toBe(before);
  return read();
}

describe('charts in Chromium', () => {
  it('per-sample bars link to the grid rows, and back', async () => {
    const page = await open('/');
    const bars = page.locator(tid('plot.per-sample.bar'));
    await expect.poll(() => bars.count()).toBe(2);
    await expect.poll(() => page.locator(tid('plot.per-sample.reduction')).count()).toBe(1);
    await page.locator(tid('plot.per-sample')).scrollIntoViewIfNeeded();
    const box = (await bars.nth(1).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 4);
    const rowCells = page.locator(`${tid('editor.y_pred')} td.in-sample input`);
    await expect.poll(() => rowCells.count()).toBe(3);
    expect(await rowCells.first().getAttribute('data-path')).toBe('1:0');
    expect(await page.locator(tid('plot.per-sample.tooltip')).textContent()).toContain('loss');
    await screenshot(page, 'chart-per-sample');
    await page.locator(`${tid('editor.y_pred')} input[data-path="0:1"]`).hover();
    await expect.poll(() => attr(page, `${tid('plot.per-sample.bar')}[data-index="0"]`, 'data-highlighted')).toBe('true');
    expect(app!.errors).toEqual([]);
  });

  it('focal sweeps follow gamma', async () => {
    const page = await open(link({ ...BINARY_FOCAL, view: { tab: 'focal' } }));
    const reduced = `${tid('plot.alpha-sweep')} ${tid('plot.alpha-sweep.reduced')}`;
    await expect.poll(() => page.locator(reduced).count()).toBe(2);
    await expect.poll(() => page.locator(tid('plot.gamma-sweep.line')).count()).toBe(6);
    const current = () => attr(page, tid('plot.gamma-sweep.current'), 'x1');
    const [x0, d0] = [await current(), await attr(page, reduced, 'd')];
    await page.getByLabel('gamma', { exact: true }).fill('0.5');
    await changes(current, x0);
    await changes(() => attr(page, reduced, 'd'), d0);
    await page.locator(tid('plot.gamma-sweep')).scrollIntoViewIfNeeded();
    await screenshot(page, 'chart-focal');
  });

  it('label smoothing sweep follows the input and marks the current value', async () => {
    const page = await open(link({ ...CCE, view: { tab: 'smoothing' } }));
    const line = tid('plot.smoothing-sweep.reduced');
    await expect.poll(() => page.locator(line).count()).toBe(1);
    const d0 = await attr(page, line, 'd');
    const x0 = await attr(page, tid('plot.smoothing-sweep.current'), 'x1');
    await page.getByLabel('label_smoothing', { exact: true }).fill('0.2');
    await changes(() => attr(page, tid('plot.smoothing-sweep.current'), 'x1'), x0);
    await page.locator(`${tid('editor.y_pred')} input[data-path="1:2"]`).fill('0.5');
    await page.keyboard.press('Tab');
    await changes(() => attr(page, line, 'd'), d0);
    await page.locator(tid('plot.smoothing-sweep')).scrollIntoViewIfNeeded();
    await screenshot(page, 'chart-smoothing');
  });

  it('gradient curve follows the selected cell and compares settings', async () => {
    const page = await open(link({ ...CCE, view: { tab: 'gradient', selected: [1, 2] } }));
    await expect.poll(() => page.locator(tid('plot.gradient.curve')).count()).toBe(1);
    expect(await page.locator(tid('plot.gradient.svg')).getAttribute('aria-label')).toContain('sample 1');
    await page.locator(`${tid('editor.y_pred')} input[data-path="0:1"]`).focus();
    await expect.poll(() => page.locator(tid('plot.gradient.svg')).getAttribute('aria-label')).toContain('sample 0 against y_pred entry 1');
    await page.locator(tid('plot.gradient.compare')).selectOption('focal');
    await expect.poll(() => page.locator(tid('plot.gradient.curve')).count()).toBe(4);
    await page.locator(tid('plot.gradient.space')).selectOption('logit');
    await expect.poll(() => page.locator(tid('plot.gradient.dead')).count()).toBeGreaterThan(0);
    expect(await page.locator(tid('plot.gradient.clip')).count()).toBeGreaterThan(0);
    await page.locator(tid('plot.gradient')).scrollIntoViewIfNeeded();
    // Keyboard users get the same tooltip: focus the plot, step with the arrow keys.
    await page.locator(tid('plot.gradient.plot')).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator(tid('plot.gradient.tooltip')).textContent()).toMatch(/^x = /);
    expect(await page.locator(tid('plot.gradient.live')).textContent()).toContain('∂v/∂x');
    await screenshot(page, 'chart-gradient');
    // The page's link carries the overlay and the axis: a fresh page opens the same chart.
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('compare=focal');
    const hash = await page.evaluate(() => location.hash);
    await app!.close();
    const again = await open(`/${hash}`);
    await expect.poll(() => again.locator(tid('plot.gradient.curve')).count()).toBe(4);
    expect(await again.locator(tid('plot.gradient.space')).inputValue()).toBe('logit');
    expect(await again.locator(tid('plot.gradient.compare')).inputValue()).toBe('focal');
  });

  it('CTC lattice: occupancy heatmap, best path, per-time gradient, sample switch', async () => {
    const page = await open(link({ ...CTC_DOC, view: { tab: 'ctc' } }));
    await expect.poll(() => page.locator(`${tid('plot.ctc.occupancy')} rect`).count()).toBe(6 * 5);
    expect(await page.locator(`${tid('plot.ctc.gradient')} rect`).count()).toBe(6 * 4);
    expect(await attr(page, tid('plot.ctc.path'), 'd')).toMatch(/^M/);
    await page.locator(tid('plot.ctc.sample')).fill('1');
    await expect.poll(() => page.locator(tid('plot.ctc.svg')).getAttribute('aria-label')).toContain('sample 1: labels [1, 1]');
    await page.locator(tid('plot.ctc')).scrollIntoViewIfNeeded();
    await screenshot(page, 'chart-ctc');
  });

  it('marks charts:updated after an edit and exports SVG', async () => {
    const page = await open('/');
    await expect.poll(() => page.locator(tid('plot.per-sample.bar')).count()).toBe(2);
    await page.evaluate(() => performance.clearMarks('charts:updated'));
    await page.locator(`${tid('editor.y_pred')} input[data-path="0:0"]`).fill('0.3');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('charts:updated').length)).toBeGreaterThan(0);
    const download = page.waitForEvent('download');
    await page.locator(tid('plot.per-sample.export-svg')).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('loss-playground-per-sample.svg');
    // A file has no stylesheet: the theme's colours are written into it, and its background is the panel's.
    const svg = readFileSync((await file.path())!, 'utf8');
    expect(svg).not.toContain('var(--');
    expect(svg).toMatch(/<rect width="100%" height="100%" fill="(#fff|rgb\(255, 255, 255\)|#ffffff)"/);
    expect(svg).toMatch(/fill="rgb\(0, 114, 178\)"/);
  });
});
