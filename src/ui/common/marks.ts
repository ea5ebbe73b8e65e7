/**
 * Cells a panel asks the grids to mark (a pitfall's cells while it is hovered or focused, the
 * cell an engine error names). Ephemeral, like linking.ts: not in the document or the URL.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CellRef } from '../pitfalls/pitfallRules';

export interface MarksState {
  cells: CellRef[];
  tone: 'warn' | 'info' | 'error';
  source: string | null;
  mark(cells: CellRef[], tone: MarksState['tone'], source: string): void;
  unmark(source: string): void;
}

export const marksStore = createStore<MarksState>()((set, get) => ({
  cells: [],
  tone: 'warn',
  source: null,
  mark: (cells, tone, source) => set({ cells, tone, source }),
  unmark: (source) => {
    if (get().source === source) set({ cells: [], source: null });
  },
}));

export function useMarks<T>(selector: (s: MarksState) => T): T {
  return useStore(marksStore, selector);
}

/** `1:2` for an index path (the grid's cell key). */
export const pathKey = (path: readonly number[]): string => path.join(':');

/** Row-major flat index of `path` within `shape` (the first shape.length entries), or null. */
export function ravel(path: readonly number[], shape: readonly number[]): number | null {
  if (path.length < shape.length) return null;
  let i = 0;
  for (let k = 0; k < shape.length; k++) {
    if (path[k] >= shape[k]) return null;
    i = i * shape[k] + path[k];
  }
  return i;
}
