import { describe, expect, it } from 'vitest';
import * as engine from '../../src/engine/index';
import { attachWorkerHost, type HostScope } from '../../src/worker/host';
import type { EvalItem, FromWorker, ToWorker } from '../../src/worker/protocol';
import type { EngineModule } from '../../src/worker/runJob';
import { collectTransferables } from '../../src/worker/transfer';

/** A scope that records what the host posts (cloned with transfer, as the browser does). */
function scope() {
  const posted: { msg: FromWorker; original: FromWorker }[] = [];
  const s: HostScope = {
    onmessage: null,
    postMessage: (m, transfer) => posted.push({ msg: structuredClone(m, { transfer }) as FromWorker, original: m as FromWorker }),
  };
  const send = (m: ToWorker) => s.onmessage?.({ data: m } as MessageEvent);
  return { s, posted, send };
}

const item: EvalItem = { req: { kind: 'loss', name: 'Poisson', y_true: [[0, 1]], y_pred: [[0.5, 0.5]] } };
const jobMsg = (id: number, gen: number, items = [item], channel = 'main', priority = 0): ToWorker =>
  ({ type: 'job', id, channel, gen, items, extras: {}, priority });
const settled = (posted: { msg: FromWorker }[]) => posted.map((p) => p.msg).filter((m) => m.type !== 'ready' && m.type !== 'progress');

async function until(pred: () => boolean) {
  for (let i = 0; i < 400 && !pred(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!pred()) throw new Error('timed out');
}

describe('attachWorkerHost', () => {
  it('says ready once its set-up has finished', async () => {
    const { s, posted } = scope();
    attachWorkerHost(engine, s);
    await until(() => posted.length > 0);
    expect(posted.map((p) => p.msg)).toEqual([{ type: 'ready' }]);
  });

  it('listens at once, and keeps jobs that arrive during set-up until it is done', async () => {
    const { s, posted, send } = scope();
    let finish!: () => void;
    attachWorkerHost(engine, s, new Promise<void>((resolve) => { finish = resolve; }));
    expect(s.onmessage).not.toBeNull();
    send(jobMsg(1, 1));
    await new Promise((r) => setTimeout(r, 20));
    expect(posted).toEqual([]);
    finish();
    await until(() => settled(posted).length === 1);
    expect(posted.map((p) => p.msg.type)).toEqual(['ready', 'done']);
  });

  it('skips a queued job once a newer job on its channel arrived', async () => {
    const { s, posted, send } = scope();
    attachWorkerHost(engine, s);
    send(jobMsg(1, 1));
    send(jobMsg(2, 2));
    send(jobMsg(3, 1, [item], 'charts'));
    await until(() => settled(posted).length === 3);
    expect(settled(posted).map((m) => [m.type, 'id' in m && m.id])).toEqual([['skipped', 1], ['done', 2], ['done', 3]]);
  });

  it('runs waiting jobs highest priority first, in arrival order within a priority', async () => {
    const { s, posted, send } = scope();
    attachWorkerHost(engine, s);
    send(jobMsg(1, 1, [item], 'compare', -1));
    send(jobMsg(2, 1, [item], 'main'));
    send(jobMsg(3, 1, [item], 'extra', -1));
    send(jobMsg(4, 1, [item], 'charts'));
    await until(() => settled(posted).length === 4);
    expect(settled(posted).map((m) => 'id' in m && m.id)).toEqual([2, 4, 1, 3]);
  });

  it('stops a long batch between items when a newer job supersedes it', async () => {
    let evaluated = 0;
    const slow: EngineModule = {
      evaluateMany: (items) => {
        const end = Date.now() + 3;
        while (Date.now() < end) { /* a heavy item */ }
        evaluated += items.length;
        return engine.evaluateMany(items);
      },
    };
    const { s, posted, send } = scope();
    attachWorkerHost(slow, s);
    send(jobMsg(1, 1, Array(200).fill(item)));
    await new Promise((r) => setTimeout(r, 30));
    send(jobMsg(2, 2));
    await until(() => settled(posted).length === 2);
    expect(settled(posted).map((m) => m.type)).toEqual(['skipped', 'done']);
    expect(evaluated).toBeLessThan(100);
    expect(posted.some((p) => p.msg.type === 'progress')).toBe(true);
  });

  it('transfers result buffers: the worker\'s copies are detached, the received ones intact', async () => {
    const { s, posted, send } = scope();
    attachWorkerHost(engine, s);
    send(jobMsg(1, 1));
    await until(() => settled(posted).length === 1);
    const { msg, original } = posted.find((p) => p.msg.type === 'done')!;
    const sent = msg.type === 'done' && msg.result.items[0];
    const kept = original.type === 'done' && original.result.items[0];
    expect(sent && sent.ok && sent.result.kind === 'loss' && sent.result.value.data.length).toBe(1);
    expect(kept && kept.ok && kept.result.kind === 'loss' && kept.result.value.data.byteLength).toBe(0);
  });

  it('reports an engine that throws outside its per-item handling as a failed job', async () => {
    const broken: EngineModule = { evaluateMany: () => { throw new Error('kernel fault'); } };
    const { s, posted, send } = scope();
    attachWorkerHost(broken, s);
    send(jobMsg(1, 1));
    await until(() => settled(posted).length === 1);
    expect(settled(posted)).toEqual([{ type: 'failed', id: 1, error: { message: 'kernel fault' } }]);
  });
});

describe('collectTransferables', () => {
  it('lists each buffer once, even when several views share it', () => {
    const buf = new ArrayBuffer(16);
    const value = { a: new Float32Array(buf, 0, 2), b: [new Float64Array(buf, 8, 1)], c: new Float32Array(3) };
    const found = collectTransferables(value);
    expect(found).toHaveLength(2);
    expect(found).toContain(buf);
  });
});
