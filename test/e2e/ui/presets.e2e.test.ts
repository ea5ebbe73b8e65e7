/** Every documented preset, picked from the Presets menu, shows the documented value beside ours with ✓ match. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../../src/presets';
import { openApp, screenshot, type App } from '../harness';
import { PlaygroundPage } from '../pages/PlaygroundPage';

let app: App;
beforeAll(async () => {
  app = await openApp({ viewport: { width: 1280, height: 900 } });
  await new PlaygroundPage(app.page).expectValue('1.1769392');
});
afterAll(async () => {
  await app.close();
});

describe('presets', () => {
  it.each(PRESETS.map((p) => [p.id, p.documented.text] as const))('%s shows ✓ match (docs print %s)', async (id, text) => {
    const pg = new PlaygroundPage(app.page);
    await pg.header.pickPreset(id);
    const match = pg.result.presetMatch();
    await app.page.waitForFunction(
      (t) => document.querySelector('[data-testid="preset-match"]')?.textContent?.includes(t) && !document.querySelector('[data-testid="panel.result"]')?.getAttribute('aria-busy'),
      text,
    );
    expect(await match.textContent()).toContain('✓ match');
  });

  it('a preset with a focal example (screenshot)', async () => {
    const pg = new PlaygroundPage(app.page);
    await pg.header.pickPreset('bfce-4');
    await pg.result.presetMatch().getByText('✓ match').waitFor();
    await screenshot(app.page, 'preset-focal');
    expect(app.errors).toEqual([]);
  });
});
