/**
 * Hover linking between grids, results, derivation steps and charts: which sample (flat index
 * into the per-sample values) and which input cell the pointer or keyboard focus is on.
 * Ephemeral (not part of the document, the URL or undo history), so it lives in its own store.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export type LinkField = 'y_true' | 'y_pred' | 'sample_weight';

export interface LinkState {
  /** Flat index into the per-sample values, or null. */
  sample: number | null;
  /** Input cell [field, index path], or null. */
  cell: { field: LinkField; index: number[] } | null;
  /** Which view set it ('grid', 'chart:per-sample', 'explain', ...), so a view can ignore its own echo. */
  source: string | null;
  setHover(h: { sample?: number | null; cell?: LinkState['cell']; source: string }): void;
  clear(source?: string): void;
}

export const linkStore = createStore<LinkState>()((set, get) => ({
  sample: null,
  cell: null,
  source: null,
  setHover: ({ sample = null, cell = null, source }) => set({ sample, cell, source }),
  clear: (source) => {
    if (!source || get().source === source) set({ sample: null, cell: null, source: null });
  },
}));

export function useLink<T>(selector: (s: LinkState) => T): T {
  return useStore(linkStore, selector);
}
