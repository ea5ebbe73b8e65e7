/**
 * runGammaSweep on both backends against a direct evaluation (runKernel at each gamma).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initKernels, runGammaSweep, runKernel, type KernelBackend } from '../../../src/engine/accelerate';
import { expectClose, randomInputs, rng, wasmBytes } from '../wasm/helpers';
import { makeCall } from './reference';

const BACKENDS: KernelBackend[] = ['wasm-simd', 'js'];

describe.each(BACKENDS)('runGammaSweep on %s', (backend) => {
  beforeAll(async () => {
    expect(await initKernels({ prefer: backend === 'js' ? 'js' : 'wasm', simdWasm: wasmBytes() })).toBe(backend);
  });

  const fns = ['binary_focal_crossentropy', 'categorical_focal_crossentropy'] as const;
  describe.each(fns)('%s', (fn) => {
    it.each([false, true])('equals the mean loss at each gamma (from_logits=%s)', (logits) => {
      const next = rng(logits ? 11 : 12);
      for (const [rows, cols, balance, perClassAlpha] of [[37, 10, false, false], [5, 3, true, false], [1, 6, true, true]] as const) {
        const { yTrue, yPred } = randomInputs(fn, rows, cols, logits, next);
        const alpha = perClassAlpha ? Float32Array.from({ length: cols }, () => next()) : 0.4;
        const sweep = runGammaSweep({
          fn, rows, cols, yTrue, yPred, from_logits: logits, label_smoothing: 0.05, alpha,
          apply_class_balancing: balance, gammaStart: 0, gammaStep: 0.05, count: 101,
        });
        expect(sweep?.backend).toBe(backend);
        const direct = Array.from(sweep!.gammas, (gamma) => {
          const r = runKernel(makeCall({
            fn, rows, cols, yTrue, yPred, from_logits: logits, label_smoothing: 0.05, gamma, alpha,
            apply_class_balancing: balance,
          }), false)!;
          return r.perSample.reduce((a, b) => a + b, 0) / rows;
        });
        expectClose(sweep!.values, direct, { rtol: 1e-5, atol: 1e-7 }, `${fn} [${rows}, ${cols}]`);
      }
    });
  });

  it('gamma 0 at q = 0 counts the full cross-entropy (0^0 = 1)', () => {
    const sweep = runGammaSweep({
      fn: 'binary_focal_crossentropy', rows: 1, cols: 2, yTrue: new Float32Array([1, 0]), yPred: new Float32Array([1, 0]),
      from_logits: false, label_smoothing: 0, alpha: 0.25, apply_class_balancing: false, gammaStart: 0, gammaStep: 1, count: 3,
    })!;
    expect(sweep.values[0]).toBeCloseTo(-Math.log(1 - 2 ** -23), 12);
    expect(sweep.values[1]).toBe(0);
    expect(sweep.values[2]).toBe(0);
  });

  it('declines negative gammas and oversized sweeps', () => {
    const base = {
      fn: 'binary_focal_crossentropy' as const, rows: 1, cols: 1, yTrue: new Float32Array([1]), yPred: new Float32Array([0.5]),
      from_logits: false, label_smoothing: 0, alpha: 0.25, apply_class_balancing: false, gammaStart: 0, gammaStep: 1, count: 3,
    };
    expect(runGammaSweep({ ...base, gammaStart: -1 })).toBeNull();
    expect(runGammaSweep({ ...base, count: 5000 })).toBeNull();
  });
});
