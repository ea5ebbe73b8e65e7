// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/App';
import { appStore } from '../../../src/state/useStore';
import { renderWired, teardown } from './setup';

afterEach(teardown);

describe('Paste from a notebook', () => {
  it('opens a panel (loaded on first open) whose Replace sets every tensor the cell names, then closes', async () => {
    renderWired(<App />);
    const user = userEvent.setup();
    expect(screen.queryByLabelText(/Lines like/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Paste from a notebook…' }));
    const box = await screen.findByLabelText(/Lines like/, {}, { timeout: 5000 });
    fireEvent.change(box, { target: { value: 'y_true = np.array([1, 0])\ny_pred = [0.25, 0.5]' } });
    expect(screen.getByText(/y_true ✓ y_pred ✓/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Replace' }));
    expect(appStore.getState().doc).toMatchObject({ y_true: [1, 0], y_pred: [0.25, 0.5] });
    expect(screen.getByText('Replaced y_true, y_pred.')).toBeTruthy();
    expect(screen.queryByLabelText(/Lines like/)).toBeNull();
  });
});
