// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDoc } from '../../../src/document/document';
import { appStore } from '../../../src/state/useStore';
import { marksStore } from '../../../src/ui/common/marks';
import { PitfallsPanel } from '../../../src/ui/pitfalls/PitfallsPanel';
import { doc, renderWired, settled, teardown } from './setup';

afterEach(teardown);

describe('PitfallsPanel', () => {
  it('finds nothing wrong with the default example', async () => {
    renderWired(<PitfallsPanel />);
    expect(screen.getByText('None found for this input.')).toBeTruthy();
  });

  it('warns that y_pred looks like logits and fixes it with one click (undoable)', async () => {
    const user = userEvent.setup();
    renderWired(<PitfallsPanel />, { ...defaultDoc(), y_pred: [[2.0, -1, 0.5], [0.1, 0.8, 0.1]] });
    const list = screen.getByRole('list', { name: 'Pitfalls' });
    const item = within(list).getByText('These look like logits').closest('li')!;
    expect(item.textContent).toMatch(/y_pred\[0, 0\]/);
    // The tone is an SVG icon, not a glyph a font may lack (ⓘ drew an empty box on Debian's Chromium).
    expect(item.querySelector('svg[data-icon="warn"]')).toBeTruthy();
    expect(item.textContent).not.toMatch(/[ⓘ⚠]/);
    await user.hover(item);
    expect(marksStore.getState().cells).toContainEqual({ field: 'y_pred', index: [0, 0] });
    await user.click(within(item).getByRole('button', { name: 'Set from_logits=True' }));
    expect(doc().config.from_logits).toBe(true);
    expect(screen.getByRole('status').textContent).toMatch(/Applied: Set from_logits=True/);
    appStore.getState().undo();
    expect(doc().config.from_logits).toBeUndefined();
  });

  it('alpha without class balancing, label_smoothing out of range, and rows not summing to 1', async () => {
    const user = userEvent.setup();
    renderWired(<PitfallsPanel />, {
      ...defaultDoc(), name: 'CategoricalCrossentropy', y_true: [[0, 1, 0], [0, 0, 1]], y_pred: [[1, 2, 1], [0.1, 0.8, 0.1]], config: { label_smoothing: 1.5 },
    });
    await user.click(screen.getByRole('button', { name: 'Clamp to 1' }));
    expect(doc().config.label_smoothing).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Normalise rows' }));
    expect(doc().y_pred).toEqual([[0.25, 0.5, 0.25], [0.1, 0.8, 0.1]]);
  });

  it('follows edits: a new problem appears once the edit is computed, a fixed one goes', async () => {
    renderWired(<PitfallsPanel />);
    await settled();
    act(() => appStore.getState().setCell('y_pred', [0, 0], '3'));
    await settled();
    expect(screen.getByText('These look like logits')).toBeTruthy();
    act(() => appStore.getState().setCell('y_pred', [0, 0], '0.05'));
    await settled();
    expect(screen.getByText('None found for this input.')).toBeTruthy();
  });

  it('passes engine warnings through (an infeasible CTC alignment)', async () => {
    renderWired(<PitfallsPanel />, { ...defaultDoc(), name: 'CTC', y_true: [[1, 1, 1]], y_pred: [[[0, 1], [1, 0]]] });
    await settled();
    expect(screen.getByText('Sample 0: no CTC alignment')).toBeTruthy();
  });
});
