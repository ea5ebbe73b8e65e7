/** Public types of the engine client (see client.ts). */
import type { Job, JobResult } from './protocol';
import type { EngineModule } from './runJob';

export type ClientMode = 'worker' | 'main-thread';

/**
 * Why a run did not produce a result:
 * - superseded: a newer job on the same channel replaced it (ignore it);
 * - crash / hang: the worker died or stopped answering and was replaced;
 * - job: the job itself failed (an extra threw outside the engine's per-item error handling);
 * - unavailable: no engine could be loaded at all;
 * - disposed: the client was shut down.
 */
export type ClientErrorKind = 'superseded' | 'crash' | 'hang' | 'job' | 'unavailable' | 'disposed';

export class EngineClientError extends Error {
  override readonly name = 'EngineClientError';
  constructor(
    message: string,
    readonly kind: ClientErrorKind,
    /** True when the client is re-running this job on a fresh worker (the result arrives via subscribe). */
    readonly retrying = false,
  ) {
    super(message);
  }
}

export const isSuperseded = (e: unknown): boolean => e instanceof EngineClientError && e.kind === 'superseded';

export interface ClientResult extends JobResult {
  mode: ClientMode;
}

/** What a channel's subscribers hear about its latest job (including re-runs after a restart). */
export type ChannelEvent =
  | { type: 'result'; job: Job; result: ClientResult; rerun: boolean }
  | { type: 'error'; job: Job; error: EngineClientError };

/** The subset of DOM Worker the client uses (a fake in tests). */
export interface WorkerLike {
  onmessage: ((ev: MessageEvent) => unknown) | null;
  onerror: ((ev: ErrorEvent | Event) => unknown) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}

export interface ClientOptions {
  /** Starts a worker; throwing means "no worker here". Defaults to the module worker in engine.worker.ts. */
  createWorker?: () => WorkerLike;
  /** Loads the engine for the main-thread fallback. Defaults to a dynamic import of src/engine. */
  loadEngine?: () => Promise<EngineModule>;
  /** A worker silent this long while it owes a reply is considered hung. Defaults to 5000 ms. */
  timeoutMs?: number;
  /** Re-runs of a job after its worker died. Defaults to 1 (a job that kills workers is not retried forever). */
  maxRetries?: number;
}

export interface EngineClient {
  /**
   * Runs a job on a channel ('main', 'charts', ...). A newer run on the same channel supersedes this
   * one: its promise rejects with kind 'superseded' and its reply, if any, is dropped.
   */
  run(channel: string, job: Job): Promise<ClientResult>;
  /** Outcomes of each channel's latest job, including re-runs after a worker restart. */
  subscribe(channel: string, listener: (event: ChannelEvent) => void): () => void;
  /** Where jobs run now. */
  readonly mode: ClientMode;
  dispose(): void;
}
