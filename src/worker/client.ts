/**
 * The one way the UI reaches the engine. Jobs run in a module worker; a job on a channel supersedes
 * the channel's pending job (latest request wins). A worker that crashes or stays silent past the
 * watchdog is terminated and replaced; its pending calls reject (kind 'crash' | 'hang') and each
 * channel's latest job runs once more on the new worker, reported through subscribe(). Where no
 * worker can start (jsdom, locked-down browsers), the same API runs the engine on the main thread.
 */
import {
  EngineClientError, type ChannelEvent, type ClientMode, type ClientOptions, type ClientResult,
  type EngineClient, type WorkerLike,
} from './clientTypes';
import type { FromWorker, Job, JobResult, ToWorker } from './protocol';
import { toErrorInfo } from '../engine/errors';
import { runJob, type EngineModule } from './runJob';
import { packExtras, packItems } from './pack';

export * from './clientTypes';
export { extra, readExtras } from './protocol';
export type { EvalItem, ExtraCall, ExtraCallOf, ExtraCalls, ExtraOutcome, ExtraValues, ItemOutcome, Job, JobResult } from './protocol';

interface Pending {
  id: number;
  channel: string;
  gen: number;
  job: Job;
  attempts: number;
  settled: boolean;
  resolve(r: ClientResult): void;
  reject(e: EngineClientError): void;
}

/** The page's `?kernels=js|wasm` choice (formerly `?backend=`) travels to the worker in its name. */
const backendParam = (): string => {
  const q = typeof location === 'undefined' ? null : new URLSearchParams(location.search);
  return q?.get('kernels') ?? q?.get('backend') ?? 'auto';
};
const defaultCreateWorker = (): WorkerLike =>
  new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module', name: `engine backend=${backendParam()}`,
  }) as unknown as WorkerLike;
const defaultLoadEngine = (): Promise<EngineModule> => import('../engine/index');
const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function createEngineClient(options: ClientOptions = {}): EngineClient {
  const createWorker = options.createWorker ?? defaultCreateWorker;
  const loadEngine = options.loadEngine ?? defaultLoadEngine;
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxRetries = options.maxRetries ?? 1;

  let mode: ClientMode = 'worker';
  let worker: WorkerLike | null = null;
  let ready = false;
  let disposed = false;
  let nextId = 1;
  let watchdog: ReturnType<typeof setTimeout> | null = null;
  let engineOnMain: Promise<EngineModule> | null = null;
  const gens = new Map<string, number>();
  const latest = new Map<string, Pending>();
  const inFlight = new Map<number, Pending>();
  const listeners = new Map<string, Set<(e: ChannelEvent) => void>>();

  const emit = (channel: string, event: ChannelEvent) => {
    for (const fn of listeners.get(channel) ?? []) {
      try { fn(event); } catch { /* a broken listener must not break the client */ }
    }
  };

  const settle = (p: Pending, outcome: { result: JobResult } | { error: EngineClientError }) => {
    if (p.settled) return;
    p.settled = true;
    if (latest.get(p.channel) === p) latest.delete(p.channel);
    if ('result' in outcome) {
      const result: ClientResult = { ...outcome.result, mode };
      p.resolve(result);
      emit(p.channel, { type: 'result', job: p.job, result, rerun: p.attempts > 0 });
    } else {
      p.reject(outcome.error);
      if (outcome.error.kind !== 'superseded') emit(p.channel, { type: 'error', job: p.job, error: outcome.error });
    }
  };

  const armWatchdog = () => {
    if (watchdog) clearTimeout(watchdog);
    watchdog = inFlight.size ? setTimeout(() => restart('hang'), timeoutMs) : null;
  };

  const onMessage = (msg: FromWorker) => {
    if (msg.type === 'ready') ready = true;
    if (msg.type === 'done' || msg.type === 'skipped' || msg.type === 'failed') {
      const p = inFlight.get(msg.id);
      inFlight.delete(msg.id);
      if (p && msg.type === 'done') settle(p, { result: msg.result });
      if (p && msg.type === 'failed') settle(p, { error: new EngineClientError(msg.error.message, 'job') });
      if (p && msg.type === 'skipped') settle(p, { error: new EngineClientError('superseded by a newer job', 'superseded') });
    }
    armWatchdog();
  };

  const startWorker = (): WorkerLike | null => {
    if (worker) return worker;
    try {
      const w = createWorker();
      w.onmessage = (ev) => { if (worker === w) onMessage(ev.data as FromWorker); };
      w.onerror = (ev) => {
        ev.preventDefault?.();
        if (worker === w) restart('crash', (ev as ErrorEvent).message);
      };
      worker = w;
      ready = false;
      return w;
    } catch {
      mode = 'main-thread';
      return null;
    }
  };

  const runOnMain = async (p: Pending) => {
    let engine: EngineModule;
    try {
      engine = await (engineOnMain ??= loadEngine());
    } catch (e) {
      engineOnMain = null;  // let a later job try again
      return settle(p, { error: new EngineClientError(`the engine could not be loaded (${toErrorInfo(e).message})`, 'unavailable') });
    }
    try {
      await macrotask();
      const result = await runJob(engine, p.job.items, p.job.extras ?? {}, {
        isStale: () => p.settled || gens.get(p.channel) !== p.gen,
        yieldNow: macrotask,
      });
      if (result) settle(p, { result });
    } catch (e) {
      settle(p, { error: new EngineClientError(toErrorInfo(e).message, 'job') });
    }
  };

  const dispatch = (p: Pending) => {
    const w = mode === 'worker' ? startWorker() : null;
    if (!w) return void runOnMain(p);
    const msg: ToWorker = {
      type: 'job', id: p.id, channel: p.channel, gen: p.gen, priority: p.job.priority ?? 0,
      items: packItems(p.job.items), extras: packExtras(p.job.extras ?? {}),
    };
    try {
      w.postMessage(msg);
    } catch (e) {
      settle(p, { error: new EngineClientError(`the job cannot be sent to the worker (${toErrorInfo(e).message})`, 'job') });
      return;
    }
    inFlight.set(p.id, p);
    armWatchdog();
  };

  function restart(kind: 'crash' | 'hang', detail?: string) {
    const bootFailed = !ready;
    worker?.terminate();
    worker = null;
    const victims = [...new Set(inFlight.values())].filter((p) => !p.settled);
    inFlight.clear();
    armWatchdog();
    if (bootFailed) mode = 'main-thread';  // it never started: run here from now on, as if no Worker existed
    for (const p of victims) {
      if (bootFailed) {
        dispatch(p);
        continue;
      }
      const retrying = p.attempts < maxRetries && !disposed;
      const what = kind === 'hang' ? `stopped responding for ${timeoutMs} ms` : `crashed${detail ? ` (${detail})` : ''}`;
      settle(p, { error: new EngineClientError(
        `The engine worker ${what} and was restarted${retrying ? '; running the latest request again' : ''}.`,
        kind, retrying) });
      if (retrying) {
        const again: Pending = { ...p, id: nextId++, attempts: p.attempts + 1, settled: false, resolve: () => {}, reject: () => {} };
        latest.set(p.channel, again);
        dispatch(again);
      }
    }
  }

  return {
    get mode() { return mode; },
    run(channel, job) {
      return new Promise<ClientResult>((resolve, reject) => {
        if (disposed) return reject(new EngineClientError('the engine client was disposed', 'disposed'));
        const gen = (gens.get(channel) ?? 0) + 1;
        gens.set(channel, gen);
        const prev = latest.get(channel);
        if (prev) settle(prev, { error: new EngineClientError('superseded by a newer job', 'superseded') });
        const p: Pending = { id: nextId++, channel, gen, job, attempts: 0, settled: false, resolve, reject };
        latest.set(channel, p);
        dispatch(p);
      });
    },
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
    dispose() {
      disposed = true;
      listeners.clear();
      worker?.terminate();
      worker = null;
      for (const p of [...latest.values()]) settle(p, { error: new EngineClientError('the engine client was disposed', 'disposed') });
      inFlight.clear();
      armWatchdog();
    },
  };
}
