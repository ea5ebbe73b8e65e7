import { afterEach, describe, expect, it, vi } from 'vitest';
import * as engine from '../../src/engine/index';
import {
  createEngineClient, EngineClientError, extra, isSuperseded, type ChannelEvent, type ExtraCall, type Job,
} from '../../src/worker/client';
import { HostWorker, scriptedFactory } from './fakeWorkers';

const job = (name = 'Poisson', tag?: unknown): Job => ({
  items: [{ req: { kind: 'loss', name, y_true: [[0, 1]], y_pred: [[0.5, 0.5]] } }], tag,
});
const flush = () => new Promise((r) => setTimeout(r, 0));
const rejection = (p: Promise<unknown>) => p.then(() => { throw new Error('resolved'); }, (e: EngineClientError) => e);

afterEach(() => { vi.useRealTimers(); });

describe('createEngineClient with a worker', () => {
  it('run resolves with the worker\'s result and passes through the backend it reports', async () => {
    const f = scriptedFactory();
    const client = createEngineClient({ createWorker: f.create });
    const p = client.run('main', job());
    f.latest().done(f.latest().lastJob().id, { backend: 'wasm-simd' });
    await expect(p).resolves.toMatchObject({ backend: 'wasm-simd', mode: 'worker' });
  });

  it('a newer run on a channel supersedes the pending one: it rejects and its late reply is dropped', async () => {
    const f = scriptedFactory();
    const client = createEngineClient({ createWorker: f.create });
    const heard: ChannelEvent[] = [];
    client.subscribe('main', (e) => heard.push(e));
    const first = client.run('main', job('A'));
    const second = client.run('main', job('B'));
    const [a, b] = f.latest().jobs;
    expect(b.gen).toBeGreaterThan(a.gen);
    f.latest().done(a.id, { backend: 'old' });
    f.latest().done(b.id, { backend: 'new' });
    expect(isSuperseded(await rejection(first))).toBe(true);
    await expect(second).resolves.toMatchObject({ backend: 'new' });
    expect(heard.map((e) => e.type === 'result' && e.result.backend)).toEqual(['new']);
  });

  it('replies arriving out of order settle the right calls, and channels do not supersede each other', async () => {
    const f = scriptedFactory();
    const client = createEngineClient({ createWorker: f.create });
    const main = client.run('main', job());
    const charts = client.run('charts', job());
    const [m, c] = f.latest().jobs;
    f.latest().done(c.id, { backend: 'charts' });
    f.latest().done(m.id, { backend: 'main' });
    await expect(main).resolves.toMatchObject({ backend: 'main' });
    await expect(charts).resolves.toMatchObject({ backend: 'charts' });
  });

  it('a job failure inside the worker rejects with kind "job" and keeps the worker', async () => {
    const f = scriptedFactory();
    const client = createEngineClient({ createWorker: f.create });
    const p = client.run('main', job());
    f.latest().send({ type: 'failed', id: f.latest().lastJob().id, error: { message: 'bad extra' } });
    expect(await rejection(p)).toMatchObject({ kind: 'job', message: 'bad extra' });
    expect(f.workers).toHaveLength(1);
  });

  it('a crashing worker is replaced; the pending call rejects and the latest job runs again on the new worker', async () => {
    const f = scriptedFactory();
    const client = createEngineClient({ createWorker: f.create });
    const heard: ChannelEvent[] = [];
    client.subscribe('main', (e) => heard.push(e));
    const p = client.run('main', job('A', 7));
    await flush();
    const dead = f.latest();
    dead.crash('out of memory');
    const err = await rejection(p);
    expect(err).toMatchObject({ kind: 'crash', retrying: true });
    expect(err.message).toMatch(/crashed \(out of memory\).*restarted/);
    expect(dead.terminated).toBe(true);
    expect(f.workers).toHaveLength(2);
    f.latest().done(f.latest().lastJob().id, { backend: 'ts' });
    expect(heard.map((e) => e.type)).toEqual(['error', 'result']);
    expect(heard[1]).toMatchObject({ rerun: true, job: { tag: 7 } });
  });

  it('a job that crashes the worker again is not retried forever', async () => {
    const f = scriptedFactory();
    const client = createEngineClient({ createWorker: f.create });
    const heard: ChannelEvent[] = [];
    client.subscribe('main', (e) => heard.push(e));
    void client.run('main', job()).catch(() => {});
    await flush();
    f.latest().crash();
    await flush();
    f.latest().crash();
    expect(f.workers).toHaveLength(2);
    expect(heard.map((e) => e.type === 'error' && e.error.retrying)).toEqual([true, false]);
  });

  it('a hung worker is terminated after the watchdog timeout and replaced', async () => {
    vi.useFakeTimers();
    const f = scriptedFactory();
    const client = createEngineClient({ createWorker: f.create, timeoutMs: 100 });
    const failed = rejection(client.run('main', job()));
    await vi.advanceTimersByTimeAsync(60);
    f.latest().send({ type: 'progress', id: f.latest().lastJob().id });  // alive: the clock restarts
    await vi.advanceTimersByTimeAsync(60);
    expect(f.workers).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(await failed).toMatchObject({ kind: 'hang', message: expect.stringMatching(/stopped responding for 100 ms/) });
    expect(f.workers[0].terminated).toBe(true);
    expect(f.latest().jobs).toHaveLength(1);
  });

  it('a worker that fails before it is ready hands its jobs to the main thread', async () => {
    const f = scriptedFactory(false);
    const client = createEngineClient({ createWorker: f.create, loadEngine: async () => engine });
    const p = client.run('main', job());
    f.latest().crash('SyntaxError in module');
    await expect(p).resolves.toMatchObject({ mode: 'main-thread', items: [{ ok: true }] });
    expect(client.mode).toBe('main-thread');
  });

  it('a job the browser cannot clone rejects with kind "job"', async () => {
    const f = scriptedFactory();
    const client = createEngineClient({ createWorker: f.create });
    // A function cannot cross to a worker (structured clone refuses it).
    const req = { kind: 'loss' as const, name: 'Poisson', config: { f: () => 1 }, y_true: [[0]], y_pred: [[0.5]] };
    const bad: Job = { items: [], extras: { x: extra('gammaSweep', req) } };
    expect(await rejection(client.run('main', bad))).toMatchObject({ kind: 'job' });
  });

  it('dispose rejects pending calls and refuses new ones', async () => {
    const f = scriptedFactory();
    const client = createEngineClient({ createWorker: f.create });
    const p = client.run('main', job());
    client.dispose();
    expect(await rejection(p)).toMatchObject({ kind: 'disposed' });
    expect(await rejection(client.run('main', job()))).toMatchObject({ kind: 'disposed' });
    expect(f.latest().terminated).toBe(true);
  });
});

describe('createEngineClient against the real host and engine', () => {
  it('evaluates a batched job with named extras in one message', async () => {
    const client = createEngineClient({ createWorker: () => new HostWorker(engine) });
    const ctc = { kind: 'loss' as const, name: 'CTC', y_true: [[1]], y_pred: [[[0.1, 0.9], [0.6, 0.4]]] };
    const r = await client.run('charts', {
      items: [job('Poisson').items[0], job('NoSuchLoss').items[0]],
      extras: {
        lattice: extra('ctcLattice', ctc, {}, { sample: 0 }),
        // What another sender could put on the wire: a name outside the engine's table of extra jobs.
        missing: { fn: 'noSuchHelper', args: [] } as unknown as ExtraCall,
      },
    });
    expect(r.items.map((i) => i.ok)).toEqual([true, false]);
    expect(r.extras.lattice).toMatchObject({ ok: true, value: { sample: 0, labels: [1] } });
    expect(r.extras.missing).toMatchObject({ ok: false, error: { message: expect.stringMatching(/noSuchHelper/) } });
    expect(r).toMatchObject({ backend: 'ts', mode: 'worker' });
  });

  it('calls only the engine\'s table of extra jobs: other exports and object keys are refused by name', async () => {
    const client = createEngineClient({ createWorker: () => new HostWorker(engine) });
    const names = ['evaluate', 'toTensor', 'toNested', 'evaluateMany', '__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    const sent = (fn: string, args: unknown[]) => ({ fn, args }) as unknown as ExtraCall;
    const req = { kind: 'loss', name: 'Poisson', y_true: [[0, 1]], y_pred: [[0.5, 0.5]] };
    const extras = Object.fromEntries(names.map((n) => [n, sent(n, [req])]));
    const r = await client.run('charts', { items: [], extras });
    for (const n of names) {
      expect(Object.hasOwn(r.extras, n), n).toBe(true);
      expect(r.extras[n], n).toEqual({ ok: false, error: { message: expect.stringContaining(`no extra job named "${n}"`) } });
    }
    expect(typeof engine.evaluate).toBe('function');  // reachable in the module, not through a job
    expect(Object.keys(engine.EXTRAS)).toEqual(['gammaSweep', 'alphaSweep', 'labelSmoothingSweep', 'gradientCurve', 'ctcLattice', 'trainRun', 'trainStep']);
  });

  it('carries a whole engine sweep in one job, through the engine\'s own helpers', async () => {
    const client = createEngineClient({ createWorker: () => new HostWorker(engine) });
    const req = { kind: 'loss' as const, name: 'BinaryFocalCrossentropy', config: { from_logits: true },
      y_true: [[0, 1], [0, 0]], y_pred: [[-18.6, 0.51], [2.94, -12.8]] };
    const r = await client.run('charts', { items: [], extras: { gamma: { fn: 'gammaSweep', args: [req, {}, { points: 11 }] } } });
    expect(r.extras.gamma).toMatchObject({ ok: true, value: expect.any(Object) });
  });

  it('receives result tensors as typed arrays moved, not copied, out of the worker', async () => {
    const w = new HostWorker(engine);
    const client = createEngineClient({ createWorker: () => w });
    const r = await client.run('main', job());
    const first = r.items[0];
    expect(first.ok && first.result.kind === 'loss' && first.result.value.data).toBeInstanceOf(Float64Array);
    expect(w.transferred.length).toBeGreaterThan(0);
    expect(w.transferred.every((b) => b.byteLength === 0)).toBe(true);  // detached on the worker side
  });
});

describe('createEngineClient without a worker', () => {
  const client = () => createEngineClient({ createWorker: () => { throw new Error('no Worker'); }, loadEngine: async () => engine });

  it('runs jobs on the main thread with the same API, asynchronously', async () => {
    const c = client();
    const p = c.run('main', job());
    expect(c.mode).toBe('main-thread');
    await expect(p).resolves.toMatchObject({ mode: 'main-thread', backend: 'ts', items: [{ ok: true }] });
  });

  it('supersedes on the main thread too', async () => {
    const c = client();
    const first = c.run('main', job('A'));
    const second = c.run('main', job('Poisson'));
    expect(isSuperseded(await rejection(first))).toBe(true);
    await expect(second).resolves.toMatchObject({ items: [{ ok: true }] });
  });

  it('reports an engine that cannot be loaded as kind "unavailable"', async () => {
    const c = createEngineClient({ createWorker: () => { throw new Error('no'); }, loadEngine: () => Promise.reject(new Error('404')) });
    expect(await rejection(c.run('main', job()))).toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/404/) });
  });
});
