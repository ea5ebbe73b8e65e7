/**
 * The one way a view runs an engine job: the main result, the reductions/metric comparison,
 * Compare backends and each chart. A view posts a plan (a key naming the job, how to build it and
 * how to read its answer) on its channel at its priority; the same key is not asked twice, and a
 * newer plan supersedes the older job. Only the answer to the latest job is kept, tagged with the
 * document revision it was computed for, so an older document's numbers are never shown as
 * current. While the next answer is computed the last one stays (stale-while-revalidate); an error
 * for the current job replaces it.
 *
 * Answers arrive through the run's promise and through the channel's events (which also carry the
 * re-run after a worker restart); each answer is written once.
 */
import type { EngineErrorInfo } from '../../engine/types';
import { isSuperseded, type ChannelEvent, type ClientMode, type ClientResult, type EngineClient } from '../../worker/clientTypes';
import type { Job } from '../../worker/protocol';

export type ViewStatus = 'idle' | 'pending' | 'ok' | 'error';

export interface ViewState<T> {
  /** idle: nothing asked; pending: a newer job is being computed (data/error are the last answer's). */
  status: ViewStatus;
  data: T | null;
  error: EngineErrorInfo | null;
  /** The document revision data/error belong to; -1 before the first answer. */
  forDocRevision: number;
  /** The key of the job data/error answer. */
  key: string | null;
  /** Kernel that produced the numbers ('wasm-simd' | 'wasm' | 'js' | 'ts'). */
  backend: string;
  mode: ClientMode | null;
  /** Engine time of the job, in ms. */
  ms: number;
}

export function initialViewState<T>(): ViewState<T> {
  return { status: 'idle', data: null, error: null, forDocRevision: -1, key: null, backend: 'ts', mode: null, ms: 0 };
}

/**
 * The freshness test every view uses: its answer (a value or an error) belongs to the document
 * revision on screen, and, for views keyed by more than the document (a chart's selected sample),
 * to the key wanted now.
 */
export function isFresh(view: { status: ViewStatus; forDocRevision: number; key?: string | null }, revision: number, key?: string | null): boolean {
  return (view.status === 'ok' || view.status === 'error') && view.forDocRevision === revision && (key === undefined || view.key === key);
}

export type ReadOutcome<T> = { data: T } | { error: EngineErrorInfo };

export interface ViewPlan<J extends Job, T> {
  /** Names the job (the revision and whatever else it depends on): a key already asked is not asked again. */
  key: string;
  build(): J;
  /** The view's data from the job's answer; `job` is the job built, so extrasOf(job, result) is typed. */
  read(result: ClientResult, job: J): ReadOutcome<T>;
}

export interface ViewJob<T> {
  /** Asks for `plan` for document revision `revision`; null: the view asks nothing for this revision. */
  post<J extends Job>(revision: number, plan: ViewPlan<J, T> | null): void;
  stop(): void;
}

export interface ViewJobOptions {
  channel: string;
  /** Worker queue priority: the result and the open chart 0, background tables below. */
  priority?: number;
}

interface Current<T> {
  job: Job;
  key: string;
  revision: number;
  read(result: ClientResult): ReadOutcome<T>;
}

/**
 * `client` may be a getter (the charts' client can be swapped in tests); `write` applies a patch to
 * wherever the view keeps its ViewState.
 */
export function createViewJob<T>(
  client: EngineClient | (() => EngineClient), opts: ViewJobOptions, write: (patch: Partial<ViewState<T>>) => void,
): ViewJob<T> {
  const clientNow = typeof client === 'function' ? client : () => client;
  let current: Current<T> | null = null;
  let stopped = false;
  let listening: { client: EngineClient; stop(): void } | null = null;
  /** The last answer written (a result or an error object): the promise and the event carry the same one. */
  let written: unknown = null;
  /** The revision the view last said it asks nothing for. */
  let idleFor: number | null = null;

  const answer = (job: Job, outcome: { result: ClientResult } | { error: Error }) => {
    const c = current;
    if (stopped || !c || c.job !== job) return;
    const what = 'result' in outcome ? outcome.result : outcome.error;
    if (what === written) return;
    written = what;
    const at = { forDocRevision: c.revision, key: c.key };
    if ('error' in outcome) {
      write({ ...at, status: 'error', data: null, error: { message: outcome.error.message } });
      return;
    }
    const { result } = outcome;
    const read = c.read(result);
    const common = { ...at, backend: result.backend, mode: result.mode, ms: result.ms };
    if ('data' in read) write({ ...common, status: 'ok', data: read.data, error: null });
    else write({ ...common, status: 'error', data: null, error: read.error });
  };

  const onEvent = (ev: ChannelEvent) => answer(ev.job, ev.type === 'result' ? { result: ev.result } : { error: ev.error });

  const listen = (c: EngineClient) => {
    if (listening?.client === c) return;
    listening?.stop();
    listening = { client: c, stop: c.subscribe(opts.channel, onEvent) };
  };

  return {
    post(revision, plan) {
      if (stopped) return;
      if (!plan) {
        if (current === null && idleFor === revision) return;
        current = null;
        idleFor = revision;
        write({ status: 'idle', data: null, error: null, forDocRevision: revision, key: null });
        return;
      }
      if (current?.key === plan.key) return;
      idleFor = null;
      const job = { ...plan.build(), priority: opts.priority ?? 0 };
      current = { job, key: plan.key, revision, read: (r) => plan.read(r, job) };
      write({ status: 'pending' });
      const c = clientNow();
      listen(c);
      c.run(opts.channel, job).then(
        (result) => answer(job, { result }),
        (e: unknown) => { if (!isSuperseded(e)) answer(job, { error: e instanceof Error ? e : new Error(String(e)) }); },
      );
    },
    stop() {
      stopped = true;
      current = null;
      listening?.stop();
      listening = null;
    },
  };
}
