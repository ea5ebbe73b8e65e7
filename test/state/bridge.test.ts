import { describe, expect, it } from 'vitest';
import * as engine from '../../src/engine/index';
import { attachBridge } from '../../src/state/bridge';
import { selectFreshError, selectFreshResult } from '../../src/state/selectors';
import { createAppStore } from '../../src/state/store';
import {
  createEngineClient, EngineClientError, type ChannelEvent, type ClientResult, type EngineClient, type Job,
} from '../../src/worker/client';

const noWorker = () => { throw new Error('no Worker here'); };
const mainThreadClient = () => createEngineClient({ createWorker: noWorker, loadEngine: async () => engine });

/** Waits until the predicate holds (the main-thread client answers after a macrotask). */
async function until(pred: () => boolean, ms = 2000) {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A client whose answers the test hands out by hand, in any order. */
class ManualClient implements EngineClient {
  mode = 'worker' as const;
  jobs: Job[] = [];
  private listener: ((e: ChannelEvent) => void) | null = null;
  run(_channel: string, job: Job) {
    this.jobs.push(job);
    return new Promise<ClientResult>(() => {});
  }
  subscribe(_channel: string, fn: (e: ChannelEvent) => void) {
    this.listener = fn;
    return () => { this.listener = null; };
  }
  answer(job: Job) {
    const { req, opts } = job.items[0];
    const items = engine.evaluateMany([{ req, opts }]);
    this.listener?.({ type: 'result', job, rerun: false, result: { items, extras: {}, backend: 'ts', ms: 0, mode: 'worker' } });
  }
  fail(job: Job, message: string) {
    this.listener?.({ type: 'error', job, error: new EngineClientError(message, 'crash', true) });
  }
  dispose() {}
}

describe('attachBridge', () => {
  it('computes the doc on attach and after each edit, tagging results with the revision', async () => {
    const store = createAppStore();
    attachBridge(store, mainThreadClient());
    expect(store.getState().results.status).toBe('pending');
    await until(() => store.getState().results.status === 'ok');
    const first = selectFreshResult(store.getState());
    expect(first?.kind === 'loss' && first.value.data[0]).toBeCloseTo(1.1769392, 6);
    store.getState().setConfig('reduction', 'sum');
    expect(selectFreshResult(store.getState())).toBeNull();
    await until(() => store.getState().results.forDocRevision === store.getState().revision);
    const second = selectFreshResult(store.getState());
    expect(second?.kind === 'loss' && second.value.data[0]).toBeCloseTo(2.3538785, 6);
    expect(store.getState().results).toMatchObject({ backend: 'ts', mode: 'main-thread', error: null });
  });

  it('writes engine errors with the field and index to fix', async () => {
    const store = createAppStore();
    attachBridge(store, mainThreadClient());
    store.getState().setTensor('y_true', [1, 2, 0]);
    await until(() => selectFreshError(store.getState()) !== null);
    expect(selectFreshError(store.getState())).toMatchObject({ message: expect.any(String), field: expect.any(String) });
    expect(store.getState().results.main).toBeNull();
  });

  it('never shows an older doc\'s answer that arrives late', () => {
    const store = createAppStore();
    const client = new ManualClient();
    attachBridge(store, client);
    store.getState().setConfig('reduction', 'sum');
    const [old, latest] = client.jobs;
    client.answer(latest);
    client.answer(old);
    const value = selectFreshResult(store.getState());
    expect(value?.kind === 'loss' && value.value.data[0]).toBeCloseTo(2.3538785, 6);
    expect(store.getState().results.forDocRevision).toBe(1);
  });

  it('does not recompute when only the view changes', () => {
    const store = createAppStore();
    const client = new ManualClient();
    attachBridge(store, client);
    store.getState().setView({ tab: 'gradient' });
    expect(client.jobs).toHaveLength(1);
  });

  it('shows a worker crash as an error, then the re-run\'s result', () => {
    const store = createAppStore();
    const client = new ManualClient();
    attachBridge(store, client);
    client.fail(client.jobs[0], 'The engine worker crashed and was restarted; running the latest request again.');
    expect(selectFreshError(store.getState())?.message).toMatch(/crashed/);
    client.answer(client.jobs[0]);
    expect(store.getState().results.status).toBe('ok');
  });

  it('stops listening when detached', () => {
    const store = createAppStore();
    const client = new ManualClient();
    const detach = attachBridge(store, client);
    detach();
    store.getState().setConfig('gamma', 1);
    expect(client.jobs).toHaveLength(1);
  });
});
