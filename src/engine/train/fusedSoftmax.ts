/**
 * Fused training loop for categorical_crossentropy and categorical_focal_crossentropy on softmax
 * logits (rows of D classes, class axis last): softmax (from rowExp.ts's exponentials), the loss,
 * the engine's gradient with respect to what the loss reads, and dL/dz, row by row. Same backward
 * rules as losses/categoricalGrad.ts:
 * - CCE from logits: TensorFlow's fused op gives c·(softmax − y); JAX and torch c·(Σy·softmax − y).
 * - CCE from probabilities p = softmax(z): r = p / Σp, clipped to [ε, 1 − ε], −Σ y·log r. A row
 *   with every p well inside the clip range (margin 4x, beyond any rounding of r) has the
 *   closed form dL/dz = c·(Σy·p − y); other rows follow the clip / renormalise / softmax chain
 *   with the engine's dtype rounding of p, Σp and r, so clip decisions are the engine's.
 * - Focal: alpha·(1 − r)^gamma·(−y·log r) per entry, always through the chain.
 * log r is z − logsumexp(z) − log Σp where r is not clipped: no log per entry.
 */
import * as fastmath from '../kernels/fastmath';
import type { Num } from '../numerics';
import * as fastPow from './fastPow';
import { rowExp } from './rowExp';
import type { Evaluation, Stepper } from './stepper';

// Bound once: some module loaders (tsx, vite-node) compile imports to getters, one call per use.
const { flog } = fastmath, { fpow } = fastPow;

export interface SoftmaxSetup {
  n: number;
  D: number;
  /** Smoothed labels, n x D. */
  y: Float64Array;
  ysum: Float64Array;
  /** d(objective)/d(per-sample value). */
  coef: Float64Array;
  fromLogits: boolean;
  tfLogitsRule: boolean;
  focal: { gamma: number; A: Float64Array } | null;
  num: Num;
  jax: boolean;
  torch: boolean;
  countClips: boolean;
}

export function softmaxStepper(s: SoftmaxSetup): Stepper {
  const { n, D, y, ysum, coef, num } = s;
  const { LO, HI } = num, r = num.r;
  const inLo = 4 * LO, inHi = 1 - 4 * (1 - HI);
  const P = new Float64Array(n * D), gz = new Float64Array(n * D), v = new Float64Array(n), lse = new Float64Array(n), near = new Uint8Array(n);
  const Pr = new Float64Array(D), dR = new Float64Array(D), dP = new Float64Array(D);
  const gamma = s.focal?.gamma ?? 0, A = s.focal?.A ?? null;
  // float32: the kernels' inlined exp / log / pow (~1e-13, far below float32 rounding); float64: libm's.
  const precise = num.dtype === 'float64', pow = precise ? Math.pow : fpow;
  /** d clip(x)/dx applied to g: JAX multiplies (½ on a bound), TensorFlow and torch select. */
  const clipBack = (x: number, g: number): number => {
    if (s.jax) return g * (x > LO && x < HI ? 1 : x === LO || x === HI ? num.onBound : 0);
    return x >= LO && x <= HI ? g : 0;
  };
  const powBack = (base: number, g: number): number =>
    (gamma === 0 ? (s.torch ? 0 : g * 0) : g * (gamma * (gamma === 2 ? base : pow(base, gamma - 1))));
  let clipped = 0;

  /** The chain for one row (probability CCE near the clip, or focal): returns the per-sample value. */
  function chainRow(o: number, z: Float64Array, lse: number, c: number): number {
    let S = 0;
    for (let j = 0; j < D; j++) S += Pr[j] = r(P[o + j]);
    S = r(S);
    const logS = precise ? Math.log(S) : flog(S);
    let val = 0;
    for (let j = 0; j < D; j++) {
      const x = r(Pr[j] / S), yj = y[o + j];
      const rc = x < LO ? LO : x > HI ? HI : x;
      const logR = yj === 0 ? 0 : rc === x ? z[o + j] - lse - logS : Math.log(rc);
      if (A === null) {
        val -= yj * logR;
        dR[j] = clipBack(x, (-c * yj) / rc);
        continue;
      }
      const base = 1 - rc, cce = -yj * logR;
      const mf = gamma === 2 ? base * base : pow(base, gamma);
      val += mf * A[j] * cce;
      dR[j] = clipBack(x, -powBack(base, c * cce * A[j]) + (c * mf * A[j] * -yj) / rc);
    }
    let dS = 0;
    for (let j = 0; j < D; j++) dS += dR[j] * (-Pr[j] / S / S);
    let dot = 0, dotR = 0;
    for (let j = 0; j < D; j++) {
      dP[j] = dR[j] / S + dS;
      dot += P[o + j] * dP[j];
      dotR += Pr[j] * dP[j];
    }
    for (let j = 0; j < D; j++) {
      gz[o + j] = P[o + j] * (dP[j] - dot);
      // The engine's gradient is dL/dp from probabilities, dL/dz (through its softmax) from logits.
      const engine = s.fromLogits ? Pr[j] * (dP[j] - dotR) : dP[j];
      if (s.countClips && engine === 0 && (Pr[j] <= LO || Pr[j] >= HI)) clipped++;
    }
    return val;
  }

  const fromLogits = s.fromLogits, scale1 = fromLogits && s.tfLogitsRule, chainAll = A !== null;
  const ex = rowExp(n, D, precise);
  return {
    path: 'fused',
    evaluate(z: Float64Array): Evaluation {
      clipped = 0;
      // Closed form for every row first; rows near the clip (or focal) are redone by the chain.
      ex.update(z);
      closedRows(z, ex.E, ex.M, ex.S, y, ysum, coef, P, gz, v, lse, near, n, D, scale1, precise, inLo, inHi);
      let loss = 0;
      for (let i = 0, o = 0; i < n; i++, o += D) {
        if (chainAll || (!fromLogits && near[i])) v[i] = chainRow(o, z, lse[i], coef[i]);
        loss += coef[i] * v[i];
      }
      return { loss, gz, probs: P, perSample: v, clipped };
    },
  };
}

/**
 * Softmax (from the row exponentials E = exp(z − M) and their sums S), CCE value and
 * dL/dz = c·(k·p − y) (k = 1 for TensorFlow's logits rule, else Σy) for all rows, written with
 * plain locals: V8 keeps them in registers, where closure state is reloaded.
 */
function closedRows(
  z: Float64Array, E: Float64Array, M: Float64Array, S: Float64Array, y: Float64Array, ysum: Float64Array,
  coef: Float64Array, P: Float64Array, gz: Float64Array, v: Float64Array, lseOut: Float64Array, near: Uint8Array,
  n: number, D: number, scale1: boolean, precise: boolean, inLo: number, inHi: number,
): void {
  for (let i = 0, o = 0; i < n; i++, o += D) {
    const e = o + D, c = coef[i], ys = ysum[i], sum = S[i];
    const lse = M[i] + (precise ? Math.log(sum) : flog(sum)), inv = 1 / sum, cs = c * (scale1 ? 1 : ys);
    let yz = 0, out = 0;
    for (let j = o; j < e; j++) {
      const q = E[j] * inv, yj = y[j];
      P[j] = q;
      out |= q > inLo && q < inHi ? 0 : 1;
      yz += yj * z[j];
      gz[j] = cs * q - c * yj;
    }
    v[i] = ys * lse - yz;
    lseOut[i] = lse;
    near[i] = out;
  }
}
