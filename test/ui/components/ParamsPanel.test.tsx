// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDoc } from '../../../src/document/document';
import { ParamsPanel } from '../../../src/ui/params/ParamsPanel';
import { doc, renderWired, teardown } from './setup';

afterEach(teardown);

const cce = { ...defaultDoc(), name: 'CategoricalCrossentropy', y_true: [[0, 1, 0], [0, 0, 1]] };

describe('ParamsPanel', () => {
  it('lists the Keras arguments with their defaults and one-line help', () => {
    renderWired(<ParamsPanel />);
    const fl = screen.getByRole('checkbox', { name: 'from_logits' });
    expect(fl.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(fl.getAttribute('aria-describedby')!)!.textContent).toMatch(/Treat y_pred as logits.*Default: False/);
    expect(screen.getByRole('textbox', { name: 'ignore_class' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'axis' })).toBeTruthy();
    const red = screen.getByRole('combobox', { name: 'reduction' }) as HTMLSelectElement;
    expect([...red.options].map((o) => o.value)).toEqual(['sum_over_batch_size', 'sum', 'mean', 'mean_with_sample_weight', 'none']);
    expect(screen.getByText('keras.losses.SparseCategoricalCrossentropy()')).toBeTruthy();
  });

  it('a checkbox sets from_logits, and Reset returns it to the default', async () => {
    const user = userEvent.setup();
    renderWired(<ParamsPanel />);
    await user.click(screen.getByRole('checkbox', { name: 'from_logits' }));
    expect(doc().config.from_logits).toBe(true);
    expect(screen.getByText('keras.losses.SparseCategoricalCrossentropy(from_logits=True)')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reset from_logits to its default' }));
    expect(doc().config).toEqual({});
  });

  it('label_smoothing has a slider and exact entry beside it (which may leave the range)', async () => {
    const user = userEvent.setup();
    renderWired(<ParamsPanel />, cce);
    const exact = screen.getByRole('textbox', { name: 'label_smoothing' });
    const slider = screen.getByRole('slider', { name: 'label_smoothing slider' }) as HTMLInputElement;
    await user.clear(exact);
    await user.type(exact, '0.25');
    expect(doc().config.label_smoothing).toBe(0.25);
    expect(slider.value).toBe('0.25');
    await user.clear(exact);
    await user.type(exact, '1.5');
    expect(doc().config.label_smoothing).toBe(1.5);
    await user.clear(exact);
    await user.type(exact, 'abc');
    expect(screen.getByRole('alert').textContent).toMatch(/Enter a number/);
    expect(doc().config.label_smoothing).toBe(1.5);
  });

  it('ignore_class takes an integer or None', async () => {
    const user = userEvent.setup();
    renderWired(<ParamsPanel />);
    const ic = screen.getByRole('textbox', { name: 'ignore_class' });
    await user.type(ic, '-1');
    expect(doc().config.ignore_class).toBe(-1);
    await user.clear(ic);
    expect(doc().config.ignore_class).toBeUndefined();
    await user.type(ic, '1.5');
    expect(ic.getAttribute('aria-invalid')).toBe('true');
  });

  it('BinaryFocalCrossentropy shows gamma, alpha and apply_class_balancing; tf_keras2 lists its reductions', async () => {
    const user = userEvent.setup();
    renderWired(<ParamsPanel />, { ...defaultDoc(), name: 'BinaryFocalCrossentropy', y_true: [[0, 1]], y_pred: [[0.4, 0.6]], semantics: 'tf_keras2' });
    expect(screen.getByRole('slider', { name: 'gamma slider' })).toBeTruthy();
    expect(screen.getByRole('slider', { name: 'alpha slider' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'apply_class_balancing' })).toBeTruthy();
    const red = screen.getByRole('combobox', { name: 'reduction' }) as HTMLSelectElement;
    expect(red.value).toBe('auto');
    await user.selectOptions(red, 'sum');
    expect(doc().config.reduction).toBe('sum');
  });

  it('CategoricalFocalCrossentropy alpha can become a per-class list', async () => {
    const user = userEvent.setup();
    renderWired(<ParamsPanel />, { ...cce, name: 'CategoricalFocalCrossentropy' });
    await user.click(screen.getByRole('button', { name: 'Per class' }));
    expect(doc().config.alpha).toEqual([0.25, 0.25, 0.25]);
    const box = screen.getByRole('textbox', { name: 'alpha' });
    await user.clear(box);
    await user.paste('[0.1, 0.5, 0.4]');
    expect(doc().config.alpha).toEqual([0.1, 0.5, 0.4]);
  });
});
