/**
 * Fused JS kernels for binary_crossentropy and binary_focal_crossentropy (spec 2.1, 2.2):
 * per-sample value (MEAN over the last axis) and gradient in one pass. Float64 arithmetic with
 * float32 rounding (Math.fround) at the steps where Keras's float32 result depends on it:
 * smoothed labels, 1 - p_c, sigmoid outputs and p_t.
 */
import { fexp, flog } from './fastmath';
import { HI, LO, OK, UNSUPPORTED, powMode, type KernelArrays } from './types';

const fround = Math.fround;

/**
 * -(y log p_c + (1-y) log(1-p_c)) with q = 1 - p_c. A hard 0/1 label needs one log, of
 * q + y (p_c - q) (exactly p_c or q: both are float32, so the difference is exact in float64),
 * which avoids a data-dependent branch on random labels; the y*y === y test is predictable.
 */
export function clippedBce(y: number, pc: number, q: number): number {
  if (y * y === y) return -flog(q + y * (pc - q));
  return -(y * flog(pc) + (1 - y) * flog(q));
}

/**
 * binary_crossentropy. Labels are smoothed as fround(y lsA + lsB). Probabilities:
 * e = clipped BCE, de/dp = [LO <= p <= HI] (p_c - y) / (p_c (1 - p_c)). Logits (softplus form,
 * unclipped): e = max(z,0) - y z + log1p(exp(-|z|)), de/dz = sigma(z) - y.
 */
export function bceJs(k: KernelArrays, lsA: number, lsB: number, logits: boolean): number {
  const { yTrue, yPred, rows, cols, out, grad, rowScale } = k;
  const smooth = lsA !== 1 || lsB !== 0;
  let check = 0;
  for (let i = 0, o = 0; i < rows; i++, o += cols) {
    const c = (rowScale === null ? 1 : rowScale[i]) / cols;
    let acc = 0;
    for (let j = o, end = o + cols; j < end; j++) {
      const x = yPred[j];
      const y = smooth ? fround(yTrue[j] * lsA + lsB) : yTrue[j];
      const xy = x + y;
      check += xy - xy;
      if (logits) {
        // softplus(z) - y z with log1p(t) = log(u) + (t - (u - 1)) / u, u = 1 + t; the same
        // 1/u gives sigma(z) = (z >= 0 ? 1 : t) / u.
        const t = fexp(-Math.abs(x));
        const u = 1 + t;
        const inv = 1 / u;
        acc += (x > 0 ? x : 0) - y * x + (flog(u) + (t - (u - 1)) * inv);
        if (grad !== null) grad[j] = ((x >= 0 ? inv : t * inv) - y) * c;
      } else {
        const pc = x < LO ? LO : x > HI ? HI : x;
        const q = fround(1 - pc);
        acc += clippedBce(y, pc, q);
        if (grad !== null) grad[j] = x === pc ? ((pc - y) * c) / (pc * q) : 0;
      }
    }
    out[i] = acc / cols;
  }
  return check === 0 ? OK : UNSUPPORTED;
}

/**
 * binary_focal_crossentropy. p = y_pred or fround(sigma(z)); bce uses the clipped p, while
 * p_t = y p + (1-y)(1-p) and q = 1 - p_t use the unclipped p. With w = y alpha + (1-y)(1-alpha)
 * when balancing (else 1):
 *   e = w q^gamma bce,  de/dp = w (gamma q^(gamma-1) (1-2y) bce + q^gamma [in] (p_c-y)/(p_c(1-p_c))),
 *   de/dz = de/dp p (1-p).
 * The gamma term is 0 for gamma = 0; at q = 0, q^(gamma-1) is 0 (gamma > 1) or 1 (gamma = 1),
 * and infinite for 0 < gamma < 1 (flagged). q < 0 with a non-integer gamma is flagged (NaN).
 * alpha: one value per column.
 */
export function bfceJs(
  k: KernelArrays, lsA: number, lsB: number, gamma: number, alpha: Float32Array, balance: boolean, logits: boolean,
): number {
  const { yTrue, yPred, rows, cols, out, grad, rowScale } = k;
  const smooth = lsA !== 1 || lsB !== 0;
  const mode = powMode(gamma);
  const dq0 = 0;
  const flagZeroBase = grad !== null && gamma > 0 && gamma < 1;
  let check = 0;
  let flagged = false;
  for (let i = 0, o = 0; i < rows; i++, o += cols) {
    const c = (rowScale === null ? 1 : rowScale[i]) / cols;
    let acc = 0;
    for (let j = o, col = 0, end = o + cols; j < end; j++, col++) {
      const x = yPred[j];
      const y = smooth ? fround(yTrue[j] * lsA + lsB) : yTrue[j];
      const xy = x + y;
      check += xy - xy;
      // sigma(z) as Keras's float32 kernels round it (XLA: 1 / (1 + exp(-z)), each step in
      // float32): for large z, 1 - p is a few ulps and its rounding decides the bce.
      const p = logits ? fround(1 / fround(1 + fround(fexp(-x)))) : x;
      const pc = p < LO ? LO : p > HI ? HI : p;
      const pq = fround(1 - pc);
      const bce = clippedBce(y, pc, pq);
      const q = fround(1 - fround(y * p + (1 - y) * fround(1 - p)));
      // fq = q^gamma, dq = gamma q^(gamma-1) (0 when gamma = 0)
      let fq = 1;
      let dq = 0;
      if (mode === 1) {
        let below = 1;
        for (let n = 1; n < gamma; n++) below *= q;
        fq = below * q;
        dq = gamma * below;
      } else if (mode === 2) {
        if (q > 0) {
          fq = fexp(gamma * flog(q));
          dq = (gamma * fq) / q;
        } else {
          if (q < 0 || flagZeroBase) flagged = true;
          fq = 0;
          dq = dq0;
        }
      }
      const w = balance ? y * alpha[col] + (1 - y) * (1 - alpha[col]) : 1;
      acc += w * (fq * bce);
      if (grad !== null) {
        let dp: number;
        if (logits) {
          // d/dz = d/dp p (1-p); inside the clip (p_c - y)/(p_c (1-p_c)) p (1-p) is p - y.
          dp = w * (fq * (p === pc ? p - y : 0) - dq * (y - (1 - y)) * bce * p * (1 - p));
        } else {
          dp = w * (fq * (p === pc ? (pc - y) / (pc * pq) : 0) - dq * (y - (1 - y)) * bce);
        }
        grad[j] = dp * c;
      }
    }
    out[i] = acc / cols;
  }
  return check === 0 && !flagged ? OK : UNSUPPORTED;
}
