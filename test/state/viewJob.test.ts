import { describe, expect, expectTypeOf, it } from 'vitest';
import * as engine from '../../src/engine/index';
import type { Sweep } from '../../src/engine/sweep';
import { defaultDoc } from '../../src/document/document';
import { requestOf } from '../../src/document/request';
import { focalJob } from '../../src/plots/jobs';
import { runJob } from '../../src/worker/runJob';
import { attachBridge } from '../../src/state/bridge';
import { createViewJob, initialViewState, isFresh, type ViewPlan, type ViewState } from '../../src/state/jobs/viewJob';
import { selectFreshError, selectFreshResult } from '../../src/state/selectors';
import { createAppStore } from '../../src/state/store';
import { attachBackends, backendsStore } from '../../src/ui/compare/backendsStore';
import { attachCompare } from '../../src/ui/result/compareStore';
import {
  EngineClientError, readExtras, type ChannelEvent, type ClientResult, type EngineClient, type Job,
} from '../../src/worker/client';

/** Records jobs per channel; the test answers them (through the event, as after a worker restart, or the promise). */
class ManualClient implements EngineClient {
  mode = 'worker' as const;
  jobs: { channel: string; job: Job; resolve(r: ClientResult): void }[] = [];
  private listeners = new Map<string, (e: ChannelEvent) => void>();
  run(channel: string, job: Job) {
    return new Promise<ClientResult>((resolve) => { this.jobs.push({ channel, job, resolve }); });
  }
  subscribe(channel: string, fn: (e: ChannelEvent) => void) {
    this.listeners.set(channel, fn);
    return () => { this.listeners.delete(channel); };
  }
  on(channel: string) {
    return this.jobs.filter((j) => j.channel === channel).map((j) => j.job);
  }
  result(job: Job): ClientResult {
    return { items: engine.evaluateMany(job.items), extras: {}, backend: 'ts', ms: 1, mode: 'worker' };
  }
  emit(channel: string, event: ChannelEvent) {
    this.listeners.get(channel)?.(event);
  }
  dispose() {}
}

/** A view that reads the first item's loss value, and counts its writes. */
function valueView(client: EngineClient) {
  let state: ViewState<number> = initialViewState();
  const writes: Partial<ViewState<number>>[] = [];
  const view = createViewJob<number>(client, { channel: 'v' }, (p) => { writes.push(p); state = { ...state, ...p }; });
  const plan = (rev: number, y_pred: number[][]): ViewPlan<Job, number> => ({
    key: `v:${rev}`,
    build: () => ({ items: [{ req: { kind: 'loss', name: 'CategoricalCrossentropy', y_true: [[0, 1]], y_pred } }] }),
    read: (r) => {
      const o = r.items[0];
      return o.ok && o.result.kind === 'loss' ? { data: o.result.value.data[0] } : { error: o.ok ? { message: 'not a loss' } : o.error };
    },
  });
  return { view, plan, writes, state: () => state };
}

describe('a view job (the one result path)', () => {
  it('keeps the last answer on screen while the next is computed, and marks it fresh only for its revision', async () => {
    const client = new ManualClient();
    const { view, plan, state } = valueView(client);
    view.post(1, plan(1, [[0.5, 0.5]]));
    client.jobs[0].resolve(client.result(client.jobs[0].job));
    await Promise.resolve();
    expect(state()).toMatchObject({ status: 'ok', forDocRevision: 1, key: 'v:1' });
    expect(state().data).toBeCloseTo(Math.log(2), 6);
    expect(isFresh(state(), 1)).toBe(true);
    view.post(2, plan(2, [[0.2, 0.8]]));
    expect(state()).toMatchObject({ status: 'pending', forDocRevision: 1 });
    expect(state().data).toBeCloseTo(Math.log(2), 6);  // stale, still shown
    expect(isFresh(state(), 2)).toBe(false);
    client.jobs[1].resolve(client.result(client.jobs[1].job));
    await Promise.resolve();
    expect(state().data).toBeCloseTo(-Math.log(0.8), 6);
    expect(isFresh(state(), 2)).toBe(true);
  });

  it('does not ask the same key twice, drops a superseded job\'s late answer, and writes an answer heard twice once', async () => {
    const client = new ManualClient();
    const { view, plan, writes, state } = valueView(client);
    view.post(1, plan(1, [[0.5, 0.5]]));
    view.post(1, plan(1, [[0.5, 0.5]]));
    expect(client.jobs).toHaveLength(1);
    view.post(2, plan(2, [[0.2, 0.8]]));
    const [old, latest] = client.jobs;
    const answer = client.result(latest.job);
    client.emit('v', { type: 'result', job: latest.job, result: answer, rerun: false });
    latest.resolve(answer);
    old.resolve(client.result(old.job));
    await Promise.resolve();
    expect(writes.filter((w) => w.status === 'ok')).toHaveLength(1);
    expect(state()).toMatchObject({ forDocRevision: 2 });
  });

  it('an error for the current job replaces the data; the re-run after a worker restart brings it back', async () => {
    const client = new ManualClient();
    const { view, plan, state } = valueView(client);
    view.post(1, plan(1, [[0.5, 0.5]]));
    const { job } = client.jobs[0];
    client.emit('v', { type: 'error', job, error: new EngineClientError('The engine worker crashed and was restarted; running the latest request again.', 'crash', true) });
    expect(state()).toMatchObject({ status: 'error', data: null, error: { message: expect.stringMatching(/crashed/) } });
    client.emit('v', { type: 'result', job, result: client.result(job), rerun: true });
    expect(state()).toMatchObject({ status: 'ok', error: null });
  });

  it('keeps the engine\'s error with its field and index, and the freshness selectors read it', async () => {
    const store = createAppStore();
    const client = new ManualClient();
    attachBridge(store, client);
    store.getState().setTensor('y_true', [1, 7]);
    const { job } = client.jobs[1];
    client.emit('main', { type: 'result', job, result: client.result(job), rerun: false });
    expect(selectFreshError(store.getState())).toEqual({ message: expect.stringContaining('7'), field: 'y_true', index: [1] });
    expect(selectFreshResult(store.getState())).toBeNull();
    store.getState().setTensor('y_true', [1, 2]);
    expect(selectFreshError(store.getState())).toBeNull();  // that error was for the previous revision
  });
});

describe('one request per edit', () => {
  it('the main result, Compare backends and the charts send the same request object; a view change converts nothing', () => {
    const store = createAppStore();
    const client = new ManualClient();
    attachBridge(store, client);
    attachCompare(store, client);
    attachBackends(store, client);
    store.getState().setCell('y_pred', [0, 0], 0.1);
    const main = client.on('main').at(-1)!.items[0].req;
    const backends = client.on('backends').at(-1)!.items.map((i) => i.req);
    const chart = focalJob(store.getState().doc, null).extras.gamma.args[0];
    expect(backends.every((r) => r === main)).toBe(true);
    expect(chart).toBe(main);
    store.getState().setView({ tab: 'gradient' });
    expect(requestOf(store.getState().doc).req).toBe(main);
    expect(client.on('main')).toHaveLength(2);
    backendsStore.setState(backendsStore.getInitialState(), true);
  });

  it('asks for every reduction with the main result of a loss class, and for the matching metric in the background', () => {
    const store = createAppStore();
    const client = new ManualClient();
    attachBridge(store, client);
    attachCompare(store, client);
    expect(client.on('main')[0].items[0].opts).toMatchObject({ everyReduction: true });
    const compare = client.on('compare')[0];
    expect(compare.items.map((i) => i.req.kind)).toEqual(['metric']);
    expect(compare.priority).toBeLessThan(0);
  });
});

describe('typed extra jobs', () => {
  it('a chart job names table entries and gets each answer with its type', async () => {
    const job = focalJob(defaultDoc(), null);
    const result = await runJob(engine, job.items, job.extras, { isStale: () => false, yieldNow: async () => {} });
    const read = readExtras(job, result!);
    if (!('values' in read)) throw new Error(read.error.message);
    expectTypeOf(read.values.gamma).toEqualTypeOf<Sweep>();
    expect(read.values.gamma.param).toBe('gamma');
    expect(read.values.alpha.param).toBe('alpha');
  });

  it('a failed extra is the job\'s error, naming what went wrong', () => {
    const job = focalJob(defaultDoc(), null);
    const read = readExtras(job, { items: [], extras: { gamma: { ok: false, error: { message: 'bad gamma', field: 'config.gamma' } } }, backend: 'ts', ms: 0 });
    expect(read).toEqual({ error: { message: 'bad gamma', field: 'config.gamma' } });
  });
});
