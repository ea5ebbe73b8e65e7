/** Fake workers for driving the engine client in Node. */
import type { JobResult, ToWorker } from '../../src/worker/protocol';
import type { WorkerLike } from '../../src/worker/clientTypes';
import { attachWorkerHost, type HostScope } from '../../src/worker/host';
import type { EngineModule } from '../../src/worker/runJob';

/** A worker the test scripts by hand: it records jobs and says only what it is told to. */
export class ScriptedWorker implements WorkerLike {
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onerror: ((ev: ErrorEvent | Event) => unknown) | null = null;
  jobs: ToWorker[] = [];
  terminated = false;

  postMessage(message: unknown): void {
    // A real postMessage clones, and throws on what it cannot clone.
    this.jobs.push(structuredClone(message) as ToWorker);
  }
  terminate(): void {
    this.terminated = true;
  }
  send(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent);
  }
  ready(): this {
    this.send({ type: 'ready' });
    return this;
  }
  done(id: number, patch: Partial<JobResult> = {}): void {
    this.send({ type: 'done', id, result: { items: [], extras: {}, backend: 'ts', ms: 1, ...patch } });
  }
  crash(message = 'boom'): void {
    this.onerror?.({ message, preventDefault() {} } as unknown as ErrorEvent);
  }
  lastJob(): ToWorker {
    return this.jobs[this.jobs.length - 1];
  }
}

/** Creates ScriptedWorkers on demand and remembers them, newest last. */
export function scriptedFactory(autoReady = true) {
  const workers: ScriptedWorker[] = [];
  const create = () => {
    const w = new ScriptedWorker();
    workers.push(w);
    if (autoReady) queueMicrotask(() => w.ready());
    return w;
  };
  return { workers, create, latest: () => workers[workers.length - 1] };
}

/** A worker running the real host in-process, with structured cloning and transfer as a browser does. */
export class HostWorker implements WorkerLike {
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onerror: ((ev: ErrorEvent | Event) => unknown) | null = null;
  private scope: HostScope;
  transferred: ArrayBuffer[] = [];

  constructor(engine: EngineModule) {
    this.scope = {
      onmessage: null,
      postMessage: (message, transfer) => {
        const data = structuredClone(message, { transfer });
        this.transferred.push(...(transfer as ArrayBuffer[]));
        setTimeout(() => this.onmessage?.({ data } as MessageEvent), 0);
      },
    };
    attachWorkerHost(engine, this.scope);
  }
  postMessage(message: unknown): void {
    const data = structuredClone(message);
    setTimeout(() => this.scope.onmessage?.({ data } as MessageEvent), 0);
  }
  terminate(): void {
    this.scope.onmessage = null;
  }
}
