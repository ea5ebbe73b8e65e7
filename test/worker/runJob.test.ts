/**
 * The worker starts with the engine's core and loads the extras table (engine/extras) on the first
 * job that calls one, as engine.worker.ts wires it.
 */
import { describe, expect, it } from 'vitest';
import * as core from '../../src/engine/core';
import type { LossRequest } from '../../src/engine/types';
import type { ExtraCall } from '../../src/worker/protocol';
import { implementationsFor } from '../../src/worker/familyDemand';
import { runJob, type EngineModule } from '../../src/worker/runJob';

const hooks = { isStale: () => false, yieldNow: async () => {} };
const req: LossRequest = { kind: 'loss', name: 'BinaryCrossentropy', y_true: [[0, 1]], y_pred: [[0.3, 0.8]] };

function workerEngine() {
  let loads = 0;
  const engine: EngineModule = {
    ...core,
    loadExtras: () => { loads++; return import('../../src/engine/extras').then((m) => m.EXTRAS); },
    prepare: (items, extras) => core.loadImplementations(implementationsFor(items, extras)),
  };
  return { engine, loads: () => loads };
}

describe('a worker engine with chart helpers loaded on demand', () => {
  it('the core alone has no chart helper', () => {
    expect('gammaSweep' in core).toBe(false);
  });

  it('evaluates items without loading the helpers', async () => {
    const { engine, loads } = workerEngine();
    const out = await runJob(engine, [{ req }], {}, hooks);
    expect(out!.items[0].ok).toBe(true);
    expect(loads()).toBe(0);
  });

  it('loads them for a job with extras and runs the sweep by its export name', async () => {
    const { engine, loads } = workerEngine();
    const out = await runJob(engine, [], { gamma: { fn: 'gammaSweep', args: [req, {}, { points: 5 }] } }, hooks);
    expect(loads()).toBe(1);
    expect(out!.extras.gamma).toMatchObject({ ok: true, value: { param: 'gamma', xs: Float64Array.of(0, 1.25, 2.5, 3.75, 5) } });
  });

  it('still refuses names that are not helpers, such as Object.prototype members', async () => {
    const { engine } = workerEngine();
    const bad = { a: { fn: 'constructor', args: [] }, b: { fn: 'toString', args: [] } } as unknown as Record<string, ExtraCall>;
    const out = await runJob(engine, [], bad, hooks);
    expect(out!.extras.a).toMatchObject({ ok: false, error: { message: expect.stringContaining('no extra job named "constructor"') } });
    expect(out!.extras.b).toMatchObject({ ok: false, error: { message: expect.stringContaining('no extra job named "toString"') } });
  });
});
