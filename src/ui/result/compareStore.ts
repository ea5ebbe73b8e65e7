/**
 * The results panel's extra numbers (every reduction, the matching metric), computed by one engine
 * job on channel 'compare' whenever the document asks something new. Like the bridge, answers are
 * tagged with the revision they belong to, so numbers for an older document are never shown as current.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { AppStore } from '../../state/types';
import type { ChannelEvent, EngineClient, Job } from '../../worker/client';
import { comparePlan, readCompare, type CompareOutcome } from './compare';

export const COMPARE_CHANNEL = 'compare';

export interface CompareState {
  forRevision: number;
  lossClass: string | null;
  outcome: CompareOutcome | null;
}

export const compareStore = createStore<CompareState>()(() => ({ forRevision: -1, lossClass: null, outcome: null }));

export function useCompare<T>(selector: (s: CompareState) => T): T {
  return useStore(compareStore, selector);
}

export function attachCompare(store: AppStore, client: EngineClient): () => void {
  let current: Job | null = null;
  let plan: ReturnType<typeof comparePlan> = null;
  const send = () => {
    const { doc, revision } = store.getState();
    plan = comparePlan(doc);
    if (!plan) {
      compareStore.setState({ forRevision: revision, lossClass: null, outcome: null });
      return;
    }
    // Background: the headline result and the open chart go first in the worker's queue.
    const job: Job = { items: plan.items, tag: revision, priority: -1 };
    current = job;
    client.run(COMPARE_CHANNEL, job).catch(() => {});
  };
  const onEvent = (ev: ChannelEvent) => {
    if (ev.job !== current || !plan) return;
    const forRevision = ev.job.tag as number;
    if (ev.type === 'error') compareStore.setState({ forRevision, lossClass: plan.lossClass, outcome: null });
    else compareStore.setState({ forRevision, lossClass: plan.lossClass, outcome: readCompare(plan, ev.result.items) });
  };
  const stopClient = client.subscribe(COMPARE_CHANNEL, onEvent);
  const stopStore = store.subscribe((s, prev) => { if (s.revision !== prev.revision) send(); });
  send();
  return () => {
    stopClient();
    stopStore();
    current = null;
  };
}
