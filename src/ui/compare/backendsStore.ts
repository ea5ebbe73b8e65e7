/**
 * The compare-backends numbers: one engine job (five evaluations) on channel 'backends' whenever
 * the document asks something new: always for inputs the explain view derives (so the closed
 * view's summary can say how many differ), and for larger ones only while the view is open.
 * Tagged with the revision it belongs to, like the bridge, so a comparison for an older document
 * is never shown as current.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { AppStore } from '../../state/types';
import type { ChannelEvent, EngineClient, Job } from '../../worker/client';
import { backendsPlan, readBackends, type BackendsPlan, type BackendsView } from './backendsModel';

export const BACKENDS_CHANNEL = 'backends';

export interface BackendsState {
  forRevision: number;
  view: BackendsView | null;
  /** Why the job as a whole failed (the worker crashed); per-backend errors live in the view. */
  error: string | null;
  /** The view is open (written by the view). */
  open: boolean;
  /** True when the document is too large to compare while the view is closed. */
  waiting: boolean;
  setOpen(open: boolean): void;
}

export const backendsStore = createStore<BackendsState>()((set) => ({
  forRevision: -1, view: null, error: null, open: false, waiting: false, setOpen: (open) => set({ open }),
}));

export function useBackends<T>(selector: (s: BackendsState) => T): T {
  return useStore(backendsStore, selector);
}

export function attachBackends(store: AppStore, client: EngineClient): () => void {
  let current: Job | null = null;
  let plan: BackendsPlan | null = null;
  let sentRevision = -1;
  const send = () => {
    const { doc, revision } = store.getState();
    if (revision === sentRevision) return;
    const next = backendsPlan(doc);
    if (!next.small && !backendsStore.getState().open) {
      backendsStore.setState({ waiting: true });
      return;
    }
    sentRevision = revision;
    plan = next;
    backendsStore.setState({ waiting: false });
    // Background: the headline result and the open chart go first in the worker's queue.
    const job: Job = { items: plan.items, tag: revision, priority: -2 };
    current = job;
    client.run(BACKENDS_CHANNEL, job).catch(() => {});
  };
  const onEvent = (ev: ChannelEvent) => {
    if (ev.job !== current || !plan) return;
    const forRevision = ev.job.tag as number;
    if (ev.type === 'error') backendsStore.setState({ forRevision, view: null, error: ev.error.message });
    else backendsStore.setState({ forRevision, view: readBackends(plan, ev.result.items), error: null });
  };
  const stopClient = client.subscribe(BACKENDS_CHANNEL, onEvent);
  const stopStore = store.subscribe((s, prev) => { if (s.revision !== prev.revision) send(); });
  const stopOpen = backendsStore.subscribe((s, prev) => { if (s.open && !prev.open) send(); });
  send();
  return () => {
    stopClient();
    stopStore();
    stopOpen();
    current = null;
  };
}
