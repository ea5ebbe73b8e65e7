/**
 * The only writer of `results`: the main result's view (state/jobs) on channel 'main'. It asks for
 * the document's request whenever the document asks something new; a loss class is asked for
 * every reduction too, so the reductions table reads this one evaluation.
 */
import type { EngineResult } from '../engine/types';
import type { EngineClient, Job } from '../worker/client';
import { attachDocView, type DocInput } from './jobs/docView';
import type { ViewPlan, ViewState } from './jobs/viewJob';
import type { AppStore, ResultsState } from './types';

export const MAIN_CHANNEL = 'main';

export function mainPlan({ request, revision }: DocInput): ViewPlan<Job, EngineResult> {
  const { req, opts } = request;
  return {
    key: `main:${revision}`,
    build: () => ({ items: [{ req, opts: req.kind === 'loss' ? { ...opts, everyReduction: true } : opts }] }),
    read: (result) => {
      const item = result.items[0];
      if (!item) return { error: { message: 'the engine returned no result' } };
      return item.ok ? { data: item.result } : { error: item.error };
    },
  };
}

/** The view's state as the results slice keeps it (`main` is the view's data). */
function toResults({ data, key: _key, ms: _ms, ...rest }: Partial<ViewState<EngineResult>>): Partial<ResultsState> {
  return data === undefined ? rest : { ...rest, main: data };
}

export function attachBridge(store: AppStore, client: EngineClient, channel = MAIN_CHANNEL): () => void {
  return attachDocView(store, client, { channel, plan: mainPlan },
    (patch) => store.setState((s) => ({ results: { ...s.results, ...toResults(patch) } })));
}
