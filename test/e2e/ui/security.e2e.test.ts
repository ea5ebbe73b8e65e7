/**
 * The app works under its own strict Content-Security-Policy (served by `vite preview` as in
 * production): the worker starts, the WebAssembly kernels compile, charts draw, and the browser
 * reports no policy violation. The page is not framable and sends no source maps.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../harness';
import { PlaygroundPage } from '../pages/PlaygroundPage';
import { link } from '../plots/links';

/** 5,000 samples: above the size where the fused kernels take over from the reference engine. */
const BIG = link({
  kind: 'loss', name: 'CategoricalCrossentropy', config: { from_logits: true },
  y_true: Array.from({ length: 5000 }, (_, i) => [i % 2, 1 - (i % 2)]),
  y_pred: Array.from({ length: 5000 }, (_, i) => [0.1 * (i % 7), -0.2 * (i % 5)]),
});

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
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
});
