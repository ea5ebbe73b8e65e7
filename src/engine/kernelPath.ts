/**
 * Routes a loss evaluation to the fused WASM/JS kernels (accelerate.ts) when they cover it:
 * Keras 3 semantics, float32, no intermediates asked for, 2-D-like inputs with the class axis last
 * and identical shapes. Anything else (and anything a kernel declines) stays on the reference
 * TypeScript path, which is the oracle the kernels are tested against.
 */
import { activeKernelBackend, runKernel, type KernelCall, type KernelFn } from './accelerate';
import type { FamilyContext, FamilyOutput } from './losses/common';
import type { FnId } from './registry';
import { resolveAxis, sameShape, sizeOf } from './tensor';
import type { EvalOptions } from './types';

/** Below this many y_pred entries the reference path is fast enough and keeps the last ulp identical. */
export const KERNEL_MIN_ELEMENTS = 4096;

const KERNEL_FNS = new Set<FnId>([
  'binary_crossentropy', 'binary_focal_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy',
  'categorical_focal_crossentropy', 'kl_divergence', 'poisson',
]);

export interface KernelOutput {
  family: FamilyOutput;
  backend: 'wasm-simd' | 'js';
}

function eligible(fn: FnId, ctx: FamilyContext, mode: EvalOptions['kernels']): boolean {
  if (mode === 'never' || activeKernelBackend() === null || !KERNEL_FNS.has(fn)) return false;
  if (ctx.num.dtype !== 'float32' || ctx.semantics !== 'keras3' || ctx.wantSteps) return false;
  if (!(ctx.yPred.data instanceof Float32Array) || !(ctx.yTrue.data instanceof Float32Array)) return false;
  const n = ctx.yPred.data.length;
  return (mode === 'always' || n >= KERNEL_MIN_ELEMENTS) && backendAgrees(fn, ctx);
}

/**
 * One pass: every entry within [lo, hi] (so not NaN) and, when `avoid` is given, none equal to one
 * of its three values. Plain comparisons: this runs over every entry of a large input.
 */
function scan(data: ArrayLike<number>, lo: number, hi: number, avoid: readonly [number, number, number] | null): boolean {
  const [a, b, c] = avoid ?? [NaN, NaN, NaN];
  for (let i = 0; i < data.length; i++) {
    const x = data[i];
    if (!(x >= lo && x <= hi) || x === a || x === b || x === c) return false;
  }
  return true;
}

/** Every row of y (last axis) sums to 1, as one-hot and smoothed one-hot targets do. */
function rowsSumToOne(y: ArrayLike<number>, cols: number): boolean {
  for (let o = 0; o < y.length; o += cols) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += y[o + j];
    if (Math.abs(s - 1) > 1e-6) return false;
  }
  return true;
}

/**
 * The kernels compute the formulas Keras 3's backends share (float32, full gradient on a clip
 * bound). A backend is served only where its formula and autodiff agree with them on this input;
 * elsewhere the reference path follows the backend (shared spec section 8). Non-finite inputs
 * always take the reference path: each backend places NaN and infinity its own way.
 */
function backendAgrees(fn: FnId, ctx: FamilyContext): boolean {
  const logits = ctx.cfg.from_logits === true;
  const binary = fn === 'binary_crossentropy' || fn === 'binary_focal_crossentropy';
  const ls = (ctx.cfg.label_smoothing as number | undefined) ?? 0;
  // d q^gamma at gamma = 0 and q = 0 is NaN under JAX's and TensorFlow's autodiff, 0 in the kernels (and torch).
  const focalPowerAtZero = ctx.wantGrad && fn === 'binary_focal_crossentropy' && ctx.cfg.gamma === 0;
  // What the call alone decides comes first: no scan when the answer is already no.
  switch (ctx.backend) {
    case 'jax':
      if (focalPowerAtZero) return false;
      break;
    case 'tensorflow':
      if (focalPowerAtZero) return false;
      if (fn === 'binary_focal_crossentropy' && logits) return false; // stable, unclipped BCE term
      if (fn === 'sparse_categorical_crossentropy' && !logits) return false; // clips, then renormalises
      break;
    case 'torch': // raises for a binary target outside [0, 1], smoothing included
      if (binary && !(ls >= 0 && ls <= 1)) return false;
      break;
    case 'numpy': // sigmoid, then the clipped probability path
      if (fn === 'binary_crossentropy' && logits) return false;
      break;
  }
  const y = ctx.yTrue.data, p = ctx.yPred.data;
  // JAX passes half the gradient exactly on a clip bound (KLD also clips y_pred at 1).
  const bounds = ctx.backend === 'jax' && ctx.wantGrad ? [ctx.num.LO, ctx.num.HI, 1] as const : null;
  if (!scan(p, -Infinity, Infinity, bounds)) return false;
  if (!(ctx.backend === 'torch' && binary ? scan(y, 0, 1, null) : scan(y, -Infinity, Infinity, null))) return false;
  if (ctx.backend === 'tensorflow' && fn === 'categorical_crossentropy' && logits) {
    return rowsSumToOne(y, ctx.yPred.shape[ctx.yPred.shape.length - 1]);
  }
  return true;
}

export function tryKernel(fn: FnId, ctx: FamilyContext, mode: EvalOptions['kernels']): KernelOutput | null {
  if (!eligible(fn, ctx, mode)) return null;
  const pShape = ctx.yPred.shape;
  const tShape = ctx.yTrue.shape;
  if (pShape.length === 0) return null;
  const cols = pShape[pShape.length - 1];
  const rows = sizeOf(pShape) / cols;
  if (cols < 2 && (fn === 'categorical_crossentropy' || fn === 'categorical_focal_crossentropy' || fn === 'sparse_categorical_crossentropy')) {
    return null; // keeps the single-class warning on the reference path
  }
  if (fn === 'kl_divergence' || fn === 'poisson') {
    if (!sameShape(tShape, pShape)) return null;
  } else if (fn === 'sparse_categorical_crossentropy') {
    const labels = tShape.length === pShape.length && tShape[tShape.length - 1] === 1 ? tShape.slice(0, -1) : tShape;
    if (!sameShape(labels, pShape.slice(0, -1))) return null;
    const ignore = (ctx.cfg.ignore_class as number | null | undefined) ?? null;
    // Out-of-range labels need the reference path's warning.
    // Out-of-range and fractional labels need the reference path's warnings and backend rules.
    for (const l of ctx.yTrue.data) if (l !== ignore && !(Number.isInteger(l) && l >= 0 && l < cols)) return null;
  } else if (!sameShape(tShape, pShape)) {
    return null;
  }
  const axis = resolveAxis((ctx.cfg.axis as number | undefined) ?? -1, pShape.length);
  if (axis !== pShape.length - 1) return null;
  const alpha = ctx.cfg.alpha;
  const call: KernelCall = {
    fn: fn as KernelFn, rows, cols,
    yTrue: ctx.yTrue.data as Float32Array, yPred: ctx.yPred.data as Float32Array,
    from_logits: ctx.cfg.from_logits === true,
    label_smoothing: (ctx.cfg.label_smoothing as number | undefined) ?? 0,
    gamma: (ctx.cfg.gamma as number | undefined) ?? 2,
    alpha: Array.isArray(alpha) ? Float32Array.from(alpha as number[]) : ((alpha as number | undefined) ?? 0.25),
    apply_class_balancing: ctx.cfg.apply_class_balancing === true,
    ignore_class: (ctx.cfg.ignore_class as number | null | undefined) ?? null,
    rowScale: null,
  };
  const res = runKernel(call, ctx.wantGrad);
  if (!res) return null;
  // Results may be views into the kernel arena that the next call overwrites: copy them out.
  const values = new Float64Array(res.perSample);
  const grad = res.grad ? new Float64Array(res.grad) : null;
  if (fn === 'kl_divergence' && values.some((v) => v < 0)) return null; // the reference path explains it
  const ignore = call.ignore_class;
  const outMask = fn === 'sparse_categorical_crossentropy' && ignore !== null
    ? { shape: pShape.slice(0, -1), data: Float64Array.from(ctx.yTrue.data, (l) => (l === ignore ? 0 : 1)) }
    : null;
  const family: FamilyOutput = {
    values: { shape: pShape.slice(0, -1), data: values },
    outMask,
    backward: grad
      ? (c) => {
          const g = new Float64Array(grad.length);
          for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) g[i * cols + j] = c[i] * grad[i * cols + j];
          return g;
        }
      : null,
    steps: [],
  };
  return { family, backend: res.backend };
}
