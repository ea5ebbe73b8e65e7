/**
 * Keras `sparse_categorical_crossentropy`: integer labels against a class axis, with
 * `ignore_class` entries zeroed and reported as an output mask (the reduction then divides by
 * the number of valid entries). Each Keras backend reads the labels (sparseLabels.ts) and scores
 * a row (sparseRows.ts) its own way; this file checks the shapes and the class axis as each
 * backend does and assembles values, gradient and explain steps.
 */
import type { KwargsOf } from '../catalog';
import { EngineError, formatShape } from '../errors';
import { moveAxisBack, moveAxisLast, resolveAxis, sameShape, sizeOf, storage, unravel } from '../tensor';
import { step, type Family, type FamilyOutput } from './common';
import { readSparseLabels, type SparseContext } from './sparseLabels';
import { backwardRow, forwardRow, type RowCtx } from './sparseRows';

function shapeError(tShape: number[], pShape: number[]): EngineError {
  return new EngineError(
    `Arguments target and output must have the same shape up until the last dimension: ` +
      `target.shape=${formatShape(tShape)}, output.shape=${formatShape(pShape)} (y_true vs y_pred).`,
    'y_true',
  );
}

/**
 * The class axis and the label shape, checked as the backend checks them. Returns the resolved
 * axis, the label shape and the axis of y_true that was squeezed (or -1).
 */
function checkShapes(ctx: SparseContext): { axis: number; tShape: number[]; squeezed: number } {
  const pShape = ctx.yPred.shape;
  const R = pShape.length;
  if (R === 0) throw new EngineError('y_pred must be at least rank 1, received a scalar.', 'y_pred');
  const rawAxis = ctx.cfg.axis;
  const axis = resolveAxis(rawAxis, R);
  if (axis === null) throw new EngineError(`axis ${rawAxis} is out of range for y_pred of rank ${R}.`, 'config.axis');
  const legacy = ctx.semantics === 'tf_keras2';
  let tShape = ctx.yTrue.shape;
  let squeezed = -1;
  // keras.losses squeezes y_true along `axis` (tf.keras 2: the last axis), then JAX / NumPy / TF along -1.
  const sq = legacy ? R - 1 : axis;
  if (tShape.length === R && tShape[sq] === 1) squeezed = sq;
  else if (tShape.length === R && tShape[R - 1] === 1 && ctx.backend !== 'torch') squeezed = R - 1;
  if (squeezed >= 0) tShape = tShape.filter((_, i) => i !== squeezed);
  const withoutAxis = pShape.filter((_, i) => i !== axis);
  if (legacy || ctx.backend === 'torch') {
    // tf.keras 2 transposes any axis last; torch moves it to dim 1 for nll_loss.
    if (!sameShape(tShape, withoutAxis)) throw shapeError(ctx.yTrue.shape, pShape);
    return { axis, tShape, squeezed };
  }
  if (ctx.backend === 'tensorflow' && rawAxis !== -1 && rawAxis !== R - 1) {
    throw new EngineError(
      `Only axis=-1 is currently supported on the TensorFlow backend. Received: axis=${rawAxis} ` +
        `(y_pred has rank ${R}; the class axis must be the last).`,
      'config.axis',
    );
  }
  if (!sameShape(tShape, pShape.slice(0, -1))) throw shapeError(ctx.yTrue.shape, pShape);
  if (axis !== R - 1 && !sameShape(withoutAxis, tShape)) {
    // JAX / NumPy compute along `axis` only when one_hot(y_true, axis=axis) has y_pred's shape.
    throw new EngineError(
      `one_hot(y_true, ${pShape[axis]}, axis=${rawAxis}) of shape ${formatShape([...tShape.slice(0, axis), pShape[axis], ...tShape.slice(axis)])} ` +
        `does not broadcast against y_pred ${formatShape(pShape)}: Keras 3 supports only the last axis as the class axis ` +
        `(expected axis=-1 or ${R - 1}, received axis=${rawAxis}).`,
      'config.axis',
    );
  }
  return { axis, tShape, squeezed };
}

/** torch moves the class axis to dim 1; nll_loss2d's backward rejects the non-contiguous result. */
function torchGradError(ctx: SparseContext, axis: number): string | undefined {
  const shape = ctx.yPred.shape;
  if (ctx.backend !== 'torch' || ctx.cfg.from_logits || shape.length !== 4 || axis === 1) return undefined;
  const strides = shape.map((_, k) => sizeOf(shape.slice(k + 1)));
  const perm = [0, axis, ...[1, 2, 3].filter((k) => k !== axis)];
  let expected = 1;
  for (let i = 3; i >= 0; i--) {
    const size = shape[perm[i]];
    if (size === 1) continue;
    if (strides[perm[i]] !== expected) {
      return 'grad_input must be contiguous (torch: nll_loss2d backward on rank-4 probabilities whose class axis was moved to dim 1; the forward value is fine)';
    }
    expected *= size;
  }
  return undefined;
}

export const sparseCategoricalCrossentropy: Family<KwargsOf<'sparse_categorical_crossentropy'>> = (ctx: SparseContext) => {
  const { axis, tShape, squeezed } = checkShapes(ctx);
  const pShape = ctx.yPred.shape;
  const outShape = pShape.filter((_, i) => i !== axis);
  const C = pShape[axis];
  const n = sizeOf(outShape);
  const P = moveAxisLast(Float64Array.from(ctx.yPred.data), pShape, axis);
  const { from_logits: fromLogits, ignore_class: ignore } = ctx.cfg;
  const indexOf = (i: number): number[] => {
    const idx = unravel(i, tShape);
    if (squeezed >= 0) idx.splice(squeezed, 0, 0);
    return idx;
  };
  const { labels, valid } = readSparseLabels(ctx, C, ignore, indexOf);
  const rule = ctx.backend === 'tensorflow' ? 'tf' : ctx.backend === 'torch' ? 'gather' : 'onehot';
  const rc: RowCtx = { rule, fromLogits, C, num: ctx.num };
  const values = new Float64Array(n);
  const LP = new Float64Array(n * C);
  for (let i = 0; i < n; i++) {
    // Ignored entries: Keras zeroes their y_pred row and label, then their value (ops.where).
    if (valid[i]) values[i] = forwardRow(rc, P, i * C, labels[i], LP);
  }
  const out: FamilyOutput = {
    values: { shape: outShape, data: values },
    outMask: ignore === null ? null : { shape: outShape, data: valid },
    backward: ctx.wantGrad
      ? (cv) => {
          const g = new Float64Array(n * C);
          // ops.where(valid, y_pred, 0) gives ignored rows an exact zero gradient.
          for (let i = 0; i < n; i++) if (valid[i]) backwardRow(rc, P, i * C, labels[i], cv[i], LP, g);
          return moveAxisBack(g, pShape, axis);
        }
      : null,
    gradError: ctx.wantGrad ? torchGradError(ctx, axis) : undefined,
    steps: [],
  };
  if (ctx.wantSteps) {
    const full = (d: Float64Array) => ({ shape: pShape.slice(), data: storage(moveAxisBack(d, pShape, axis), ctx.num.dtype) });
    const oneHot = new Float64Array(n * C);
    labels.forEach((l, i) => { if (valid[i] && l >= 0) oneHot[i * C + l] = 1; });
    out.steps.push(step('one_hot', 'one_hot(int(y_true))', full(oneHot), 'y_pred'));
    const how = fromLogits
      ? 'log_softmax(y_pred)'
      : rule === 'tf'
        ? 'TensorFlow: log(clip(y_pred, ε, 1 − ε)) as logits, then log_softmax (renormalises after clipping)'
        : 'log(clip(y_pred / Σ y_pred, ε, 1 − ε))';
    out.steps.push(step('log_p', how, full(LP), 'y_pred'));
    if (ignore !== null) out.steps.push(step('valid_mask', `y_true ≠ ${ignore}`, { shape: outShape, data: storage(valid, ctx.num.dtype) }, 'per_sample'));
    const pick = rule === 'onehot' ? '−Σ one_hot · log_p' : rule === 'gather' ? 'torch nll_loss: −log_p[label]' : 'sparse_softmax_cross_entropy_with_logits: −log_p[label]';
    out.steps.push(step('per_sample', pick, { shape: outShape, data: storage(values, ctx.num.dtype) }, 'per_sample'));
  }
  return out;
};
