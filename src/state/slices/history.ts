/**
 * Undo/redo over whole documents. Documents share structure (edits copy only what they touch), so
 * keeping 200 of them is cheap. The view (tab, selection) is navigation: undo keeps the current one,
 * except what names where the example came from (its preset, its lesson step), which goes with it.
 */
import { sameRequest, type ExampleDoc } from '../../document/document';
import type { HistorySlice, SliceCreator } from '../types';

export interface HistoryOptions {
  /** Undo steps kept. Defaults to 200. */
  historyLimit?: number;
  /** Window for merging edits with the same coalesceKey. Defaults to 500 ms. */
  coalesceMs?: number;
  /** Clock, injectable for tests. Defaults to Date.now. */
  now?: () => number;
}

/** Any edit of the inputs forgets which preset the doc came from, unless the edit set the view itself. */
function withPresetCleared(prev: ExampleDoc, next: ExampleDoc): ExampleDoc {
  if (next.view !== prev.view || next.view.preset === null || sameRequest(prev, next)) return next;
  return { ...next, view: { ...next.view, preset: null } };
}

export const createHistorySlice = (opts: HistoryOptions = {}): SliceCreator<HistorySlice> => (set, get) => {
  const limit = opts.historyLimit ?? 200;
  const window = opts.coalesceMs ?? 500;
  const now = opts.now ?? Date.now;
  let last: { key: string; at: number } | null = null;

  /** Move to `target` from the top of one stack, pushing the current doc onto the other. */
  const travel = (from: 'past' | 'future') => {
    const { doc, history, revision } = get();
    const stack = history[from];
    if (!stack.length) return;
    const target = stack[stack.length - 1];
    const { preset, lesson, step } = target.view;
    const next: ExampleDoc = { ...target, view: { ...doc.view, preset, lesson, step } };
    const rest = stack.slice(0, -1);
    const other = from === 'past' ? history.future : history.past;
    last = null;
    set({
      doc: next,
      revision: sameRequest(doc, next) ? revision : revision + 1,
      history: from === 'past' ? { past: rest, future: [...other, doc] } : { past: [...other, doc], future: rest },
    });
  };

  return {
    history: { past: [], future: [] },
    undo: () => travel('past'),
    redo: () => travel('future'),
    canUndo: () => get().history.past.length > 0,
    canRedo: () => get().history.future.length > 0,
    commit: (proposed, { coalesceKey, record = true } = {}) => {
      const { doc, history, revision } = get();
      if (proposed === doc) return;
      const next = withPresetCleared(doc, proposed);
      const t = now();
      const merge = record && coalesceKey !== undefined && last !== null &&
        last.key === coalesceKey && t - last.at <= window && history.past.length > 0;
      last = record && coalesceKey !== undefined ? { key: coalesceKey, at: t } : null;
      set({
        doc: next,
        revision: sameRequest(doc, next) ? revision : revision + 1,
        history: !record ? { past: [], future: [] }
          : merge ? { past: history.past, future: [] }
          : { past: [...history.past, doc].slice(-limit), future: [] },
      });
    },
  };
};
