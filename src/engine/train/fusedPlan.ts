/**
 * Which requests a fused training loop serves, and the per-run constants it needs (labels smoothed
 * and rounded as the engine does, the reduction's per-sample coefficients, alpha per class).
 *
 * Served: Keras 3 semantics on the TensorFlow, JAX and PyTorch backends (NumPy has no gradient),
 * for binary_crossentropy, binary_focal_crossentropy, categorical_crossentropy and
 * categorical_focal_crossentropy, from logits or from probabilities, any label_smoothing, gamma,
 * alpha, apply_class_balancing, reduction and finite sample_weight, when y_true has y_pred's shape,
 * the class axis is the last one, there is no mask and every label is finite; and
 * sparse_categorical_crossentropy with integer labels in range (or ignore_class), from logits on
 * every backend and from probabilities on JAX and torch, as categorical on one-hot rows (the same
 * formulas there; TensorFlow clips probabilities before it renormalises, so it stays on the engine). The loops follow the
 * engine's backward passes for those backends (clip ties, TensorFlow's fused CCE-from-logits
 * gradient, its logits BCE inside binary focal, torch's pow at gamma = 0) and agree with the
 * engine's gradient to float rounding: test/engine/train/fused.test.ts checks every option on
 * random inputs, clipped entries included. Everything else takes the reference stepper.
 */
import { numFor } from '../numerics';
import { reduceWeightedValues } from '../reduction';
import { sameShape } from '../tensor';
import type { LossResult, Tensor } from '../types';
import { binaryStepper } from './fusedBinary';
import { softmaxStepper } from './fusedSoftmax';
import type { Problem } from './problem';
import type { Stepper } from './stepper';

const FUSED = new Set([
  'binary_crossentropy', 'binary_focal_crossentropy', 'categorical_crossentropy', 'categorical_focal_crossentropy',
  'sparse_categorical_crossentropy',
]);

/** Sparse labels as one-hot rows and the valid-row mask, or null when a label needs the engine's rules. */
function oneHot(p: Problem, Y: Tensor, n: number, D: number): { y: Float64Array; valid: Float64Array } | null {
  const rows = p.shape.slice(0, -1);
  if (Y.data.length !== n || !(sameShape(Y.shape, rows) || sameShape(Y.shape, [...rows, 1]))) return null;
  if (p.reads !== 'logits' && p.backend === 'tensorflow') return null;
  const ignore = p.kwargs.ignore_class ?? null;
  const y = new Float64Array(n * D), valid = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const l = Y.data[i];
    if (l === ignore) continue;
    if (!(Number.isInteger(l) && l >= 0 && l < D)) return null;
    y[i * D + l] = 1;
    valid[i] = 1;
  }
  return { y, valid };
}

const allFinite = (a: ArrayLike<number>): boolean => {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
};

export function fusedStepper(p: Problem, res0: LossResult): Stepper | null {
  const Y = p.req.y_true as Tensor, W = (p.req.sample_weight ?? null) as Tensor | null;
  const L = p.layout;
  if (p.semantics !== 'keras3' || !FUSED.has(p.fn) || p.backend === 'numpy') return null;
  const sparse = p.fn === 'sparse_categorical_crossentropy';
  if (!L || L.inner !== 1 || p.req.mask != null || (!sparse && !sameShape(Y.shape, p.shape))) return null;
  if (!allFinite(Y.data) || (W && !allFinite(W.data))) return null;
  const num = numFor(p.dtype, p.backend), r = num.r;
  const n = L.rows, D = L.D;
  const hot = sparse ? oneHot(p, Y, n, D) : null;
  if (sparse && !hot) return null;
  // ignore_class rows leave the reduction's mean (the engine's output mask).
  const mask = hot && p.kwargs.ignore_class != null ? { shape: res0.perSample.shape, data: hot.valid } : null;
  const alpha = p.kwargs.alpha;
  if (Array.isArray(alpha) && alpha.length !== 1 && alpha.length !== D) return null;
  const coef = p.req.kind === 'function' ? new Float64Array(n).fill(1) : reduceWeightedValues(
    { shape: res0.perSample.shape, data: new Float64Array(n) },
    W ? { shape: W.shape, data: W.data.map(r) as Float64Array } : null,
    mask, p.reduction!, num, 'keras3').coef;
  if (coef.length !== n) return null;
  // Labels as the engine holds them (rounded to the compute dtype), smoothed with its rounding.
  const ls = (p.kwargs.label_smoothing as number | undefined) ?? 0;
  const binary = p.probs === 'sigmoid';
  const keep = r(1 - ls), add = r(binary ? 0.5 * ls : ls / D);
  const y = hot ? hot.y : Float64Array.from(Y.data, (v) => (ls === 0 ? r(v) : r(r(r(v) * keep) + add)));
  const fromLogits = p.reads === 'logits';
  // Resolved kwargs carry every default, so the focal ones are always there when the loss has them.
  const gamma = p.kwargs.gamma as number;
  const common = { n, D, y, coef, fromLogits, num, jax: p.backend === 'jax', torch: p.backend === 'torch', countClips: p.clip !== null };
  // A reduced loss is rounded as the engine rounds it (float32 on torch even in float64).
  const reduces = p.req.kind === 'loss' && p.reduction !== 'sum' && p.reduction !== 'none';
  const rounded = (st: Stepper): Stepper => (reduces ? {
    path: st.path,
    evaluate: (z) => {
      const e = st.evaluate(z);
      e.loss = num.rReduce(e.loss);
      return e;
    },
  } : st);
  if (binary) {
    const focal = p.fn === 'binary_focal_crossentropy'
      ? { gamma, alpha: alpha as number, balance: p.kwargs.apply_class_balancing === true }
      : null;
    return rounded(binaryStepper({ ...common, focal, tfLogits: focal !== null && fromLogits && p.backend === 'tensorflow' }));
  }
  const A = new Float64Array(D).fill(typeof alpha === 'number' ? alpha : 0.25);
  if (Array.isArray(alpha)) for (let j = 0; j < D; j++) A[j] = alpha[alpha.length === 1 ? 0 : j] as number;
  const ysum = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < D; j++) ysum[i] += y[i * D + j];
  return rounded(softmaxStepper({
    ...common, ysum,
    focal: p.fn === 'categorical_focal_crossentropy' ? { gamma, A } : null,
    // Sparse rows have Σy = 1, where both rules agree; an ignored row (Σy = 0) gets no gradient.
    tfLogitsRule: p.backend === 'tensorflow' && !sparse,
  }));
}
