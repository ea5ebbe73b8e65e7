// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { presetById } from '../../../src/presets';
import { defaultDoc } from '../../../src/document/document';
import { appStore } from '../../../src/state/useStore';
import type { LossResult } from '../../../src/engine/types';
import { formatNumber } from '../../../src/ui/common/format';
import { ResultDetails } from '../../../src/ui/result/ResultDetails';
import { ResultPanel } from '../../../src/ui/result/ResultPanel';
import { doc, renderWired, settled, teardown } from './setup';

afterEach(teardown);

/** The result card and its details, as the page shows them one under the other. */
const Result = () => <><ResultPanel /><ResultDetails /></>;

describe('ResultPanel', () => {
  it('shows the default example value as Keras prints it in float32', async () => {
    renderWired(<ResultPanel />);
    await settled();
    expect(screen.getByTestId('result.value').textContent).toMatch(/^1\.1769392/);
    expect(screen.getByText(/Σ\(v·w\) = 2\.3538785 ÷ N = 2/)).toBeTruthy();
  });

  it('lists every reduction side by side with the selected one marked, and switches on "use"', async () => {
    const user = userEvent.setup();
    renderWired(<Result />, { ...defaultDoc(), sample_weight: [0.3, 0.7] });
    const table = await screen.findByRole('table', { name: 'Every reduction' });
    await waitFor(() => expect(within(table).getAllByText('1.6271976')).toHaveLength(2));
    const current = within(table).getAllByRole('row').find((r) => r.getAttribute('aria-current') === 'true')!;
    expect(current.textContent!.replace(/\u200b/g, '')).toMatch(/sum_over_batch_size.*selected.*0\.8135988/);
    await user.click(within(table).getByRole('button', { name: 'Use reduction sum' }));
    expect(doc().config.reduction).toBe('sum');
  });

  it('shows the per-sample values and weights', async () => {
    renderWired(<Result />, { ...defaultDoc(), sample_weight: [0.3, 0.7] });
    const t = await screen.findByRole('table', { name: 'Per-sample values' });
    // TensorFlow, the default backend, renormalises after clipping (JAX: 0.051293306).
    await waitFor(() => expect(within(t).getByText('0.051293444')).toBeTruthy());
    expect(within(t).getByText('0.7')).toBeTruthy();
  });

  it('shows the matching metric and says why it differs from the loss', async () => {
    renderWired(<Result />, { ...defaultDoc(), sample_weight: [0.3, 0.7] });
    await settled();
    const why = await screen.findByTestId('why-differ');
    expect(why.textContent).toMatch(/loss divides Σ\(w·v\) = 1\.6271976 by the number of values \(N = 2\); the metric divides by Σw = 1/);
    expect(screen.getByTestId('metric-line').textContent).toMatch(/keras\.metrics\.SparseCategoricalCrossentropy.*1\.6271976/);
  });

  it('a preset shows the documented value beside ours with ✓ match', async () => {
    renderWired(<ResultPanel />, presetById('bce-1')!.doc);
    await settled();
    const m = await screen.findByTestId('preset-match');
    expect(m.textContent).toMatch(/Keras docs print 0\.8654.*✓ match/);
    expect(screen.getByTestId('result.value').textContent).toMatch(/^0\.865458/);
  });

  it('a metric shows result() after each update with total and count', async () => {
    renderWired(<Result />, presetById('m-scce')!.doc);
    await settled();
    const t = screen.getByRole('table', { name: 'After each update_state()' });
    expect(within(t).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByTestId('result.value').textContent).toMatch(/^1\.6271976/);
    expect(screen.getByTestId('preset-match').textContent).toMatch(/✓ match/);
  });

  it('says in a sentence what the number means, with the numbers the engine computed for this input', async () => {
    renderWired(<ResultPanel />, presetById('cce-1')!.doc);
    await settled();
    const r = appStore.getState().results.main as LossResult;
    const p = r.steps!.find((s) => s.name === 'p_clipped')!.tensor.data[5];
    const f = (x: number) => formatNumber(x, 'float32');
    expect(screen.getByTestId('result.sentence').textContent).toBe(
      `Sample 1's true class is 2, which gets probability ${f(p)}, so its loss is −log ${f(p)} = ${f(r.perSample.data[1])}. ` +
      `The loss is the mean of the 2 values: ${f(r.reduction!.numerator!)} / 2 = ${f(r.value.data[0])}.`);
    act(() => { appStore.getState().setConfig('label_smoothing', 0.2); });
    await settled();
    expect(screen.getByTestId('result.sentence').textContent).toMatch(/^label_smoothing 0\.2 turns sample 1's label into \[0\.06666667, 0\.06666667, 0\.8666667\]/);
  });

  it('an infinite CTC loss (Keras prints about 1e5) comes with where it came from', async () => {
    renderWired(<ResultPanel />, { ...defaultDoc(), name: 'CTC', y_true: [[1, 1, 1]], y_pred: [[[0, 1], [1, 0]]] });
    await settled();
    expect(screen.getByLabelText('Where the non-finite value comes from').textContent).toMatch(/Sample 0: no alignment exists/);
  });
});

describe('ResultPanel while a cell holds invalid text', () => {
  it('says it shows the last valid input and names the cell; the note goes once the cell is a number again', async () => {
    renderWired(<ResultPanel />);
    await settled();
    expect(screen.queryByTestId('result.drafts')).toBeNull();
    act(() => { appStore.getState().setCell('y_pred', [0, 1], '0.9.1'); });
    const note = screen.getByTestId('result.drafts');
    expect(note.textContent).toContain('last valid input');
    expect(note.textContent).toContain('y_pred[0, 1]');
    expect(note.querySelector('svg[data-icon="warn"]')).toBeTruthy();
    act(() => { appStore.getState().setCell('y_pred', [0, 1], '0.9'); });
    expect(screen.queryByTestId('result.drafts')).toBeNull();
  });
});

describe('ResultPanel with a NaN', () => {
  it('says where the NaN comes from by its cell, not a flat row-major offset', async () => {
    renderWired(<ResultPanel />, { ...defaultDoc(), name: 'Poisson', y_true: [[0, 1], [1, 0]], y_pred: [[0.5, 0.7], [-0.6, 0.4]] });
    await settled();
    const where = await screen.findByTestId('where');
    expect(where.textContent).toContain('y_pred[1, 0]');
    expect(where.textContent).not.toContain('row-major');
  });
});
