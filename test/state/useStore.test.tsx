// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { selectCanUndo } from '../../src/state/selectors';
import { appStore, resetAppStore, undo, useStore } from '../../src/state/useStore';

afterEach(() => resetAppStore());

describe('useStore', () => {
  it('uses the store with selectors and re-renders on the selected slice', () => {
    const { result } = renderHook(() => useStore((s) => s.doc.config.gamma));
    expect(result.current).toBeUndefined();
    act(() => appStore.getState().setConfig('gamma', 3));
    expect(result.current).toBe(3);
  });

  it('does not re-render for changes outside the selected slice', () => {
    let renders = 0;
    renderHook(() => { renders++; return useStore((s) => s.doc.name); });
    act(() => appStore.getState().setView({ tab: 'gradient' }));
    expect(renders).toBe(1);
  });

  it('the exported undo works as a keyboard shortcut handler would call it', () => {
    const { result } = renderHook(() => useStore(selectCanUndo));
    act(() => appStore.getState().setDoc({ name: 'Poisson' }));
    expect(result.current).toBe(true);
    act(() => undo());
    expect(result.current).toBe(false);
  });
});
