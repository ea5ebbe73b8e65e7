// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { appStore } from '../../../src/state/useStore';
import { InputsPanel } from '../../../src/ui/inputs/InputsPanel';
import { sampleColour } from '../../../src/ui/common/palette';
import { doc, renderWired, settled, teardown } from './setup';

afterEach(teardown);

describe('InputsPanel', () => {
  it('shows y_true and y_pred as grids of labelled cells', async () => {
    renderWired(<InputsPanel />);
    expect(screen.getByRole('grid', { name: 'y_pred' })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'y_pred[0, 1]' }) as HTMLInputElement).value).toBe('0.95');
    expect((screen.getByRole('textbox', { name: 'y_true[1]' }) as HTMLInputElement).value).toBe('2');
    expect(screen.getByRole('button', { name: 'Add sample_weight' })).toBeTruthy();
  });

  it('marks each sample row with the colour the charts give that sample', () => {
    renderWired(<InputsPanel />);
    const mark = (grid: string, row: number) => within(screen.getByRole('grid', { name: grid })).getAllByRole('rowheader')[row] as HTMLElement;
    for (const grid of ['y_pred', 'y_true']) {
      expect(mark(grid, 0).style.borderLeftColor).toBe(sampleColour(0));
      expect(mark(grid, 1).style.borderLeftColor).toBe(sampleColour(1));
    }
  });

  it('typing a number updates the document; invalid text is kept in place with its reason', async () => {
    const user = userEvent.setup();
    renderWired(<InputsPanel />);
    const cell = screen.getByRole('textbox', { name: 'y_pred[0, 1]' });
    await user.clear(cell);
    await user.type(cell, '0.9');
    expect((doc().y_pred as number[][])[0][1]).toBe(0.9);
    await user.type(cell, '.1');
    expect(cell.getAttribute('aria-invalid')).toBe('true');
    expect((doc().y_pred as number[][])[0][1]).toBe(0.9);
    const errors = screen.getByRole('list', { name: 'Invalid cells in y_pred' });
    expect(within(errors).getByText(/“0\.9\.1” is not a number/)).toBeTruthy();
    // The rest of the grid keeps working.
    const other = screen.getByRole('textbox', { name: 'y_pred[1, 0]' });
    await user.clear(other);
    await user.type(other, '0.2');
    expect((doc().y_pred as number[][])[1][0]).toBe(0.2);
    // Escape in the invalid cell reverts it.
    await user.click(cell);
    await user.keyboard('{Escape}');
    expect(cell.getAttribute('aria-invalid')).toBeNull();
  });

  it('moves between cells with the arrow keys and Enter (one tab stop per grid)', async () => {
    const user = userEvent.setup();
    renderWired(<InputsPanel />);
    const a = screen.getByRole('textbox', { name: 'y_pred[0, 0]' });
    expect(a.tabIndex).toBe(0);
    expect(screen.getByRole('textbox', { name: 'y_pred[0, 1]' }).tabIndex).toBe(-1);
    await user.click(a);
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'y_pred[0, 1]' }));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'y_pred[1, 1]' }));
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'y_pred[0, 1]' }));
  });

  it('cells that did not re-render still navigate and edit with the current shape', async () => {
    const user = userEvent.setup();
    renderWired(<InputsPanel />);
    const first = screen.getByRole('textbox', { name: 'y_pred[1, 0]' });
    await user.click(screen.getByRole('button', { name: /^Add a sample .*: y_pred$/ }));
    // y_pred[1, 0] kept its value, so its memoised cell was not rendered again; its handlers must
    // still know about the new row 2 and the field they edit.
    await user.click(first);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'y_pred[2, 0]' }));
    await user.click(first);
    await user.keyboard('0.5');
    expect((doc().y_pred as number[][])[1][0]).toBe(0.5);
  });

  it('pastes a NumPy literal into a cell as the whole tensor', async () => {
    renderWired(<InputsPanel />);
    const cell = screen.getByRole('textbox', { name: 'y_pred[0, 0]' });
    act(() => {
      fireEvent.paste(cell, { clipboardData: { getData: () => 'np.array([[0.2, 0.8, 0.0], [0.3, 0.3, 0.4]])' } });
    });
    expect(doc().y_pred).toEqual([[0.2, 0.8, 0], [0.3, 0.3, 0.4]]);
    expect(screen.getByText(/Pasted a NumPy 2 × 3 tensor into y_pred/)).toBeTruthy();
  });

  it('pastes spreadsheet cells at the focused cell; bigger data at the first cell replaces the tensor', () => {
    renderWired(<InputsPanel />);
    const paste = (name: string, text: string) => act(() => {
      fireEvent.paste(screen.getByRole('textbox', { name }), { clipboardData: { getData: () => text } });
    });
    paste('y_pred[0, 1]', '0.5\t0.25\n0.6\t0.3');
    expect(doc().y_pred).toEqual([[0.05, 0.5, 0.25], [0.1, 0.6, 0.3]]);
    expect(screen.getByText('Pasted a TSV 2 × 2 block into y_pred at [0, 1].')).toBeTruthy();
    paste('y_pred[1, 2]', '0.5\t0.25');  // two columns do not fit from the last one: nothing changes
    expect(doc().y_pred).toEqual([[0.05, 0.5, 0.25], [0.1, 0.6, 0.3]]);
    expect(screen.getByText(/A 1 × 2 block does not fit at y_pred\[1, 2\] \(shape \[2, 3\]\)/)).toBeTruthy();
    paste('y_pred[0, 0]', '0.1\t0.9\n0.2\t0.8\n0.3\t0.7');  // bigger data at the first cell: the new tensor
    expect(doc().y_pred).toEqual([[0.1, 0.9], [0.2, 0.8], [0.3, 0.7]]);
    expect(screen.getByText('Pasted a TSV 3 × 2 tensor into y_pred.')).toBeTruthy();
  });

  it('the Paste… panel reads CSV and reports what it read', async () => {
    const user = userEvent.setup();
    renderWired(<InputsPanel />);
    await user.click(screen.getByRole('button', { name: 'Paste into y_pred' }));
    const box = screen.getByLabelText(/^Paste y_pred:/);
    await user.click(box);
    await user.paste('0.1,0.9,0\n0.5,0.25,0.25');
    expect(screen.getByText('Reads as CSV, shape [2, 3].')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Replace y_pred' }));
    expect(doc().y_pred).toEqual([[0.1, 0.9, 0], [0.5, 0.25, 0.25]]);
  });

  it('adds a sample to every tensor at once and removes it again', async () => {
    const user = userEvent.setup();
    renderWired(<InputsPanel />);
    await user.click(screen.getByRole('button', { name: /^Add a sample .*: y_pred$/ }));
    expect(doc().y_true).toEqual([1, 2, 0]);
    expect((doc().y_pred as number[][]).length).toBe(3);
    await user.click(screen.getByRole('button', { name: /^Remove the last sample: y_true$/ }));
    expect(doc().y_true).toEqual([1, 2]);
  });

  it('helpers: sparse -> one-hot switches the loss; probabilities -> logits sets from_logits', async () => {
    const user = userEvent.setup();
    renderWired(<InputsPanel />);
    await user.click(screen.getByRole('button', { name: 'Sparse → one-hot labels' }));
    expect(doc().name).toBe('CategoricalCrossentropy');
    expect(doc().y_true).toEqual([[0, 1, 0], [0, 0, 1]]);
    await user.click(screen.getByRole('button', { name: /Probabilities → logits/ }));
    expect(doc().config.from_logits).toBe(true);
    await settled();
  });

  it('a random example with a seed, and resize batch and classes', async () => {
    const user = userEvent.setup();
    renderWired(<InputsPanel />);
    const batch = screen.getByLabelText('Batch');
    await user.clear(batch);
    await user.type(batch, '4');
    await user.click(screen.getByRole('button', { name: 'Random example' }));
    expect((doc().y_true as number[]).length).toBe(4);
    const first = doc().y_pred;
    await user.click(screen.getByRole('button', { name: 'Random example' }));
    expect(doc().y_pred).toEqual(first);
    await user.click(screen.getByRole('button', { name: 'Next random example' }));
    expect(doc().y_pred).not.toEqual(first);
  });

  it('dims the samples the loss ignores (ignore_class, zero weight)', async () => {
    renderWired(<InputsPanel />, { ...appStore.getState().doc, y_true: [1, -1], sample_weight: [0, 1], config: { ignore_class: -1 } });
    const td = (name: string) => screen.getByRole('textbox', { name }).closest('td')!.className;
    expect(td('y_pred[1, 0]')).toMatch(/is-dimmed/);
    expect(td('y_true[1]')).toMatch(/is-dimmed/);
    expect(td('y_pred[0, 2]')).toMatch(/is-dimmed/);
    await waitFor(() => expect(appStore.getState().results.status).toBe('ok'));
  });

  it('shows one set of grids per metric update, with reset_state()', async () => {
    const P = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]];
    renderWired(<InputsPanel />, { ...appStore.getState().doc, kind: 'metric', updates: [{ y_true: [1, 2], y_pred: P, sample_weight: null }, { y_true: [1, 2], y_pred: P, sample_weight: [0.3, 0.7] }], reset_before: [1] });
    expect(screen.getByRole('group', { name: 'update_state() #0' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'updates.1.sample_weight[1]' })).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: 'reset_state() before this update' }) as HTMLInputElement).checked).toBe(true);
    await waitFor(() => expect(appStore.getState().results.status).toBe('ok'));
  });
});
