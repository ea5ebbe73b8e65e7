/**
 * The fused kernels through runKernel, one suite per backend (wasm-simd and js): every 2-D
 * conformance case of the seven losses, random shapes against the scalar reference, and the
 * edge cases the spec singles out (clip bounds, ignore_class, renormalisation, fallback to null).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initKernels, kernelBuffers, runKernel, type KernelBackend, type KernelCall } from '../../../src/engine/accelerate';
import { makeCall, reference, LO, HI } from '../kernels/reference';
import { ALL_FNS, conformanceCalls, expectClose, randomInputs, rng, wasmBytes } from './helpers';

const BACKENDS: KernelBackend[] = ['wasm-simd', 'js'];
/** Kernels (float32) against the float32-rounding reference: the parity tolerance of issue 6. */
const PARITY = { rtol: 1e-5, atol: 1e-6 };
/** Against Keras's float32 output (conformance README, float32 implementation). */
const KERAS_F32 = { rtol: 1e-4, atol: 1e-6 };
/** Gradients against Keras/JAX float64 autodiff: a float32 kernel's rounding, scaled by c_i. */
const KERAS_GRAD = { rtol: 1e-4, atol: 1e-6 };

function run(call: KernelCall, wantGrad = true) {
  const result = runKernel(call, wantGrad);
  if (result === null) expect.fail(`runKernel returned null for ${call.fn} [${call.rows}, ${call.cols}]`);
  return result;
}

const cases = conformanceCalls();

describe.each(BACKENDS)('kernels on %s', (backend) => {
  beforeAll(async () => {
    const picked = await initKernels({ prefer: backend === 'js' ? 'js' : 'wasm', simdWasm: wasmBytes() });
    expect(picked).toBe(backend);
  });

  it.skipIf(cases.length === 0)('reproduces every 2-D conformance case of the seven losses', () => {
    expect(cases.length).toBeGreaterThan(100);
    for (const c of cases) {
      const result = run(c.call);
      expect(result.backend).toBe(backend);
      const value = c.reduce(result.perSample);
      // Where Keras's own float32 and float64 answers differ by more than the tolerance
      // (saturated sigmoids: 1 - p is a few float32 ulps), accept anything within that spread.
      const tol = c.expected.map((e, i) => KERAS_F32.atol + Math.max(KERAS_F32.rtol * Math.abs(e), 2 * Math.abs(e - c.expectedF64[i])));
      value.forEach((v, i) => {
        if (!(Math.abs(v - c.expected[i]) <= tol[i])) expect.fail(`${c.id} value[${i}]: expected ${c.expected[i]}, received ${v}`);
      });
      if (c.grad !== null) {
        const expected = c.grad.map((g, i) => (c.tieRows.has(Math.floor(i / c.call.cols)) ? NaN : g));
        const actual = Array.from(result.grad!, (g, i) => (c.tieRows.has(Math.floor(i / c.call.cols)) ? NaN : g));
        expectClose(actual, expected, KERAS_GRAD, `${c.id} grad`);
      }
    }
  });

  it.skipIf(cases.length === 0)('agrees with the float32 reference on every conformance case within 1e-5', () => {
    for (const c of cases) {
      const result = run(c.call);
      const ref = reference(c.call);
      expectClose(result.perSample, ref.perSample, PARITY, `${c.id} perSample`);
      expectClose(result.grad!, ref.grad, PARITY, `${c.id} grad`);
    }
  });

  describe.each(ALL_FNS)('%s', (fn) => {
    const logitsOptions = fn === 'kl_divergence' || fn === 'poisson' ? [false] : [false, true];
    it.each(logitsOptions)('matches the reference on random shapes (from_logits=%s)', (logits) => {
      const next = rng(fn.length * 7919 + (logits ? 1 : 0));
      const shapes: Array<[number, number]> = [[1, 1], [1, 3], [1, 10], [2, 5], [3, 7], [4, 4], [5, 1], [7, 13], [9, 2], [33, 10], [6, 129], [3, 1031]];
      for (const [rows, cols] of shapes) {
        const { yTrue, yPred } = randomInputs(fn, rows, cols, logits, next);
        const rowScale = next() < 0.5 ? null : Float32Array.from({ length: rows }, () => next() * 2 - 0.5);
        const call = makeCall({
          fn, rows, cols, yTrue, yPred, rowScale, from_logits: logits,
          label_smoothing: fn === 'sparse_categorical_crossentropy' || next() < 0.5 ? 0 : 0.1,
          gamma: [0, 1, 2, 2.5, 0.5, 3][Math.floor(next() * 6)],
          alpha: next() < 0.5 ? 0.25 : Float32Array.from({ length: cols }, () => next()),
          apply_class_balancing: next() < 0.5,
        });
        const result = run(call);
        const ref = reference(call);
        expectClose(result.perSample, ref.perSample, PARITY, `${fn} [${rows}, ${cols}] perSample`);
        expectClose(result.grad!, ref.grad, PARITY, `${fn} [${rows}, ${cols}] grad`);
        const forwardOnly = run(call, false);
        expect(forwardOnly.grad).toBeNull();
        expectClose(forwardOnly.perSample, result.perSample, { rtol: 0, atol: 0 }, `${fn} forward only`);
      }
    });
  });

  it('passes the full gradient exactly on the clip bounds (inclusive <=)', () => {
    const yPred = new Float32Array([LO, HI, 0.5, LO * 0.5]);
    const yTrue = new Float32Array([1, 0, 1, 1]);
    const result = run(makeCall({ fn: 'binary_crossentropy', rows: 1, cols: 4, yTrue, yPred }));
    const ref = reference(makeCall({ fn: 'binary_crossentropy', rows: 1, cols: 4, yTrue, yPred }));
    expect(result.grad![0]).not.toBe(0);
    expect(result.grad![1]).not.toBe(0);
    expect(result.grad![3]).toBe(0);
    expectClose(result.grad!, ref.grad, PARITY, 'grad');
  });

  it('categorical_crossentropy gives every class +1/s, clipped ones included (spec 3.1)', () => {
    const call = makeCall({
      fn: 'categorical_crossentropy', rows: 1, cols: 3,
      yTrue: new Float32Array([0, 1, 0]), yPred: new Float32Array([0.05, 0.95, 0]),
    });
    expectClose(run(call).grad!, [1, -0.0526316, 1], { rtol: 1e-5, atol: 1e-6 }, 'grad');
  });

  it('sparse_categorical_crossentropy zeroes ignored rows and out-of-range labels', () => {
    const call = makeCall({
      fn: 'sparse_categorical_crossentropy', rows: 5, cols: 3, ignore_class: -1,
      yTrue: new Float32Array([1, -1, 2, 7, 0]),
      yPred: new Float32Array([0.05, 0.95, 0, 0, 0, 0, 0.1, 0.8, 0.1, 0.2, 0.3, 0.5, 0.6, 0.3, 0.1]),
    });
    const result = run(call);
    expectClose(result.perSample, [0.051293306, 0, 2.3025851, 0, 0.5108256], { rtol: 1e-6, atol: 0 }, 'perSample');
    expect(Array.from(result.grad!.subarray(3, 6))).toEqual([0, 0, 0]);
    expect(Array.from(result.grad!.subarray(9, 12))).toEqual([0, 0, 0]);
  });

  it('returns null for non-finite inputs, bad shapes, fractional labels and mismatched alpha', () => {
    const base = makeCall({ fn: 'categorical_crossentropy', rows: 1, cols: 2, yTrue: new Float32Array([1, 0]), yPred: new Float32Array([0.5, NaN]) });
    expect(runKernel(base, true)).toBeNull();
    expect(runKernel({ ...base, yPred: new Float32Array([0.5, Infinity]), from_logits: true }, true)).toBeNull();
    expect(runKernel({ ...base, yPred: new Float32Array(3) }, true)).toBeNull();
    expect(runKernel({ ...base, yPred: new Float32Array([0, 0]) }, true)).toBeNull();
    const sparse = makeCall({ fn: 'sparse_categorical_crossentropy', rows: 1, cols: 2, yTrue: new Float32Array([0.5]), yPred: new Float32Array([0.5, 0.5]) });
    expect(runKernel(sparse, true)).toBeNull();
    const focal = makeCall({ fn: 'categorical_focal_crossentropy', rows: 1, cols: 2, yTrue: new Float32Array([1, 0]), yPred: new Float32Array([0.5, 0.5]), alpha: new Float32Array(3) });
    expect(runKernel(focal, true)).toBeNull();
    const poisson = makeCall({ fn: 'poisson', rows: 1, cols: 1, yTrue: new Float32Array([1]), yPred: new Float32Array([-1]) });
    expect(runKernel(poisson, true)).toBeNull();
  });

  it('writes through engine-owned buffers without copying, at batch 1 and at 10 M elements', () => {
    for (const [rows, cols] of [[1, 7], [1_000_000, 10]] as const) {
      const buffers = kernelBuffers(rows, cols)!;
      const next = rng(rows);
      const { yTrue, yPred } = randomInputs('categorical_crossentropy', Math.min(rows, 64), cols, true, next);
      buffers.yTrue.fill(0);
      for (let i = 0; i < rows; i++) buffers.yTrue[i * cols + (i % cols)] = 1;
      for (let i = 0; i < buffers.yPred.length; i++) buffers.yPred[i] = yPred[i % yPred.length];
      const call = makeCall({ fn: 'categorical_crossentropy', rows, cols, yTrue: buffers.yTrue, yPred: buffers.yPred, from_logits: true });
      const result = run(call);
      expect(result.perSample).toBe(buffers.perSample);
      expect(result.grad).toBe(buffers.grad);
      const head = makeCall({ ...call, rows: 1, yTrue: buffers.yTrue.slice(0, cols), yPred: buffers.yPred.slice(0, cols) });
      expectClose(result.perSample.subarray(0, 1), reference(head).perSample, PARITY, 'row 0');
      expect(Number.isFinite(result.perSample[rows - 1])).toBe(true);
      void yTrue;
    }
  });
});
