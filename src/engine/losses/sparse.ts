/**
 * Keras `sparse_categorical_crossentropy`: integer labels against a class axis, with
 * `ignore_class` entries zeroed and reported as an output mask (the reduction then divides by
 * the number of valid entries).
 */
import { EngineError, describeAt, formatShape } from '../errors';
import { clip, logSoftmaxRow } from '../numerics';
import { moveAxisBack, moveAxisLast, resolveAxis, sameShape, sizeOf, storage, unravel } from '../tensor';
import { step, type Family, type FamilyOutput } from './common';

export const sparseCategoricalCrossentropy: Family = (ctx) => {
  const { r, LO, HI } = ctx.num;
  const legacy = ctx.semantics === 'tf_keras2';
  const pShape = ctx.yPred.shape;
  if (pShape.length === 0) throw new EngineError('y_pred must be at least rank 1, received a scalar.', 'y_pred');
  let tShape = ctx.yTrue.shape;
  if (tShape.length === pShape.length && tShape[tShape.length - 1] === 1) tShape = tShape.slice(0, -1);
  const rawAxis = (ctx.cfg.axis as number | undefined) ?? -1;
  const axis = resolveAxis(rawAxis, pShape.length);
  if (axis === null) {
    throw new EngineError(`axis ${rawAxis} is out of range for y_pred of rank ${pShape.length}.`, 'config.axis');
  }
  const outShape = pShape.filter((_, i) => i !== axis);
  if (!sameShape(tShape, outShape)) {
    throw new EngineError(
      `Arguments target and output must have the same shape up until the last dimension: ` +
        `target.shape=${formatShape(ctx.yTrue.shape)}, output.shape=${formatShape(pShape)} (y_true vs y_pred).`,
      'y_true',
    );
  }
  if (!legacy && axis !== pShape.length - 1) {
    throw new EngineError(
      `sparse_categorical_crossentropy supports only the last axis as the class axis in Keras 3 ` +
        `(expected axis=-1 or ${pShape.length - 1}, received axis=${rawAxis}).`,
      'config.axis',
    );
  }
  const C = pShape[axis];
  const n = sizeOf(outShape);
  const P = moveAxisLast(Float64Array.from(ctx.yPred.data), pShape, axis);
  const fromLogits = ctx.cfg.from_logits === true;
  const ignore = (ctx.cfg.ignore_class as number | null | undefined) ?? null;
  const labels = new Int32Array(n);
  const valid = new Float64Array(n).fill(1);
  let outOfRange = 0;
  for (let i = 0; i < n; i++) {
    const t = ctx.yTrue.data[i];
    if (ignore !== null && t === r(ignore)) { valid[i] = 0; continue; }
    if (!Number.isInteger(t) || (legacy && (t < 0 || t >= C))) {
      // Name the entry as the user wrote it (y_true may carry a trailing size-1 axis).
      const index = unravel(i, ctx.yTrue.shape.length > tShape.length ? [...tShape, 1] : tShape);
      const why = Number.isInteger(t)
        ? `expected a class id in [0, ${C}) (TensorFlow raises)` : 'sparse labels must be integer class ids';
      throw new EngineError(`${describeAt('y_true', index)} is ${t}: ${why}.`, 'y_true', index);
    }
    if (t < 0 || t >= C) {
      outOfRange++;
      labels[i] = -1;
      continue;
    }
    labels[i] = t;
  }
  if (outOfRange) {
    ctx.warn({
      code: 'label_out_of_range',
      message: `${outOfRange} label(s) outside [0, ${C}): Keras 3 (JAX/NumPy) silently scores them 0 and still counts them; TensorFlow raises.`,
      field: 'y_true',
    });
  }
  const values = new Float64Array(n);
  const LP = new Float64Array(n * C); // log-probabilities used
  const grad = ctx.wantGrad ? new Float64Array(n * C) : null;
  const prob = new Float64Array(C);
  for (let i = 0; i < n; i++) {
    const o = i * C;
    const l = labels[i];
    if (!valid[i]) continue;
    let s = 0;
    if (fromLogits) {
      logSoftmaxRow(P, o, C, LP, o, ctx.num);
    } else if (legacy) {
      // tf.keras 2 / TF backend: clip, then log, then a softmax cross-entropy (renormalise after clipping).
      for (let j = 0; j < C; j++) { prob[j] = clip(P[o + j], LO, HI); s = r(s + prob[j]); }
      const ls = r(Math.log(s));
      for (let j = 0; j < C; j++) LP[o + j] = r(r(Math.log(prob[j])) - ls);
    } else {
      for (let j = 0; j < C; j++) s = r(s + P[o + j]);
      for (let j = 0; j < C; j++) { prob[j] = r(P[o + j] / s); LP[o + j] = r(Math.log(clip(prob[j], LO, HI))); }
    }
    if (l < 0) continue;
    values[i] = -LP[o + l];
    if (!grad) continue;
    for (let j = 0; j < C; j++) {
      if (fromLogits) {
        grad[o + j] = Math.exp(LP[o + j]) - (j === l ? 1 : 0);
      } else if (legacy) {
        const pc = clip(P[o + j], LO, HI);
        const inside = P[o + j] >= LO && P[o + j] <= HI;
        grad[o + j] = inside ? 1 / s - (j === l ? 1 / pc : 0) : 0;
      } else {
        const inside = prob[l] >= LO && prob[l] <= HI;
        const gl = inside ? -1 / clip(prob[l], LO, HI) : 0;
        grad[o + j] = ((j === l ? gl : 0) - gl * prob[l]) / s;
      }
    }
  }
  const out: FamilyOutput = {
    values: { shape: outShape, data: values },
    outMask: ignore === null ? null : { shape: outShape, data: valid },
    backward: grad
      ? (c) => {
          const g = new Float64Array(grad.length);
          for (let i = 0; i < n; i++) for (let j = 0; j < C; j++) g[i * C + j] = c[i] * grad[i * C + j];
          return moveAxisBack(g, pShape, axis);
        }
      : null,
    steps: [],
  };
  if (ctx.wantSteps) {
    const full = (d: Float64Array) => ({ shape: pShape.slice(), data: storage(moveAxisBack(d, pShape, axis), ctx.num.dtype) });
    const oneHot = new Float64Array(n * C);
    labels.forEach((l, i) => { if (valid[i] && l >= 0) oneHot[i * C + l] = 1; });
    out.steps.push(step('one_hot', 'one_hot(y_true)', full(oneHot), 'y_pred'));
    const how = fromLogits ? 'log_softmax(y_pred)' : legacy ? 'log(clip(y_pred)) − log Σ clip(y_pred)' : `log(clip(y_pred / Σ y_pred, ε, 1 − ε))`;
    out.steps.push(step('log_p', how, full(LP), 'y_pred'));
    if (ignore !== null) out.steps.push(step('valid_mask', `y_true ≠ ${ignore}`, { shape: outShape, data: storage(valid, ctx.num.dtype) }, 'per_sample'));
    out.steps.push(step('per_sample', '−log p[label]', { shape: outShape, data: storage(values, ctx.num.dtype) }, 'per_sample'));
  }
  return out;
};
