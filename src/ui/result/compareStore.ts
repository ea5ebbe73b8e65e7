/**
 * The comparison's view (state/jobs) on channel 'compare', in the background: the matching metric,
 * and for a function or a metric document the loss class's every reduction. A loss document's
 * reductions come with the main result. useReductions gives the table its rows either way.
 */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { EngineResult } from '../../engine/types';
import { attachDocView } from '../../state/jobs/docView';
import { initialViewState, isFresh, type ViewState } from '../../state/jobs/viewJob';
import type { AppStore } from '../../state/types';
import { useStore as useAppStore } from '../../state/useStore';
import type { EngineClient } from '../../worker/client';
import { comparePlan, readCompare, reductionRows, type CompareOutcome, type ReductionRow } from './compare';
import { useShownResult } from './useResult';

export const COMPARE_CHANNEL = 'compare';

export const compareStore = createStore<ViewState<CompareOutcome>>()(() => initialViewState());

export function useCompare<T>(selector: (s: ViewState<CompareOutcome>) => T): T {
  return useStore(compareStore, selector);
}

/** The comparison is for the document on screen. */
export function useCompareFresh(): boolean {
  const revision = useAppStore((s) => s.revision);
  return useCompare((s) => isFresh(s, revision));
}

export function attachCompare(store: AppStore, client: EngineClient): () => void {
  // Background: the headline result and the open chart go first in the worker's queue.
  return attachDocView(store, client, {
    channel: COMPARE_CHANNEL,
    priority: -1,
    plan: ({ doc, request, revision }) => {
      const plan = comparePlan(doc, request);
      if (!plan || !plan.items.length) return null;
      return { key: `compare:${revision}`, build: () => ({ items: plan.items }), read: (r) => ({ data: readCompare(plan, r.items) }) };
    },
  }, (patch) => compareStore.setState(patch));
}

const rowsOf = (r: EngineResult | null): ReductionRow[] => (r ? reductionRows(r) : []);

/** The reductions table's rows: a loss class's from the main result, a function's or a metric's from the comparison. */
export function useReductions(): { rows: ReductionRow[]; lossClass: string | null; stale: boolean } {
  const { result, stale } = useShownResult();
  const fromMain = useAppStore((s) => s.doc.kind === 'loss');
  const mainRows = useMemo(() => rowsOf(result), [result]);
  const outcome = useCompare((s) => s.data);
  const fresh = useCompareFresh();
  if (fromMain) return { rows: mainRows, lossClass: null, stale };
  return { rows: outcome?.reductions ?? [], lossClass: outcome?.lossClass ?? null, stale: !fresh };
}
