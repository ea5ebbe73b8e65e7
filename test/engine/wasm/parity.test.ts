/**
 * Parity of the fused kernels (wasm-simd and js) with the reference TS engine's float32 mode:
 * runKernel against evaluate({ kind: 'function' }, { dtype: 'float32', grad: true }) on random
 * shapes, batch 1 and class counts that are not multiples of 4 included. Tolerance: 1e-5
 * relative, 1e-6 absolute near zero (issue 6).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, type LossResult } from '../../../src/engine/index';
import { initKernels, runKernel, type KernelBackend, type KernelCall } from '../../../src/engine/accelerate';
import { makeCall } from '../kernels/reference';
import { ALL_FNS, expectClose, randomInputs, rng, wasmBytes } from './helpers';

const PARITY = { rtol: 1e-5, atol: 1e-6 };
const SHAPES: Array<[number, number]> = [[1, 1], [1, 2], [1, 3], [1, 5], [1, 10], [2, 7], [3, 4], [5, 6], [8, 9], [13, 10], [17, 3], [4, 33], [2, 130]];

/** The engine request equivalent to a kernel call (a bare Keras function: per-sample output). */
function engineResult(call: KernelCall): LossResult {
  const config: Record<string, unknown> = {};
  const { fn } = call;
  if (fn !== 'kl_divergence' && fn !== 'poisson') config.from_logits = call.from_logits;
  if (fn !== 'kl_divergence' && fn !== 'poisson' && fn !== 'sparse_categorical_crossentropy') config.label_smoothing = call.label_smoothing;
  if (fn === 'binary_focal_crossentropy' || fn === 'categorical_focal_crossentropy') {
    config.gamma = call.gamma;
    config.alpha = typeof call.alpha === 'number' ? call.alpha : Array.from(call.alpha);
  }
  if (fn === 'binary_focal_crossentropy') config.apply_class_balancing = call.apply_class_balancing;
  if (fn === 'sparse_categorical_crossentropy' && call.ignore_class !== null) config.ignore_class = call.ignore_class;
  const sparse = fn === 'sparse_categorical_crossentropy';
  return evaluate(
    {
      kind: 'function', name: fn, config,
      y_true: { shape: sparse ? [call.rows] : [call.rows, call.cols], data: Float64Array.from(call.yTrue) },
      y_pred: { shape: [call.rows, call.cols], data: Float64Array.from(call.yPred) },
    },
    // The kernels compute Keras 3's shared formulas with the full derivative exactly on a clip bound and
    // a 0 focal term at gamma = 0: torch's conventions (JAX halves on a bound, which a saturated float32
    // sigmoid can hit; kernelPath.ts falls back where a backend differs).
    { dtype: 'float32', grad: true, kerasBackend: 'torch' },
  ) as LossResult;
}

describe.each(['wasm-simd', 'js'] as KernelBackend[])('parity with the engine float32 mode on %s', (backend) => {
  beforeAll(async () => {
    expect(await initKernels({ prefer: backend === 'js' ? 'js' : 'wasm', simdWasm: wasmBytes() })).toBe(backend);
  });

  describe.each(ALL_FNS)('%s', (fn) => {
    const logitsOptions = fn === 'kl_divergence' || fn === 'poisson' ? [false] : [false, true];
    it.each(logitsOptions)('agrees within 1e-5 on random shapes (from_logits=%s)', (logits) => {
      const next = rng(fn.length * 104729 + (logits ? 7 : 3));
      for (const [rows, cols] of SHAPES) {
        const { yTrue, yPred } = randomInputs(fn, rows, cols, logits, next);
        const call = makeCall({
          fn, rows, cols, yTrue, yPred, from_logits: logits,
          label_smoothing: fn === 'sparse_categorical_crossentropy' || next() < 0.5 ? 0 : 0.2,
          gamma: [0, 1, 2, 3, 0.5, 2.5][Math.floor(next() * 6)],
          alpha: fn === 'categorical_focal_crossentropy' && next() < 0.5 ? Float32Array.from({ length: cols }, () => next()) : 0.25,
          apply_class_balancing: next() < 0.5,
          ignore_class: fn === 'sparse_categorical_crossentropy' && next() < 0.5 ? 0 : null,
        });
        const result = runKernel(call, true);
        if (result === null) expect.fail(`${fn} [${rows}, ${cols}]: runKernel declined`);
        expect(result.backend).toBe(backend);
        const ref = engineResult(call);
        const what = `${fn}${logits ? ' (logits)' : ''} [${rows}, ${cols}] gamma=${call.gamma} ls=${call.label_smoothing}`;
        expectClose(result.perSample, ref.perSample.data, PARITY, `${what} perSample`);
        expectClose(result.grad!, ref.grad!.data, PARITY, `${what} grad`);
      }
    });
  });

  it.each(['binary_crossentropy', 'binary_focal_crossentropy', 'categorical_crossentropy', 'categorical_focal_crossentropy', 'sparse_categorical_crossentropy'] as const)(
    '%s agrees on saturated logits (|z| up to 30), where float32 rounding of sigmoid/softmax decides',
    (fn) => {
      const next = rng(fn.length);
      for (const [rows, cols] of [[1, 3], [7, 5], [16, 10]] as const) {
        const { yTrue, yPred } = randomInputs(fn, rows, cols, true, next);
        for (let i = 0; i < yPred.length; i++) yPred[i] *= 5;
        const call = makeCall({ fn, rows, cols, yTrue, yPred, from_logits: true, gamma: 2 });
        const result = runKernel(call, true)!;
        const ref = engineResult(call);
        expectClose(result.perSample, ref.perSample.data, PARITY, `${fn} [${rows}, ${cols}] perSample`);
        expectClose(result.grad!, ref.grad!.data, PARITY, `${fn} [${rows}, ${cols}] grad`);
      }
    },
  );
});
