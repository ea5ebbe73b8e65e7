/**
 * The engine worker dying must not cost the user anything: the client notices (watchdog or error
 * event), starts a new worker, re-runs the latest request, and every typed value stays.
 */
import type { Worker } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../harness';
import { expectedText } from '../pages/expected';
import { PlaygroundPage } from '../pages/PlaygroundPage';

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function engineWorker(a: App): Promise<Worker> {
  for (let i = 0; i < 100 && a.page.workers().length === 0; i++) await a.page.waitForTimeout(50);
  const [w] = a.page.workers();
  expect(w, 'the engine should run in a Web Worker').toBeDefined();
  return w;
}

describe('worker recovery', () => {
  it('a worker that stops answering mid-computation is replaced and the edit still computes', async () => {
    app = await openApp();
    const pg = new PlaygroundPage(app.page);
    await pg.expectValue('1.1769392');
    const worker = await engineWorker(app);
    // close() ends the worker's event loop without an error event: only the watchdog can tell.
    await worker.evaluate(() => { setTimeout(() => (self as unknown as { close(): void }).close(), 0); });
    await pg.grid.setCell('y_pred', 1, 2, '0.3');
    // Keras renormalises the edited row: −(log 0.95 + log(0.3 / 1.2)) / 2.
    await pg.expectValue(expectedText({ y_pred: [[0.05, 0.95, 0], [0.1, 0.8, 0.3]] }), 20_000);
    expect(await pg.grid.cell('y_pred', 1, 2).inputValue()).toBe('0.3');
    expect(await pg.grid.cell('y_pred', 0, 1).inputValue()).toBe('0.95');
    await screenshot(app.page, 'recovered-after-hang');
  });

  it('a worker that throws while a request is in flight is replaced and the request re-runs', async () => {
    app = await openApp();
    const pg = new PlaygroundPage(app.page);
    await pg.expectValue('1.1769392');
    const worker = await engineWorker(app);
    await Promise.all([
      pg.params.set('reduction', 'sum'),
      worker.evaluate(() => { setTimeout(() => { throw new Error('simulated engine crash'); }, 0); }),
    ]);
    await pg.expectValue('2.3538785', 20_000);
    await pg.grid.setCell('y_pred', 0, 1, '0.9');
    // Row 0 renormalised: −log(0.9 / 0.95) − log 0.1.
    await pg.expectValue(expectedText({ y_pred: [[0.05, 0.9, 0], [0.1, 0.8, 0.1]], config: { reduction: 'sum' } }), 20_000);
  });
});
