// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { presetById } from '../../../src/presets';
import { defaultDoc } from '../../../src/document/document';
import { ExplainPanel } from '../../../src/ui/explain/ExplainPanel';
import { linkStore } from '../../../src/ui/common/linking';
import { marksStore } from '../../../src/ui/common/marks';
import { renderWired, settled, teardown } from './setup';

afterEach(teardown);

const steps = () => [...document.querySelectorAll('[data-step]')].map((e) => e.getAttribute('data-step'));

describe('ExplainPanel', () => {
  it('walks the default example: one-hot, log p, per-sample, reduction with the actual numbers', async () => {
    renderWired(<ExplainPanel />);
    await settled();
    expect(steps()).toEqual(['one_hot', 'log_p', 'per_sample', 'reduction']);
    const red = document.querySelector('[data-step="reduction"]')!;
    expect(red.textContent).toMatch(/2\.3538785 \/ 2 = 1\.1769392/);
  });

  it('renormalise -> clip for CategoricalCrossentropy, marking the clipped entry', async () => {
    renderWired(<ExplainPanel />, { ...defaultDoc(), name: 'CategoricalCrossentropy', y_true: [[0, 1, 0], [0, 0, 1]] });
    await settled();
    expect(steps()).toEqual(['p_renormalised', 'p_clipped', 'log_p', 'per_entry', 'per_sample', 'reduction']);
    expect(screen.getByText(/divides each row by its sum/)).toBeTruthy();
    const clipped = within(screen.getByRole('table', { name: 'p_clipped values' })).getByLabelText('clipped');
    expect(clipped.textContent).toBe('1e-07');
  });

  it('focal steps use the Keras names; an entry links to its y_pred cell', async () => {
    const user = userEvent.setup();
    // On JAX the BCE term clips σ(z); TensorFlow keeps the logits (step bce_logits instead of p_clipped).
    renderWired(<ExplainPanel />, { ...presetById('bfce-2')!.doc, kerasBackend: 'jax' });
    await settled();
    expect(steps()).toEqual(['sigmoid', 'p_clipped', 'p_t', 'focal_factor', 'weight', 'per_entry', 'per_sample', 'reduction']);
    const table = screen.getByRole('table', { name: 'p_t values' });
    await user.hover(within(table).getAllByRole('cell')[1]);
    expect(linkStore.getState().cell).toEqual({ field: 'y_pred', index: [1] });
  });

  it('metrics: each update shows its values and weights, what it adds to total and count, and result()', async () => {
    renderWired(<ExplainPanel />, presetById('m-scce')!.doc);
    await settled();
    const part = (i: number, p: string) => document.querySelector(`[data-step="update-${i}"] [data-part="${p}"]`)!.textContent;
    expect(part(0, 'values')).toMatch(/^v = \[0\.051293\d*, 2\.3025851\]/);
    expect(part(0, 'weights')).toBe('no sample_weight: each sample counts 1');
    expect(part(0, 'total')).toBe('total = 0 + Σ v (2.3538785) = 2.3538785');
    expect(part(0, 'count')).toBe('count = 0 + number of samples (2) = 2');
    expect(part(0, 'result')).toBe('result() = total / count = 2.3538785 / 2 = 1.1769392');
    // reset_state() before update 1, then a weighted update: the metric divides by Σw, not the batch size.
    expect(document.querySelector('[data-step="update-1"]')!.textContent).toMatch(/after reset_state\(\): total = count = 0/);
    expect(part(1, 'weights')).toMatch(/^w = \[0\.3, 0\.7\]/);
    expect(part(1, 'total')).toBe('total = 0 + Σ w·v (1.6271976) = 1.6271976');
    expect(part(1, 'count')).toBe('count = 0 + Σ w (1) = 1');
    expect(part(1, 'result')).toBe('result() = total / count = 1.6271976 / 1 = 1.6271976');
  });

  it('metrics: hovering an update marks the grid cells it read', async () => {
    const user = userEvent.setup();
    renderWired(<ExplainPanel />, presetById('m-scce')!.doc);
    await settled();
    const step = document.querySelector<HTMLElement>('[data-step="update-1"]')!;
    await user.hover(step);
    const cells = marksStore.getState().cells;
    expect(cells).toContainEqual({ field: 'updates.1.y_pred', index: [1, 2] });
    expect(cells).toContainEqual({ field: 'updates.1.y_true', index: [0] });
    expect(cells.every((c) => c.field.startsWith('updates.1.'))).toBe(true);
    await user.unhover(step);
    expect(marksStore.getState().cells).toEqual([]);
  });
});
