// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDoc } from '../../../src/document/document';
import { InputsPanel } from '../../../src/ui/inputs/InputsPanel';
import { doc, renderWired, teardown } from './setup';

afterEach(teardown);

const big = () => ({
  ...defaultDoc(),
  name: 'SparseCategoricalCrossentropy',
  y_true: Array.from({ length: 120 }, (_, i) => i % 3),
  y_pred: Array.from({ length: 120 }, () => [0.2, 0.3, 0.5]),
});

const cell = (name: string) => screen.queryByRole('textbox', { name });

describe('grid pager (tensors over 50 rows)', () => {
  it('shows 50 rows at a time, with Previous / Next and a row jump', () => {
    renderWired(<InputsPanel />, big());
    const pager = screen.getByRole('group', { name: 'y_pred rows' });
    expect(within(pager).getByText('Rows 1–50 of 120')).toBeTruthy();
    const grid = screen.getByRole('grid', { name: 'y_pred' });
    expect(within(grid).getAllByRole('row')).toHaveLength(51);  // header + 50
    expect(cell('y_pred[49, 2]')).toBeTruthy();
    expect(cell('y_pred[50, 0]')).toBeNull();
    const prev = within(pager).getByRole('button', { name: 'Previous' }) as HTMLButtonElement;
    const next = within(pager).getByRole('button', { name: 'Next' }) as HTMLButtonElement;
    expect(prev.disabled).toBe(true);

    fireEvent.click(next);
    expect(within(pager).getByText('Rows 51–100 of 120')).toBeTruthy();
    expect(cell('y_pred[50, 0]')).toBeTruthy();
    expect(cell('y_pred[0, 0]')).toBeNull();
    fireEvent.click(next);
    expect(within(pager).getByText('Rows 101–120 of 120')).toBeTruthy();
    expect(next.disabled).toBe(true);
    fireEvent.click(prev);
    expect(within(pager).getByText('Rows 51–100 of 120')).toBeTruthy();

    fireEvent.change(within(pager).getByRole('spinbutton', { name: 'Go to row' }), { target: { value: '7' } });
    expect(within(pager).getByText('Rows 1–50 of 120')).toBeTruthy();
    fireEvent.change(within(pager).getByRole('spinbutton', { name: 'Go to row' }), { target: { value: '120' } });
    expect(within(pager).getByText('Rows 101–120 of 120')).toBeTruthy();
    // The y_true column (120 labels) has its own pager.
    expect(within(screen.getByRole('group', { name: 'y_true rows' })).getByText('Rows 1–50 of 120')).toBeTruthy();
  });

  it('arrow keys past the window edge move the window; cells in the window validate as usual', async () => {
    const user = userEvent.setup();
    renderWired(<InputsPanel />, big());
    const pager = screen.getByRole('group', { name: 'y_pred rows' });
    await user.click(cell('y_pred[49, 1]')!);
    await user.keyboard('{ArrowDown}');
    expect(within(pager).getByText('Rows 2–51 of 120')).toBeTruthy();
    expect(document.activeElement).toBe(cell('y_pred[50, 1]'));
    expect((document.activeElement as HTMLInputElement).tabIndex).toBe(0);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(cell('y_pred[48, 1]'));
    await user.keyboard('{Control>}{End}{/Control}');
    expect(within(pager).getByText('Rows 71–120 of 120')).toBeTruthy();
    expect(document.activeElement).toBe(cell('y_pred[119, 2]'));

    const c = cell('y_pred[100, 0]')!;
    await user.clear(c);
    await user.type(c, '0.7');
    expect((doc().y_pred as number[][])[100][0]).toBe(0.7);
    await user.type(c, 'x');
    expect(c.getAttribute('aria-invalid')).toBe('true');
    expect(within(screen.getByRole('list', { name: 'Invalid cells in y_pred' })).getByText(/“0\.7x” is not a number/)).toBeTruthy();
  });

  it('a grid with hundreds of cells is marked for skipping while off screen, with a reserved height; small grids are not', () => {
    renderWired(<InputsPanel />, big());
    const grid = (name: string) => screen.getByRole('grid', { name }).closest('.tensor-grid') as HTMLElement;
    expect(grid('y_pred').classList.contains('is-large')).toBe(false);  // 50 rows x 3 = 150 cells
    teardown();
    renderWired(<InputsPanel />, { ...big(), name: 'CategoricalCrossentropy', y_true: Array.from({ length: 120 }, () => [0, 0, 1, 0, 0]), y_pred: Array.from({ length: 120 }, () => [0.2, 0.2, 0.2, 0.2, 0.2]) });
    expect(grid('y_pred').classList.contains('is-large')).toBe(true);  // 50 rows x 5 = 250 cells
    expect(grid('y_pred').style.containIntrinsicSize).toMatch(/^auto \d+px$/);
  });
});
