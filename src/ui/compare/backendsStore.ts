/**
 * The compare-backends view (state/jobs) on channel 'backends', in the background: one job (five
 * evaluations) whenever the document asks something new: always for inputs the explain view
 * derives (so the closed view's summary can say how many differ), and for larger ones only while
 * the view is open.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { docInput } from '../../state/jobs/docView';
import { createViewJob, initialViewState, type ViewState } from '../../state/jobs/viewJob';
import type { AppStore } from '../../state/types';
import type { EngineClient } from '../../worker/client';
import { backendsPlan, readBackends, type BackendsView } from './backendsModel';

export const BACKENDS_CHANNEL = 'backends';

export interface BackendsState extends ViewState<BackendsView> {
  /** The view is open (written by the view). */
  open: boolean;
  /** True when the document is too large to compare while the view is closed. */
  waiting: boolean;
  setOpen(open: boolean): void;
}

export const backendsStore = createStore<BackendsState>()((set) => ({
  ...initialViewState<BackendsView>(), open: false, waiting: false, setOpen: (open) => set({ open }),
}));

export function useBackends<T>(selector: (s: BackendsState) => T): T {
  return useStore(backendsStore, selector);
}

export function attachBackends(store: AppStore, client: EngineClient): () => void {
  // Background: the headline result and the open chart go first in the worker's queue.
  const view = createViewJob<BackendsView>(client, { channel: BACKENDS_CHANNEL, priority: -2 }, (patch) => backendsStore.setState(patch));
  const ask = () => {
    const { doc, revision, request } = docInput(store);
    const plan = backendsPlan(doc, request);
    if (!plan.small && !backendsStore.getState().open) {
      backendsStore.setState({ waiting: true });
      return;
    }
    if (backendsStore.getState().waiting) backendsStore.setState({ waiting: false });
    view.post(revision, { key: `backends:${revision}`, build: () => ({ items: plan.items }), read: (r) => ({ data: readBackends(plan, r.items) }) });
  };
  const stopStore = store.subscribe((s, prev) => { if (s.revision !== prev.revision) ask(); });
  const stopOpen = backendsStore.subscribe((s, prev) => { if (s.open && !prev.open) ask(); });
  ask();
  return () => {
    stopStore();
    stopOpen();
    view.stop();
  };
}
