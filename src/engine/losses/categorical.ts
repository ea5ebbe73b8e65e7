/**
 * Keras `categorical_crossentropy` and `categorical_focal_crossentropy`. The probability path
 * renormalises each row to sum 1 BEFORE clipping, so the gradient carries the normalisation
 * Jacobian: d r_j / d p_k = (delta_jk - r_j) / s. The class axis is summed.
 */
import type { KwargsOf } from '../catalog';
import { EngineError } from '../errors';
import { clip, logSoftmaxRow, sumRounded, type Num } from '../numerics';
import { broadcastTo, moveAxisLast } from '../tensor';
import {
  broadcastOrThrow, entryTensor, rowsOutput, sameShapeOrThrow, sampleTensor, step, toRows,
  type Family, type FamilyContext, type Rows,
} from './common';
import { cceLogitsBack, cceProbBack, cfceBack, upstreamBackward, type FocalRow } from './categoricalGrad';

/**
 * Categorical smoothing y * (1 - ls) + ls / C. Keras 3.15.1 takes C from y_true's LAST axis
 * whatever `axis` is; tf.keras 2's categorical_crossentropy used y_true.shape[axis].
 */
function smooth(ctx: FamilyContext<{ label_smoothing: number }>, rows: Rows, byAxis: boolean): Float64Array {
  const ls = ctx.cfg.label_smoothing;
  if (ls === 0) return rows.y;
  const shape = ctx.yTrue.shape;
  const C = byAxis ? rows.D : shape[shape.length - 1];
  const r = ctx.num.r;
  const keep = r(1 - ls);
  const add = r(ls / C);
  return rows.y.map((v) => r(r(v * keep) + add));
}

function warnSingleClass(ctx: FamilyContext): void {
  const s = ctx.yPred.shape;
  if (s[s.length - 1] === 1) {
    ctx.warn({
      code: 'single_class',
      message: `y_pred's last axis has size 1: Keras warns that categorical losses expect num_classes > 1; consider binary_crossentropy.`,
      field: 'y_pred',
    });
  }
}

/**
 * Per row: P the probabilities that get renormalised (y_pred, or softmax(y_pred) for CFCE from
 * logits), S = ΣP, R = P/S, RC = clip(R), logR = log RC. CCE from logits keeps logR = log_softmax
 * and P = softmax (for the gradient) and never renormalises.
 */
interface Prepared { P: Float64Array; R: Float64Array; RC: Float64Array; S: Float64Array; logR: Float64Array }

function prepare(rows: Rows, ctx: FamilyContext, fromLogits: boolean, softmaxThenRenorm: boolean): Prepared {
  const { r, LO, HI } = ctx.num;
  const { rows: n, D } = rows;
  const P = fromLogits ? new Float64Array(n * D) : rows.p;
  const R = new Float64Array(n * D), RC = new Float64Array(n * D), logR = new Float64Array(n * D);
  const S = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * D;
    if (fromLogits) softmaxRow(rows.p, o, D, P, ctx.num);
    if (fromLogits && !softmaxThenRenorm) {
      logSoftmaxRow(rows.p, o, D, logR, o, ctx.num);
      R.set(P.subarray(o, o + D), o);
      continue;
    }
    const s = sumRounded(P, r, o, o + D);
    S[i] = s;
    for (let j = 0; j < D; j++) {
      R[o + j] = r(P[o + j] / s);
      RC[o + j] = clip(R[o + j], LO, HI);
      logR[o + j] = r(Math.log(RC[o + j]));
    }
  }
  return { P, R, RC, S, logR };
}

/** softmax(z) of one row as Keras computes it: exp(z − max) / Σ exp(z − max). */
function softmaxRow(z: Float64Array, o: number, D: number, out: Float64Array, num: Num): void {
  const r = num.r;
  let m = -Infinity;
  for (let j = 0; j < D; j++) if (z[o + j] > m || Number.isNaN(z[o + j])) m = z[o + j];
  for (let j = 0; j < D; j++) out[o + j] = r(Math.exp(r(z[o + j] - m)));
  const s = sumRounded(out, r, o, o + D);
  for (let j = 0; j < D; j++) out[o + j] = r(out[o + j] / s);
}

/**
 * TensorFlow's tf.nn.softmax_cross_entropy_with_logits moves a non-last axis to the end with
 * range(axis): a negative axis other than −1 makes that range invalid and the op raises.
 */
function tfLogitsAxisOrThrow(ctx: FamilyContext<{ axis: number }>): void {
  const axis = ctx.cfg.axis;
  const rank = ctx.yPred.shape.length;
  if (axis < 0 && axis !== -1 && axis >= -rank) {
    throw new EngineError(
      `axis ${axis} with from_logits=True: TensorFlow's softmax_cross_entropy_with_logits moves the class axis ` +
        `to the end with range(${axis}), which raises (Requires start <= limit when delta > 0: 0/${axis}). ` +
        `The same axis written as ${rank + axis} computes.`,
      'config.axis',
    );
  }
}

export const categoricalCrossentropy: Family<KwargsOf<'categorical_crossentropy'>> = (ctx) => {
  sameShapeOrThrow(ctx);
  warnSingleClass(ctx);
  const fromLogits = ctx.cfg.from_logits;
  const tfLogits = fromLogits && ctx.backend === 'tensorflow';
  if (tfLogits) tfLogitsAxisOrThrow(ctx);
  const rows = toRows(ctx, ctx.yPred.shape);
  const y = smooth(ctx, rows, ctx.semantics === 'tf_keras2');
  const { r } = ctx.num;
  const { rows: n, D } = rows;
  const pr = prepare(rows, ctx, fromLogits, false);
  const values = new Float64Array(n);
  const E = new Float64Array(n * D);
  for (let i = 0; i < n; i++) {
    const o = i * D;
    for (let j = 0; j < D; j++) E[o + j] = r(y[o + j] * pr.logR[o + j]);
    values[i] = -sumRounded(E, r, o, o + D);
    for (let j = 0; j < D; j++) E[o + j] = -E[o + j];
  }
  const out = rowsOutput(ctx, rows, values, null);
  if (ctx.wantGrad) {
    const dR = new Float64Array(n * D);
    out.backward = upstreamBackward(rows, ctx.yPred.shape, (i, c, o, g) => {
      if (fromLogits) cceLogitsBack(ctx.backend, y, pr.P, c, o, D, g);
      else cceProbBack(ctx.backend, ctx.num, y, rows.p, pr.R, pr.RC, pr.S[i], c, o, D, dR, g);
    });
  }
  if (ctx.wantSteps) {
    const t = (d: Float64Array) => entryTensor(rows, d, ctx.num);
    if (y !== rows.y) out.steps.push(step('y_smoothed', 'y = y_true·(1 − ls) + ls/C', t(y), 'y_true'));
    if (tfLogits) {
      out.steps.push(step('log_softmax', 'TensorFlow softmax_cross_entropy_with_logits: log p = y_pred − logsumexp(y_pred) (gradient softmax − y)', t(pr.logR), 'y_pred'));
    } else if (fromLogits) {
      out.steps.push(step('log_softmax', 'log p = y_pred − logsumexp(y_pred)', t(pr.logR), 'y_pred'));
    } else {
      out.steps.push(step('p_renormalised', 'p = y_pred / Σ y_pred (each row sums to 1)', t(pr.R), 'y_pred'));
      out.steps.push(step('p_clipped', `p = clip(p, ε, 1 − ε)`, t(pr.RC), 'y_pred'));
      out.steps.push(step('log_p', 'log p', t(pr.logR), 'y_pred'));
    }
    out.steps.push(step('per_entry', '−y·log p', t(E), 'y_pred'));
    out.steps.push(step('per_sample', `sum over axis (${D} classes)`, sampleTensor(rows, values, ctx.num), 'per_sample'));
  }
  return out;
};

/** alpha (scalar or per-class list) broadcast along the LAST axis, as Keras's multiply does. */
function alphaRows(ctx: FamilyContext<{ alpha: number | number[] }>, rows: Rows): Float64Array {
  const alpha = ctx.cfg.alpha;
  if (typeof alpha === 'number') return new Float64Array(rows.y.length).fill(alpha);
  const list = alpha;
  const shape = broadcastOrThrow(rows.shape, [list.length],
    `alpha has ${list.length} entries but the class axis has ${rows.shape[rows.shape.length - 1]}`, 'config.alpha');
  if (shape.length !== rows.shape.length || shape.some((d, i) => d !== rows.shape[i])) {
    throw new EngineError('alpha must broadcast against y_pred without growing it.', 'config.alpha');
  }
  const full = broadcastTo({ shape: [list.length], data: Float64Array.from(list) }, shape);
  return moveAxisLast(full, shape, rows.axis);
}

export const categoricalFocalCrossentropy: Family<KwargsOf<'categorical_focal_crossentropy'>> = (ctx) => {
  if (ctx.yPred.shape.length === 0) throw new EngineError('y_pred must be at least rank 1.', 'y_pred');
  warnSingleClass(ctx);
  const shape = broadcastOrThrow(ctx.yTrue.shape, ctx.yPred.shape, 'y_true and y_pred do not broadcast');
  const rows = toRows(ctx, shape);
  const { from_logits: fromLogits, gamma } = ctx.cfg;
  const y = smooth(ctx, rows, false);
  const A = alphaRows(ctx, rows);
  const { r } = ctx.num;
  const { rows: n, D } = rows;
  // Keras applies softmax, then renormalises anyway, then clips.
  const pr = prepare(rows, ctx, fromLogits, true);
  const values = new Float64Array(n);
  const MF = new Float64Array(n * D), E = new Float64Array(n * D);
  for (let i = 0; i < n; i++) {
    const o = i * D;
    for (let j = 0; j < D; j++) {
      const cce = r(-y[o + j] * pr.logR[o + j]);
      MF[o + j] = r(Math.pow(r(1 - pr.RC[o + j]), gamma));
      E[o + j] = r(r(MF[o + j] * A[o + j]) * cce);
    }
    values[i] = sumRounded(E, r, o, o + D);
  }
  const out = rowsOutput(ctx, rows, values, null);
  if (ctx.wantGrad) {
    const f: FocalRow = { y, A, P: pr.P, R: pr.R, RC: pr.RC, logR: pr.logR, S: pr.S, gamma, fromLogits };
    const dR = new Float64Array(n * D), dP = new Float64Array(n * D);
    out.backward = upstreamBackward(rows, ctx.yPred.shape,
      (i, c, o, g) => cfceBack(ctx.backend, ctx.num, f, i, c, o, D, dR, dP, g));
  }
  if (ctx.wantSteps) {
    const t = (d: Float64Array) => entryTensor(rows, d, ctx.num);
    if (y !== rows.y) out.steps.push(step('y_smoothed', 'y = y_true·(1 − ls) + ls/C', t(y), 'y_true'));
    if (fromLogits) out.steps.push(step('softmax', 'p = softmax(y_pred)', t(pr.P), 'y_pred'));
    out.steps.push(step('p_renormalised', fromLogits ? 'p = p / Σ p (Keras renormalises the softmax too)' : 'p = y_pred / Σ y_pred', t(pr.R), 'y_pred'));
    out.steps.push(step('p_clipped', `output = clip(p, ε, 1 − ε)`, t(pr.RC), 'y_pred'));
    out.steps.push(step('modulating_factor', `(1 − output)^${gamma}`, t(MF), 'y_pred'));
    out.steps.push(step('per_entry', 'alpha·(1 − output)^gamma·(−y·log output)', t(E), 'y_pred'));
    out.steps.push(step('per_sample', `sum over axis (${D} classes)`, sampleTensor(rows, values, ctx.num), 'per_sample'));
  }
  return out;
};
