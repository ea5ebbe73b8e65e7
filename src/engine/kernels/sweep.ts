/**
 * JS focal gamma sweeps (the fallback of the WASM sweep kernels): the summed loss at `count`
 * evenly spaced gammas g0 + k dg. Logs are computed once per element and the powers walked by
 * the recurrence h_{k+1} = h_k q^dg, re-anchored with a fresh exp every 32 steps.
 */
import { fexp, flog } from './fastmath';
import { HI, LO, OK, UNSUPPORTED } from './types';
import { clippedBce } from './binary';

const fround = Math.fround;
const ANCHOR = 32;

/** Adds b q^(g0 + k dg) for k < count into totals, with 0^0 = 1. */
function walk(b: number, q: number, g0: number, dg: number, count: number, totals: Float64Array): void {
  if (b === 0) return;
  if (q === 0) {
    for (let k = 0; k < count; k++) if (g0 + k * dg === 0) totals[k] += b;
    return;
  }
  const lq = flog(q);
  const r = fexp(dg * lq);
  let h = b * fexp(g0 * lq);
  for (let k = 0; k < count; k++) {
    if (k > 0 && k % ANCHOR === 0) h = b * fexp((g0 + k * dg) * lq);
    totals[k] += h;
    h *= r;
  }
}

/**
 * binary_focal_crossentropy sweep over a [rows, cols] batch; alpha per column. totals[k]
 * receives the sum of the per-entry losses at gamma_k (the caller divides by rows * cols).
 */
export function bfceSweepJs(
  yTrue: Float32Array, yPred: Float32Array, rows: number, cols: number, logits: boolean, lsA: number,
  lsB: number, alpha: Float32Array, balance: boolean, g0: number, dg: number, count: number, totals: Float64Array,
): number {
  totals.fill(0, 0, count);
  const smooth = lsA !== 1 || lsB !== 0;
  let check = 0;
  for (let j = 0, col = 0, n = rows * cols; j < n; j++, col = col + 1 === cols ? 0 : col + 1) {
    const x = yPred[j];
    const y = smooth ? fround(yTrue[j] * lsA + lsB) : yTrue[j];
    const xy = x + y;
    check += xy - xy;
    const p = logits ? fround(1 / fround(1 + fround(fexp(-x)))) : x;
    const pc = p < LO ? LO : p > HI ? HI : p;
    const pq = fround(1 - pc);
    let bce = clippedBce(y, pc, pq);
    if (balance) bce *= y * alpha[col] + (1 - y) * (1 - alpha[col]);
    const q = fround(1 - fround(y * p + (1 - y) * fround(1 - p)));
    if (q < 0) return UNSUPPORTED;
    walk(bce, q, g0, dg, count, totals);
  }
  return check === 0 ? OK : UNSUPPORTED;
}

/** categorical_focal_crossentropy sweep over a [rows, cols] batch; alpha per class. */
export function cfceSweepJs(
  yTrue: Float32Array, yPred: Float32Array, rows: number, cols: number, logits: boolean, lsA: number,
  lsB: number, alpha: Float32Array, g0: number, dg: number, count: number, totals: Float64Array,
): number {
  totals.fill(0, 0, count);
  const smooth = lsA !== 1 || lsB !== 0;
  let check = 0;
  for (let i = 0, o = 0; i < rows; i++, o += cols) {
    const end = o + cols;
    let m = 0;
    let s = 0;
    if (logits) {
      m = -Infinity;
      for (let j = o; j < end; j++) if (yPred[j] > m) m = yPred[j];
      for (let j = o; j < end; j++) s += fexp(yPred[j] - m);
    } else {
      for (let j = o; j < end; j++) s += yPred[j];
      s = fround(s);
      if (!(s > 0)) return UNSUPPORTED;
    }
    check += m + s - (m + s);
    for (let j = o, col = 0; j < end; j++, col++) {
      const y = smooth ? fround(yTrue[j] * lsA + lsB) : yTrue[j];
      check += y - y;
      if (y === 0) continue;
      const r = logits ? fround(fexp(yPred[j] - m) / s) : fround(yPred[j] / s);
      const rc = r < LO ? LO : r > HI ? HI : r;
      walk(alpha[col] * -y * flog(rc), fround(1 - rc), g0, dg, count, totals);
    }
  }
  return check === 0 ? OK : UNSUPPORTED;
}
