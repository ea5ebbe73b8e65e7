/**
 * Routes a loss evaluation to the fused WASM/JS kernels (accelerate.ts) when they cover it:
 * Keras 3 semantics, float32, no intermediates asked for, 2-D-like inputs with the class axis last
 * and identical shapes. Anything else (and anything a kernel declines) stays on the reference
 * TypeScript path, which is the oracle the kernels are tested against.
 */
import { activeKernelBackend, runKernel, type KernelCall } from './accelerate';
import { FUNCTIONS, featureAxis, hasKernel } from './catalog';
import type { ResolvedCall } from './config';
import type { FamilyContext, FamilyOutput } from './losses/common';
import { resolveAxis, sameShape, sizeOf } from './tensor';
import type { EvalOptions } from './types';

/** Below this many y_pred entries the reference path is fast enough and keeps the last ulp identical. */
export const KERNEL_MIN_ELEMENTS = 4096;

type Ctx = Omit<FamilyContext, 'cfg'>;

/** Kernel-call fields for kwargs the function does not take: its kernel never reads them. */
const ABSENT = { from_logits: false, label_smoothing: 0, gamma: 0, alpha: 0, apply_class_balancing: false, ignore_class: null };

export interface KernelOutput {
  family: FamilyOutput;
  backend: 'wasm-simd' | 'js';
}

function eligible(call: ResolvedCall, ctx: Ctx, mode: EvalOptions['kernels']): boolean {
  if (mode === 'never' || activeKernelBackend() === null || !hasKernel(call.fn)) return false;
  if (ctx.num.dtype !== 'float32' || ctx.semantics !== 'keras3' || ctx.wantSteps) return false;
  if (!(ctx.yPred.data instanceof Float32Array) || !(ctx.yTrue.data instanceof Float32Array)) return false;
  const n = ctx.yPred.data.length;
  return (mode === 'always' || n >= KERNEL_MIN_ELEMENTS) && backendAgrees(call, ctx);
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
function backendAgrees(call: ResolvedCall, ctx: Ctx): boolean {
  const { fn, kwargs } = call;
  const logits = 'from_logits' in kwargs && kwargs.from_logits;
  const binary = FUNCTIONS[fn].family === 'binary';
  // d q^gamma at gamma = 0 and q = 0 is NaN under JAX's and TensorFlow's autodiff, 0 in the kernels (and torch).
  const focalPowerAtZero = ctx.wantGrad && call.fn === 'binary_focal_crossentropy' && call.kwargs.gamma === 0;
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
      if (binary && 'label_smoothing' in kwargs && !(kwargs.label_smoothing >= 0 && kwargs.label_smoothing <= 1)) return false;
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

export function tryKernel(resolved: ResolvedCall, ctx: Ctx, mode: EvalOptions['kernels']): KernelOutput | null {
  const { fn } = resolved;
  if (!hasKernel(fn) || !eligible(resolved, ctx, mode)) return null;
  const familyId = FUNCTIONS[fn].family;
  const pShape = ctx.yPred.shape;
  const tShape = ctx.yTrue.shape;
  if (pShape.length === 0) return null;
  const cols = pShape[pShape.length - 1];
  const rows = sizeOf(pShape) / cols;
  if (cols < 2 && (familyId === 'categorical' || familyId === 'sparse')) {
    return null; // keeps the single-class warning on the reference path
  }
  const kw = { ...ABSENT, ...resolved.kwargs };
  if (familyId === 'sparse') {
    const labels = tShape.length === pShape.length && tShape[tShape.length - 1] === 1 ? tShape.slice(0, -1) : tShape;
    if (!sameShape(labels, pShape.slice(0, -1))) return null;
    // Out-of-range and fractional labels need the reference path's warnings and backend rules.
    for (const l of ctx.yTrue.data) if (l !== kw.ignore_class && !(Number.isInteger(l) && l >= 0 && l < cols)) return null;
  } else if (!sameShape(tShape, pShape)) {
    return null;
  }
  if (resolveAxis(featureAxis(resolved.kwargs), pShape.length) !== pShape.length - 1) return null;
  const call: KernelCall = {
    fn, rows, cols,
    yTrue: ctx.yTrue.data as Float32Array, yPred: ctx.yPred.data as Float32Array,
    from_logits: kw.from_logits,
    label_smoothing: kw.label_smoothing,
    gamma: kw.gamma,
    alpha: Array.isArray(kw.alpha) ? Float32Array.from(kw.alpha) : kw.alpha,
    apply_class_balancing: kw.apply_class_balancing,
    ignore_class: kw.ignore_class,
    rowScale: null,
  };
  const res = runKernel(call, ctx.wantGrad);
  if (!res) return null;
  // Results may be views into the kernel arena that the next call overwrites: copy them out.
  const values = new Float64Array(res.perSample);
  const grad = res.grad ? new Float64Array(res.grad) : null;
  if (fn === 'kl_divergence' && values.some((v) => v < 0)) return null; // the reference path explains it
  const ignore = call.ignore_class;
  const outMask = familyId === 'sparse' && ignore !== null
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
