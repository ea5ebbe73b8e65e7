/** The main screen in Chromium: the first example, live edits, keyboard use, and screenshots at desktop and phone widths. */
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../harness';
import { expectedText } from '../pages/expected';
import { PlaygroundPage } from '../pages/PlaygroundPage';

const EDITED = expectedText({ y_pred: [[0.05, 0.95, 0], [0.1, 0.8, 0.5]] });

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('main screen', () => {
  it('shows the default example value, 1.1769392 in float32 (desktop screenshot)', async () => {
    app = await openApp({ viewport: { width: 1280, height: 900 } });
    const pg = new PlaygroundPage(app.page);
    expect(await app.page.getByRole('heading', { level: 1 }).textContent()).toBe('Loss Playground');
    await pg.expectValue('1.1769392');
    await app.page.getByTestId('metric-line').getByText('The loss and the metric agree here.').waitFor();
    await screenshot(app.page, 'main-desktop');
    expect(app.errors).toEqual([]);
  });

  it('is usable at phone width, one column, the result first (phone screenshot)', async () => {
    app = await openApp({ viewport: { width: 375, height: 812 } });
    const pg = new PlaygroundPage(app.page);
    await pg.expectValue('1.1769392');
    const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The number and what it means come first, then the parameters that move it, then the grids.
    const top = async (id: string) => (await app!.page.getByTestId(id).boundingBox())!.y;
    expect(await top('panel.result')).toBeLessThan(await top('panel.params'));
    expect(await top('panel.params')).toBeLessThan(await top('panel.inputs'));
    expect(await top('panel.inputs')).toBeLessThan(await top('panel.result-details'));
    // Below, while you edit a grid, the number stays in view at the top.
    const peek = app.page.getByTestId('result.peek');
    expect(await peek.textContent()).toContain('1.1769392');
    await app.page.getByRole('textbox', { name: 'y_pred[1, 2]' }).scrollIntoViewIfNeeded();
    await app.page.mouse.wheel(0, 600);
    const box = (await peek.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThan(120);
    expect(await app.page.evaluate(() => scrollY)).toBeGreaterThan(300);
    await screenshot(app.page, 'main-phone');
    expect(app.errors).toEqual([]);
  });

  it('at 360 px: a pitfall with its fix and the code export still fit (phone screenshots)', async () => {
    app = await openApp({ viewport: { width: 360, height: 780 } });
    const pg = new PlaygroundPage(app.page);
    await pg.expectValue('1.1769392');
    await pg.grid.setCell('y_pred', 0, 0, '2.5');
    await pg.result.pitfall('looks_like_logits').waitFor();
    await pg.code.open();
    await app.page.getByTestId('code-snippet').waitFor();
    const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(app.page, 'pitfall-and-code-phone');
    expect(app.errors).toEqual([]);
  });

  it('editing a cell updates the result live', async () => {
    app = await openApp();
    const pg = new PlaygroundPage(app.page);
    await pg.expectValue('1.1769392');
    await pg.grid.setCell('y_pred', 1, 2, '0.5');
    // Row 1 becomes [0.1, 0.8, 0.5]: Keras renormalises it, so p[class 2] = 0.5 / 1.4.
    expect(EDITED).toBe('0.5404563');
    await pg.expectValue(EDITED);
    await pg.grid.setCell('y_pred', 1, 2, '0.5.');
    expect(await pg.grid.cell('y_pred', 1, 2).getAttribute('aria-invalid')).toBe('true');
    await app.page.getByText(/“0\.5\.” is not a number/).waitFor();
    await pg.expectValue(EDITED);
    expect(app.errors).toEqual([]);
  });

  it('is operable from the keyboard: tab to a grid, move with arrows, type, see the value', async () => {
    app = await openApp();
    const pg = new PlaygroundPage(app.page);
    await pg.expectValue('1.1769392');
    await pg.grid.cell('y_pred', 0, 0).focus();
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('ArrowRight');
    await app.page.keyboard.press('ArrowRight');
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('y_pred[1, 2]');
    await app.page.keyboard.type('0.5');
    await pg.expectValue(EDITED);
    const outline = await app.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
  });

  it('CTC: 3-D logits as one grid per sample, and the derivation (screenshot)', async () => {
    app = await openApp({ viewport: { width: 1280, height: 900 } });
    const pg = new PlaygroundPage(app.page);
    await pg.header.pickLoss('CTC');
    await pg.expectValue('2.458313'); // TensorFlow's CTC (JAX prints 2.4583127)
    expect(await app.page.getByRole('grid', { name: 'y_pred, sample 2' }).count()).toBe(1);
    expect(await pg.grid.cell('y_pred', 2, 3, 1).inputValue()).toBe('0.3');
    await screenshot(app.page, 'ctc-desktop');
  });

  it('a metric with two update_state() batches (screenshot)', async () => {
    app = await openApp({ viewport: { width: 1280, height: 900 } });
    const pg = new PlaygroundPage(app.page);
    await pg.header.pickPreset('m-scce');
    await pg.expectValue('1.6271976');
    await app.page.getByRole('table', { name: 'After each update_state()' }).waitFor();
    await screenshot(app.page, 'metric-desktop');
  });

  it('dark theme (screenshot)', async () => {
    app = await openApp({ viewport: { width: 1280, height: 900 } });
    const pg = new PlaygroundPage(app.page);
    await app.page.getByLabel('Theme', { exact: true }).selectOption('dark');
    await pg.expectValue('1.1769392');
    const bg = await app.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(18, 19, 22)');
    await screenshot(app.page, 'main-desktop-dark');
  });
});
