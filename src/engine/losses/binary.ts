/**
 * Keras `binary_crossentropy` and `binary_focal_crossentropy`: per-entry binary cross-entropy,
 * then the MEAN over the feature axis (not the sum: a surprise to many users). The backend rules
 * (which BCE-from-logits formula, torch's range checks, each autodiff's conventions) live in
 * binaryBackend.ts.
 */
import type { KwargsOf } from '../catalog';
import { clip, sigmoidIn, sumRounded } from '../numerics';
import { moveAxisBack, sumToShape } from '../tensor';
import {
  entryTensor, rowsOutput, sameShapeOrThrow, sampleTensor, step, toRows,
  type Family, type FamilyContext, type FamilyOutput, type Rows,
} from './common';
import { kerasMean } from '../kerasMean';
import { bceLogitGrad, bceLogitValue, bceProbGrad, powGrad, torchRangeCheck } from './binaryBackend';

/** Binary smoothing squeezes labels toward 0.5: y * (1 - ls) + 0.5 * ls. */
function smooth(ctx: FamilyContext<{ label_smoothing: number }>, y: Float64Array): Float64Array {
  const ls = ctx.cfg.label_smoothing;
  if (ls === 0) return y;
  const r = ctx.num.r;
  const keep = r(1 - ls);
  const add = r(0.5 * ls);
  return y.map((v) => r(r(v * keep) + add));
}

/**
 * Clipped BCE of one probability: -[y log(pc) + (1-y) log(1-pc)], pc = clip(p, LO, HI).
 * tf.keras 2 also adds epsilon inside both logs, so its caps are -log(2 eps) instead of 16.118.
 */
function bceProb(y: number, p: number, ctx: FamilyContext): number {
  const { r, LO, HI, EPS } = ctx.num;
  const pc = clip(p, LO, HI);
  const legacy = ctx.semantics === 'tf_keras2';
  const a = r(Math.log(legacy ? r(pc + EPS) : pc));
  const b = r(Math.log(legacy ? r(r(1 - pc) + EPS) : r(1 - pc)));
  return -r(r(y * a) + r(r(1 - y) * b));
}

/**
 * The per-sample mean over the feature axis. Keras's `ops.mean` on JAX and torch computes in
 * result_type(dtype, float32), which is float32 even for float64 input (`rMean` rounds): each entry
 * is cast to float32 before the sum (kerasMean). TensorFlow's float64 and every float32 run: a sum
 * accumulated in float64 and rounded once.
 */
function meanRows(rows: Rows, e: Float64Array, ctx: FamilyContext): Float64Array {
  const { r, rMean, dtype } = ctx.num;
  const f32Mean = dtype === 'float64' && rMean(0.1) !== 0.1;
  const v = new Float64Array(rows.rows);
  for (let i = 0; i < rows.rows; i++) {
    v[i] = f32Mean ? kerasMean(e, ctx.num, ctx.backend, i * rows.D, (i + 1) * rows.D)
      : rMean(r(sumRounded(e, r, i * rows.D, (i + 1) * rows.D) / rows.D));
  }
  return v;
}

/** σ of every logit as the backend's float32 / float64 kernel gives it. */
function sigmoids(ctx: FamilyContext, z: Float64Array): Float64Array {
  return z.map((x) => sigmoidIn(x, ctx.num));
}

/** torch checks the clipped probabilities and the targets in y_pred's own (row-major) layout. */
function torchCheck(ctx: FamilyContext, rows: Rows, p: Float64Array, y: Float64Array, fromLogits: boolean): void {
  if (ctx.backend !== 'torch' || ctx.semantics !== 'keras3') return;
  const { LO, HI } = ctx.num;
  const back = (d: Float64Array) => moveAxisBack(d, rows.shape, rows.axis);
  torchRangeCheck(rows.shape, back(p.map((v) => clip(v, LO, HI))), back(y), back(rows.y), back(rows.p), fromLogits);
}

/**
 * The family output with a backward pass that feeds each entry its row's cotangent c_i / D and
 * lets `entryGrad` apply the backend's rules literally (a NaN cotangent where the backend selects 0
 * gives 0, where it multiplies gives NaN), instead of scaling a precomputed gradient.
 */
function output(
  ctx: FamilyContext, rows: Rows, values: Float64Array, entryGrad: (k: number, g: number) => number,
): FamilyOutput {
  const out = rowsOutput(ctx, rows, values, null);
  if (!ctx.wantGrad) return out;
  out.backward = (c) => {
    const g = new Float64Array(rows.rows * rows.D);
    for (let i = 0; i < rows.rows; i++) {
      const cu = c[i] / rows.D;
      for (let j = i * rows.D; j < (i + 1) * rows.D; j++) g[j] = entryGrad(j, cu);
    }
    return sumToShape(moveAxisBack(g, rows.shape, rows.axis), rows.shape, ctx.yPred.shape);
  };
  return out;
}

export const binaryCrossentropy: Family<KwargsOf<'binary_crossentropy'>> = (ctx) => {
  sameShapeOrThrow(ctx);
  const rows = toRows(ctx, ctx.yPred.shape);
  const fromLogits = ctx.cfg.from_logits;
  const { backend, num } = ctx;
  const legacy = ctx.semantics === 'tf_keras2';
  // B1: NumPy's binary_crossentropy applies a sigmoid to logits, then the clipped probability path.
  const viaSigmoid = fromLogits && backend === 'numpy';
  const y = smooth(ctx, rows.y);
  const p = viaSigmoid ? sigmoids(ctx, rows.p) : rows.p;
  if (!fromLogits) torchCheck(ctx, rows, p, y, false);
  const n = y.length;
  const e = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    e[k] = fromLogits && !viaSigmoid ? bceLogitValue(y[k], rows.p[k], num, backend) : bceProb(y[k], p[k], ctx);
  }
  const values = meanRows(rows, e, ctx);
  const out = output(ctx, rows, values, (k, g) => (fromLogits
    ? bceLogitGrad(g, y[k], rows.p[k], backend)
    : bceProbGrad(g, y[k], rows.p[k], num, backend, legacy)));
  if (ctx.wantSteps) {
    const { LO, HI, r } = num;
    const t = (d: Float64Array) => entryTensor(rows, d, num);
    if (y !== rows.y) out.steps.push(step('y_smoothed', 'y = y_true·(1 − ls) + ls/2', t(y), 'y_true'));
    if (fromLogits) {
      const how = viaSigmoid ? 'NumPy applies the sigmoid, then clips: each entry caps near 16.1'
        : backend === 'tensorflow' ? 'the loss uses TensorFlow\'s sigmoid_cross_entropy_with_logits: max(z, 0) − z·y + log1p(e^−|z|)'
          : backend === 'torch' ? 'the loss uses torch\'s binary_cross_entropy_with_logits: (1 − y)·z − log σ(z)'
            : 'the loss uses the stable log-sigmoid form −y·log σ(z) − (1 − y)·log σ(−z)';
      out.steps.push(step('sigmoid', `p = σ(y_pred) (${how})`, t(viaSigmoid ? p : rows.p.map((z) => r(sigmoidIn(z, num)))), 'y_pred'));
    }
    if (!fromLogits || viaSigmoid) {
      out.steps.push(step('p_clipped', 'p = clip(p, ε, 1 − ε)', t(p.map((v) => clip(v, LO, HI))), 'y_pred'));
    }
    out.steps.push(step('per_entry', 'bce = −[y·log(p) + (1 − y)·log(1 − p)]', t(e), 'y_pred'));
    out.steps.push(step('per_sample', `mean of bce over axis (${rows.D} entries)`, sampleTensor(rows, values, num), 'per_sample'));
  }
  return out;
};

export const binaryFocalCrossentropy: Family<KwargsOf<'binary_focal_crossentropy'>> = (ctx) => {
  sameShapeOrThrow(ctx);
  const rows = toRows(ctx, ctx.yPred.shape);
  const { from_logits: fromLogits, gamma, alpha, apply_class_balancing: balance } = ctx.cfg;
  const { backend, num } = ctx;
  const { r, LO, HI } = num;
  const legacy = ctx.semantics === 'tf_keras2';
  // B2: TensorFlow (and tf.keras 2) finds the logits behind ops.sigmoid and keeps them for the BCE term.
  const tfLogits = fromLogits && backend === 'tensorflow';
  const y = smooth(ctx, rows.y);
  const P = fromLogits ? sigmoids(ctx, rows.p) : rows.p;
  if (!tfLogits) torchCheck(ctx, rows, P, y, fromLogits);
  const n = y.length;
  const PT = new Float64Array(n), Q = new Float64Array(n), FF = new Float64Array(n);
  const W = new Float64Array(n), B = new Float64Array(n), E = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const yk = y[k];
    const p = P[k];
    const bce = tfLogits ? bceLogitValue(yk, rows.p[k], num, backend) : bceProb(yk, p, ctx);
    const pt = r(r(yk * p) + r(r(1 - yk) * r(1 - p)));
    const q = r(1 - pt);
    const ff = r(Math.pow(q, gamma));
    const w = balance ? r(r(yk * alpha) + r(r(1 - yk) * r(1 - alpha))) : 1;
    PT[k] = pt; Q[k] = q; FF[k] = ff; W[k] = w; B[k] = bce;
    E[k] = balance ? r(w * r(ff * bce)) : r(ff * bce);
  }
  const values = meanRows(rows, E, ctx);
  const out = output(ctx, rows, values, (k, g) => {
    const yk = y[k], p = P[k];
    const g1 = balance ? g * W[k] : g;
    // focal_bce = focal_factor·bce, focal_factor = (1 − p_t)^γ, p_t = y·p + (1 − y)·(1 − p).
    const gpt = -powGrad(g1 * B[k], Q[k], gamma, backend);
    let gp = gpt * yk + -(gpt * (1 - yk));
    const gb = g1 * FF[k];
    if (!tfLogits) gp += bceProbGrad(gb, yk, p, num, backend, legacy);
    if (!fromLogits) return gp;
    const gz = gp * p * (1 - p);
    return tfLogits ? gz + bceLogitGrad(gb, yk, rows.p[k], backend) : gz;
  });
  if (ctx.wantSteps) {
    const t = (d: Float64Array) => entryTensor(rows, d, num);
    if (y !== rows.y) out.steps.push(step('y_smoothed', 'y = y_true·(1 − ls) + ls/2', t(y), 'y_true'));
    if (fromLogits) out.steps.push(step('sigmoid', 'p = σ(y_pred)', t(P), 'y_pred'));
    if (tfLogits) {
      out.steps.push(step('bce_logits', 'TensorFlow keeps the logits behind the sigmoid: bce = max(z, 0) − z·y + log1p(e^−|z|) (stable, unclipped)', t(B), 'y_pred'));
    } else {
      out.steps.push(step('p_clipped', 'clip(p, ε, 1 − ε) inside the BCE', t(P.map((p) => clip(p, LO, HI))), 'y_pred'));
    }
    out.steps.push(step('p_t', 'p_t = y·p + (1 − y)·(1 − p) (unclipped p)', t(PT), 'y_pred'));
    out.steps.push(step('focal_factor', `focal_factor = (1 − p_t)^${gamma}`, t(FF), 'y_pred'));
    if (balance) out.steps.push(step('weight', `weight = y·${alpha} + (1 − y)·(1 − ${alpha})`, t(W), 'y_pred'));
    out.steps.push(step('per_entry', balance ? 'focal_bce = weight·focal_factor·bce' : 'focal_bce = focal_factor·bce', t(E), 'y_pred'));
    out.steps.push(step('per_sample', `mean of focal_bce over axis (${rows.D} entries)`, sampleTensor(rows, values, num), 'per_sample'));
  }
  return out;
};
