/** Sharing in Chromium: a copied link reproduces the same numbers in a fresh page; a corrupt link shows its errors and a working app. */
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../harness';
import { expectedText } from '../pages/expected';
import { PlaygroundPage } from '../pages/PlaygroundPage';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

describe('links', () => {
  it('a copied link opened in a fresh page reproduces the same numbers', async () => {
    const a = await openApp({ clipboard: true });
    apps.push(a);
    const pg = new PlaygroundPage(a.page);
    await pg.expectValue('1.1769392');
    await pg.header.pickLoss('CategoricalFocalCrossentropy');
    await pg.params.set('gamma', 3);
    await pg.params.set('label_smoothing', 0.1);
    await pg.grid.setCell('y_pred', 0, 0, '0.2');
    await a.page.getByRole('button', { name: 'Add sample_weight' }).click();
    await pg.grid.setCell('sample_weight', 1, null, '0.25');
    const want = expectedText({
      name: 'CategoricalFocalCrossentropy', y_true: [[0, 1, 0], [0, 0, 1]], y_pred: [[0.2, 0.95, 0], [0.1, 0.8, 0.1]],
      sample_weight: [1, 0.25], config: { gamma: 3, label_smoothing: 0.1 },
    });
    await pg.expectValue(want);
    const perSample = await a.page.getByRole('table', { name: 'Per-sample values', exact: true }).textContent();
    const url = await pg.share.copyUrl();
    expect(url).toMatch(/#v=1&/);

    const b = await openApp({ path: url.slice(url.indexOf('/', 8)) });
    apps.push(b);
    const pg2 = new PlaygroundPage(b.page);
    await pg2.expectValue(want);
    expect(await b.page.getByRole('table', { name: 'Per-sample values', exact: true }).textContent()).toBe(perSample);
    expect(await pg2.params.panel().getByLabel('gamma', { exact: true }).inputValue()).toBe('3');
    expect(b.errors).toEqual([]);
  });

  it('a corrupt link shows what was wrong, and the app keeps working', async () => {
    const a = await openApp({ path: '/#v=1&name=CategoricalCrossentropy&y_true=[[0,1,0],[0,0,1]]&y_pred=[[0.1,0.9&gamma=lots' });
    apps.push(a);
    const pg = new PlaygroundPage(a.page);
    const banner = a.page.getByTestId('link-errors');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/y_pred/);
    // The valid fields were kept: CategoricalCrossentropy with the default y_pred gives the docs' number.
    await pg.expectValue('1.1769392');
    expect(await a.page.getByLabel('Loss', { exact: true }).inputValue()).toBe('loss:CategoricalCrossentropy');
    await screenshot(a.page, 'link-error');
    await pg.grid.setCell('y_pred', 1, 2, '0.5');
    await pg.expectValue(expectedText({ name: 'CategoricalCrossentropy', y_true: [[0, 1, 0], [0, 0, 1]], y_pred: [[0.05, 0.95, 0], [0.1, 0.8, 0.5]] }));
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await banner.waitFor({ state: 'detached' });
    expect(a.errors).toEqual([]);
  });

  it('a long example offers the JSON download instead of a link', async () => {
    const a = await openApp();
    apps.push(a);
    const pg = new PlaygroundPage(a.page);
    await pg.expectValue('1.1769392');
    await a.page.getByLabel('Batch', { exact: true }).fill('120');
    await a.page.getByLabel('Classes', { exact: true }).fill('10');
    await a.page.getByRole('button', { name: 'Random example', exact: true }).click();
    await a.page.getByTestId('link-too-long').waitFor();
    const download = a.page.waitForEvent('download');
    await a.page.getByRole('button', { name: 'Download JSON' }).click();
    expect((await download).suggestedFilename()).toBe('loss-playground-CategoricalCrossentropy.json');
  });

  it('a link with its parameters reordered, &amp; separators and an unknown key loads, lists the key, and stays in the address bar until replaced', async () => {
    const hash = '#name=BinaryCrossentropy&amp;from_logits=true&amp;y_true=[[0,1]]&amp;y_pred=[[0.5,-2]]&amp;colour=red&amp;v=1';
    const a = await openApp({ path: `/${hash}` });
    apps.push(a);
    const pg = new PlaygroundPage(a.page);
    await pg.expectValue(expectedText({ name: 'BinaryCrossentropy', config: { from_logits: true }, y_true: [[0, 1]], y_pred: [[0.5, -2]] }));
    const banner = a.page.getByTestId('link-errors');
    expect(await banner.textContent()).toMatch(/colour.*not a parameter Loss Playground knows/);
    await a.page.waitForTimeout(400); // past the sync layer's write debounce
    expect(await a.page.evaluate(() => decodeURIComponent(location.hash))).toBe(decodeURIComponent(hash));
    await banner.getByRole('button', { name: 'Replace the link with what loaded' }).click();
    await expect.poll(() => a.page.evaluate(() => location.hash)).toMatch(/^#v=1&name=BinaryCrossentropy&from_logits=true&y_true=/);
    expect(a.errors).toEqual([]);
  });
});
