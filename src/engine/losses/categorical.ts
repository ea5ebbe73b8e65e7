/**
 * Keras `categorical_crossentropy` and `categorical_focal_crossentropy`. The probability path
 * renormalises each row to sum 1 BEFORE clipping, so the gradient carries the normalisation
 * Jacobian: d r_j / d p_k = (delta_jk - r_j) / s. The class axis is summed.
 */
import { EngineError } from '../errors';
import { clip, logSoftmaxRow } from '../numerics';
import { broadcastTo, moveAxisLast } from '../tensor';
import {
  broadcastOrThrow, entryTensor, num0, rowsOutput, sameShapeOrThrow, sampleTensor, step, toRows,
  type Family, type FamilyContext, type Rows,
} from './common';

/**
 * Categorical smoothing y * (1 - ls) + ls / C. Keras 3.15.1 takes C from y_true's LAST axis
 * whatever `axis` is; tf.keras 2's categorical_crossentropy used y_true.shape[axis].
 */
function smooth(ctx: FamilyContext, rows: Rows, byAxis: boolean): Float64Array {
  const ls = num0(ctx.cfg, 'label_smoothing');
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

/** Renormalised, clipped probabilities of a probability row (or softmax of a logit row). */
interface Prepared { R: Float64Array; RC: Float64Array; S: Float64Array; logR: Float64Array }

function prepare(rows: Rows, ctx: FamilyContext, fromLogits: boolean, softmaxThenRenorm: boolean): Prepared {
  const { r, LO, HI } = ctx.num;
  const { rows: n, D } = rows;
  const R = new Float64Array(n * D), RC = new Float64Array(n * D), logR = new Float64Array(n * D);
  const S = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * D;
    if (fromLogits) logSoftmaxRow(rows.p, o, D, logR, o, ctx.num);
    let s = 0;
    for (let j = 0; j < D; j++) s = r(s + (fromLogits ? r(Math.exp(logR[o + j])) : rows.p[o + j]));
    S[i] = s;
    for (let j = 0; j < D; j++) {
      const pj = fromLogits ? r(Math.exp(logR[o + j])) : rows.p[o + j];
      const rj = fromLogits && !softmaxThenRenorm ? pj : r(pj / s);
      R[o + j] = rj;
      RC[o + j] = clip(rj, LO, HI);
      if (!fromLogits || softmaxThenRenorm) logR[o + j] = r(Math.log(RC[o + j]));
    }
  }
  return { R, RC, S, logR };
}

export const categoricalCrossentropy: Family = (ctx) => {
  sameShapeOrThrow(ctx);
  warnSingleClass(ctx);
  const rows = toRows(ctx, ctx.yPred.shape);
  const fromLogits = ctx.cfg.from_logits === true;
  const y = smooth(ctx, rows, ctx.semantics === 'tf_keras2');
  const { r, LO, HI } = ctx.num;
  const { rows: n, D } = rows;
  const pr = prepare(rows, ctx, fromLogits, false);
  const values = new Float64Array(n);
  const E = new Float64Array(n * D);
  const grad = ctx.wantGrad ? new Float64Array(n * D) : null;
  for (let i = 0; i < n; i++) {
    const o = i * D;
    let v = 0, sy = 0, gr = 0;
    for (let j = 0; j < D; j++) {
      E[o + j] = -r(y[o + j] * pr.logR[o + j]);
      v = r(v + E[o + j]);
      sy += y[o + j];
      const inside = pr.R[o + j] >= LO && pr.R[o + j] <= HI;
      if (!fromLogits && inside) gr += (-y[o + j] / pr.RC[o + j]) * pr.R[o + j];
    }
    values[i] = v;
    if (!grad) continue;
    for (let j = 0; j < D; j++) {
      if (fromLogits) {
        // d/dz of -sum_j y_j log_softmax(z)_j = (sum y) softmax - y (TF backend: softmax - y).
        grad[o + j] = sy * Math.exp(pr.logR[o + j]) - y[o + j];
      } else {
        const inside = pr.R[o + j] >= LO && pr.R[o + j] <= HI;
        const g = inside ? -y[o + j] / pr.RC[o + j] : 0;
        grad[o + j] = (g - gr) / pr.S[i];
      }
    }
  }
  const out = rowsOutput(ctx, rows, values, grad);
  if (ctx.wantSteps) {
    const t = (d: Float64Array) => entryTensor(rows, d, ctx.num);
    if (y !== rows.y) out.steps.push(step('y_smoothed', 'y = y_true·(1 − ls) + ls/C', t(y), 'y_true'));
    if (fromLogits) {
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
function alphaRows(ctx: FamilyContext, rows: Rows): Float64Array {
  const alpha = ctx.cfg.alpha ?? 0.25;
  if (typeof alpha === 'number') return new Float64Array(rows.y.length).fill(alpha);
  const list = alpha as number[];
  const shape = broadcastOrThrow(rows.shape, [list.length],
    `alpha has ${list.length} entries but the class axis has ${rows.shape[rows.shape.length - 1]}`, 'config.alpha');
  if (shape.length !== rows.shape.length || shape.some((d, i) => d !== rows.shape[i])) {
    throw new EngineError('alpha must broadcast against y_pred without growing it.', 'config.alpha');
  }
  const full = broadcastTo({ shape: [list.length], data: Float64Array.from(list) }, shape);
  return moveAxisLast(full, shape, rows.axis);
}

export const categoricalFocalCrossentropy: Family = (ctx) => {
  if (ctx.yPred.shape.length === 0) throw new EngineError('y_pred must be at least rank 1.', 'y_pred');
  warnSingleClass(ctx);
  const shape = broadcastOrThrow(ctx.yTrue.shape, ctx.yPred.shape, 'y_true and y_pred do not broadcast');
  const rows = toRows(ctx, shape);
  const fromLogits = ctx.cfg.from_logits === true;
  const gamma = (ctx.cfg.gamma as number | undefined) ?? 2;
  const y = smooth(ctx, rows, false);
  const A = alphaRows(ctx, rows);
  const { r, LO, HI } = ctx.num;
  const { rows: n, D } = rows;
  // Keras applies softmax, then renormalises anyway, then clips.
  const pr = prepare(rows, ctx, fromLogits, true);
  const values = new Float64Array(n);
  const MF = new Float64Array(n * D), E = new Float64Array(n * D);
  const grad = ctx.wantGrad ? new Float64Array(n * D) : null;
  const g = new Float64Array(D);
  for (let i = 0; i < n; i++) {
    const o = i * D;
    let v = 0;
    for (let j = 0; j < D; j++) {
      const rc = pr.RC[o + j];
      const cce = -r(y[o + j] * pr.logR[o + j]);
      MF[o + j] = r(Math.pow(r(1 - rc), gamma));
      E[o + j] = r(r(MF[o + j] * A[o + j]) * cce);
      v = r(v + E[o + j]);
      if (grad) {
        const inside = pr.R[o + j] >= LO && pr.R[o + j] <= HI;
        const focal = gamma === 0 ? 0 : gamma * Math.pow(1 - rc, gamma - 1) * Math.log(rc);
        g[j] = inside ? A[o + j] * y[o + j] * (focal - Math.pow(1 - rc, gamma) / rc) : 0;
      }
    }
    values[i] = v;
    if (!grad) continue;
    let dot = 0;
    // Logits: d v/d z_k = p_k (g_k - sum_j p_j g_j), p = softmax = r * s (the renormaliser cancels).
    for (let j = 0; j < D; j++) dot += g[j] * (fromLogits ? pr.R[o + j] * pr.S[i] : pr.R[o + j]);
    for (let j = 0; j < D; j++) {
      grad[o + j] = fromLogits ? (pr.R[o + j] * pr.S[i]) * (g[j] - dot) : (g[j] - dot) / pr.S[i];
    }
  }
  const out = rowsOutput(ctx, rows, values, grad);
  if (ctx.wantSteps) {
    const t = (d: Float64Array) => entryTensor(rows, d, ctx.num);
    if (y !== rows.y) out.steps.push(step('y_smoothed', 'y = y_true·(1 − ls) + ls/C', t(y), 'y_true'));
    if (fromLogits) out.steps.push(step('softmax', 'p = softmax(y_pred)', t(pr.R), 'y_pred'));
    else out.steps.push(step('p_renormalised', 'p = y_pred / Σ y_pred', t(pr.R), 'y_pred'));
    out.steps.push(step('p_clipped', `output = clip(p, ε, 1 − ε)`, t(pr.RC), 'y_pred'));
    out.steps.push(step('modulating_factor', `(1 − output)^${gamma}`, t(MF), 'y_pred'));
    out.steps.push(step('per_entry', 'alpha·(1 − output)^gamma·(−y·log output)', t(E), 'y_pred'));
    out.steps.push(step('per_sample', `sum over axis (${D} classes)`, sampleTensor(rows, values, ctx.num), 'per_sample'));
  }
  return out;
};
