/** The store's shape: one bound store built from slices (zustand's slices pattern). */
import type { StateCreator, StoreApi } from 'zustand/vanilla';
import type { EngineErrorInfo, EngineResult, Nested } from '../engine/types';
import type { ViewStatus } from './jobs/viewJob';
import type { DecodeError } from '../document/schema';
import type { ExampleDoc, TensorField, ViewDoc } from '../document/document';

export interface EditOptions {
  /**
   * Consecutive edits with the same key within `coalesceMs` (default 500 ms) form one undo step,
   * so a slider drag undoes in one go. Use e.g. `config.gamma` or `y_pred:1:2`.
   */
  coalesceKey?: string;
}

export interface LoadOptions {
  /** Make the load an undo step. Defaults to true; false (start-up) starts a fresh history. */
  record?: boolean;
  /** Drafts to restore with the doc (persistence); otherwise drafts are cleared. */
  drafts?: Record<string, string>;
}

export interface DocSlice {
  doc: ExampleDoc;
  /** Bumped whenever the doc asks the engine something new (not on view-only changes). */
  revision: number;
  /** Bumped when new data arrives (a whole tensor replaced: paste, random, reshape; a doc loaded): charts refit their fixed axes. */
  dataEpoch: number;
  /** Merge a patch (or apply an updater) into the doc. */
  setDoc(patch: Partial<ExampleDoc> | ((doc: ExampleDoc) => ExampleDoc), opts?: EditOptions): void;
  /** Alias of setDoc. */
  patchDoc(patch: Partial<ExampleDoc> | ((doc: ExampleDoc) => ExampleDoc), opts?: EditOptions): void;
  /** Set one Keras kwarg (coalesces by `config.<key>` unless told otherwise). */
  setConfig(key: string, value: unknown, opts?: EditOptions): void;
  removeConfig(key: string, opts?: EditOptions): void;
  /** Replace a whole tensor; `null` only for sample_weight fields. Clears that tensor's drafts. */
  setTensor(field: TensorField, value: Nested | null, opts?: EditOptions): void;
  /**
   * Set one cell. A string that is a number (including nan, inf, -inf) is stored as that number;
   * anything else is kept as a draft (the doc keeps its last valid number). Returns true when the doc changed.
   */
  setCell(field: TensorField, path: readonly number[], value: number | string, opts?: EditOptions): boolean;
  /** Tab, selection, hidden controls: navigation, so not an undo step and no recompute. */
  setView(patch: Partial<ViewDoc>): void;
  loadDoc(doc: ExampleDoc, opts?: LoadOptions): void;
  /** Back to the default example (an undo step). */
  reset(): void;
}

export interface HistoryState {
  past: ExampleDoc[];
  future: ExampleDoc[];
}

export interface HistorySlice {
  history: HistoryState;
  undo(): void;
  redo(): void;
  canUndo(): boolean;
  canRedo(): boolean;
  /** Internal: every doc change goes through here. `record: false` replaces the doc and starts a fresh history. */
  commit(next: ExampleDoc, opts?: EditOptions & { record?: boolean }): void;
}

export interface DraftsSlice {
  /** Raw text typed into cells that is not a valid number yet, keyed by `draftKey(field, path)`. */
  drafts: Record<string, string>;
  setDraft(key: string, text: string): void;
  clearDraft(key: string): void;
}

/** The main result's view state (state/jobs ViewState, with its data named `main`). */
export interface ResultsState {
  status: ViewStatus;
  /** Latest result; compare `forDocRevision` with `revision` before trusting it (selectFreshResult does). */
  main: EngineResult | null;
  error: EngineErrorInfo | null;
  /** Kernel that produced the numbers: 'wasm-simd' | 'wasm' | 'js' | 'ts'. */
  backend: string;
  /** Where it ran. */
  mode: 'worker' | 'main-thread' | null;
  /** The doc revision `main` / `error` belong to; -1 before the first answer. */
  forDocRevision: number;
}

/** Written ONLY by the bridge (state/bridge.ts): no actions here on purpose. */
export interface ResultsSlice {
  results: ResultsState;
}

/**
 * Written by the URL sync layer (url/sync.ts). The one exception: the link banner clears `errors`,
 * which tells the sync layer to replace a link it could not read whole with the loaded example's.
 */
export interface LinkState {
  /** Problems found in the link the page opened with (or a hashchange), by field. */
  errors: DecodeError[];
  /** The link is longer than a chat message takes (~2000 chars): offer the JSON download instead. */
  tooLong: boolean;
  length: number;
}

export interface LinkSlice {
  link: LinkState;
}

export type AppState = DocSlice & HistorySlice & DraftsSlice & ResultsSlice & LinkSlice;
export type AppStore = StoreApi<AppState>;
export type SliceCreator<T> = StateCreator<AppState, [], [], T>;
