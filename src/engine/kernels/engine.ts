/**
 * The kernel-engine interface that accelerate.ts drives, and its JS implementation. A
 * PreparedCall is a KernelCall that accelerate.ts has validated, with Keras's float32 label
 * smoothing and alpha resolved; engines only move buffers and call kernels.
 */
import { kernelOf, type KernelId } from '../catalog';
import type { KernelBackend, KernelBuffers, KernelCall, KernelResult } from './contract';
import { bceJs, bfceJs } from './binary';
import { cceJs, cceLogitsJs, cfceJs } from './categorical';
import { scceJs } from './sparse';
import { kldJs, poissonJs } from './divergence';
import { bfceSweepJs, cfceSweepJs } from './sweep';
import { OK, type KernelArrays } from './types';

export interface PreparedCall {
  call: KernelCall;
  wantGrad: boolean;
  /** Labels enter as y*lsA + lsB (both float32): binary lsB = ls/2, categorical lsB = ls/C. */
  lsA: number;
  lsB: number;
  /** Focal losses: alpha per column (a scalar repeated); otherwise empty. */
  alpha: Float32Array;
  /** Focal losses: the scalar alpha when it is uniform across columns, else null. */
  alphaScalar: number | null;
}

export interface PreparedSweep {
  fn: 'binary_focal_crossentropy' | 'categorical_focal_crossentropy';
  rows: number;
  cols: number;
  yTrue: Float32Array;
  yPred: Float32Array;
  logits: boolean;
  lsA: number;
  lsB: number;
  alpha: Float32Array;
  alphaScalar: number | null;
  balance: boolean;
  g0: number;
  dg: number;
  count: number;
}

export interface KernelEngine {
  readonly backend: KernelBackend;
  /** Buffers for a [rows, cols] call that runKernel reads and writes in place (null: too large). */
  buffers(rows: number, cols: number): KernelBuffers | null;
  run(p: PreparedCall): KernelResult | null;
  /** Summed loss per gamma (float64, length count), or null when the kernel declines. */
  sweep(s: PreparedSweep): Float64Array | null;
}

/** The JS implementation of each catalog kernel; returns the kernel status. */
const JS_KERNELS: Record<KernelId, (p: PreparedCall, k: KernelArrays) => number> = {
  bce: ({ call, lsA, lsB }, k) => bceJs(k, lsA, lsB, call.from_logits),
  bfce: ({ call, lsA, lsB, alpha }, k) => bfceJs(k, lsA, lsB, call.gamma, alpha, call.apply_class_balancing, call.from_logits),
  cce: ({ call, lsA, lsB }, k) => (call.from_logits ? cceLogitsJs(k, lsA, lsB) : cceJs(k, lsA, lsB)),
  scce: ({ call }, k) => scceJs(k, call.ignore_class, call.from_logits),
  cfce: ({ call, lsA, lsB, alpha }, k) => cfceJs(k, lsA, lsB, call.gamma, alpha, call.from_logits),
  kld: (_, k) => kldJs(k),
  poisson: (_, k) => poissonJs(k),
};

/** Runs the JS kernel for a call on explicit arrays; returns the kernel status. */
export function runJsKernel(p: PreparedCall, k: KernelArrays): number {
  return JS_KERNELS[kernelOf(p.call.fn)](p, k);
}

/** Runs a sweep with the JS kernels into a fresh float64 array. */
export function runJsSweep(s: PreparedSweep): Float64Array | null {
  const totals = new Float64Array(s.count);
  const status =
    s.fn === 'binary_focal_crossentropy'
      ? bfceSweepJs(s.yTrue, s.yPred, s.rows, s.cols, s.logits, s.lsA, s.lsB, s.alpha, s.balance, s.g0, s.dg, s.count, totals)
      : cfceSweepJs(s.yTrue, s.yPred, s.rows, s.cols, s.logits, s.lsA, s.lsB, s.alpha, s.g0, s.dg, s.count, totals);
  return status === OK ? totals : null;
}

/**
 * The JS engine: kernels read the caller's arrays directly and write fresh outputs, or, for
 * arrays taken from buffers(), the buffers' own perSample and grad.
 */
export function createJsEngine(): KernelEngine {
  let owned: KernelBuffers | null = null;
  let ownedRows = -1;
  let ownedCols = -1;
  return {
    backend: 'js',
    buffers(rows, cols) {
      if (owned === null || rows !== ownedRows || cols !== ownedCols) {
        const n = rows * cols;
        owned = {
          yTrue: new Float32Array(n),
          yPred: new Float32Array(n),
          rowScale: new Float32Array(rows),
          perSample: new Float32Array(rows),
          grad: new Float32Array(n),
        };
        ownedRows = rows;
        ownedCols = cols;
      }
      return owned;
    },
    run(p) {
      const { call } = p;
      const inPlace = owned !== null && call.yPred === owned.yPred;
      const out = inPlace ? owned!.perSample : new Float32Array(call.rows);
      const grad = p.wantGrad ? (inPlace ? owned!.grad : new Float32Array(call.rows * call.cols)) : null;
      const status = runJsKernel(p, {
        yTrue: call.yTrue, yPred: call.yPred, rows: call.rows, cols: call.cols, out, grad, rowScale: call.rowScale,
      });
      return status === OK ? { perSample: out, grad, backend: 'js' } : null;
    },
    sweep: runJsSweep,
  };
}
