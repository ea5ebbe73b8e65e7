/**
 * Runs a chart's job on the 'charts' channel whenever its key changes (a newer job supersedes the
 * older one), keeping the last data on screen while the next one is computed.
 *
 * The job is posted from a store subscription, in the same task as the edit and before React
 * renders it: on a large input that render takes longer than the job, and the worker would
 * otherwise wait for it. Changes of the chart's own state (a control) post from a layout effect.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ExampleDoc } from '../document/document';
import { appStore } from '../state/useStore';
import type { Job } from '../worker/protocol';
import { isSuperseded } from '../worker/clientTypes';
import { CHARTS_CHANNEL, chartsClient } from './chartsClient';

export interface ChartJobState<T> {
  /** Key of the job `data` answers. */
  key: string | null;
  data: T | null;
  error: string | null;
  /** Engine time of the job, in ms (reported with the charts:updated mark). */
  ms?: number;
}

/** What a chart asks the engine for a document: a key naming the job, or null when it has none. */
export type ChartPlan = (doc: ExampleDoc, revision: number) => { key: string; build(): Job } | null;

/** `wanted`: the key of the job for the rendered document (null: the chart has none). */
export function useChartJob<T>(doc: ExampleDoc, revision: number, plan: ChartPlan): ChartJobState<T> & { wanted: string | null; pending: boolean } {
  const [state, setState] = useState<ChartJobState<T>>({ key: null, data: null, error: null });
  const key = plan(doc, revision)?.key ?? null;
  const latestPlan = useRef(plan);
  const posted = useRef<string | null>(null);
  const mounted = useRef(false);

  const post = (next: { key: string; build(): Job } | null) => {
    if (!next || next.key === posted.current) return;
    const k = next.key;
    posted.current = k;
    chartsClient().run(CHARTS_CHANNEL, next.build()).then(
      (res) => {
        if (!mounted.current || posted.current !== k) return;
        const failed = Object.values(res.extras).find((x) => !x.ok);
        if (failed && !failed.ok) setState({ key: k, data: null, error: failed.error.message });
        else setState({ key: k, data: Object.fromEntries(Object.entries(res.extras).map(([n, v]) => [n, v.ok ? v.value : null])) as T, error: null, ms: res.ms });
      },
      (e: unknown) => {
        if (mounted.current && posted.current === k && !isSuperseded(e)) setState({ key: k, data: null, error: e instanceof Error ? e.message : String(e) });
      },
    );
  };
  const postRef = useRef(post);

  useLayoutEffect(() => {
    latestPlan.current = plan;
    postRef.current = post;
  });
  useLayoutEffect(() => {
    mounted.current = true;
    if (key !== null) postRef.current(latestPlan.current(appStore.getState().doc, appStore.getState().revision));
    else posted.current = null;
  }, [key]);
  useEffect(() => {
    const stop = appStore.subscribe((s, prev) => {
      if (s.doc !== prev.doc || s.revision !== prev.revision) postRef.current(latestPlan.current(s.doc, s.revision));
    });
    return () => {
      stop();
      mounted.current = false;
      posted.current = null;
    };
  }, []);
  return { ...state, wanted: key, pending: key !== null && state.key !== key };
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
