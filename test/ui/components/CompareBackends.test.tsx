// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/App';
import { defaultDoc } from '../../../src/document/document';
import { backendsStore } from '../../../src/ui/compare/backendsStore';
import { appStore } from '../../../src/state/useStore';
import { renderWired, settled, teardown } from './setup';

afterEach(teardown);

async function openCompare() {
  const user = userEvent.setup();
  const view = screen.getByTestId('compare-backends');
  await user.click(within(view).getByText('Compare backends'));
  await waitFor(() => {
    if (backendsStore.getState().forDocRevision !== appStore.getState().revision) throw new Error('comparing');
  }, { timeout: 8000 });
  await within(view).findAllByRole('group'); // the cards load the first time the section opens
  return { user, view };
}

describe('Compare backends', () => {
  it('closed, it shows only its summary line; the cards load when it is first opened', async () => {
    renderWired(<App />);
    const view = screen.getByTestId('compare-backends');
    await waitFor(() => expect(within(view).getByTestId('compare-backends.summary').textContent).toMatch(/of 5 differ|all 5 agree/), { timeout: 8000 });
    expect(within(view).queryAllByRole('group')).toEqual([]);
    await userEvent.setup().click(within(view).getByText('Compare backends'));
    expect(await within(view).findAllByRole('group', {}, { timeout: 8000 })).toHaveLength(5);
  });

  it('shows TensorFlow, JAX, PyTorch, NumPy and tf.keras 2 side by side, the selected one marked', async () => {
    renderWired(<App />);
    const { view } = await openCompare();
    const cards = within(view).getAllByRole('group');
    expect(cards.map((c) => c.getAttribute('aria-label'))).toEqual(['TensorFlow', 'JAX', 'PyTorch', 'NumPy', 'tf.keras 2']);
    expect(within(cards[0]).getByText('selected')).toBeTruthy();
    await waitFor(() => expect(within(cards[0]).getByTestId('backend.value').textContent).toMatch(/1\.1769392/));
    expect(within(cards[3]).getByText('gradient: none')).toBeTruthy();
    const why = within(view).getByTestId('compare-backends.why');
    expect(why.textContent).toMatch(/JAX renormalises first and then clips: step log_p\./);
  });

  it('names the step where the computations part; clicking it opens the explain view at that step', async () => {
    renderWired(<App />);
    await settled();
    const { user, view } = await openCompare();
    const why = within(view).getByTestId('compare-backends.why');
    const link = why.querySelector<HTMLButtonElement>('button.step-link');
    expect(link).toBeTruthy();
    const name = link!.getAttribute('data-step-link')!;
    await user.click(link!);
    const target = screen.getByTestId('panel.explain').querySelector(`li.step[data-step="${name}"]`);
    expect(document.activeElement).toBe(target);
  });

  it('an error on one backend is that backend’s error, not a failure of the page', async () => {
    // Label 3 of 3 classes: JAX scores it 0; TensorFlow and tf.keras 2 raise.
    renderWired(<App />, { ...defaultDoc(), kerasBackend: 'jax', y_true: [1, 3] });
    const { view } = await openCompare();
    for (const name of ['TensorFlow', 'tf.keras 2']) {
      const card = within(view).getByRole('group', { name });
      await waitFor(() => expect(within(card).getByTestId('backend.error').textContent).toMatch(/raises:.*y_true\[1\]/));
    }
    expect(within(view).getByTestId('compare-backends.why').textContent).toMatch(/TensorFlow raises on this input where JAX computes/);
    expect(screen.queryByTestId('engine-error')).toBeNull();
  });
});
