/**
 * Messages between worker/client.ts and engine.worker.ts. A small id-based protocol instead of
 * comlink: we need per-channel supersession, a watchdog and buffer transfer lists on replies, which
 * comlink would hide behind proxies (and it would be one more dependency for ~100 lines of code).
 */
import type { ExtraArgs, ExtraName, ExtraResult } from '../engine/extras';
import type { EngineErrorInfo, EngineRequest, EngineResult, EvalOptions } from '../engine/types';

export interface EvalItem {
  req: EngineRequest;
  opts?: EvalOptions;
}

/** A call of the engine's extra job `N` (an entry of its EXTRAS table) with that entry's arguments. */
export interface ExtraCallOf<N extends ExtraName> {
  fn: N;
  args: ExtraArgs<N>;
}

/** Any extra call, as it crosses to the worker. */
export type ExtraCall = { [N in ExtraName]: ExtraCallOf<N> }[ExtraName];
export type ExtraCalls = Record<string, ExtraCall>;

/** A typed extra call: `extra('gammaSweep', req, opts, params)`; its answer is a Sweep. */
export function extra<N extends ExtraName>(fn: N, ...args: ExtraArgs<N>): ExtraCallOf<N> {
  return { fn, args };
}

/**
 * One unit of work: evaluate items plus named extras, so a whole sweep is one message.
 * `tag` stays on the client side and comes back with the result.
 */
export interface Job<X extends ExtraCalls = ExtraCalls> {
  items: EvalItem[];
  extras?: X;
  tag?: unknown;
  /**
   * Jobs waiting in the worker run highest priority first (arrival order within one); default 0.
   * Numbers the user waits on (the result, the open chart) go ahead of background tables.
   */
  priority?: number;
}

export type ItemOutcome = { ok: true; result: EngineResult } | { ok: false; error: EngineErrorInfo };
export type ExtraOutcome<T = unknown> = { ok: true; value: T } | { ok: false; error: EngineErrorInfo };

/** What the extra call `C` returns. */
export type ResultOf<C> = C extends { fn: infer N extends ExtraName } ? ExtraResult<N> : never;

/** What a job produces, wherever it ran. */
export interface JobResult {
  items: ItemOutcome[];
  extras: Record<string, ExtraOutcome>;
  /** Kernel that produced the numbers ('wasm-simd' | 'wasm' | 'js' | 'ts'); 'ts' when results do not say. */
  backend: string;
  /** Engine time in milliseconds. */
  ms: number;
}

export type ToWorker = {
  type: 'job';
  id: number;
  channel: string;
  /** Generation of this job on its channel: the worker skips a job once a newer one arrived. */
  gen: number;
  items: EvalItem[];
  extras: Record<string, ExtraCall>;
  priority: number;
};

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; id: number }
  | { type: 'done'; id: number; result: JobResult }
  | { type: 'skipped'; id: number }
  | { type: 'failed'; id: number; error: EngineErrorInfo };

/** The values of a job's extras, each typed by its call. */
export type ExtraValues<X extends ExtraCalls> = { [K in keyof X]: ResultOf<X[K]> };

/**
 * The values of `job`'s extras, typed by the calls it made, or the first failed extra's error.
 * The worker ran exactly those calls (runJob answers every extra it is given), so this is the one
 * place their answers get their types.
 */
export function readExtras<X extends ExtraCalls>(job: Job<X>, result: JobResult): { values: ExtraValues<X> } | { error: EngineErrorInfo } {
  const values: [string, unknown][] = [];
  for (const name of Object.keys(job.extras ?? {})) {
    const o = Object.hasOwn(result.extras, name) ? result.extras[name] : null;
    if (!o) return { error: { message: `the engine sent no answer for the extra job "${name}"` } };
    if (!o.ok) return { error: o.error };
    values.push([name, o.value]);
  }
  // fromEntries defines own properties: an extra named "__proto__" stays an ordinary key.
  return { values: Object.fromEntries(values) as ExtraValues<X> };
}
