/**
 * The worker loads the fused kernels only for a job that can use them (kernelDemand.ts), through
 * runJob's prepare step, as engine.worker.ts wires it: small inputs never load them, and a large
 * input's numbers are the same before and after they load (only the reporting backend changes).
 */
import { describe, expect, it } from 'vitest';
import * as core from '../../src/engine/core';
import { activeKernelBackend, initKernels } from '../../src/engine/accelerate';
import { KERNEL_MIN_ELEMENTS } from '../../src/engine/kernelPath';
import type { LossRequest } from '../../src/engine/types';
import { implementationsFor } from '../../src/worker/familyDemand';
import { jobWantsKernels } from '../../src/worker/kernelDemand';
import { packTensor } from '../../src/worker/pack';
import { extra } from '../../src/worker/protocol';
import { runJob, type EngineModule } from '../../src/worker/runJob';

const hooks = { isStale: () => false, yieldNow: async () => {} };
const small: LossRequest = { kind: 'loss', name: 'CategoricalCrossentropy', y_true: [[0, 1]], y_pred: [[0.3, 0.7]] };

/** A rows x 4 categorical request with one-hot targets, as nested lists. */
function rowsOf(rows: number): LossRequest {
  const y_true = Array.from({ length: rows }, (_, i) => [0, 1, 2, 3].map((j) => (j === i % 4 ? 1 : 0)));
  const y_pred = Array.from({ length: rows }, (_, i) => [0.1, 0.2, 0.3, 0.4].map((p, j) => (j === i % 4 ? p + 0.5 : p)));
  return { kind: 'loss', name: 'CategoricalCrossentropy', y_true, y_pred };
}
const large = rowsOf(KERNEL_MIN_ELEMENTS / 4);

describe('which jobs want the kernels', () => {
  it('not a small input, nor a chart extra over one', () => {
    expect(jobWantsKernels([{ req: small, opts: { dtype: 'float32' } }], {})).toBe(false);
    expect(jobWantsKernels([], { g: extra('gammaSweep', small, {}, { points: 5 }) })).toBe(false);
    expect(jobWantsKernels([{ req: rowsOf(KERNEL_MIN_ELEMENTS / 4 - 1) }], {})).toBe(false);
  });

  it('an input of KERNEL_MIN_ELEMENTS entries, nested or packed as the client sends it, in an item or an extra', () => {
    expect(jobWantsKernels([{ req: large }], {})).toBe(true);
    const packed = { ...large, y_pred: packTensor(large.y_pred) } as LossRequest;
    expect(ArrayBuffer.isView((packed.y_pred as { data?: unknown }).data)).toBe(true);
    expect(jobWantsKernels([{ req: packed }], {})).toBe(true);
    expect(jobWantsKernels([], { g: extra('gammaSweep', packed, {}, { points: 5 }) })).toBe(true);
  });

  it('any input when an item asks for the kernels always', () => {
    expect(jobWantsKernels([{ req: small, opts: { kernels: 'always' } }], {})).toBe(true);
  });
});

describe('a worker engine that loads the kernels on demand', () => {
  let loads = 0;
  const engine: EngineModule = {
    ...core,
    prepare: async (items, extras) => {
      await core.loadImplementations(implementationsFor(items, extras));
      if (jobWantsKernels(items, extras)) {
        loads++;
        await initKernels({ prefer: 'js' });
      }
    },
  };
  const opts = { dtype: 'float32' as const };

  it('runs small jobs on the reference path without loading them', async () => {
    const out = await runJob(engine, [{ req: small, opts }], {}, hooks);
    expect(out!.backend).toBe('ts');
    expect(loads).toBe(0);
    expect(activeKernelBackend()).toBeNull();
  });

  it('loads them before a large job, which they then compute, to the same numbers', async () => {
    const scalar = (r: core.EngineResult) => ((r as { value?: { data: ArrayLike<number> } }).value!).data[0];
    await core.loadImplementations(['categorical_crossentropy']);
    const reference = scalar(core.evaluate(large, opts));
    const out = await runJob(engine, [{ req: large, opts }], {}, hooks);
    expect(loads).toBe(1);
    expect(out!.backend).toBe('js');
    const item = out!.items[0];
    expect(item.ok && scalar(item.result)).toBeCloseTo(reference, 6);
  });
});
