/**
 * Runs a chart's job on the 'charts' channel whenever its key changes (a newer job supersedes the
 * older one), keeping the last data on screen while the next one is computed.
 */
import { useEffect, useState } from 'react';
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

export function useChartJob<T>(key: string | null, build: () => Job): ChartJobState<T> & { pending: boolean } {
  const [state, setState] = useState<ChartJobState<T>>({ key: null, data: null, error: null });
  useEffect(() => {
    if (key === null) return;
    let live = true;
    chartsClient().run(CHARTS_CHANNEL, build()).then(
      (res) => {
        if (!live) return;
        const failed = Object.values(res.extras).find((x) => !x.ok);
        if (failed && !failed.ok) setState({ key, data: null, error: failed.error.message });
        else setState({ key, data: Object.fromEntries(Object.entries(res.extras).map(([k, v]) => [k, v.ok ? v.value : null])) as T, error: null, ms: res.ms });
      },
      (e: unknown) => {
        if (live && !isSuperseded(e)) setState({ key, data: null, error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => { live = false; };
    // `build` is a fresh closure every render; the key says when its job changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { ...state, pending: key !== null && state.key !== key };
}

/** Marks `charts:updated` (for the benchmark and the browser tests) once a chart shows data for `key`. */
export function useUpdatedMark(tab: string, key: string | null, fresh: boolean, engineMs?: number): void {
  useEffect(() => {
    if (!fresh || key === null || typeof performance === 'undefined' || !performance.mark) return;
    performance.mark('charts:updated', { detail: { tab, key, engineMs } });
    // `engineMs` arrives with the data: it does not make a new mark on its own.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tab, key, fresh]);
}
