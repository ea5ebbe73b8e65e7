/**
 * A chart's engine job: a thin hook over the result path (state/jobs), on the 'charts' channel, so
 * a newer chart job supersedes an older one and the last data stays on screen while the next one
 * is computed. The answer is typed by the job's extra calls (`data.gamma` is a Sweep).
 *
 * The job is posted from a store subscription, in the same task as the edit and before React
 * renders it: on a large input that render takes longer than the job, and the worker would
 * otherwise wait for it. Changes of the chart's own state (a control) post from a layout effect.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ChartTab, ExampleDoc } from '../document/document';
import { createViewJob, initialViewState, isFresh, type ViewJob, type ViewPlan, type ViewState } from '../state/jobs/viewJob';
import { appStore } from '../state/useStore';
import { readExtras, type ExtraCalls, type ExtraValues, type Job } from '../worker/protocol';
import { CHARTS_CHANNEL, chartsClient } from './chartsClient';
import { notApplicable } from './jobs';

/** What a chart asks the engine for a document: a key naming the job, or null when it has none. */
export type ChartPlan<X extends ExtraCalls> = (doc: ExampleDoc, revision: number) => { key: string; build(): Job<X> } | null;

export interface ChartJob<T> {
  /** Key of the job `data` answers. */
  key: string | null;
  data: T | null;
  error: string | null;
  /** Engine time of the job, in ms (reported with the charts:updated mark). */
  ms: number;
  /** The key of the job for the rendered document (null: the chart has none). */
  wanted: string | null;
  /** data answers `wanted`. */
  fresh: boolean;
  pending: boolean;
}

function viewPlan<X extends ExtraCalls>(p: { key: string; build(): Job<X> }): ViewPlan<Job<X>, ExtraValues<X>> {
  return {
    key: p.key,
    build: p.build,
    read: (result, job) => {
      const r = readExtras(job, result);
      return 'values' in r ? { data: r.values } : r;
    },
  };
}

/** `channel`: a chart with a second job (the training chart's one step) posts it on its own channel, so neither supersedes the other. */
export function useChartJob<X extends ExtraCalls>(doc: ExampleDoc, revision: number, plan: ChartPlan<X>, channel = CHARTS_CHANNEL): ChartJob<ExtraValues<X>> {
  const [store] = useState(() => createStore<ViewState<ExtraValues<X>>>()(() => initialViewState()));
  const state = useStore(store);
  const wanted = plan(doc, revision)?.key ?? null;
  const latestPlan = useRef(plan);
  const view = useRef<ViewJob<ExtraValues<X>> | null>(null);

  const post = (d: ExampleDoc, rev: number) => {
    view.current ??= createViewJob<ExtraValues<X>>(chartsClient, { channel }, (patch) => store.setState(patch));
    const p = latestPlan.current(d, rev);
    view.current.post(rev, p && viewPlan(p));
  };
  const postRef = useRef(post);

  useLayoutEffect(() => {
    latestPlan.current = plan;
    postRef.current = post;
  });
  useLayoutEffect(() => {
    const { doc: d, revision: rev } = appStore.getState();
    postRef.current(d, rev);
  }, [wanted]);
  useEffect(() => {
    const stop = appStore.subscribe((s, prev) => {
      if (s.doc !== prev.doc || s.revision !== prev.revision) postRef.current(s.doc, s.revision);
    });
    return () => {
      stop();
      view.current?.stop();
      view.current = null;
    };
  }, []);
  const fresh = wanted !== null && isFresh(state, revision, wanted) && state.status === 'ok';
  return {
    key: state.key, data: state.data, error: state.error?.message ?? null, ms: state.ms,
    wanted, fresh, pending: wanted !== null && state.key !== wanted,
  };
}

/**
 * Marks `charts:updated` (for the benchmark and the browser tests) once a chart shows data for
 * `key`: at commit, when the DOM holds the new chart (the benchmark's 'frame' adds the paint).
 */
export function useUpdatedMark(tab: string, key: string | null, fresh: boolean, engineMs?: number): void {
  useLayoutEffect(() => {
    if (!fresh || key === null || typeof performance === 'undefined' || !performance.mark) return;
    performance.mark('charts:updated', { detail: { tab, key, engineMs } });
    // `engineMs` arrives with the data: it does not make a new mark on its own.
  }, [tab, key, fresh]);
}

/** A tab's job for the document: a key naming it (beyond the tab and revision) and its builder. */
export type TabPlan<X extends ExtraCalls> = (doc: ExampleDoc, revision: number) => { key: string; build(): Job<X> };

/**
 * What every chart tab does with its job: none when the tab does not apply to the document (`na`
 * says why), else the plan keyed by tab and revision; marks charts:updated once its data is shown.
 */
export function useTabJob<X extends ExtraCalls>(tab: ChartTab, doc: ExampleDoc, revision: number, plan: TabPlan<X>): { na: string | null; job: ChartJob<ExtraValues<X>> } {
  const job = useChartJob(doc, revision, (d, rev) => {
    if (notApplicable(d, tab)) return null;
    const p = plan(d, rev);
    return { key: `${tab}:${rev}:${p.key}`, build: p.build };
  });
  useUpdatedMark(tab, job.wanted, job.fresh, job.ms);
  return { na: notApplicable(doc, tab), job };
}

/** A plan for the sweeps, which follow the selected sample (the row their per-sample lines add). */
export function bySelectedRow<X extends ExtraCalls>(job: (doc: ExampleDoc, row: number | null) => Job<X>): TabPlan<X> {
  return (d) => {
    const row = d.view.selected?.[0] ?? null;
    return { key: `${row ?? ''}`, build: () => job(d, row) };
  };
}
