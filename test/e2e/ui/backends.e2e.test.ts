/**
 * Keras backends in Chromium: the picker changes the numbers, the compare view lists all five with
 * the reason they differ, a link carries the backend, and a NaN typed into y_pred is traced to its
 * cell and step. Screenshots of the compare view in light and dark themes and at 390 px.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDoc } from '../../../src/document/document';
import { encode } from '../../../src/document/codec';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { openApp, screenshot, SCREENSHOT_DIR, type App } from '../harness';
import { PlaygroundPage } from '../pages/PlaygroundPage';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function open(path = '/', viewport?: { width: number; height: number }) {
  const app = await openApp({ path, viewport, clipboard: true });
  apps.push(app);
  return { app, pg: new PlaygroundPage(app.page) };
}

/** BinaryCrossentropy with predictions of exactly 0 and 1: tf.keras 2 puts ε inside the logs too. */
const BCE_EDGES = `/#${encode({ ...defaultDoc(), name: 'BinaryCrossentropy', y_true: [[0, 1], [1, 0]], y_pred: [[0, 1], [0.6, 0.4]] })}`;

/** A screenshot of one element (readable at full size, unlike a whole page). */
const shot = (l: Locator, name: string) => l.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });

const noSidewaysScroll = (app: App) => app.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function waitSettled(app: App) {
  await app.page.waitForFunction(() => !document.querySelector('[data-testid="panel.result"]')?.getAttribute('aria-busy'));
}

describe('Keras backend picker', () => {
  it('JAX shows sample 0 of the first documented SCCE example as 0.051293306', async () => {
    const { app, pg } = await open();
    await pg.header.pickPreset('scce-1');
    await pg.backends.pick('jax');
    await waitSettled(app);
    expect(await pg.perSample(0)).toBe('0.051293306');
    expect(await app.page.getByTestId('result.on').textContent()).toBe('float32, JAX');
  });

  // TensorFlow clips, then renormalises (engine work of issue 10).
  it('TensorFlow shows sample 0 of the first documented SCCE example as 0.051293444', async () => {
    const { app, pg } = await open();
    await pg.header.pickPreset('scce-1');
    await pg.backends.pick('jax');
    await pg.backends.pick('tensorflow');
    await waitSettled(app);
    expect(await pg.backends.picker().inputValue()).toBe('tensorflow');
    expect(await pg.perSample(0)).toBe('0.051293444');
  });

  it('a link carries the backend and reopens with it; the exported code names it', async () => {
    const { app, pg } = await open();
    await pg.expectValue('1.1769392');
    await pg.backends.pick('torch');
    const url = await pg.share.copyUrl();
    expect(url).toMatch(/[#&]backend=torch(&|$)/);
    const b = await open(url.slice(url.indexOf('/', 8)));
    await b.pg.expectValue('1.1769392');
    expect(await b.pg.backends.picker().inputValue()).toBe('torch');
    expect(await b.app.page.getByTestId('result.on').textContent()).toBe('float32, PyTorch');
    await b.pg.code.open();
    expect(await b.pg.code.snippet()).toContain('os.environ["KERAS_BACKEND"] = "torch"');
    expect(app.errors).toEqual([]);
    expect(b.app.errors).toEqual([]);
  });
});

describe('compare backends', () => {
  it('lists all five, marks the value that differs and says why, linked to the step', async () => {
    const { app, pg } = await open(BCE_EDGES);
    await pg.expectValue('0.25541285');
    await pg.backends.open();
    const names = await pg.backends.view().locator('.bk-card').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(names).toEqual(['TensorFlow', 'JAX', 'PyTorch', 'NumPy', 'tf.keras 2']);
    expect(await pg.backends.card('tf.keras 2').getAttribute('data-differs')).toBe('true');
    expect(await pg.backends.card('tf.keras 2').getByTestId('backend.value').textContent()).toMatch(/0\.2554127/);
    expect(await pg.backends.card('NumPy').textContent()).toContain('gradient: none');
    const why = pg.backends.why();
    expect(await why.textContent()).toMatch(/tf\.keras 2 adds ε inside the logs.*: step per_entry\./);
    expect(await why.textContent()).toMatch(/NumPy has no automatic differentiation/);
    await why.getByRole('button', { name: 'per_entry' }).click();
    await app.page.waitForFunction(() => document.activeElement?.matches('[data-testid="panel.explain"] li.step[data-step="per_entry"]'));
    await shot(pg.backends.view(), 'backends-compare-light');
    await shot(app.page.locator('header.app-header'), 'backends-header-light');
    await app.page.getByLabel('Theme', { exact: true }).selectOption('dark');
    await shot(pg.backends.view(), 'backends-compare-dark');
    await shot(app.page.locator('header.app-header'), 'backends-header-dark');
    await screenshot(app.page, 'backends-page-dark');
    expect(app.errors).toEqual([]);
  });

  it('an error on one backend shows in its card; the page keeps working', async () => {
    // Label 3 of 3 classes on JAX (scores 0); TensorFlow raises.
    const { app, pg } = await open(`/#${encode({ ...defaultDoc(), kerasBackend: 'jax', y_true: [1, 3] })}`);
    await pg.backends.open();
    expect(await pg.backends.card('TensorFlow').getByTestId('backend.error').textContent()).toMatch(/raises:.*y_true\[1\]/);
    expect(await pg.backends.why().textContent()).toMatch(/TensorFlow raises on this input where JAX computes/);
    expect(await app.page.getByTestId('result.value').count()).toBe(1);
    expect(await app.page.getByTestId('engine-error').count()).toBe(0);
    await shot(pg.backends.view(), 'backends-compare-error');
  });

  it('is readable at 390 px without sideways scrolling', async () => {
    const { app, pg } = await open(BCE_EDGES, { width: 390, height: 844 });
    await pg.backends.open();
    expect(await noSidewaysScroll(app)).toBe(true);
    await shot(pg.backends.view(), 'backends-compare-390');
    await shot(app.page.locator('header.app-header'), 'backends-header-390');
    await app.page.getByLabel('Theme', { exact: true }).selectOption('dark');
    await shot(pg.backends.view(), 'backends-compare-390-dark');
    expect(await noSidewaysScroll(app)).toBe(true);
  });
});

describe('non-finite input', () => {
  it('a NaN typed into y_pred shows NaN with the cell and the step that produced it; the link keeps it', async () => {
    const { app, pg } = await open(BCE_EDGES);
    await pg.expectValue('0.25541285');
    await pg.grid.setCell('y_pred', 1, 1, 'nan');
    await pg.expectValue('nan');
    const note = app.page.getByTestId('non-finite-source');
    expect(await note.textContent()).toMatch(/y_pred\[1, 1\] is nan.*first.* step p_clipped/i);
    expect(await note.getByRole('button', { name: 'p_clipped' }).count()).toBe(1);
    await shot(app.page.getByTestId('panel.result').locator('> div').first(), 'backends-nan-result');
    await shot(pg.grid.editor('y_pred'), 'backends-nan-grid');
    const url = await pg.share.copyUrl();
    expect(decodeURIComponent(url)).toContain('"NaN"');
    const b = await open(url.slice(url.indexOf('/', 8)));
    await b.pg.expectValue('nan');
    expect(await b.pg.grid.cell('y_pred', 1, 1).inputValue()).toBe('nan');
    // Uncaught errors only: drawing NaN in the charts is the charts' own concern (labelled markers).
    expect(b.app.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });
});
