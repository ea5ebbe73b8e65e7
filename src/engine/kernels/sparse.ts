/**
 * Fused JS kernel for sparse_categorical_crossentropy (spec 3.3): integer labels against the
 * class axis, per-sample value and gradient; probabilities are renormalised before clipping.
 */
import { fexp, flog } from './fastmath';
import { HI, LO, OK, UNSUPPORTED, type KernelArrays } from './types';

const fround = Math.fround;

/** The label of row i, or -1 when the row contributes nothing (ignored, or outside [0, C)). */
function labelOf(labels: Float32Array, i: number, cols: number, ignore: number | null): number {
  const x = labels[i];
  if (ignore !== null && x === ignore) return -1;
  return x >= 0 && x < cols ? x : -1;
}

/**
 * sparse_categorical_crossentropy. Labels are integer-valued floats (checked by the caller).
 * Probabilities: v = -log(clip(p_t / s)), one log per row. Logits: v = LSE(z) - z_t,
 * d v / d z_k = softmax_k - [k = t]. Ignored rows and out-of-range labels give 0 and 0.
 */
export function scceJs(k: KernelArrays, ignore: number | null, logits: boolean): number {
  const { yTrue, yPred, rows, cols, out, grad, rowScale } = k;
  let check = 0;
  for (let i = 0, o = 0; i < rows; i++, o += cols) {
    const end = o + cols;
    const t = labelOf(yTrue, i, cols, ignore);
    if (t < 0) {
      out[i] = 0;
      if (grad !== null) grad.fill(0, o, end);
      continue;
    }
    const c = rowScale === null ? 1 : rowScale[i];
    if (logits) {
      let m = -Infinity;
      for (let j = o; j < end; j++) if (yPred[j] > m) m = yPred[j];
      let s = 0;
      if (grad !== null) {
        for (let j = o; j < end; j++) {
          const e = fexp(yPred[j] - m);
          s += e;
          grad[j] = e;
        }
        const scale = c / s;
        for (let j = o; j < end; j++) grad[j] *= scale;
        grad[o + t] -= c;
      } else {
        for (let j = o; j < end; j++) s += fexp(yPred[j] - m);
      }
      check += m + s - (m + s);
      out[i] = flog(s) - (yPred[o + t] - m);
    } else {
      let s = 0;
      for (let j = o; j < end; j++) s += yPred[j];
      s = fround(s);
      check += s - s;
      if (!(s > 0)) return UNSUPPORTED;
      const r = fround(yPred[o + t] / s);
      const rc = r < LO ? LO : r > HI ? HI : r;
      out[i] = -flog(rc);
      if (grad !== null) {
        const gl = r === rc ? 1 / rc : 0;
        const sg = gl * r;
        const scale = c / s;
        grad.fill(sg * scale, o, end);
        grad[o + t] = (sg - gl) * scale;
      }
    }
  }
  return check === 0 ? OK : UNSUPPORTED;
}

