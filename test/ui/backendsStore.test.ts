import { afterEach, describe, expect, it } from 'vitest';
import * as engine from '../../src/engine/index';
import { defaultDoc } from '../../src/document/document';
import { createAppStore } from '../../src/state/store';
import { backendsPlan } from '../../src/ui/compare/backendsModel';
import { attachBackends, backendsStore, BACKENDS_CHANNEL } from '../../src/ui/compare/backendsStore';
import type { ChannelEvent, ClientResult, EngineClient, Job } from '../../src/worker/client';

/** Records jobs; answers them with the real engine when asked. */
class ManualClient implements EngineClient {
  mode = 'worker' as const;
  jobs: { channel: string; job: Job }[] = [];
  private listener: ((e: ChannelEvent) => void) | null = null;
  run(channel: string, job: Job) {
    this.jobs.push({ channel, job });
    return new Promise<ClientResult>(() => {});
  }
  subscribe(_channel: string, fn: (e: ChannelEvent) => void) {
    this.listener = fn;
    return () => { this.listener = null; };
  }
  answer(job: Job) {
    const items = engine.evaluateMany(job.items);
    this.listener?.({ type: 'result', job, rerun: false, result: { items, extras: {}, backend: 'ts', ms: 0, mode: 'worker' } });
  }
  dispose() {}
}

const big = { ...defaultDoc(), y_true: Array.from({ length: 2000 }, (_, i) => i % 3), y_pred: Array.from({ length: 2000 }, () => [0.2, 0.3, 0.5]) };

afterEach(() => backendsStore.setState(backendsStore.getInitialState(), true));

describe('the compare-backends job', () => {
  it('one job of five evaluations on its own background channel, answered into the view for its revision', () => {
    const store = createAppStore();
    const client = new ManualClient();
    const stop = attachBackends(store, client);
    expect(client.jobs).toHaveLength(1);
    const { channel, job } = client.jobs[0];
    expect(channel).toBe(BACKENDS_CHANNEL);
    expect(job.items).toHaveLength(5);
    expect(job.priority).toBeLessThan(0);
    client.answer(job);
    expect(backendsStore.getState().forDocRevision).toBe(store.getState().revision);
    expect(backendsStore.getState().data?.columns.map((c) => c.target)).toEqual(['tensorflow', 'jax', 'torch', 'numpy', 'tf_keras2']);
    store.getState().setDoc({ kerasBackend: 'jax' });
    expect(client.jobs).toHaveLength(2);
    stop();
  });

  it('a large input is compared by value only, and only while the view is open', () => {
    const plan = backendsPlan(big);
    expect(plan.small).toBe(false);
    expect(plan.items.every((i) => i.opts?.grad === false && i.opts?.steps === false)).toBe(true);
    const store = createAppStore({ doc: big });
    const client = new ManualClient();
    const stop = attachBackends(store, client);
    expect(client.jobs).toHaveLength(0);
    expect(backendsStore.getState().waiting).toBe(true);
    backendsStore.getState().setOpen(true);
    expect(client.jobs).toHaveLength(1);
    expect(backendsStore.getState().waiting).toBe(false);
    stop();
  });
});
