/**
 * Fused JS kernels for categorical_crossentropy and categorical_focal_crossentropy (spec 3.1-3.2;
 * sparse_categorical_crossentropy is in sparse.ts): per-sample value (SUM over the class axis) and
 * gradient. Probabilities are renormalised by the row sum before clipping; their gradient carries
 * the normalisation Jacobian d v / d p_k = (g_k - sum_j g_j r_j) / s. The gradient rows hold
 * g' = -g between passes. Entries with a zero label skip their logs (one-hot rows cost one).
 */
import { fexp, flog } from './fastmath';
import { HI, LO, OK, UNSUPPORTED, powMode, type KernelArrays } from './types';

const fround = Math.fround;

/** categorical_crossentropy, probabilities: r = fround(p / s), v = -sum_j y_j log(clip(r_j)). */
export function cceJs(k: KernelArrays, lsA: number, lsB: number): number {
  const { yTrue, yPred, rows, cols, out, grad, rowScale } = k;
  const smooth = lsA !== 1 || lsB !== 0;
  let check = 0;
  for (let i = 0, o = 0; i < rows; i++, o += cols) {
    const end = o + cols;
    let s = 0;
    for (let j = o; j < end; j++) s += yPred[j];
    s = fround(s);
    check += s - s;
    if (!(s > 0)) return UNSUPPORTED;
    let acc = 0;
    let sg = 0;
    for (let j = o; j < end; j++) {
      const y = smooth ? fround(yTrue[j] * lsA + lsB) : yTrue[j];
      check += y - y;
      if (y === 0) {
        if (grad !== null) grad[j] = 0;
        continue;
      }
      const r = fround(yPred[j] / s);
      const rc = r < LO ? LO : r > HI ? HI : r;
      acc += y * flog(rc);
      if (grad !== null) {
        const g = r === rc ? y / rc : 0;
        sg += g * r;
        grad[j] = g;
      }
    }
    out[i] = -acc;
    if (grad !== null) {
      const scale = (rowScale === null ? 1 : rowScale[i]) / s;
      for (let j = o; j < end; j++) grad[j] = (sg - grad[j]) * scale;
    }
  }
  return check === 0 ? OK : UNSUPPORTED;
}

/** categorical_crossentropy, logits: v = sum_j y_j (LSE(z) - z_j), d v / d z_k = (sum y) softmax_k - y_k. */
export function cceLogitsJs(k: KernelArrays, lsA: number, lsB: number): number {
  const { yTrue, yPred, rows, cols, out, grad, rowScale } = k;
  const smooth = lsA !== 1 || lsB !== 0;
  let check = 0;
  for (let i = 0, o = 0; i < rows; i++, o += cols) {
    const end = o + cols;
    let m = -Infinity;
    for (let j = o; j < end; j++) if (yPred[j] > m) m = yPred[j];
    let s = 0;
    let dot = 0;
    let sy = 0;
    for (let j = o; j < end; j++) {
      const d = yPred[j] - m;
      const e = fexp(d);
      s += e;
      if (grad !== null) grad[j] = e;
      const y = smooth ? fround(yTrue[j] * lsA + lsB) : yTrue[j];
      if (y !== 0) {
        dot += y * d;
        sy += y;
      }
      check += y - y;
    }
    check += m + s - (m + s);
    out[i] = sy * flog(s) - dot;
    if (grad !== null) {
      const c = rowScale === null ? 1 : rowScale[i];
      const scale = (sy * c) / s;
      for (let j = o; j < end; j++) {
        const y = smooth ? fround(yTrue[j] * lsA + lsB) : yTrue[j];
        grad[j] = grad[j] * scale - y * c;
      }
    }
  }
  return check === 0 ? OK : UNSUPPORTED;
}

/** Columns of one row with a non-zero label, their softmax numerators and g' (focal, logits). */
let hotCols = new Int32Array(16);
let hotE = new Float64Array(16);
let hotG = new Float64Array(16);

function reserveHot(cols: number): void {
  if (hotCols.length >= cols) return;
  hotCols = new Int32Array(cols);
  hotE = new Float64Array(cols);
  hotG = new Float64Array(cols);
}

/**
 * categorical_focal_crossentropy, probabilities or logits. With r_c the clipped renormalised
 * probability: v = sum_j alpha_j (1 - r_c)^gamma (-y_j log r_c). g'_j = -g_j =
 * [in_j] alpha_j y_j ((1-r_c)^gamma / r_c - gamma (1-r_c)^(gamma-1) log r_c), zero where y_j = 0.
 * Probabilities: d v / d p_k = (S' - g'_k) / s with S' = sum g'_j r_j; logits (p = softmax):
 * d v / d z_k = p_k (S' - g'_k) with S' = sum g'_j p_j. alpha: one value per class. The grad
 * row holds the softmax numerators between passes and the few non-zero g' sit in hot* arrays,
 * so each logit costs one exp.
 */
export function cfceJs(
  k: KernelArrays, lsA: number, lsB: number, gamma: number, alpha: Float32Array, logits: boolean,
): number {
  const { yTrue, yPred, rows, cols, out, grad, rowScale } = k;
  const smooth = lsA !== 1 || lsB !== 0;
  const mode = powMode(gamma);
  reserveHot(cols);
  let check = 0;
  for (let i = 0, o = 0; i < rows; i++, o += cols) {
    const end = o + cols;
    let m = 0;
    let s = 0;
    if (logits) {
      m = -Infinity;
      for (let j = o; j < end; j++) if (yPred[j] > m) m = yPred[j];
      // Numerators rounded to float32 (as Keras's float32 softmax is), so that they can wait in
      // the grad row and forward-only calls see the same values.
      if (grad !== null) {
        for (let j = o; j < end; j++) {
          const e = fround(fexp(yPred[j] - m));
          s += e;
          grad[j] = e;
        }
      } else {
        for (let j = o; j < end; j++) s += fround(fexp(yPred[j] - m));
      }
      check += m + s - (m + s);
    } else {
      for (let j = o; j < end; j++) s += yPred[j];
      s = fround(s);
      check += s - s;
      if (!(s > 0)) return UNSUPPORTED;
    }
    let acc = 0;
    let sg = 0;
    let hot = 0;
    for (let j = o, col = 0; j < end; j++, col++) {
      const y = smooth ? fround(yTrue[j] * lsA + lsB) : yTrue[j];
      check += y - y;
      if (y === 0) continue;
      const e = logits ? (grad !== null ? grad[j] : fround(fexp(yPred[j] - m))) : yPred[j];
      const r = fround(e / s);
      const rc = r < LO ? LO : r > HI ? HI : r;
      const lr = flog(rc);
      const base = fround(1 - rc);
      let fq: number;
      if (mode === 0) fq = 1;
      else if (mode === 1) {
        fq = base;
        for (let n = 1; n < gamma; n++) fq *= base;
      } else fq = fexp(gamma * flog(base));
      const al = alpha[col];
      acc += al * fq * (-y * lr);
      if (grad !== null) {
        const g = r === rc ? al * y * (fq / rc - ((gamma * fq) / base) * lr) : 0;
        sg += g * r;
        hotCols[hot] = j;
        hotE[hot] = e;
        hotG[hot] = g;
        hot++;
      }
    }
    out[i] = acc;
    if (grad !== null) {
      const scale = (rowScale === null ? 1 : rowScale[i]) / s;
      if (logits) {
        const base = scale * sg;
        for (let j = o; j < end; j++) grad[j] *= base;
        for (let h = 0; h < hot; h++) grad[hotCols[h]] = hotE[h] * scale * (sg - hotG[h]);
      } else {
        grad.fill(sg * scale, o, end);
        for (let h = 0; h < hot; h++) grad[hotCols[h]] = (sg - hotG[h]) * scale;
      }
    }
  }
  return check === 0 ? OK : UNSUPPORTED;
}
