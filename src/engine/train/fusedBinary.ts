/**
 * Fused training loop for binary_crossentropy and binary_focal_crossentropy on sigmoid logits, one
 * pass per entry (rows of D entries, the per-sample value is their mean). Same backward rules as
 * losses/binary.ts and binaryBackend.ts:
 * - BCE from logits: every backend's gradient is g·(σ(z) − y) for finite z.
 * - BCE from probabilities p = σ(z): inside the clip range the chain gives g·(p − y); on or past a
 *   bound, the clip's derivative (JAX ½ on a bound, TensorFlow and torch full on it, 0 past it)
 *   times g·(pc − y)/(pc·(1 − pc)), with p rounded to the compute dtype as the engine reads it.
 * - Focal: weight·(1 − p_t)^gamma·bce with p_t = y·p + (1 − y)(1 − p); TensorFlow from logits keeps
 *   the logits for the bce term (unclipped), the others clip σ(z).
 * The per-entry bce is softplus(z) − y·z wherever p is not clipped (one exp, one log1p per entry).
 */
import * as fastmath from '../kernels/fastmath';
import { sigmoidIn, type Num } from '../numerics';
import * as fastPow from './fastPow';
import type { Evaluation, Stepper } from './stepper';

// Bound once: some module loaders (tsx, vite-node) compile imports to getters, one call per use.
const { fexp, flog1p } = fastmath, { fpow } = fastPow;

export interface BinarySetup {
  n: number;
  D: number;
  y: Float64Array;
  coef: Float64Array;
  fromLogits: boolean;
  focal: { gamma: number; alpha: number; balance: boolean } | null;
  /** Binary focal from logits on TensorFlow: the bce term is sigmoid_cross_entropy_with_logits. */
  tfLogits: boolean;
  num: Num;
  jax: boolean;
  torch: boolean;
  countClips: boolean;
}

export function binaryStepper(s: BinarySetup): Stepper {
  const { n, D, y, coef, num, focal } = s;
  const { LO, HI } = num, r = num.r, f32 = num.dtype === 'float32';
  const nearLo = 4 * LO, nearHi = 1 - 4 * (1 - HI);
  const gamma = focal?.gamma ?? 0, alpha = focal?.alpha ?? 0, balance = focal?.balance ?? false;
  const probs = new Float64Array(n * D), gz = new Float64Array(n * D), v = new Float64Array(n);
  const factor = (x: number): number => (x > LO && x < HI ? 1 : x === LO || x === HI ? (s.jax ? num.onBound : 1) : 0);
  /** d bce/d p at the engine's probability P, with the clip's derivative applied (g the upstream). */
  const bceBack = (g: number, yk: number, P: number): number => {
    const f = factor(P);
    if (f === 0 && !s.jax) return 0;
    const pc = P < LO ? LO : P > HI ? HI : P;
    const d = s.torch ? Math.max((1 - pc) * pc, 1e-12) : pc * (1 - pc);
    return (g * (pc - yk) / d) * f;
  };
  /** Clipped-probability bce, as the engine rounds it, for a P on or past a bound. */
  const bceClipped = (yk: number, P: number): number => {
    const pc = P < LO ? LO : P > HI ? HI : P;
    return -(yk * r(Math.log(pc)) + (1 - yk) * r(Math.log(r(1 - pc))));
  };
  const pow = f32 ? fpow : Math.pow;
  const powGrad = (g: number, q: number): number =>
    (s.torch && gamma === 0 ? 0 : g * (gamma * (gamma === 2 ? q : pow(q, gamma - 1))));

  const precise = !f32; // float64: the libm exp and log1p, to the last bits
  return {
    path: 'fused',
    evaluate(z: Float64Array): Evaluation {
      // Locals, not closure state: V8 keeps them in registers through the hot loop.
      const { fromLogits, tfLogits, countClips, torch } = s, yv = y, cv = coef, pv = probs, gv = gz, lo = LO, hi = HI;
      let loss = 0, clipped = 0;
      for (let i = 0, o = 0; i < n; i++, o += D) {
        const g = cv[i] / D;
        let sum = 0;
        for (let k = o; k < o + D; k++) {
          const zk = z[k], yk = yv[k];
          const e = precise ? Math.exp(-Math.abs(zk)) : fexp(-Math.abs(zk)), inv = 1 / (1 + e);
          const p = zk >= 0 ? inv : e * inv;
          const sp = (zk > 0 ? zk : 0) + (precise ? Math.log1p(e) : flog1p(e));
          pv[k] = p;
          // The probability the engine reads: y_pred rounded, or its own sigmoid of the logit.
          const P = !fromLogits ? r(p) : f32 && (p < nearLo || p > nearHi) ? sigmoidIn(zk, num) : r(p);
          const inside = P > lo && P < hi;
          if (focal === null) {
            if (fromLogits || inside) {
              sum += sp - yk * zk;
              gv[k] = g * (p - yk);
            } else {
              sum += bceClipped(yk, P);
              const dp = bceBack(g, yk, P);
              gv[k] = dp * p * (1 - p);
              if (dp === 0) clipped++; // P = r(p) is on or past a bound here
            }
            continue;
          }
          // p_t and q rounded as the engine rounds them: in float32, q = 0 (a zero or NaN focal gradient) comes early.
          const pt = r(r(yk * P) + r(r(1 - yk) * r(1 - P))), q = r(1 - pt);
          const ff = gamma === 2 ? q * q : pow(q, gamma);
          const w = balance ? yk * alpha + (1 - yk) * (1 - alpha) : 1;
          const bce = tfLogits || inside ? sp - yk * zk : bceClipped(yk, P);
          sum += w * ff * bce;
          const g1 = balance ? g * w : g;
          const gpt = -powGrad(g1 * bce, q);
          let gp = gpt * yk - gpt * (1 - yk);
          const gb = g1 * ff;
          if (!tfLogits) gp += inside ? gb * (P - yk) / (torch ? Math.max((1 - P) * P, 1e-12) : P * (1 - P)) : bceBack(gb, yk, P);
          const tfTerm = tfLogits ? gb * (p - yk) : 0;
          gv[k] = gp * p * (1 - p) + tfTerm;
          const engine = fromLogits ? gp * P * (1 - P) + tfTerm : gp;
          if (countClips && engine === 0 && (r(p) <= lo || r(p) >= hi)) clipped++;
        }
        v[i] = num.rMean(sum / D); // float32 on JAX and torch even in float64, as Keras's ops.mean
        loss += cv[i] * v[i];
      }
      return { loss, gz, probs, perSample: v, clipped };
    },
  };
}
