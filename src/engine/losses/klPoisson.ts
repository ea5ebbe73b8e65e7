/**
 * Keras `kl_divergence` (sum over the last axis) and `poisson` (mean over the last axis).
 * Neither checks shapes: y_true and y_pred broadcast.
 */
import { clip } from '../numerics';
import {
  broadcastOrThrow, entryTensor, rowsOutput, sampleTensor, step, toRows, type Family,
} from './common';

/**
 * KL: both inputs are clipped to [eps, 1] (upper bound 1, not 1 - eps), so zero labels
 * contribute eps·log(eps/p): small and negative, and the divergence can dip below 0.
 */
export const klDivergence: Family = (ctx) => {
  const shape = broadcastOrThrow(ctx.yTrue.shape, ctx.yPred.shape, 'y_true and y_pred do not broadcast');
  const rows = toRows({ ...ctx, cfg: { axis: -1 } }, shape);
  const { r, LO } = ctx.num;
  const { rows: n, D } = rows;
  const YC = rows.y.map((y) => clip(y, LO, 1));
  const PC = rows.p.map((p) => clip(p, LO, 1));
  const E = new Float64Array(n * D);
  const values = new Float64Array(n);
  const grad = ctx.wantGrad ? new Float64Array(n * D) : null;
  let negative = 0;
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = i * D; j < (i + 1) * D; j++) {
      E[j] = r(YC[j] * r(Math.log(r(YC[j] / PC[j]))));
      v = r(v + E[j]);
      if (grad) grad[j] = rows.p[j] >= LO && rows.p[j] <= 1 ? -YC[j] / PC[j] : 0;
    }
    values[i] = v;
    if (v < 0) negative++;
  }
  if (negative) {
    ctx.warn({
      code: 'negative_kl',
      message: `${negative} per-sample KL value(s) are negative: Keras clips y_true to [1e-7, 1], so zero labels add 1e-7·log(1e-7/p).`,
      field: 'y_true',
    });
  }
  const out = rowsOutput(ctx, rows, values, grad);
  if (ctx.wantSteps) {
    const t = (d: Float64Array) => entryTensor(rows, d, ctx.num);
    out.steps.push(step('y_clipped', `clip(y_true, ε, 1)`, t(YC), 'y_true'));
    out.steps.push(step('p_clipped', `clip(y_pred, ε, 1)`, t(PC), 'y_pred'));
    out.steps.push(step('per_entry', 'y·log(y / p)', t(E), 'y_pred'));
    out.steps.push(step('per_sample', `sum over the last axis (${D} entries)`, sampleTensor(rows, values, ctx.num), 'per_sample'));
  }
  return out;
};

/** Poisson: mean(p − y·log(p + eps)); eps only inside the log, nothing clipped (p < −eps gives NaN). */
export const poisson: Family = (ctx) => {
  const shape = broadcastOrThrow(ctx.yTrue.shape, ctx.yPred.shape, 'y_true and y_pred do not broadcast');
  const rows = toRows({ ...ctx, cfg: { axis: -1 } }, shape);
  const { r, EPS } = ctx.num;
  const { rows: n, D } = rows;
  const E = new Float64Array(n * D);
  const values = new Float64Array(n);
  const grad = ctx.wantGrad ? new Float64Array(n * D) : null;
  let nan = -1;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = i * D; j < (i + 1) * D; j++) {
      const p = rows.p[j];
      E[j] = r(p - r(rows.y[j] * r(Math.log(r(p + EPS)))));
      if (Number.isNaN(E[j]) && nan < 0) nan = j;
      s = r(s + E[j]);
      if (grad) grad[j] = (1 - rows.y[j] / (p + EPS)) / D;
    }
    values[i] = ctx.num.rMean(r(s / D));
  }
  if (nan >= 0) {
    ctx.warn({
      code: 'nan',
      message: `y_pred has a value below −1e-7 (entry ${nan} in row-major order along the last axis): log(y_pred + eps) is NaN, as in Keras.`,
      field: 'y_pred',
    });
  }
  const out = rowsOutput(ctx, rows, values, grad);
  if (ctx.wantSteps) {
    const t = (d: Float64Array) => entryTensor(rows, d, ctx.num);
    out.steps.push(step('log_p', `log(y_pred + ε)`, t(rows.p.map((p) => r(Math.log(r(p + EPS))))), 'y_pred'));
    out.steps.push(step('per_entry', 'y_pred − y_true·log(y_pred + eps)', t(E), 'y_pred'));
    out.steps.push(step('per_sample', `mean over the last axis (${D} entries)`, sampleTensor(rows, values, ctx.num), 'per_sample'));
  }
  return out;
};
