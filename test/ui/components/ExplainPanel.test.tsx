// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { presetById } from '../../../src/presets';
import { defaultDoc } from '../../../src/state/document';
import { ExplainPanel } from '../../../src/ui/explain/ExplainPanel';
import { linkStore } from '../../../src/ui/linking';
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
    renderWired(<ExplainPanel />, presetById('bfce-2')!.doc);
    await settled();
    expect(steps()).toEqual(['sigmoid', 'p_clipped', 'p_t', 'focal_factor', 'weight', 'per_entry', 'per_sample', 'reduction']);
    const table = screen.getByRole('table', { name: 'p_t values' });
    await user.hover(within(table).getAllByRole('cell')[1]);
    expect(linkStore.getState().cell).toEqual({ field: 'y_pred', index: [1] });
  });

  it('metrics: total and count after each update', async () => {
    renderWired(<ExplainPanel />, presetById('m-scce')!.doc);
    await settled();
    expect(screen.getByText(/update_state\(\) #1/)).toBeTruthy();
    expect(document.querySelector('[data-step="update-1"]')!.textContent).toMatch(/count = 1 → result\(\) = 1\.6271976 \/ 1 = 1\.6271976/);
  });
});
