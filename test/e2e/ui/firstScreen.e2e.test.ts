/**
 * The first minute (issue 14), in Chromium: a first visit shows a slider that moves the number and a
 * sentence on what the number means with this input's numbers; on a phone the result comes before
 * the grids; a link may name only a loss; the documented examples' links stay short.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PRESETS } from '../../../src/presets';
import { formatNumber } from '../../../src/ui/common/format';
import { openApp, screenshot, type App } from '../harness';
import { PlaygroundPage } from '../pages/PlaygroundPage';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function open(path = '/', viewport = { width: 1280, height: 900 }) {
  const app = await openApp({ path, viewport });
  apps.push(app);
  return { app, pg: new PlaygroundPage(app.page) };
}

describe('the first screen', () => {
  it('shows a slider and a sentence with this input\'s numbers; dragging the slider moves both', async () => {
    const { app, pg } = await open();
    await pg.expectValue('1.1769392');
    const slider = pg.params.slider('label_smoothing');
    expect(await slider.isVisible()).toBe(true);
    // The numbers the sentence must carry are read from the page's own result, not written here.
    const f = (x: number) => formatNumber(x, 'float32');
    const before = (await pg.result.sentence().textContent())!;
    expect(before).toContain(f(await pg.perSampleComputed(1)));
    expect(before).toContain(f(await pg.result.computed()));
    expect(before).toMatch(/^Sample 1's true class is 2, which gets probability 0\.1, so its loss is −log 0\.1 = /);

    await pg.params.drag('label_smoothing', 0.3);
    const smoothing = await pg.params.panel().getByLabel('label_smoothing', { exact: true }).inputValue();
    expect(Number(smoothing)).toBeGreaterThan(0);
    await app.page.waitForFunction((b) => document.querySelector('[data-testid="result.sentence"]')?.textContent !== b, before);
    await pg.settled();
    const after = (await pg.result.sentence().textContent())!;
    expect(await pg.result.text()).not.toBe('1.1769392');
    expect(after).toContain(`label_smoothing ${f(Number(smoothing))} turns sample 1's label into [`);
    expect(after).toContain(f(await pg.perSampleComputed(1)));
    expect(after).toContain(f(await pg.result.computed()));
    await screenshot(app.page, 'first-screen-desktop');
    expect(app.errors).toEqual([]);
  });

  it('at 390 px the result, with its sentence, comes before the grids, and the slider before the grids too', async () => {
    const { app, pg } = await open('/', { width: 390, height: 844 });
    await pg.expectValue('1.1769392');
    const result = (await app.page.getByTestId('panel.result').boundingBox())!;
    const firstGrid = (await app.page.getByRole('grid').first().boundingBox())!;
    const slider = (await pg.params.slider('label_smoothing').boundingBox())!;
    expect(result.y).toBeLessThan(firstGrid.y);
    expect(slider.y).toBeLessThan(firstGrid.y);
    // The number and its sentence are on the first screenful.
    expect((await pg.result.sentence().boundingBox())!.y).toBeLessThan(844);
    const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(app.page, 'first-screen-390');
    expect(app.errors).toEqual([]);
  });
});

describe('links', () => {
  it('a link that names only a loss and a parameter shows that loss\'s example, as picking it does', async () => {
    const { app, pg } = await open('/#v=1&name=BinaryCrossentropy&label_smoothing=0.2');
    await pg.settled();
    expect(await app.page.getByLabel('Loss', { exact: true }).inputValue()).toBe('loss:BinaryCrossentropy');
    expect(await pg.params.panel().getByLabel('label_smoothing', { exact: true }).inputValue()).toBe('0.2');
    expect(await app.page.getByTestId('link-errors').count()).toBe(0);
    expect(await app.page.getByTestId('engine-error').count()).toBe(0);
    expect(await pg.result.sentence().textContent()).toMatch(/smoothed to .*label_smoothing 0\.2/);
    const shown = await pg.result.text();

    // The same example as choosing BinaryCrossentropy in the picker and setting label_smoothing.
    const picked = await open('/#v=1');
    await picked.pg.expectValue('1.1769392');
    await picked.pg.header.pickLoss('BinaryCrossentropy');
    await picked.pg.params.set('label_smoothing', 0.2);
    await picked.pg.expectValue(shown);
    for (const [r, c] of [[0, 0], [0, 1], [1, 2]]) {
      expect(await picked.pg.grid.cell('y_true', r, c).inputValue()).toBe(await pg.grid.cell('y_true', r, c).inputValue());
      expect(await picked.pg.grid.cell('y_pred', r, c).inputValue()).toBe(await pg.grid.cell('y_pred', r, c).inputValue());
    }
    expect(app.errors).toEqual([]);
  });

  it('every documented example\'s link is under 200 characters and opens that example', async () => {
    const { app, pg } = await open();
    await pg.expectValue('1.1769392');
    const lengths: Record<string, number> = {};
    for (const p of PRESETS) {
      await pg.header.pickPreset(p.id);
      await app.page.waitForFunction((id) => decodeURIComponent(location.hash).includes(`preset=${id}`), p.id);
      lengths[p.id] = (await app.page.evaluate(() => location.href)).length;
    }
    expect(Object.entries(lengths).filter(([, n]) => n >= 200)).toEqual([]);
    // The three that were over before: each link opens its example with the documented value.
    for (const id of ['bfce-6', 'bfce-8', 'bfce-10']) {
      await pg.header.pickPreset(id);
      await app.page.waitForFunction((i) => decodeURIComponent(location.hash).includes(`preset=${i}`), id);
      const url = await app.page.evaluate(() => location.href);
      const fresh = await open(url.slice(url.indexOf('/', 8)));
      await fresh.pg.result.presetMatch().getByText('✓ match').waitFor();
      expect(await fresh.app.page.getByLabel('Loss', { exact: true }).inputValue()).toBe('loss:BinaryFocalCrossentropy');
    }
    expect(app.errors).toEqual([]);
  });
});
