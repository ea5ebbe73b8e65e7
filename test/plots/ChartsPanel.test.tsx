// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ChartsPanel } from '../../src/plots/ChartsPanel';
import { appStore } from '../../src/state/useStore';
import { loadDoc } from './helpers';

afterEach(cleanup);

describe('ChartsPanel', () => {
  it('binds its tabs to doc.view.tab', async () => {
    loadDoc();
    render(<ChartsPanel />);
    expect(screen.getByRole('tab', { name: 'Per-sample' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.click(screen.getByRole('tab', { name: 'Focal γ' }));
    expect(appStore.getState().doc.view.tab).toBe('focal');
    expect(await screen.findByTestId('plot.gamma-sweep', {}, { timeout: 5000 })).toBeTruthy();
    act(() => appStore.getState().setView({ tab: 'smoothing' }));
    expect(await screen.findByTestId('plot.smoothing-sweep', {}, { timeout: 5000 })).toBeTruthy();
    act(() => appStore.getState().setView({ tab: 'gradient' }));
    expect(await screen.findByTestId('plot.gradient', {}, { timeout: 5000 })).toBeTruthy();
    act(() => appStore.getState().setView({ tab: 'ctc' }));
    expect(screen.getByTestId('plot.ctc.status').textContent).toMatch(/CTC/);
    act(() => appStore.getState().setView({ tab: 'per-sample' }));
    expect(screen.getByTestId('plot.per-sample')).toBeTruthy();
  });
});
