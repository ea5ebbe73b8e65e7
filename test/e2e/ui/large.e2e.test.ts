/**
 * Big inputs in Chromium: a 1 x 100,000 link opens with its result and a bounded number of grid
 * cells (the grid draws the columns in view), and a person reaches and edits cells far into a
 * wide and a tall grid (scrolling sideways, the keyboard, the pager).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../harness';
import { link } from '../plots/links';
import { expectedText } from '../pages/expected';
import { PlaygroundPage } from '../pages/PlaygroundPage';

let app: App | null = null;
afterEach(async () => { await app?.close(); app = null; });

const probs = (B: number, C: number) => Array.from({ length: B }, (_, i) => Array.from({ length: C }, (_, j) => (1 + ((i * 31 + j * 7) % 9)) / 10));
const oneHot = (B: number, C: number) => Array.from({ length: B }, (_, i) => Array.from({ length: C }, (_, j) => (j === (i * 3) % C ? 1 : 0)));
const cce = (B: number, C: number) => ({ kind: 'loss' as const, name: 'CategoricalCrossentropy', config: {}, y_true: oneHot(B, C), y_pred: probs(B, C) });
const edited = (doc: ReturnType<typeof cce>, r: number, c: number, v: number) =>
  ({ ...doc, y_pred: doc.y_pred.map((row, i) => (i === r ? row.map((x, j) => (j === c ? v : x)) : row)) });
const cells = () => app!.page.locator('[role=gridcell]').count();
const SLOW = 30_000;  // a busy CI machine; the benchmark (npm run bench:large) measures the real times

describe('large inputs', () => {
  it('a 1 x 100,000 link shows its result with a few dozen grid cells; scrolling and Ctrl+End reach far columns to edit', async () => {
    const doc = cce(1, 100_000);
    app = await openApp({ path: link(doc), viewport: { width: 1400, height: 1000 } });
    const pg = new PlaygroundPage(app.page);
    await pg.expectValue(expectedText(doc), SLOW);
    expect(await cells()).toBeLessThan(2000);
    expect(await cells()).toBeGreaterThan(10);
    const grid = app.page.getByRole('grid', { name: 'y_pred', exact: true });
    expect(await grid.getAttribute('aria-colcount')).toBe('100001');

    // Scroll the y_pred table sideways to about column 50,000 and edit a cell there.
    await pg.grid.cell('y_pred', 0, 2).hover();
    await app.page.mouse.wheel(86 * 50_000, 0);
    const far = pg.grid.cell('y_pred', 0, 50_002);
    await far.waitFor();
    expect(await pg.grid.cell('y_pred', 0, 0).count()).toBe(0);
    await far.fill('0.95');
    await pg.expectValue(expectedText(edited(doc, 0, 50_002, 0.95)), SLOW);

    // The keyboard reaches the last column.
    await app.page.keyboard.press('Control+End');
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('y_pred[0, 99999]');
    await app.page.keyboard.type('0.05');
    await pg.expectValue(expectedText(edited(edited(doc, 0, 50_002, 0.95), 0, 99_999, 0.05)), SLOW);
    expect(await cells()).toBeLessThan(2000);
    await screenshot(app.page, 'large-1x100000');
    expect(app.errors).toEqual([]);
  });

  it('a 10,000 x 10 grid: Go to row 10,000 shows the last rows, and editing the last cell changes the result', async () => {
    const doc = cce(10_000, 10);
    app = await openApp({ path: link(doc), viewport: { width: 1400, height: 1000 } });
    const pg = new PlaygroundPage(app.page);
    await pg.expectValue(expectedText(doc), SLOW);
    const pager = app.page.getByRole('group', { name: 'y_pred rows' });
    await pager.getByRole('spinbutton', { name: 'Go to row' }).fill('10000');
    await pager.getByText('Rows 9,951–10,000 of 10,000').waitFor();
    const last = pg.grid.cell('y_pred', 9999, 9);
    await last.scrollIntoViewIfNeeded();
    await last.fill('0.01');
    await pg.expectValue(expectedText(edited(doc, 9999, 9, 0.01)), SLOW);
    expect(await cells()).toBeLessThan(2000);
    // Arrow keys walk back up past the page's first row: the page follows.
    await pg.grid.cell('y_pred', 9950, 9).click();
    await app.page.keyboard.press('ArrowUp');
    await pager.getByText('Rows 9,950–9,999 of 10,000').waitFor();
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('y_pred[9949, 9]');
    expect(app.errors).toEqual([]);
  });
});
