/**
 * The Training tab in real Chromium: a run plays (the cursor walks the steps), a comparison is
 * overlaid, a scrubbed step is explained, and the page's link reopens the same run at the same
 * step. Screenshots in light and dark at 1440 and 390 px (test-results/screenshots/training-*.png).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../harness';
import { TrainingChart } from '../pages/TrainingChart';
import { CCE, link } from './links';

let app: App | null = null;
afterEach(async () => { await app?.close(); app = null; });

const SMOOTHED = { ...CCE, config: { label_smoothing: 0.1 } };

async function open(path: string, width = 1440, colorScheme: 'light' | 'dark' = 'light'): Promise<TrainingChart> {
  app = await openApp({ path, viewport: { width, height: 1000 }, colorScheme });
  const chart = new TrainingChart(app.page);
  await chart.drawn();
  await app.page.locator('[data-testid="charts"]').scrollIntoViewIfNeeded();
  return chart;
}

describe('the Training tab in Chromium', () => {
  it('plays a run: the cursor walks from step 0 to the end, and the optimum line is drawn', async () => {
    const chart = await open(link({ ...SMOOTHED, view: { tab: 'training', learningRate: 0.5, steps: 400 } }));
    expect(await chart.el('training-prob.optimum').count()).toBe(1);
    expect(await chart.cursor()).toBe(400);
    await chart.play();
    await expect.poll(() => chart.cursor(), { timeout: 5000 }).toBeGreaterThan(0);
    const early = await chart.cursor();
    await expect.poll(() => chart.cursor(), { timeout: 5000 }).toBeGreaterThan(early);
    // It stops at the run's end by itself, and the end's update is explained again.
    await expect.poll(() => chart.cursor(), { timeout: 10_000 }).toBe(400);
    await expect.poll(() => chart.explained(), { timeout: 10_000 }).toBe(399);
    expect(app!.errors).toEqual([]);
  });

  it('overlays a comparison, explains a scrubbed step, and a link reopens the same run at the same step', async () => {
    const chart = await open(link({ ...SMOOTHED, view: { tab: 'training', learningRate: 0.5, steps: 300 } }));
    await chart.compare('smoothing');
    await chart.el('training-loss.compare').waitFor();
    expect(await chart.el('training-prob.compare').count()).toBe(2);
    await chart.scrub(120);
    await expect.poll(() => chart.cursor()).toBe(120);
    await expect.poll(() => chart.explained(), { timeout: 10_000 }).toBe(120);
    await expect.poll(() => app!.page.evaluate(() => location.hash)).toContain('train_step=120');
    const hash = await app!.page.evaluate(() => location.hash);
    expect(hash).toContain('train_compare=smoothing');
    const before = await chart.paths();
    const explainedText = await app!.page.locator('[data-testid="explain.train-step"]').textContent();
    await screenshot(app!.page, 'training-compare-light-1440');
    await app!.page.locator('[data-testid="plot.training"]').screenshot({ path: 'test-results/screenshots/training-compare-light-1440-panel.png' });
    await app!.close();

    const again = await open(`/${hash}`);
    await again.el('training-loss.compare').waitFor();
    expect(await again.cursor()).toBe(120);
    expect(await again.el('training.compare').inputValue()).toBe('smoothing');
    expect(await again.el('training.lr').inputValue()).toBe('0.5');
    expect(await again.el('training.steps').inputValue()).toBe('300');
    expect(await again.paths()).toEqual(before);
    await expect.poll(() => again.explained(), { timeout: 10_000 }).toBe(120);
    expect(await app!.page.locator('[data-testid="explain.train-step"]').textContent()).toBe(explainedText);
    expect(app!.errors).toEqual([]);
  });

  it.each([
    ['dark', 1440], ['light', 390], ['dark', 390],
  ] as const)('reads in %s at %i px, without sideways scroll', async (scheme, width) => {
    const chart = await open(link({ ...SMOOTHED, view: { tab: 'training', learningRate: 0.5, steps: 300, trainCompare: 'logits', trainStep: 60 } }), width, scheme);
    await chart.el('training-loss.compare').waitFor();
    await expect.poll(() => chart.explained(), { timeout: 10_000 }).toBe(60);
    const { sw, iw } = await app!.page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: innerWidth }));
    expect(sw).toBeLessThanOrEqual(iw);
    // All six chart tabs on one row, none cut off.
    const tabs = await app!.page.locator('[role="tab"]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
    expect(Math.max(...tabs)).toBeLessThanOrEqual(width);
    await app!.page.locator('[data-testid="charts"] [role="tablist"]').screenshot({ path: `test-results/screenshots/training-${scheme}-${width}-tabs.png` });
    await screenshot(app!.page, `training-${scheme}-${width}`);
    await app!.page.locator('[data-testid="plot.training"]').screenshot({ path: `test-results/screenshots/training-${scheme}-${width}-panel.png` });
    expect(app!.errors).toEqual([]);
  });
});
