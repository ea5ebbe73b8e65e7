/**
 * Backward passes of the categorical losses, written op by op as each Keras backend's autodiff
 * runs them, so that NaN, ±Infinity and clip-bound ties come out where that backend puts them.
 * The row upstream c_i (d total / d per-sample value) enters at the top, as in autodiff: a zero
 * weight times a NaN local derivative is NaN, not 0.
 *
 * Per op (Keras 3.15.1, keras/src/backend/<b>/nn.py and numpy.py):
 * - clip: JAX's jnp.clip is max(lo, min(hi, x)); lax.max/min JVPs pass 1/2 of the gradient on a tie
 *   and multiply by 0 outside (so an infinite upstream gives NaN there). TensorFlow's
 *   tf.clip_by_value is also min/max, but its gradients SELECT (`where(x >= lo, g, 0)`), and torch's
 *   clamp backward is `where(lo <= x <= hi, g, 0)`: full gradient on a bound, exactly 0 outside
 *   and at a NaN entry.
 * - y_pred / sum(y_pred): d p_k = d r_k / s + Σ_j d r_j · (−p_j / s / s).
 * - log_softmax (JAX, torch): d z = g − softmax · Σ g.
 * - softmax: d z = p · (g − Σ p·g) on every backend.
 * - TensorFlow's tf.nn.softmax_cross_entropy_with_logits (CCE from_logits): its registered
 *   gradient is `(softmax − labels) · upstream`, whatever the labels sum to (spec §8 B5).
 */
import type { KerasBackend } from '../types';
import type { Num } from '../numerics';
import { moveAxisBack, sumToShape } from '../tensor';
import type { Rows } from './common';

/** d clip(x, lo, hi)/dx applied to an upstream g, as `backend`'s autodiff does it. */
export function clipBack(x: number, lo: number, hi: number, g: number, backend: KerasBackend): number {
  if (backend === 'jax') {
    const f = x > lo && x < hi ? 1 : x === lo || x === hi ? 0.5 : 0;
    return g * f;
  }
  return x >= lo && x <= hi ? g : 0;
}

/**
 * Backward of r = p / Σp over one row (o..o+D): given dR = d total/d r, writes d total/d p into out.
 */
export function renormBack(
  p: Float64Array, s: number, dR: Float64Array, o: number, D: number, out: Float64Array,
): void {
  let dS = 0;
  for (let j = 0; j < D; j++) dS += dR[o + j] * (-p[o + j] / s / s);
  for (let j = 0; j < D; j++) out[o + j] = dR[o + j] / s + dS;
}

/** Backward of p = softmax(z) over one row: p · (g − Σ p·g). */
export function softmaxBack(p: Float64Array, g: Float64Array, o: number, D: number, out: Float64Array): void {
  let dot = 0;
  for (let j = 0; j < D; j++) dot += g[o + j] * p[o + j];
  for (let j = 0; j < D; j++) out[o + j] = p[o + j] * (g[o + j] - dot);
}

/**
 * CCE from logits, one row with upstream c: TensorFlow's fused op gives c·(softmax − y); JAX and
 * torch differentiate −Σ y·log_softmax(z): g = −c·y, d z = g − softmax·Σg = c·((Σy)·softmax − y).
 */
export function cceLogitsBack(
  backend: KerasBackend, y: Float64Array, sm: Float64Array, c: number, o: number, D: number, out: Float64Array,
): void {
  if (backend === 'tensorflow') {
    for (let j = 0; j < D; j++) out[o + j] = c * (sm[o + j] - y[o + j]);
    return;
  }
  let sg = 0;
  for (let j = 0; j < D; j++) sg += -c * y[o + j];
  for (let j = 0; j < D; j++) out[o + j] = -c * y[o + j] - sm[o + j] * sg;
}

/**
 * CCE on probabilities, one row with upstream c: value = −Σ y·log(clip(p/Σp)).
 * R: p/Σp before the clip, RC: after it.
 */
export function cceProbBack(
  backend: KerasBackend, num: Num, y: Float64Array, p: Float64Array, R: Float64Array, RC: Float64Array,
  s: number, c: number, o: number, D: number, dR: Float64Array, out: Float64Array,
): void {
  for (let j = 0; j < D; j++) {
    const dLog = -c * y[o + j];
    dR[o + j] = clipBack(R[o + j], num.LO, num.HI, dLog / RC[o + j], backend);
  }
  renormBack(p, s, dR, o, D, out);
}

/**
 * A FamilyOutput backward that runs a row's backward with its upstream c_i (rows layout), then
 * maps the result back onto y_pred's shape (summing over broadcast axes).
 */
export function upstreamBackward(
  rows: Rows, yPredShape: number[],
  rowBack: (i: number, c: number, o: number, out: Float64Array) => void,
): (c: Float64Array) => Float64Array {
  return (c) => {
    const g = new Float64Array(rows.rows * rows.D);
    for (let i = 0; i < rows.rows; i++) rowBack(i, c[i], i * rows.D, g);
    return sumToShape(moveAxisBack(g, rows.shape, rows.axis), rows.shape, yPredShape);
  };
}

/**
 * d base^gamma / d base applied to g (gamma a constant, base = 1 − o in (0, 1]). gamma = 0: JAX and
 * TensorFlow multiply g by 0 (NaN stays NaN), torch's pow backward returns zeros outright.
 */
function powBack(base: number, gamma: number, g: number, backend: KerasBackend): number {
  if (gamma === 0) return backend === 'torch' ? 0 : g * 0;
  return g * (gamma * Math.pow(base, gamma - 1));
}

/** What the CFCE row backward reads from the forward pass. */
export interface FocalRow {
  y: Float64Array; A: Float64Array; P: Float64Array; R: Float64Array; RC: Float64Array; logR: Float64Array;
  S: Float64Array; gamma: number; fromLogits: boolean;
}

/**
 * CFCE, one row with upstream c: Σ alpha·(1 − o)^gamma·(−y·log o), o = clip(P/ΣP), P = softmax(z)
 * from logits. dR and dP are scratch buffers in the rows layout.
 */
export function cfceBack(
  backend: KerasBackend, num: Num, f: FocalRow, i: number, c: number, o: number, D: number,
  dR: Float64Array, dP: Float64Array, out: Float64Array,
): void {
  for (let j = 0; j < D; j++) {
    const k = o + j;
    const rc = f.RC[k];
    const base = 1 - rc;
    const cce = -f.y[k] * f.logR[k];
    const wf = Math.pow(base, f.gamma) * f.A[k];
    const dBase = powBack(base, f.gamma, c * cce * f.A[k], backend);
    const dOut = -dBase + (c * wf * -f.y[k]) / rc;
    dR[k] = clipBack(f.R[k], num.LO, num.HI, dOut, backend);
  }
  if (!f.fromLogits) {
    renormBack(f.P, f.S[i], dR, o, D, out);
    return;
  }
  renormBack(f.P, f.S[i], dR, o, D, dP);
  softmaxBack(f.P, dP, o, D, out);
}
