// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/App';
import { docToRequest } from '../../../src/document/request';
import { doc, renderWired, settled, teardown } from './setup';

afterEach(teardown);

const picker = () => screen.getByRole('combobox', { name: 'Keras backend' }) as HTMLSelectElement;

describe('Keras backend picker', () => {
  it('lists TensorFlow first, marked as the Keras default, then JAX, PyTorch and NumPy; starts on TensorFlow', () => {
    renderWired(<App />);
    const options = [...picker().options].map((o) => [o.value, o.textContent]);
    expect(options).toEqual([
      ['tensorflow', 'TensorFlow (Keras default)'], ['jax', 'JAX'], ['torch', 'PyTorch'], ['numpy', 'NumPy'],
    ]);
    expect(picker().value).toBe('tensorflow');
    expect(doc().kerasBackend).toBe('tensorflow');
  });

  it('picking JAX puts it in the document and in the engine request, as one undo step', async () => {
    const user = userEvent.setup();
    renderWired(<App />);
    await user.selectOptions(picker(), 'jax');
    expect(doc().kerasBackend).toBe('jax');
    expect(docToRequest(doc()).opts.kerasBackend).toBe('jax');
    await settled();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(doc().kerasBackend).toBe('tensorflow');
  });

  it('is disabled and shows TensorFlow under tf.keras 2, and comes back to the chosen backend after', async () => {
    const user = userEvent.setup();
    renderWired(<App />);
    await user.selectOptions(picker(), 'torch');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Semantics' }), 'tf_keras2');
    expect(picker().disabled).toBe(true);
    expect(picker().value).toBe('tensorflow');
    expect(docToRequest(doc()).opts.kerasBackend).toBe('tensorflow');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Semantics' }), 'keras3');
    expect(picker().disabled).toBe(false);
    expect(picker().value).toBe('torch');
  });

  it('loading a documented example keeps the backend the user picked', async () => {
    const user = userEvent.setup();
    renderWired(<App />);
    await user.selectOptions(picker(), 'numpy');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Presets' }), 'bfce-4');
    expect(doc().view.preset).toBe('bfce-4');
    expect(doc().kerasBackend).toBe('numpy');
  });
});
