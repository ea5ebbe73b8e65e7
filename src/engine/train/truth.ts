/**
 * Each sample's "true-class probability" as training moves it, one definition per family, and
 * where it ends up at the loss's minimum when that has a closed form:
 * - categorical, categorical focal, KL divergence ('class'): the probability softmax(z) gives the
 *   class y_true's row is largest at (the first such); at the minimum over the simplex,
 *   −Σ a_j·y'_j·log p_j is smallest at p ∝ a·y', so the optimum is a_t·y'_t / Σ a_j·y'_j with y' the
 *   smoothed labels y(1 − ls) + ls/C and a the focal alpha (γ = 0 only); 1 − ls + ls/C for one-hot
 *   labels. KL divergence: clip(y, ε, 1)_t / Σ clip(y, ε, 1).
 * - sparse ('label'): softmax(z) at the integer label; NaN for ignore_class or a label out of range.
 *   Optimum 1 (sparse labels are never smoothed).
 * - binary, binary focal ('entries'): the mean over the sample's entries of the probability given
 *   to each entry's label read as 0/1 (σ(z) where y_true ≥ 0.5, else 1 − σ(z)). The BCE minimum
 *   puts σ(z) at the smoothed label y(1 − ls) + ls/2, so 1 − ls/2 for hard labels (C = 2).
 * - Poisson ('count'): the mean over the sample's entries of the Poisson probability of the
 *   observed count, λ^y·e^−λ / y! with λ = exp(z); at the minimum λ = y.
 * - CTC ('sequence'): exp(−per-sample loss), the probability of the label sequence; no optimum.
 * An optimum of 1 is approached as the logits grow, never reached. Focal losses with γ > 0 have a
 * closed form only for hard labels without smoothing (1); otherwise the optimum is NaN (unknown).
 */
import { EPSILON } from '../numerics';
import { broadcastTo } from '../tensor';
import type { Tensor } from '../types';
import { at } from './maps';
import type { Problem } from './problem';
import type { TrueProbKind } from './types';

export interface Truth {
  kind: TrueProbKind;
  /** Writes every sample's value from the family's probabilities (or, for CTC, per-sample losses). */
  fill(probs: Float64Array | null, perSample: ArrayLike<number>, out: Float64Array): void;
  /** Per sample, or null when the family has none. */
  optimum: Float64Array | null;
}

/** y_true in y_pred's layout: same size means same order (a squeezed or expanded label axis). */
function alignedTrue(p: Problem): Float64Array | null {
  const t = p.req.y_true as Tensor;
  if (t.data.length === p.shape.reduce((a, b) => a * b, 1)) return Float64Array.from(t.data);
  try {
    return broadcastTo(t, p.shape);
  } catch {
    return null;
  }
}

const num = (v: unknown, d: number) => (typeof v === 'number' ? v : d);

export function truthOf(p: Problem): Truth {
  const L = p.layout, n = p.count;
  if (!L) {
    return { kind: 'sequence', optimum: null, fill: (_q, v, out) => { for (let i = 0; i < n; i++) out[i] = Math.exp(-v[i]); } };
  }
  const y = p.fn === 'sparse_categorical_crossentropy' ? Float64Array.from((p.req.y_true as Tensor).data) : alignedTrue(p);
  if (!y) return { kind: 'class', optimum: null, fill: (_q, _v, out) => out.fill(NaN) };
  const gamma = num(p.kwargs.gamma, 0), ls = num(p.kwargs.label_smoothing, 0);
  const focal = p.fn.includes('focal') && gamma !== 0;
  const D = L.D;
  if (p.fn === 'sparse_categorical_crossentropy') {
    const ignore = p.kwargs.ignore_class ?? null;
    const t = Int32Array.from({ length: n }, (_, i) => (y.length === n && y[i] !== ignore && Number.isInteger(y[i]) && y[i] >= 0 && y[i] < D ? y[i] : -1));
    const ti = Int32Array.from(t, (c, i) => (c < 0 ? -1 : at(L, i, c)));
    return {
      kind: 'label',
      optimum: Float64Array.from(t, (c) => (c < 0 ? NaN : 1)),
      fill: (q, _v, out) => { for (let i = 0; i < n; i++) out[i] = ti[i] < 0 ? NaN : q![ti[i]]; },
    };
  }
  if (p.probs === 'softmax') {
    const t = new Int32Array(n), opt = new Float64Array(n);
    const alpha = p.kwargs.alpha;
    // Keras 3 smooths with C = y_true's last axis; tf.keras 2 with the class axis.
    const C = p.semantics === 'keras3' ? p.shape[p.shape.length - 1] : D;
    for (let i = 0; i < n; i++) {
      let best = 0, sum = 0;
      const w = (j: number) => {
        const v = y[at(L, i, j)];
        if (p.fn === 'kl_divergence') return Math.min(Math.max(v, EPSILON), 1);
        const a = Array.isArray(alpha) ? num(alpha[alpha.length === 1 ? 0 : j], NaN) : 1;
        return a * (v * (1 - ls) + ls / C);
      };
      for (let j = 0; j < D; j++) {
        if (y[at(L, i, j)] > y[at(L, i, best)]) best = j;
        sum += w(j);
      }
      t[i] = best;
      opt[i] = focal ? (ls === 0 && isOneHot(y, L, i) ? 1 : NaN) : w(best) / sum;
    }
    const ti = Int32Array.from(t, (c, i) => at(L, i, c));
    return { kind: 'class', optimum: opt, fill: (q, _v, out) => { for (let i = 0; i < n; i++) out[i] = q![ti[i]]; } };
  }
  if (p.probs === 'sigmoid') {
    const opt = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0, hard = true;
      for (let j = 0; j < D; j++) {
        const v = y[at(L, i, j)], target = Math.min(Math.max(v * (1 - ls) + ls / 2, 0), 1);
        hard &&= v === 0 || v === 1;
        s += v >= 0.5 ? target : 1 - target;
      }
      opt[i] = focal ? (ls === 0 && hard ? 1 : NaN) : s / D;
    }
    // Entries in row order, with the label read as 0/1: p_t = flip + sign·p.
    const idx = Int32Array.from({ length: n * D }, (_, k) => at(L, Math.floor(k / D), k % D));
    const flip = Float64Array.from(idx, (k) => (y[k] >= 0.5 ? 0 : 1));
    return {
      kind: 'entries', optimum: opt,
      fill: (q, _v, out) => {
        for (let i = 0, k = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < D; j++, k++) { const f = flip[k]; s += f + (1 - 2 * f) * q![idx[k]]; }
          out[i] = s / D;
        }
      },
    };
  }
  const lg = y.map((c) => (c >= 0 ? logGamma(c + 1) : NaN));
  const pmf = (c: number, lam: number, k: number) => (lam === 0 ? (c === 0 ? 1 : 0) : Math.exp(c * Math.log(lam) - lam - lg[k]));
  const opt = Float64Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let j = 0; j < D; j++) { const k = at(L, i, j); s += pmf(y[k], y[k], k); }
    return s / D;
  });
  return {
    kind: 'count', optimum: opt,
    fill: (q, _v, out) => {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < D; j++) { const k = at(L, i, j); s += pmf(y[k], q![k], k); }
        out[i] = s / D;
      }
    },
  };
}

function isOneHot(y: Float64Array, L: { D: number; inner: number; outer: number; rows: number }, i: number): boolean {
  let ones = 0;
  for (let j = 0; j < L.D; j++) {
    const v = y[at(L, i, j)];
    if (v === 1) ones++;
    else if (v !== 0) return false;
  }
  return ones === 1;
}

/** log Γ(x) for x >= 0.5 (Lanczos, g = 7, 9 terms: ~15 significant digits). */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
export function logGamma(x: number): number {
  if (!(x >= 0.5)) return NaN;
  const t = x - 1;
  let a = LANCZOS[0];
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (t + i);
  const u = t + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (t + 0.5) * Math.log(u) - u + Math.log(a);
}
