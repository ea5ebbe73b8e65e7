/**
 * The worker side: queues jobs, skips those a newer job on the same channel superseded, runs the
 * rest with runJob and replies with transferred buffers. Kept apart from engine.worker.ts so tests
 * can drive it in Node with a fake scope.
 */
import type { FromWorker, ToWorker } from './protocol';
import { toErrorInfo } from '../engine/errors';
import { runJob, type EngineModule } from './runJob';
import { postWithTransfer } from './transfer';

export interface HostScope {
  onmessage: ((ev: MessageEvent) => unknown) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * `setUp` (kernel start-up) runs before the first job, but the handler is attached at once:
 * messages that arrive while a worker has no onmessage handler are lost, not queued.
 */
export function attachWorkerHost(engine: EngineModule, scope: HostScope, setUp: Promise<unknown> = Promise.resolve()): void {
  const newest = new Map<string, number>();
  const queue: ToWorker[] = [];
  let running = false;
  const post = (msg: FromWorker) => postWithTransfer((m, t) => scope.postMessage(m, t), msg);
  const isStale = (job: ToWorker) => (newest.get(job.channel) ?? -1) > job.gen;
  /** The first waiting job of the highest priority. */
  const next = () => queue.reduce((best, j, i) => ((j.priority ?? 0) > (queue[best].priority ?? 0) ? i : best), 0);

  const pump = async () => {
    if (running) return;
    running = true;
    await setUp.catch(() => undefined);
    // One turn of the event loop first: an edit posts its jobs together, and they must all be
    // queued for the priorities to choose among them (a job that runs at once cannot be overtaken).
    await yieldToEvents();
    while (queue.length) {
      const job = queue.splice(next(), 1)[0];
      if (isStale(job)) {
        post({ type: 'skipped', id: job.id });
        continue;
      }
      try {
        const result = await runJob(engine, job.items, job.extras, {
          isStale: () => isStale(job),
          yieldNow: yieldToEvents,
          onProgress: () => post({ type: 'progress', id: job.id }),
        });
        post(result ? { type: 'done', id: job.id, result } : { type: 'skipped', id: job.id });
      } catch (e) {
        post({ type: 'failed', id: job.id, error: toErrorInfo(e) });
      }
    }
    running = false;
  };

  scope.onmessage = (ev: MessageEvent) => {
    const msg = ev.data as ToWorker;
    if (!msg || msg.type !== 'job') return;
    newest.set(msg.channel, Math.max(newest.get(msg.channel) ?? -1, msg.gen));
    queue.push(msg);
    void pump();
  };
  void setUp.catch(() => undefined).then(() => post({ type: 'ready' }));
}
