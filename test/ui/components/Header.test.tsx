// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/App';
import { appStore } from '../../../src/state/useStore';
import { doc, renderWired, settled, teardown } from './setup';

afterEach(() => {
  teardown();
  vi.unstubAllGlobals();
});

describe('Header', () => {
  it('names the product and groups the loss picker into losses, functions and metrics', async () => {
    renderWired(<App />);
    expect(screen.getByRole('heading', { level: 1, name: 'Loss Playground' })).toBeTruthy();
    const picker = screen.getByRole('combobox', { name: 'Loss' });
    const groups = [...picker.querySelectorAll('optgroup')].map((g) => g.label);
    expect(groups).toEqual(['Losses (keras.losses classes)', 'Functions (keras.losses.*)', 'Metrics (keras.metrics classes)']);
    await settled();
    expect(screen.getByTestId('backend').textContent).toMatch(/kernels: ts/);
  });

  it('switching the loss keeps the example where it fits', async () => {
    const user = userEvent.setup();
    renderWired(<App />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Loss' }), 'loss:CategoricalCrossentropy');
    expect(doc().y_true).toEqual([[0, 1, 0], [0, 0, 1]]);
    await settled();
    expect(screen.getByTestId('result.value').textContent).toMatch(/^1\.1769392/);
  });

  it('picking a preset loads it and shows ✓ match', async () => {
    const user = userEvent.setup();
    renderWired(<App />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Presets' }), 'bfce-4');
    expect(doc().view.preset).toBe('bfce-4');
    await settled();
    await waitFor(() => expect(screen.getByTestId('preset-match').textContent).toMatch(/0\.482.*✓ match/));
  });

  it('semantics and dtype pickers change how the number is computed and printed', async () => {
    const user = userEvent.setup();
    renderWired(<App />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'dtype' }), 'float64');
    await settled();
    // TensorFlow (the default backend) clips before renormalising: 1.17693924369, not JAX's 1.17693919369.
    expect(screen.getByTestId('result.value').textContent).toMatch(/^1\.17693924369/);
    appStore.getState().setConfig('reduction', 'mean_with_sample_weight');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Semantics' }), 'tf_keras2');
    expect(doc().semantics).toBe('tf_keras2');
    expect(doc().config.reduction).toBeUndefined();
  });

  it('Undo/Redo buttons and Ctrl+Z / Ctrl+Y shortcuts, but not while typing in a cell', async () => {
    const user = userEvent.setup();
    renderWired(<App />);
    const undo = screen.getByRole('button', { name: 'Undo' }) as HTMLButtonElement;
    expect(undo.disabled).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: 'from_logits' }));
    expect(undo.disabled).toBe(false);
    await user.click(undo);
    expect(doc().config.from_logits).toBeUndefined();
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(doc().config.from_logits).toBe(true);
    await user.keyboard('{Control>}z{/Control}');
    expect(doc().config.from_logits).toBeUndefined();
    await user.keyboard('{Control>}y{/Control}');
    expect(doc().config.from_logits).toBe(true);
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(doc().config.from_logits).toBe(true);
    const cell = screen.getByRole('textbox', { name: 'y_pred[0, 0]' });
    await user.click(cell);
    await user.keyboard('{Control>}z{/Control}');
    expect(doc().config.from_logits).toBe(true);
  });

  it('Copy link writes the codec URL, or offers a selectable field when the clipboard refuses', async () => {
    const user = userEvent.setup();
    renderWired(<App />);
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(writeText).toHaveBeenCalledWith(expect.stringMatching(/#v=1/));
    expect(screen.getByText(/Link copied/)).toBeTruthy();
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: vi.fn().mockRejectedValue(new Error('denied')) }, configurable: true });
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    const field = await screen.findByRole('textbox', { name: 'Shareable link' });
    expect((field as HTMLInputElement).value).toMatch(/#v=1/);
  });

  it('Export code shows a runnable snippet with the number shown, and says why TensorFlow.js cannot', async () => {
    const user = userEvent.setup();
    renderWired(<App />);
    await settled();
    await user.click(screen.getByRole('button', { name: 'Export code' }));
    const panel = await screen.findByTestId('code-export'); // the panel loads on first open
    await waitFor(() => expect(within(panel).getByTestId('code-snippet').textContent).toMatch(/# Loss Playground: 1\.1769392/));
    expect(within(panel).getByTestId('code-snippet').textContent).toMatch(/keras\.losses\.SparseCategoricalCrossentropy\(\)/);
    await user.click(within(panel).getByRole('tab', { name: 'TensorFlow.js' }));
    expect(within(panel).getByText(/take logits/)).toBeTruthy();
  });

  it('shows link decode errors and keeps working; shows engine errors by field and index with the cell outlined', async () => {
    renderWired(<App />);
    appStore.setState((s) => ({ link: { ...s.link, errors: [{ field: 'y_pred', message: 'the value is not valid JSON (the link may be truncated)' }] } }));
    const banner = await screen.findByTestId('link-errors');
    expect(banner.textContent).toMatch(/y_pred.*not valid JSON/);
    // TensorFlow (the default backend) raises for a sparse label outside [0, C), naming its cell.
    appStore.getState().setDoc({ name: 'SparseCategoricalCrossentropy', config: {}, y_true: [[1, 5]], y_pred: [[[0.1, 0.8, 0.1], [0.2, 0.3, 0.5]]] });
    const err = await screen.findByTestId('engine-error');
    expect(err.textContent).toMatch(/in y_true\[0, 1\]/);
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'y_true[0, 1]' }).closest('td')!.className).toMatch(/is-error/));
    expect(err.textContent).toContain('The cell is outlined in its grid');
    // A shape error names a field, not a cell: no cell is outlined, so the banner must not say so.
    appStore.getState().setDoc({ name: 'SparseCategoricalCrossentropy', config: { axis: -2 }, y_true: [1, 2], y_pred: [[0.1, 0.8, 0.1], [0.2, 0.3, 0.5]] });
    await waitFor(() => expect(screen.getByTestId('engine-error').textContent).toContain('Only axis=-1'));
    expect(screen.getByTestId('engine-error').textContent).not.toContain('outlined');
  });
});
