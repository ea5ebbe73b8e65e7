/**
 * The only writer of `results`: sends the doc's engine request on channel 'main' whenever the doc
 * asks something new, and writes the answer tagged with the revision it was computed for. Answers
 * to older jobs are dropped, so numbers for an older doc are never shown as current.
 */
import type { ChannelEvent, EngineClient, Job } from '../worker/client';
import { docToRequest } from '../document/request';
import type { AppStore, ResultsState } from './types';

export const MAIN_CHANNEL = 'main';

export function attachBridge(store: AppStore, client: EngineClient, channel = MAIN_CHANNEL): () => void {
  let current: Job | null = null;
  let sentRevision = -1;

  const write = (patch: Partial<ResultsState>) => store.setState((s) => ({ results: { ...s.results, ...patch } }));

  const send = () => {
    const { doc, revision } = store.getState();
    if (revision === sentRevision && current) return;
    sentRevision = revision;
    const job: Job = { items: [docToRequest(doc)], tag: revision };
    current = job;
    write({ status: 'pending' });
    // Outcomes arrive through subscribe (also re-runs after a worker restart); superseded runs are expected.
    client.run(channel, job).catch(() => {});
  };

  const onEvent = (ev: ChannelEvent) => {
    if (ev.job !== current) return;
    const forDocRevision = ev.job.tag as number;
    if (ev.type === 'error') {
      write({ status: 'error', main: null, error: { message: ev.error.message }, forDocRevision });
      return;
    }
    const item = ev.result.items[0];
    const common = { backend: ev.result.backend, mode: ev.result.mode, forDocRevision };
    if (!item) write({ ...common, status: 'error', main: null, error: { message: 'the engine returned no result' } });
    else if (item.ok) write({ ...common, status: 'ok', main: item.result, error: null });
    else write({ ...common, status: 'error', main: null, error: cleanError(item.error) });
  };

  const stopClient = client.subscribe(channel, onEvent);
  const stopStore = store.subscribe((s, prev) => {
    if (s.revision !== prev.revision) send();
  });
  send();
  return () => {
    stopClient();
    stopStore();
    current = null;
  };
}

/** Drops keys the engine left undefined, so the error compares and serialises cleanly. */
function cleanError(e: { message: string; field?: string; index?: number[] }) {
  return {
    message: e.message,
    ...(e.field !== undefined ? { field: e.field } : {}),
    ...(e.index !== undefined ? { index: e.index } : {}),
  };
}
