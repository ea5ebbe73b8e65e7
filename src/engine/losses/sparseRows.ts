/**
 * One row of sparse categorical cross-entropy (C class scores, one label) as each Keras backend
 * computes it, and its reverse-mode derivative as that backend's autodiff gives it, including
 * the NaN / Inf / clip-bound conventions (spec §8 B3, B6, B11).
 *
 * - `onehot` (jax, numpy): log_prob = log(clip(p / Σp)) or log_softmax(z); value = −Σ one_hot·log_prob,
 *   so a NaN (or −Inf logit) anywhere in the row makes the value NaN.
 * - `gather` (torch): nll_loss / cross_entropy read log_prob[label] only.
 * - `tf`: log(clip(p)) as logits into sparse_softmax_cross_entropy_with_logits, which
 *   renormalises after clipping: −log p_c,label + log Σ_j p_c,j (B3).
 */
import { clip, clipDeriv, logSoftmaxRow, sumRounded, type Num } from '../numerics';
import { TORCH_IGNORED } from './sparseLabels';

export type RowRule = 'onehot' | 'gather' | 'tf';

export interface RowCtx {
  rule: RowRule;
  fromLogits: boolean;
  C: number;
  num: Num;
}

/**
 * Forward pass of row `o` (offset in P). Fills lp[o..o+C) with the log-probabilities the
 * backend scored (TF: the shifted logits' log-softmax) and returns the per-sample value.
 * `label` is a class id, or a negative code from sparseLabels.
 */
export function forwardRow(rc: RowCtx, P: Float64Array, o: number, label: number, lp: Float64Array): number {
  const { C, num } = rc;
  const { r, LO, HI } = num;
  if (rc.fromLogits) {
    logSoftmaxRow(P, o, C, lp, o, num);
  } else if (rc.rule === 'tf') {
    // Logits log(clip(p)); the kernel shifts by their max and takes log Σ exp.
    let m = -Infinity;
    for (let j = 0; j < C; j++) {
      lp[o + j] = r(Math.log(clip(P[o + j], LO, HI)));
      if (lp[o + j] > m) m = lp[o + j];
    }
    let s = 0;
    for (let j = 0; j < C; j++) s += r(Math.exp(r(lp[o + j] - m)));
    const ls = r(Math.log(r(s)));
    const value = label >= 0 ? r(ls - r(lp[o + label] - m)) : 0;
    for (let j = 0; j < C; j++) lp[o + j] = r(r(lp[o + j] - m) - ls);
    return value;
  } else {
    const s = sumRounded(P, r, o, o + C);
    for (let j = 0; j < C; j++) lp[o + j] = r(Math.log(clip(r(P[o + j] / s), LO, HI)));
  }
  if (rc.rule !== 'onehot') return label >= 0 ? -lp[o + label] : 0;
  // −Σ_j one_hot_j·log_prob_j: 0·NaN and 0·(−Inf) are NaN.
  let nonFinite = false;
  for (let j = 0; j < C; j++) if (j !== label && !Number.isFinite(lp[o + j])) nonFinite = true;
  if (nonFinite) return NaN;
  return label >= 0 ? -lp[o + label] : 0;
}

/**
 * d(cv · value)/d(row) into g[o..o+C), given the upstream cotangent cv, following the backend's
 * autodiff step by step (multiplications by a zero cotangent stay NaN where the backend's do;
 * `where`-style masks give exact zeros).
 */
export function backwardRow(
  rc: RowCtx, P: Float64Array, o: number, label: number, cv: number, lp: Float64Array, g: Float64Array,
): void {
  const { C, num, rule } = rc;
  const { LO, HI } = num;
  // Cotangent of log_prob (TF: of the shifted logits' softmax cross-entropy).
  const glp = new Float64Array(C);
  for (let j = 0; j < C; j++) {
    if (rule === 'gather') glp[j] = j === label && label !== TORCH_IGNORED ? -cv : 0;
    else glp[j] = -cv * (j === label ? 1 : 0);
  }
  if (rc.fromLogits || rule === 'tf') {
    if (rule === 'tf') {
      // Kernel backprop: softmax − one_hot, scaled by the loss cotangent (label in range on TF).
      for (let j = 0; j < C; j++) glp[j] = cv * (Math.exp(lp[o + j]) - (j === label ? 1 : 0));
    } else {
      // log_softmax backward: g_j − softmax_j·Σ_k g_k.
      let sg = 0;
      for (let j = 0; j < C; j++) sg += glp[j];
      for (let j = 0; j < C; j++) glp[j] = glp[j] - Math.exp(lp[o + j]) * sg;
    }
    if (rc.fromLogits) { for (let j = 0; j < C; j++) g[o + j] = glp[j]; return; }
    // TF probabilities: d log(c)/dc = 1/c, then clip's gradient passes only where lo <= p <= hi.
    for (let j = 0; j < C; j++) {
      const p = P[o + j];
      g[o + j] = p >= LO && p <= HI ? glp[j] * (1 / p) : 0;
    }
    return;
  }
  // Probabilities, renormalised first: q = p / s, c = clip(q), log_prob = log(c).
  let s = 0;
  for (let j = 0; j < C; j++) s += P[o + j];
  s = num.r(s);
  let gs = 0;
  for (let j = 0; j < C; j++) {
    const q = num.r(P[o + j] / s);
    const gc = glp[j] / clip(q, LO, HI);
    // torch's clamp backward is a `where` (exact 0 outside and at NaN); JAX multiplies by its derivative.
    const gq = rule === 'gather' ? (q >= LO && q <= HI ? gc : 0) : gc * clipDeriv(q, LO, HI, num);
    g[o + j] = gq / s;
    gs += rule === 'gather' ? -gq * ((P[o + j] / s) / s) : -gq * P[o + j] * (1 / (s * s));
  }
  for (let j = 0; j < C; j++) g[o + j] += gs;
}
