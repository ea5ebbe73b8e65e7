/**
 * React access to the app store: `useStore((s) => s.doc.config.gamma)`. Select narrowly; wrap
 * selectors that build arrays or objects in `useShallow` (re-exported) so they keep identity.
 */
import { useStore as useZustandStore } from 'zustand';
import { appStore } from './store';
import type { AppState } from './types';

export function useStore<T>(selector: (state: AppState) => T): T {
  return useZustandStore(appStore, selector);
}

export { useShallow } from 'zustand/react/shallow';
export { appStore, redo, resetAppStore, undo } from './store';
