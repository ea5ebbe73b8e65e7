/**
 * Embedding in Chromium: the <iframe> the share dialog gives, on another site's page, shows one
 * chart (or the result card) in 600×400 without sideways scrolling, and its link opens the same
 * example in the full playground in a new tab.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/index';
import { findLesson, stepDoc } from '../../../src/lessons/index';
import { docToRequest } from '../../../src/document/request';
import { formatNumber } from '../../../src/ui/common/format';
import { openApp, screenshot, type App } from '../harness';
import { attr, serveHostPage, type HostPage } from '../hostPage';
import { embedFrame } from '../pages/LessonPages';
import { PlaygroundPage } from '../pages/PlaygroundPage';

const apps: App[] = [];
let host: HostPage | null = null;
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  await host?.close();
  host = null;
});

const coursePage = (src: string) =>
  `<!doctype html><title>Course</title><h1>Week 3</h1><iframe id="lesson" src="${attr(src)}" width="600" height="400" style="border:0"></iframe>`;

/** The embed src the share dialog gives for the page's current example. */
async function snippetSrc(a: App, show: 'chart' | 'result'): Promise<string> {
  const share = new PlaygroundPage(a.page).shareLesson;
  await share.open();
  await share.dialog().getByLabel('Title').fill('Focal loss');
  return share.embedSrc(show);
}

describe('embed', () => {
  it('an embed link renders one chart in a 600×400 iframe, with no sideways scroll and a link to the full playground', async () => {
    const a = await openApp({ path: '/#v=1&lesson=focal&step=1' });
    apps.push(a);
    const src = await snippetSrc(a, 'chart');
    expect(src).toMatch(/\/embed\.html#v=1&/);
    host = await serveHostPage(coursePage(src));
    await a.page.goto(host.url);
    const frame = await embedFrame(a.page, 'lesson');
    await frame.getByTestId('plot.gamma-sweep.svg').first().waitFor({ timeout: 15_000 });
    // One chart: no tab bar, no panels.
    expect(await frame.getByRole('tab').count()).toBe(0);
    expect(await frame.locator('.panel').count()).toBe(0);
    const size = await frame.evaluate(() => ({
      width: window.innerWidth, height: window.innerHeight,
      scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
    }));
    expect(size.width).toBe(600);
    expect(size.height).toBe(400);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.clientWidth);
    expect(await frame.getByText('Focal loss', { exact: true }).count()).toBe(1);

    const open = frame.getByRole('link', { name: /Open in Loss Playground/ });
    expect(await open.getAttribute('target')).toBe('_blank');
    const href = (await open.getAttribute('href'))!;
    expect(href).not.toMatch(/embed/);
    const [tab] = await Promise.all([a.context.waitForEvent('page'), open.click()]);
    await tab.waitForLoadState();
    expect(new URL(tab.url()).pathname).toBe('/');
    await tab.getByTestId('lesson-card').waitFor();
    expect(await tab.getByRole('tab', { selected: true }).textContent()).toBe('Focal γ');
    await screenshot(a.page, 'embed-chart-in-course-page');
    expect(a.errors).toEqual([]);
  });

  it('the result card embed shows the value Keras prints for the example', async () => {
    const a = await openApp({ path: '/#v=1&lesson=reduction&step=2' });
    apps.push(a);
    const src = await snippetSrc(a, 'result');
    host = await serveHostPage(coursePage(src));
    await a.page.goto(host.url);
    const frame = await embedFrame(a.page, 'lesson');
    const { req, opts } = docToRequest(stepDoc(findLesson('reduction')!, 1));
    const r = evaluate(req, opts);
    const want = formatNumber(r.kind === 'metric' ? r.results[0] : r.value.data[0], 'float32');
    await frame.waitForFunction((t) => document.querySelector('[data-testid="result.value"] .num')?.textContent === t, want, { timeout: 15_000 });
    expect(await frame.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    expect(a.errors).toEqual([]);
  });
});
