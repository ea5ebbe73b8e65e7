/**
 * Keras `binary_crossentropy` and `binary_focal_crossentropy`: per-entry binary cross-entropy,
 * then the MEAN over the feature axis (not the sum: a surprise to many users).
 */
import { clip, sigmoid, sigmoidIn, softplus, sumRounded } from '../numerics';
import {
  entryTensor, num0, rowsOutput, sameShapeOrThrow, sampleTensor, step, toRows,
  type Family, type FamilyContext, type Rows,
} from './common';

/** Binary smoothing squeezes labels toward 0.5: y * (1 - ls) + 0.5 * ls. */
function smooth(ctx: FamilyContext, y: Float64Array): Float64Array {
  const ls = num0(ctx.cfg, 'label_smoothing');
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

/** d bceProb / dp; exactly zero where p is clipped (inclusive bounds pass the full gradient). */
function bceProbGrad(y: number, p: number, ctx: FamilyContext): number {
  const { LO, HI, EPS } = ctx.num;
  if (p < LO || p > HI) return 0;
  if (ctx.semantics === 'tf_keras2') return -y / (p + EPS) + (1 - y) / (1 - p + EPS);
  return (p - y) / (p * (1 - p));
}

/** Stable BCE from a logit: y softplus(-z) + (1-y) softplus(z) (Keras uses log_sigmoid). */
function bceLogit(y: number, z: number, ctx: FamilyContext): number {
  const r = ctx.num.r;
  return r(r(y * r(softplus(-z))) + r(r(1 - y) * r(softplus(z))));
}

function meanRows(rows: Rows, e: Float64Array, ctx: FamilyContext): Float64Array {
  const { r, rMean } = ctx.num;
  const v = new Float64Array(rows.rows);
  for (let i = 0; i < rows.rows; i++) v[i] = rMean(r(sumRounded(e, r, i * rows.D, (i + 1) * rows.D) / rows.D));
  return v;
}

export const binaryCrossentropy: Family = (ctx) => {
  sameShapeOrThrow(ctx);
  const rows = toRows(ctx, ctx.yPred.shape);
  const fromLogits = ctx.cfg.from_logits === true;
  const y = smooth(ctx, rows.y);
  const n = y.length;
  const e = new Float64Array(n);
  const grad = ctx.wantGrad ? new Float64Array(n) : null;
  const { r } = ctx.num;
  for (let k = 0; k < n; k++) {
    const x = rows.p[k];
    e[k] = fromLogits ? bceLogit(y[k], x, ctx) : bceProb(y[k], x, ctx);
    if (grad) grad[k] = (fromLogits ? sigmoid(x) - y[k] : bceProbGrad(y[k], x, ctx)) / rows.D;
  }
  const values = meanRows(rows, e, ctx);
  const out = rowsOutput(ctx, rows, values, grad);
  if (ctx.wantSteps) {
    const { LO, HI } = ctx.num;
    if (y !== rows.y) out.steps.push(step('y_smoothed', 'y = y_true·(1 − ls) + ls/2', entryTensor(rows, y, ctx.num), 'y_true'));
    if (fromLogits) {
      out.steps.push(step('sigmoid', 'p = σ(y_pred) (the loss uses the stable softplus form)',
        entryTensor(rows, rows.p.map((z) => r(sigmoid(z))), ctx.num), 'y_pred'));
    } else {
      out.steps.push(step('p_clipped', `p = clip(y_pred, ε, 1 − ε)`,
        entryTensor(rows, rows.p.map((p) => clip(p, LO, HI)), ctx.num), 'y_pred'));
    }
    out.steps.push(step('per_entry', 'bce = −[y·log(p) + (1 − y)·log(1 − p)]', entryTensor(rows, e, ctx.num), 'y_pred'));
    out.steps.push(step('per_sample', `mean of bce over axis (${rows.D} entries)`, sampleTensor(rows, values, ctx.num), 'per_sample'));
  }
  return out;
};

export const binaryFocalCrossentropy: Family = (ctx) => {
  sameShapeOrThrow(ctx);
  const rows = toRows(ctx, ctx.yPred.shape);
  const fromLogits = ctx.cfg.from_logits === true;
  const gamma = (ctx.cfg.gamma as number | undefined) ?? 2;
  const alpha = (ctx.cfg.alpha as number | undefined) ?? 0.25;
  const balance = ctx.cfg.apply_class_balancing === true;
  const legacyLogits = fromLogits && ctx.semantics === 'tf_keras2';
  const { r, LO, HI } = ctx.num;
  const y = smooth(ctx, rows.y);
  const n = y.length;
  const P = new Float64Array(n), PT = new Float64Array(n), FF = new Float64Array(n);
  const W = new Float64Array(n), E = new Float64Array(n);
  const grad = ctx.wantGrad ? new Float64Array(n) : null;
  for (let k = 0; k < n; k++) {
    const yk = y[k];
    const x = rows.p[k];
    const p = fromLogits ? sigmoidIn(x, ctx.num) : x;
    // Keras 3 feeds sigmoid(z) to the clipped probability BCE; tf.keras 2 keeps the logits.
    const bce = legacyLogits ? bceLogit(yk, x, ctx) : bceProb(yk, p, ctx);
    const pt = r(r(yk * p) + r(r(1 - yk) * r(1 - p)));
    const q = r(1 - pt);
    const ff = r(Math.pow(q, gamma));
    const w = balance ? r(r(yk * alpha) + r(r(1 - yk) * r(1 - alpha))) : 1;
    P[k] = p; PT[k] = pt; FF[k] = ff; W[k] = w;
    E[k] = r(w * r(ff * bce));
    if (grad) {
      // q = 1 - p_t = y + p(1 - 2y); the gamma term is 0 at gamma = 0 (its true limit).
      const dq = 1 - 2 * yk;
      const focalTerm = gamma === 0 ? 0 : gamma * Math.pow(q, gamma - 1) * dq * bce;
      let g: number;
      if (legacyLogits) {
        g = w * (focalTerm * p * (1 - p) + ff * (p - yk));
      } else {
        g = w * (focalTerm + ff * bceProbGrad(yk, p, ctx));
        if (fromLogits) g *= p * (1 - p);
      }
      grad[k] = g / rows.D;
    }
  }
  const values = meanRows(rows, E, ctx);
  const out = rowsOutput(ctx, rows, values, grad);
  if (ctx.wantSteps) {
    const t = (d: Float64Array) => entryTensor(rows, d, ctx.num);
    if (y !== rows.y) out.steps.push(step('y_smoothed', 'y = y_true·(1 − ls) + ls/2', t(y), 'y_true'));
    if (fromLogits) out.steps.push(step('sigmoid', 'p = σ(y_pred)', t(P), 'y_pred'));
    out.steps.push(step('p_clipped', `clip(p, ε, 1 − ε) inside the BCE`, t(P.map((p) => clip(p, LO, HI))), 'y_pred'));
    out.steps.push(step('p_t', 'p_t = y·p + (1 − y)·(1 − p) (unclipped p)', t(PT), 'y_pred'));
    out.steps.push(step('focal_factor', `focal_factor = (1 − p_t)^${gamma}`, t(FF), 'y_pred'));
    if (balance) out.steps.push(step('weight', `weight = y·${alpha} + (1 − y)·(1 − ${alpha})`, t(W), 'y_pred'));
    out.steps.push(step('per_entry', balance ? 'focal_bce = weight·focal_factor·bce' : 'focal_bce = focal_factor·bce', t(E), 'y_pred'));
    out.steps.push(step('per_sample', `mean of focal_bce over axis (${rows.D} entries)`, sampleTensor(rows, values, ctx.num), 'per_sample'));
  }
  return out;
};
