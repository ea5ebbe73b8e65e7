// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/App';
import { defaultDoc } from '../../../src/document/document';
import { appStore } from '../../../src/state/useStore';
import { renderWired, settled, teardown } from './setup';

afterEach(teardown);

describe('non-finite input', () => {
  it('typing nan into y_pred computes NaN and names the cell and the first step that produced a non-finite value', async () => {
    const user = userEvent.setup();
    renderWired(<App />, { ...defaultDoc(), name: 'BinaryCrossentropy', y_true: [[0, 1], [1, 0]], y_pred: [[0.6, 0.4], [0.4, 0.6]] });
    const cell = screen.getByRole('textbox', { name: 'y_pred[0, 1]' });
    await user.clear(cell);
    await user.type(cell, 'nan');
    expect(Number.isNaN((appStore.getState().doc.y_pred as number[][])[0][1])).toBe(true);
    await settled();
    await waitFor(() => expect(screen.getByTestId('result.value').textContent).toMatch(/^nan/));
    const note = screen.getByTestId('non-finite-source');
    // The engine's own warning (or, where it does not trace it, the UI's) names the cell and the step.
    expect(note.textContent).toMatch(/y_pred\[0, 1\] is nan.*first.* step p_clipped/i);
    expect(note.querySelector('button.step-link')).toBeTruthy();
  });

  it.each([['-inf', -Infinity], ['Infinity', Infinity]])('%s typed into sample_weight is stored as %s', async (text, n) => {
    const user = userEvent.setup();
    renderWired(<App />, { ...defaultDoc(), sample_weight: [1, 1] });
    const cell = screen.getByRole('textbox', { name: 'sample_weight[1]' });
    await user.clear(cell);
    await user.type(cell, text);
    expect((appStore.getState().doc.sample_weight as number[])[1]).toBe(n);
  });
});
