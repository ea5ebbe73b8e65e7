import { afterEach, it } from 'vitest';
import { openApp, type App } from '../harness';
import { TrainingChart } from '../pages/TrainingChart';
import { CTC_DOC, link } from './links';

let app: App | null = null;
afterEach(async () => { await app?.close(); app = null; });
const cases: [string, string][] = [
  ['clip', link({ name: 'BinaryCrossentropy', y_true: [[1, 0, 1], [0, 1, 0]], y_pred: [[1 - 1e-8, 1 - 1e-8, 0.4], [0.2, 0.6, 0.3]], view: { tab: 'training', learningRate: 1, steps: 200, trainCompare: 'logits', step: 50 } })],
  ['adam-reduction', link({ name: 'CategoricalFocalCrossentropy', y_true: [[0, 1, 0], [0, 0, 1], [1, 0, 0]], y_pred: [[0.2, 0.7, 0.1], [0.3, 0.5, 0.2], [0.4, 0.3, 0.3]], view: { tab: 'training', optimizer: 'adam', learningRate: 0.05, steps: 300, trainCompare: 'reduction' } })],
  ['ctc', link({ ...CTC_DOC, view: { tab: 'training', learningRate: 0.5, steps: 200, trainCompare: 'optimizer' } })],
  ['poisson', link({ name: 'Poisson', y_true: [[1, 2], [0, 3]], y_pred: [[0.5, 1.5], [0.2, 1]], view: { tab: 'training', learningRate: 0.1, steps: 300 } })],
  ['numpy', link({ name: 'CategoricalCrossentropy', kerasBackend: 'numpy', view: { tab: 'training' } })],
];
it.each(cases)('%s', async (name, path) => {
  app = await openApp({ path, viewport: { width: 1100, height: 1000 } });
  const chart = new TrainingChart(app.page);
  if (name !== 'numpy') await chart.drawn();
  await app.page.waitForTimeout(800);
  await app.page.locator('[data-testid="charts"]').screenshot({ path: `test-results/screenshots/tmp-${name}.png` });
  console.log(name, app.errors);
});
