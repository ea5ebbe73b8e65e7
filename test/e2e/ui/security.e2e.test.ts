/**
 * The app works under its own strict Content-Security-Policy (served by `vite preview` as in
 * production): the worker starts, the WebAssembly kernels compile, charts draw, and the browser
 * reports no policy violation. The page is not framable and sends no source maps. The embed page
 * (embed.html) has the same policy except that other sites may frame it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../harness';
import { PlaygroundPage } from '../pages/PlaygroundPage';
import { link } from '../plots/links';
import { attr, serveHostPage, type HostPage } from '../hostPage';
import { embedFrame } from '../pages/LessonPages';

/** 5,000 samples: above the size where the fused kernels take over from the reference engine. */
const BIG = link({
  kind: 'loss', name: 'CategoricalCrossentropy', config: { from_logits: true },
  y_true: Array.from({ length: 5000 }, (_, i) => [i % 2, 1 - (i % 2)]),
  y_pred: Array.from({ length: 5000 }, (_, i) => [0.1 * (i % 7), -0.2 * (i % 5)]),
});

let app: App | null = null;
let host: HostPage | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
  await host?.close();
  host = null;
});

describe('security headers', () => {
  it('serves a strict CSP, nosniff and a referrer policy, and no source maps', async () => {
    app = await openApp();
    const res = await app.page.request.get(`${app.baseUrl}/`);
    const h = res.headers();
    expect(h['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(h['content-security-policy']).toContain("object-src 'none'");
    expect(h['content-security-policy']).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    const scripts = await app.page.locator('script[src]').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
    for (const src of scripts) {
      const body = await (await app.page.request.get(src)).text();
      expect(body).not.toMatch(/sourceMappingURL/);
    }
  });

  it('computes in the worker with the WASM kernels and charts, with no policy violation', async () => {
    app = await openApp({ path: `/?kernels=wasm${BIG.slice(1)}` });
    await app.page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await app.page.reload();
    const pg = new PlaygroundPage(app.page);
    // The worker answered (not the main-thread fallback) with the SIMD kernels it was told to require.
    await expect.poll(() => app!.page.getByTestId('backend').textContent(), { timeout: 15_000 }).toMatch(/wasm-simd/);
    expect(await app.page.getByTestId('backend').getAttribute('title')).toBe('Running in a Web Worker');
    for (const tab of ['Gradient', 'Focal']) {
      const button = app.page.getByRole('tab', { name: new RegExp(tab, 'i') }).or(app.page.getByRole('button', { name: new RegExp(`^${tab}`, 'i') }));
      if (await button.count()) await button.first().click();
    }
    await app.page.waitForTimeout(500);
    expect(await app.page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(app.errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it('serves the embed page with the same strict policy, except that any site may frame it', async () => {
    app = await openApp();
    const main = (await app.page.request.get(`${app.baseUrl}/`)).headers()['content-security-policy'];
    for (const path of ['/embed.html', '/embed']) {
      const res = await app.page.request.get(`${app.baseUrl}${path}`);
      const h = res.headers();
      expect(await res.text()).toContain('<title>Loss Playground (embedded)</title>');
      expect(h['content-security-policy']).toBe(main.replace("frame-ancestors 'none'", 'frame-ancestors *'));
      expect(h['x-content-type-options']).toBe('nosniff');
    }
  });

  it('another site can frame the embed page but not the app', async () => {
    app = await openApp();
    const embedSrc = `${app.baseUrl}/embed.html${link({ name: 'CategoricalCrossentropy', y_true: [[0, 1, 0]], y_pred: [[0.1, 0.8, 0.1]], view: { tab: 'per-sample' } }).slice(1)}`;
    host = await serveHostPage(`<!doctype html><title>Blog</title>
      <iframe id="app" src="${attr(`${app.baseUrl}/`)}" width="600" height="400"></iframe>
      <iframe id="embed" src="${attr(embedSrc)}" width="600" height="400"></iframe>`);
    const refused: string[] = [];
    app.page.on('console', (m) => { if (/frame-ancestors/.test(m.text())) refused.push(m.text()); });
    await app.page.goto(host.url);
    const embed = await embedFrame(app.page, 'embed');
    await embed.getByTestId('plot.per-sample.svg').waitFor({ timeout: 15_000 });
    const appFrame = await embedFrame(app.page, 'app');
    await expect.poll(() => refused.length).toBeGreaterThan(0);
    expect(refused.join('\n')).toMatch(new RegExp(`${app.baseUrl.replace(/[.:/]/g, '\\$&')}/.*frame-ancestors 'none'`));
    expect(await appFrame.locator('#root').count()).toBe(0);
  });
});
