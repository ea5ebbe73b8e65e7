/** Code export in Chromium: the snippet on screen carries the number the playground shows, and copies. */
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from '../harness';
import { PlaygroundPage } from '../pages/PlaygroundPage';

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('code export', () => {
  it('shows a Keras 3 snippet that prints the number shown, and copies it', async () => {
    app = await openApp({ clipboard: true, viewport: { width: 1280, height: 900 } });
    const pg = new PlaygroundPage(app.page);
    await pg.expectValue('1.1769392');
    await pg.params.set('reduction', 'sum');
    await pg.expectValue('2.3538785');
    await pg.code.open();
    const code = await pg.code.snippet();
    expect(code).toContain('loss = keras.losses.CategoricalCrossentropy(reduction="sum")');
    expect(code).toContain('y_pred = np.array([[0.05, 0.95, 0], [0.1, 0.8, 0.1]], dtype="float32")');
    expect(code).toContain('# Loss Playground: 2.3538785');
    await app.page.getByRole('button', { name: 'Copy snippet' }).click();
    await app.page.getByText('Snippet copied.').waitFor();
    expect(await app.page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    await screenshot(app.page, 'code-export');
  });

  it('tf.keras 2 under tf_keras2 semantics, and TensorFlow.js where it has the loss', async () => {
    app = await openApp();
    const pg = new PlaygroundPage(app.page);
    await pg.header.pickPreset('bce-3');
    await pg.expectValue('0.2436386');
    await pg.code.open();
    await pg.code.tab('TensorFlow.js');
    const js = await pg.code.snippet();
    expect(js).toContain('tf.losses.sigmoidCrossEntropy');
    expect(js).toContain('// Loss Playground: 0.2436386');
    await app.page.getByLabel('Semantics', { exact: true }).selectOption('tf_keras2');
    await pg.code.tab('tf.keras 2 (Python)');
    const py = await pg.code.snippet();
    expect(py).toContain('import tf_keras as keras');
    expect(py).toMatch(/# Loss Playground: 0\.24363\d+/);
  });
});
