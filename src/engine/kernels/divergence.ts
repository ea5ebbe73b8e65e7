/**
 * Fused JS kernels for kl_divergence (SUM over the last axis) and poisson (MEAN), spec 4.1, 4.2.
 */
import { flog } from './fastmath';
import { EPS, LO, OK, UNSUPPORTED, type KernelArrays } from './types';

const fround = Math.fround;

/**
 * kl_divergence: y and p are both clipped to [LO, 1]; v = sum_j y_c log(fround(y_c / p_c)),
 * d v / d p_j = -[LO <= p_j <= 1] y_c / p_c.
 */
export function kldJs(k: KernelArrays): number {
  const { yTrue, yPred, rows, cols, out, grad, rowScale } = k;
  let check = 0;
  for (let i = 0, o = 0; i < rows; i++, o += cols) {
    const c = rowScale === null ? 1 : rowScale[i];
    let acc = 0;
    for (let j = o, end = o + cols; j < end; j++) {
      const p = yPred[j];
      const y = yTrue[j];
      const xy = p + y;
      check += xy - xy;
      const pc = p < LO ? LO : p > 1 ? 1 : p;
      const yc = y < LO ? LO : y > 1 ? 1 : y;
      const ratio = fround(yc / pc);
      acc += yc * flog(ratio);
      if (grad !== null) grad[j] = p === pc ? -ratio * c : 0;
    }
    out[i] = acc;
  }
  return check === 0 ? OK : UNSUPPORTED;
}

/** poisson: v = mean_j (p - y log(p + EPS)), d v / d p_j = (1 - y / (p + EPS)) / D. p + EPS <= 0 is flagged. */
export function poissonJs(k: KernelArrays): number {
  const { yTrue, yPred, rows, cols, out, grad, rowScale } = k;
  let check = 0;
  for (let i = 0, o = 0; i < rows; i++, o += cols) {
    const c = (rowScale === null ? 1 : rowScale[i]) / cols;
    let acc = 0;
    for (let j = o, end = o + cols; j < end; j++) {
      const p = yPred[j];
      const y = yTrue[j];
      const xy = p + y;
      check += xy - xy;
      const pe = fround(p + EPS);
      if (!(pe > 0)) return UNSUPPORTED;
      acc += y === 0 ? p : p - y * flog(pe);
      if (grad !== null) grad[j] = (1 - y / pe) * c;
    }
    out[i] = acc / cols;
  }
  return check === 0 ? OK : UNSUPPORTED;
}
