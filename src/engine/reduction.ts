/**
 * Keras's `reduce_weighted_values`: merge the mask into the sample weights, weight the
 * per-sample values, reduce. Also returns, for every per-sample value v_i, the coefficient
 * c_i = d(sum of output)/d(v_i) that the gradient needs (weights and denominators do not depend
 * on y_pred, so the loss gradient is sum_i c_i * dv_i/dy_pred).
 */
import { EngineError, formatShape } from './errors';
import { sumRounded, type Num } from './numerics';
import { broadcastIndex, broadcastShapes, sizeOf } from './tensor';
import type { Reduction, Semantics } from './types';

export interface Dense {
  shape: number[];
  data: Float64Array;
}

/**
 * Keras 3 `squeeze_or_expand_to_same_rank`: when ranks differ by one and the longer one ends in
 * a size-1 axis, squeeze it (or expand the shorter one when it is rank 1). Only shapes change.
 */
export function squeezeOrExpand(a: number[], b: number[]): [number[], number[]] {
  if (a.length === b.length + 1 && a[a.length - 1] === 1) {
    return b.length === 1 ? [a, [...b, 1]] : [a.slice(0, -1), b];
  }
  if (b.length === a.length + 1 && b[b.length - 1] === 1) {
    return a.length === 1 ? [[...a, 1], b] : [a, b.slice(0, -1)];
  }
  return [a, b];
}

/** tf.keras 2 weight alignment: weights one rank short are expanded, one rank long squeezed. */
export function alignWeightsTfKeras2(values: number[], w: number[]): number[] {
  if (w.length === values.length - 1) return [...w, 1];
  if (w.length === values.length + 1 && w[w.length - 1] === 1) return w.slice(0, -1);
  return w;
}

export interface Reduced {
  value: Float64Array;
  valueShape: number[];
  /** Merged weights after alignment, before broadcasting (null without weights and mask). */
  weights: Dense | null;
  coef: Float64Array;
  numerator: number | null;
  denominator: number | null;
}

/** a·b with NumPy broadcasting, rounded to the compute dtype; names `field` when the shapes do not fit. */
export function multiplyBroadcast(
  a: Dense, b: Dense, num: Num, what: string, field: string,
): Dense {
  const shape = broadcastShapes(a.shape, b.shape);
  if (!shape) {
    throw new EngineError(
      `${what}: expected shapes that broadcast, received ${formatShape(a.shape)} and ${formatShape(b.shape)}. ` +
        'Keras 3 only aligns a trailing axis of size 1; reshape sample_weight to (batch, 1) or to the shape of the per-sample values.',
      field,
    );
  }
  const ia = broadcastIndex(a.shape, shape);
  const ib = broadcastIndex(b.shape, shape);
  const data = new Float64Array(ia.length);
  for (let i = 0; i < data.length; i++) data[i] = num.r(a.data[ia[i]] * b.data[ib[i]]);
  return { shape, data };
}

/**
 * Keras `ops.divide_no_nan(a, b)`: 0 where b is 0 (even for a NaN a), else a / b. On torch it first
 * casts both operands to `result_type(a, b, float)`, which Keras's promotion makes float32 even for
 * float64 (keras/src/backend/torch/numpy.py), so a float64 run divides float32-rounded operands in
 * float32 (`num.rReduce` is float32 exactly there); JAX and TensorFlow divide in the compute dtype.
 */
export function divideNoNan(a: number, b: number, num: Num): number {
  const [x, y] = [num.rReduce(a), num.rReduce(b)];
  return y === 0 ? 0 : num.rReduce(num.r(x / y));
}

/**
 * Keras's apply_mask multiplies the mask into sample_weight in place on NumPy and torch
 * (`sample_weight *= mask`), which cannot grow the weight: a weight that would need to broadcast
 * up to the mask's shape raises there (JAX and TensorFlow make a new array and compute).
 */
export function checkInPlaceMask(ws: number[], ms: number[], num: Num, field: string): void {
  if (num.backend !== 'numpy' && num.backend !== 'torch') return;
  const full = broadcastShapes(ws, ms);
  if (full && full.join() !== ws.join()) {
    throw new EngineError(
      `Keras on ${num.backend === 'numpy' ? 'NumPy' : 'PyTorch'} multiplies the mask into sample_weight in place, so ` +
        `sample_weight of shape ${formatShape(ws)} cannot take the mask's shape ${formatShape(full)}: ` +
        'give one weight per masked entry (JAX and TensorFlow broadcast instead).',
      field,
    );
  }
}

export function reduceWeightedValues(
  values: Dense,
  sampleWeight: Dense | null,
  mask: Dense | null,
  reduction: Reduction,
  num: Num,
  semantics: Semantics,
): Reduced {
  const r = num.r;
  let w: Dense | null = sampleWeight;
  if (mask) {
    let f = mask.data;
    if (reduction === 'sum_over_batch_size' || reduction === 'mean' || reduction === 'auto') {
      let valid = 0;
      for (const m of mask.data) valid += m;
      const scale = valid === 0 ? 0 : r(mask.data.length / valid);
      f = mask.data.map((m) => (m ? scale : 0));
    }
    const fm: Dense = { shape: mask.shape, data: f };
    if (w) {
      const [ms, ws] = semantics === 'tf_keras2'
        ? [fm.shape, alignWeightsTfKeras2(fm.shape, w.shape)] : squeezeOrExpand(fm.shape, w.shape);
      checkInPlaceMask(ws, ms, num, 'sample_weight');
      w = multiplyBroadcast({ shape: ws, data: w.data }, { shape: ms, data: fm.data }, num,
        'sample_weight cannot be combined with the mask', 'sample_weight');
    } else {
      w = fm;
    }
  }
  let vShape = values.shape;
  let weighted: Dense = values;
  if (w) {
    let ws = w.shape;
    if (semantics === 'tf_keras2') ws = alignWeightsTfKeras2(vShape, ws);
    else [vShape, ws] = squeezeOrExpand(vShape, ws);
    w = { shape: ws, data: w.data };
    weighted = multiplyBroadcast({ shape: vShape, data: values.data }, w, num,
      'sample_weight cannot be applied to the per-sample values', 'sample_weight');
  }
  const coef = coefficients(values.data.length, vShape, weighted.shape, w);
  const unreduced = reduction === 'none' || weighted.shape.length === 0 ||
    (weighted.shape.length === 1 && weighted.shape[0] === 0);
  if (unreduced) {
    return { value: weighted.data, valueShape: weighted.shape, weights: w, coef, numerator: null, denominator: null };
  }
  const sum = sumRounded(weighted.data, r);
  let denom = 1;
  if (reduction !== 'sum') {
    denom = reduction === 'mean_with_sample_weight' && w ? sumRounded(w.data, r) : sizeOf(weighted.shape);
  }
  const value = reduction === 'sum' ? sum : divideNoNan(sum, denom, num);
  // d value / d sum: divide_no_nan's 1/denominator (in float32 on torch, where a float64 denominator
  // that underflows float32 gives 0 and no gradient).
  const d = num.rReduce(denom);
  const scale = reduction === 'sum' ? 1 : d === 0 ? 0 : num.rReduce(1 / d);
  for (let i = 0; i < coef.length; i++) coef[i] *= scale;
  return {
    value: Float64Array.of(value), valueShape: [], weights: w, coef, numerator: sum, denominator: denom,
  };
}

/** c_i = sum of the broadcast weights that multiply v_i (1 per occurrence when unweighted). */
function coefficients(n: number, vShape: number[], outShape: number[], w: Dense | null): Float64Array {
  const coef = new Float64Array(n);
  const iv = broadcastIndex(vShape, outShape);
  const iw = w ? broadcastIndex(w.shape, outShape) : null;
  for (let k = 0; k < iv.length; k++) coef[iv[k]] += iw ? w!.data[iw[k]] : 1;
  return coef;
}
