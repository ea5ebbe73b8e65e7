/** Paste, undo/redo, and a pitfall with its one-click fix, in Chromium. */
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../harness';
import { expectedText } from '../pages/expected';
import { PlaygroundPage } from '../pages/PlaygroundPage';

const PASTED = expectedText({ y_pred: [[0.1, 0.9, 0], [0.2, 0.2, 0.6]] });

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('editing', () => {
  it('pastes a NumPy literal through the Paste… panel', async () => {
    app = await openApp();
    const pg = new PlaygroundPage(app.page);
    await pg.expectValue('1.1769392');
    await pg.grid.pasteInto('y_pred', 'np.array([[0.1, 0.9, 0.0],\n          [0.2, 0.2, 0.6]], dtype=np.float32)');
    expect(await pg.grid.cell('y_pred', 1, 2).inputValue()).toBe('0.6');
    // −(log 0.9 + log 0.6) / 2
    expect(PASTED).toBe('0.30809307');
    await pg.expectValue(PASTED);
    expect(app.errors).toEqual([]);
  });

  it('pastes spreadsheet cells (TSV) straight into a grid cell', async () => {
    app = await openApp({ clipboard: true });
    const pg = new PlaygroundPage(app.page);
    await pg.expectValue('1.1769392');
    await app.page.evaluate(() => navigator.clipboard.writeText('0.1\t0.9\t0\n0.2\t0.2\t0.6'));
    await pg.grid.cell('y_pred', 0, 0).focus();
    await app.page.keyboard.press('Control+V');
    await app.page.getByText('Pasted a TSV 2 × 3 tensor into y_pred.').waitFor();
    await pg.expectValue(PASTED);
  });

  it('pastes a smaller block of spreadsheet cells from the focused cell on', async () => {
    app = await openApp({ clipboard: true });
    const pg = new PlaygroundPage(app.page);
    await pg.expectValue('1.1769392');
    await app.page.evaluate(() => navigator.clipboard.writeText('0.7\t0.3'));
    await pg.grid.cell('y_pred', 1, 1).focus();
    await app.page.keyboard.press('Control+V');
    await app.page.getByText('Pasted a TSV 1 × 2 block into y_pred at [1, 1].').waitFor();
    expect(await pg.grid.cell('y_pred', 1, 2).inputValue()).toBe('0.3');
    expect(await pg.grid.cell('y_pred', 1, 0).inputValue()).toBe('0.1');
    expect(app.errors).toEqual([]);
  });

  it('undo and redo with the buttons and with Ctrl+Z / Ctrl+Y', async () => {
    app = await openApp();
    const pg = new PlaygroundPage(app.page);
    await pg.expectValue('1.1769392');
    await pg.params.set('reduction', 'sum');
    await pg.expectValue('2.3538785');
    await pg.header.undo().click();
    await pg.expectValue('1.1769392');
    await pg.header.redo().click();
    await pg.expectValue('2.3538785');
    await app.page.getByRole('heading', { name: 'Result' }).click();
    await app.page.keyboard.press('Control+z');
    await pg.expectValue('1.1769392');
    await app.page.keyboard.press('Control+y');
    await pg.expectValue('2.3538785');
    await app.page.keyboard.press('Control+Shift+Z');
    await pg.expectValue('2.3538785');
  });

  it('warns that y_pred looks like logits and fixes it with one click', async () => {
    app = await openApp({ viewport: { width: 1280, height: 900 } });
    const pg = new PlaygroundPage(app.page);
    await pg.expectValue('1.1769392');
    await pg.grid.setCell('y_pred', 0, 0, '2.5');
    const warning = pg.result.pitfall('looks_like_logits');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/y_pred\[0, 0\]/);
    await warning.hover();
    expect(await pg.grid.cell('y_pred', 0, 0).evaluate((el) => el.closest('td')!.className)).toMatch(/mark-warn/);
    await screenshot(app.page, 'pitfall-logits');
    await warning.getByRole('button', { name: 'Set from_logits=True' }).click();
    expect(await app.page.getByRole('checkbox', { name: 'from_logits' }).isChecked()).toBe(true);
    await warning.waitFor({ state: 'detached' });
    expect(app.errors).toEqual([]);
  });

  it('an engine error names the cell, outlines it, and the rest keeps working', async () => {
    app = await openApp({ path: '/#v=1' });  // the SparseCategoricalCrossentropy example: labels are class ids
    const pg = new PlaygroundPage(app.page);
    await pg.expectValue('1.1769392');
    // TensorFlow, the default backend, raises for a sparse label outside [0, 3).
    await pg.grid.setCell('y_true', 1, null, '7');
    const banner = app.page.getByTestId('engine-error');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/in y_true\[1\]/);
    expect(await pg.grid.cell('y_true', 1).evaluate((el) => el.closest('td')!.className)).toMatch(/is-error/);
    await pg.grid.setCell('y_true', 1, null, '2');
    await pg.expectValue('1.1769392');
    await banner.waitFor({ state: 'detached' });
  });
});
