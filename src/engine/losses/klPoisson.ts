/**
 * Keras `kl_divergence` (sum over the last axis) and `poisson` (mean over the last axis).
 * Neither checks shapes: y_true and y_pred broadcast.
 *
 * Gradients follow each backend's autodiff, which differ only where the inputs are not finite or
 * sit on a clip bound:
 * - JAX's clip is min/max, whose derivative is 1/2 exactly on a bound and 0 outside or at NaN; it
 *   multiplies, so a NaN upstream (NaN y_true, NaN sample_weight) times that 0 stays NaN.
 * - TensorFlow's `clip_by_value` and torch's `clamp` pass the full derivative on a bound and *select*
 *   zero outside [lo, hi] or at NaN: those entries get exactly 0 whatever flows in from above.
 * - A zero sample weight does not hide a NaN derivative on any backend (0 · NaN = NaN).
 */
import type { KwargsOf } from '../catalog';
import { cellName } from '../nonFinite';
import { kerasMean } from '../kerasMean';
import { clip, type Num } from '../numerics';
import { moveAxisBack, sumToShape, unravel } from '../tensor';
import type { KerasBackend } from '../types';
import {
  broadcastOrThrow, entryTensor, rowsOutput, sampleTensor, step, toRows, type Family, type FamilyContext,
  type FamilyOutput, type Rows,
} from './common';

/**
 * d(sum_i c_i v_i)/d y_pred = c_i · rowGrad as IEEE products (0 · NaN = NaN, as every backend's
 * autodiff multiplies), except at `selectedZero` entries, which TF/torch's clip gradient sets to 0.
 */
function entryBackward(
  ctx: FamilyContext, rows: Rows, rowGrad: Float64Array, selectedZero: Uint8Array | null,
): (c: Float64Array) => Float64Array {
  return (c) => {
    const g = new Float64Array(rowGrad.length);
    for (let i = 0; i < rows.rows; i++) {
      for (let j = i * rows.D; j < (i + 1) * rows.D; j++) g[j] = selectedZero?.[j] ? 0 : c[i] * rowGrad[j];
    }
    return sumToShape(moveAxisBack(g, rows.shape, rows.axis), rows.shape, ctx.yPred.shape);
  };
}

/** d clip(p, lo, hi)/dp on JAX, a factor: 1 inside, 1/2 on a bound, 0 outside and at NaN. */
function jaxClipFactor(p: number, lo: number, hi: number): number {
  if (p > lo && p < hi) return 1;
  return p === lo || p === hi ? 0.5 : 0;
}

/** TF/torch select 0 for the derivative of a clip outside [lo, hi] or at NaN. */
function selectsZero(p: number, lo: number, hi: number, backend: KerasBackend): boolean {
  return backend !== 'jax' && !(p >= lo && p <= hi);
}

/**
 * Warn (code `nan`) at the first per-entry term that is not finite, naming the cell: a NaN input
 * (y_true first, as the term reads it first), else `why(y, p)` for a finite-input cause.
 */
function nonFiniteTerm(
  ctx: FamilyContext, rows: Rows, E: Float64Array, loss: string, why: (y: number, p: number) => string,
): void {
  const j = E.findIndex((e) => !Number.isFinite(e));
  if (j < 0) return;
  const y = rows.y[j], p = rows.p[j];
  const index = unravel(j, rows.shape);
  const field = Number.isNaN(y) || (!Number.isFinite(y) && Number.isFinite(p)) ? 'y_true' : 'y_pred';
  const cause = Number.isNaN(y) || Number.isNaN(p) ? `${field} is NaN there` : why(y, p);
  ctx.warn({
    code: 'nan',
    message: `The ${loss} term at ${cellName(field, index)} (y_true = ${y}, y_pred = ${p}) is ${E[j]}: ${cause}, ` +
      'as in Keras (step per_entry); the per-sample value of its row follows it.',
    field, index,
  });
}

function withGradient(ctx: FamilyContext, rows: Rows, values: Float64Array, rowGrad: Float64Array | null, zero: Uint8Array | null): FamilyOutput {
  const out = rowsOutput(ctx, rows, values, null);
  if (rowGrad) out.backward = entryBackward(ctx, rows, rowGrad, zero);
  return out;
}

/**
 * KL: both inputs are clipped to [eps, 1] (upper bound 1, not 1 - eps), so zero labels
 * contribute eps·log(eps/p): small and negative, and the divergence can dip below 0.
 */
export const klDivergence: Family<KwargsOf<'kl_divergence'>> = (ctx) => {
  const shape = broadcastOrThrow(ctx.yTrue.shape, ctx.yPred.shape, 'y_true and y_pred do not broadcast');
  const rows = toRows({ ...ctx, cfg: { axis: -1 } }, shape);
  const { r, LO } = ctx.num;
  const { rows: n, D } = rows;
  const YC = rows.y.map((y) => clip(y, LO, 1));
  const PC = rows.p.map((p) => clip(p, LO, 1));
  const E = new Float64Array(n * D);
  const values = new Float64Array(n);
  const grad = ctx.wantGrad ? new Float64Array(n * D) : null;
  const zero = grad && ctx.backend !== 'jax' ? new Uint8Array(n * D) : null;
  let negative = 0;
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = i * D; j < (i + 1) * D; j++) {
      E[j] = r(YC[j] * r(Math.log(r(YC[j] / PC[j]))));
      v = r(v + E[j]);
      if (!grad) continue;
      const p = rows.p[j];
      // d/dp_c of y_c·log(y_c/p_c) is -y_c/p_c, NaN when p (hence p_c) is NaN.
      if (ctx.backend === 'jax') grad[j] = (-YC[j] / PC[j]) * jaxClipFactor(p, LO, 1);
      else if (selectsZero(p, LO, 1, ctx.backend)) zero![j] = 1;
      else grad[j] = -YC[j] / PC[j];
    }
    values[i] = v;
    if (v < 0) negative++;
  }
  nonFiniteTerm(ctx, rows, E, 'KL', () => 'a non-finite input');
  if (negative) {
    ctx.warn({
      code: 'negative_kl',
      message: `${negative} per-sample KL value(s) are negative: Keras clips y_true to [1e-7, 1], so zero labels add 1e-7·log(1e-7/p).`,
      field: 'y_true',
    });
  }
  const out = withGradient(ctx, rows, values, grad, zero);
  if (ctx.wantSteps) {
    const t = (d: Float64Array) => entryTensor(rows, d, ctx.num);
    const clipNote = ctx.backend === 'jax' ? 'JAX: d/dp is 1/2 exactly on a bound' : `${backendName(ctx.backend)}: d/dp is 0 outside [ε, 1] and at NaN`;
    out.steps.push(step('y_clipped', `clip(y_true, ε, 1)`, t(YC), 'y_true'));
    out.steps.push(step('p_clipped', `clip(y_pred, ε, 1) (${clipNote})`, t(PC), 'y_pred'));
    out.steps.push(step('per_entry', 'y·log(y / p)', t(E), 'y_pred'));
    out.steps.push(step('per_sample', `sum over the last axis (${D} entries)`, sampleTensor(rows, values, ctx.num), 'per_sample'));
  }
  return out;
};

function backendName(b: KerasBackend): string {
  return b === 'tensorflow' ? 'TensorFlow' : b === 'torch' ? 'PyTorch' : b === 'jax' ? 'JAX' : 'NumPy';
}

/** How the backend's `ops.mean` over the last axis rounds, for the step label. */
function meanNote(num: Num, backend: KerasBackend): string {
  if (num.dtype === 'float64' && (backend === 'jax' || backend === 'torch')) {
    return ` (${backendName(backend)}: Keras computes this mean in float32 even for float64 inputs)`;
  }
  return '';
}

/** Poisson: mean(p − y·log(p + eps)); eps only inside the log, nothing clipped (p < −eps gives NaN). */
export const poisson: Family<KwargsOf<'poisson'>> = (ctx) => {
  const shape = broadcastOrThrow(ctx.yTrue.shape, ctx.yPred.shape, 'y_true and y_pred do not broadcast');
  const rows = toRows({ ...ctx, cfg: { axis: -1 } }, shape);
  const { r, EPS } = ctx.num;
  const { rows: n, D } = rows;
  const E = new Float64Array(n * D);
  const values = new Float64Array(n);
  const grad = ctx.wantGrad ? new Float64Array(n * D) : null;
  for (let i = 0; i < n; i++) {
    for (let j = i * D; j < (i + 1) * D; j++) {
      const p = rows.p[j];
      E[j] = r(p - r(rows.y[j] * r(Math.log(r(p + EPS)))));
      if (grad) grad[j] = (1 - rows.y[j] / (p + EPS)) / D;
    }
    values[i] = kerasMean(E, ctx.num, ctx.backend, i * D, (i + 1) * D);
  }
  nonFiniteTerm(ctx, rows, E, 'Poisson', (_y, p) => {
    const pe = r(p + EPS);
    if (pe < 0) return 'y_pred is below −1e-7, and log(y_pred + ε) of a negative number is NaN';
    return pe === 0 ? 'y_pred = −1e-7 gives log(y_pred + ε) = log(0) = −∞' : 'an infinite input gives ∞ − ∞ or 0·∞';
  });
  const out = withGradient(ctx, rows, values, grad, null);
  if (ctx.wantSteps) {
    const t = (d: Float64Array) => entryTensor(rows, d, ctx.num);
    out.steps.push(step('log_p', `log(y_pred + ε)`, t(rows.p.map((p) => r(Math.log(r(p + EPS))))), 'y_pred'));
    out.steps.push(step('per_entry', 'y_pred − y_true·log(y_pred + eps)', t(E), 'y_pred'));
    out.steps.push(step('per_sample', `mean over the last axis (${D} entries)${meanNote(ctx.num, ctx.backend)}`, sampleTensor(rows, values, ctx.num), 'per_sample'));
  }
  return out;
};
