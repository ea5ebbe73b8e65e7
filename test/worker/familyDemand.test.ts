/**
 * The worker starts with the engine's core alone and loads each loss implementation before the
 * first job that evaluates it (familyDemand.ts, bind.ts loadImplementations), as engine.worker.ts
 * wires it. Node and the tests import index.ts, which registers them all.
 */
import { describe, expect, it } from 'vitest';
import * as core from '../../src/engine/core';
import type { LossRequest } from '../../src/engine/types';
import { implementationsFor } from '../../src/worker/familyDemand';
import { extra } from '../../src/worker/protocol';
import { runJob } from '../../src/worker/runJob';

const hooks = { isStale: () => false, yieldNow: async () => {} };
const bce: LossRequest = { kind: 'loss', name: 'BinaryCrossentropy', y_true: [[0, 1]], y_pred: [[0.3, 0.8]] };
const ctc: LossRequest = {
  kind: 'loss', name: 'CTC', y_true: [[1]], y_pred: [[[0.6, 0.4], [0.3, 0.7]]],
};

describe('the implementations a job needs', () => {
  it("each item's function, by kind and name", () => {
    expect(implementationsFor([{ req: bce }, { req: { ...bce, kind: 'metric', name: 'KLDivergence' } as never }], {}))
      .toEqual(['binary_crossentropy', 'kl_divergence']);
    expect(implementationsFor([{ req: { kind: 'function', name: 'sparse_categorical_crossentropy' } as never }], {}))
      .toEqual(['sparse_categorical_crossentropy']);
  });

  it('none for a name the catalog does not know (the engine rejects it by name)', () => {
    expect(implementationsFor([{ req: { ...bce, name: 'NoSuchLoss' } }, { req: null as never }], {})).toEqual([]);
  });

  it('all of them for a job with extras, which may evaluate any function', () => {
    expect(implementationsFor([], { g: extra('gammaSweep', bce, {}, { points: 3 }) }).sort())
      .toEqual(Object.keys(core.FUNCTIONS).sort());
  });
});

describe('the core without its implementations', () => {
  it('says which implementation is missing instead of computing', () => {
    expect(() => core.evaluate(ctc)).toThrow(/the ctc implementation is not loaded/);
  });

  it('computes a CTC job once the worker has prepared it, and reports an unknown loss by name', async () => {
    const engine = { ...core, prepare: (items: Parameters<typeof implementationsFor>[0], extras: Parameters<typeof implementationsFor>[1]) => core.loadImplementations(implementationsFor(items, extras)) };
    const out = await runJob(engine, [{ req: ctc }, { req: { ...bce, name: 'NoSuchLoss' } }], {}, hooks);
    expect(out!.items[0].ok).toBe(true);
    const bad = out!.items[1];
    expect(bad.ok ? null : bad.error.message).toMatch(/NoSuchLoss/);
  });
});
