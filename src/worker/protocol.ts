/**
 * Messages between worker/client.ts and engine.worker.ts. A small id-based protocol instead of
 * comlink: we need per-channel supersession, a watchdog and buffer transfer lists on replies, which
 * comlink would hide behind proxies (and it would be one more dependency for ~100 lines of code).
 */
import type { EngineRequest, EngineResult, EvalOptions } from '../engine/types';

export interface EvalItem {
  req: EngineRequest;
  opts?: EvalOptions;
}

/** A call to one of the engine's exported helpers (sweeps, curves), by export name. */
export interface ExtraCall {
  fn: string;
  args: unknown[];
}

/**
 * One unit of work: evaluate items plus named extras, so a whole sweep is one message.
 * `tag` stays on the client side and comes back with the result (e.g. the doc revision).
 */
export interface Job {
  items: EvalItem[];
  extras?: Record<string, ExtraCall>;
  tag?: unknown;
  /**
   * Jobs waiting in the worker run highest priority first (arrival order within one); default 0.
   * Numbers the user waits on (the result, the open chart) go ahead of background tables.
   */
  priority?: number;
}

export interface OutcomeError {
  message: string;
  field?: string;
  index?: number[];
}

export type ItemOutcome = { ok: true; result: EngineResult } | { ok: false; error: OutcomeError };
export type ExtraOutcome = { ok: true; value: unknown } | { ok: false; error: OutcomeError };

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
  | { type: 'failed'; id: number; error: OutcomeError };
