// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { NUM_LIST_MAX, NumList } from '../../../src/ui/common/Num';

afterEach(cleanup);

const printed = () => [...document.querySelectorAll('.num')].map((e) => e.textContent);

describe('NumList', () => {
  it('prints a short list whole, in the dtype style, with no toggle', () => {
    render(<NumList values={[0.1, 0.25, 1 / 3]} dtype="float32" />);
    expect(printed()).toEqual(['0.1', '0.25', '0.33333334']);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows the ends of a long list and says how many values it leaves out', () => {
    const values = Float32Array.from({ length: 1000 }, (_, i) => i);
    render(<NumList values={values} dtype="float32" />);
    expect(printed()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '996', '997', '998', '999']);
    expect(screen.getByLabelText('986 values not shown')).toBeTruthy();
  });

  it('expands to every value on request and folds back', async () => {
    const values = Array.from({ length: NUM_LIST_MAX + 1 }, (_, i) => i / 10);
    render(<NumList values={values} dtype="float64" />);
    await userEvent.click(screen.getByRole('button', { name: `show all ${NUM_LIST_MAX + 1}` }));
    expect(printed()).toHaveLength(NUM_LIST_MAX + 1);
    expect(printed()[NUM_LIST_MAX]).toBe('2.4');
    await userEvent.click(screen.getByRole('button', { name: 'show fewer' }));
    expect(printed()).toHaveLength(14);
  });
});
