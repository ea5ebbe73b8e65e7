/**
 * The one application store: vanilla zustand, so the worker bridge, URL sync and persistence
 * subscribe without React; components use the `useStore` hook in useStore.ts.
 *
 * State: doc + revision (doc slice), history, drafts, results (bridge-only), link (URL sync only).
 */
import { createStore } from 'zustand/vanilla';
import type { ExampleDoc } from '../document/document';
import { createDocSlice } from './slices/doc';
import { createDraftsSlice } from './slices/drafts';
import { createHistorySlice, type HistoryOptions } from './slices/history';
import { createLinkSlice, createResultsSlice } from './slices/results';
import type { AppState, AppStore } from './types';

export interface StoreOptions extends HistoryOptions {
  /** Initial document. Defaults to defaultDoc(). */
  doc?: ExampleDoc;
}

export function createAppStore(opts: StoreOptions = {}): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createDocSlice(opts.doc)(...a),
    ...createHistorySlice(opts)(...a),
    ...createDraftsSlice(...a),
    ...createResultsSlice(...a),
    ...createLinkSlice(...a),
  }));
}

/** The page's store. Tests make their own with createAppStore(), or call resetAppStore(). */
export const appStore: AppStore = createAppStore();

/** Back to the initial state, history included (zustand's testing guide). */
export function resetAppStore(): void {
  appStore.setState(appStore.getInitialState(), true);
}

export const undo = (): void => appStore.getState().undo();
export const redo = (): void => appStore.getState().redo();

export type { AppState, AppStore } from './types';
