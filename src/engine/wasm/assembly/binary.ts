/**
 * Binary family, fused forward + gradient: binary_crossentropy and binary_focal_crossentropy
 * (spec 2.1, 2.2). Per-entry terms are independent; the per-sample value is their MEAN over the
 * last axis, so every gradient entry carries 1/D. Labels are smoothed as y*lsA + lsB
 * (lsA = 1 - ls, lsB = ls/2, both rounded to float32 as Keras does).
 */
import { exp4, expNonPos4, logPos4, log1pUnit4, focalPow, powMode } from './math';
import { load4, store4, laneRow, loadRowScale, storeRows, sawNonFinite, clipUnit, OK, UNSUPPORTED } from './lanes';
import { vc, ONE, SIGN } from './consts';

/** sigma(z) from t = exp(-|z|): 1/(1+t) for z >= 0, t/(1+t) otherwise (no overflow either way). */
// @ts-ignore: decorator
@inline function sigmoidFromT(z: v128, t: v128): v128 {
  const num = v128.bitselect(vc(ONE), t, f32x4.ge(z, f32x4.splat(0)));
  return f32x4.div(num, f32x4.add(vc(ONE), t));
}

/**
 * sigma(z) the way Keras's float32 kernels round it: XLA expands logistic to 1 / (1 + exp(-z)),
 * three float32 roundings. binary_focal_crossentropy needs exactly this: its bce takes
 * log(1 - p) of the float32 p, so for z above about 8 (1 - p a few ulps) the rounding of p moves
 * the loss by up to a percent, and Keras's recorded values follow this form. exp4 takes the
 * whole range here (exp(-z) overflows to +inf for z < -88.7, giving p = 0 as in float32).
 */
// @ts-ignore: decorator
@inline export function sigmoidKeras(z: v128): v128 {
  return f32x4.div(vc(ONE), f32x4.add(vc(ONE), exp4(f32x4.neg(z))));
}

/** -|z| by setting the sign bit. */
// @ts-ignore: decorator
@inline function negAbs(z: v128): v128 {
  return v128.or(z, vc(SIGN));
}

/**
 * binary_crossentropy. Probabilities: e = -(y log p_c + (1-y) log(1-p_c)),
 * de/dp = [LO <= p <= HI] (p_c - y) / (p_c (1 - p_c)). Logits (stable softplus form, unclipped):
 * e = max(z,0) - y z + log1p(exp(-|z|)), de/dz = sigma(z) - y.
 */
// @ts-ignore: decorator
@inline function bceBody(
  yt: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize, lsA: f32, lsB: f32, logits: bool,
): i32 {
  const stride = <usize>cols << 2;
  const a = f32x4.splat(lsA);
  const b = f32x4.splat(lsB);
  const d = f32x4.splat(<f32>cols);
  let finite = f32x4.splat(0);
  for (let i: i32 = 0; i < rows; i += 4) {
    const r1 = laneRow(i, 1, rows), r2 = laneRow(i, 2, rows), r3 = laneRow(i, 3, rows);
    const o0 = <usize>i * stride, o1 = <usize>r1 * stride, o2 = <usize>r2 * stride, o3 = <usize>r3 * stride;
    const p0 = yp + o0, p1 = yp + o1, p2 = yp + o2, p3 = yp + o3;
    const t0 = yt + o0, t1 = yt + o1, t2 = yt + o2, t3 = yt + o3;
    const g0 = grad + o0, g1 = grad + o1, g2 = grad + o2, g3 = grad + o3;
    const k = grad != 0 ? f32x4.div(loadRowScale(rs, i, r1, r2, r3), d) : vc(ONE);
    let acc = f32x4.splat(0);
    for (let j: usize = 0; j < stride; j += 4) {
      const x = load4(p0, p1, p2, p3, j);
      const y = f32x4.add(f32x4.mul(load4(t0, t1, t2, t3, j), a), b);
      const xy = f32x4.add(x, y);
      finite = f32x4.add(finite, f32x4.sub(xy, xy));
      if (logits) {
        const t = expNonPos4(negAbs(x));
        const e = f32x4.add(f32x4.sub(f32x4.pmax(x, f32x4.splat(0)), f32x4.mul(y, x)), log1pUnit4(t));
        acc = f32x4.add(acc, e);
        if (grad != 0) {
          store4(g0, g1, g2, g3, j, f32x4.mul(f32x4.sub(sigmoidFromT(x, t), y), k));
        }
      } else {
        const pc = clipUnit(x);
        const q = f32x4.sub(vc(ONE), pc);
        const e = f32x4.add(f32x4.mul(y, logPos4(pc)), f32x4.mul(f32x4.sub(vc(ONE), y), logPos4(q)));
        acc = f32x4.sub(acc, e);
        if (grad != 0) {
          const g = f32x4.div(f32x4.mul(f32x4.sub(pc, y), k), f32x4.mul(pc, q));
          store4(g0, g1, g2, g3, j, v128.and(g, f32x4.eq(x, pc)));
        }
      }
    }
    storeRows(out, i, r1, r2, r3, f32x4.div(acc, d));
  }
  return sawNonFinite(finite) ? UNSUPPORTED : OK;
}

/** binary_crossentropy(from_logits=False). */
export function bce_f32(
  yt: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize, lsA: f32, lsB: f32,
): i32 {
  return bceBody(yt, yp, rows, cols, out, grad, rs, lsA, lsB, false);
}

/** binary_crossentropy(from_logits=True). */
export function bce_logits_f32(
  yt: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize, lsA: f32, lsB: f32,
): i32 {
  return bceBody(yt, yp, rows, cols, out, grad, rs, lsA, lsB, true);
}

/**
 * binary_focal_crossentropy (spec 2.2). p = y_pred or sigma(z); bce uses the clipped p, while
 * p_t = y p + (1-y)(1-p) and q = 1 - p_t use the unclipped p. With w the class-balancing weight
 * (1 without balancing):
 *   e     = w q^gamma bce
 *   de/dp = w (gamma q^(gamma-1) (1-2y) bce + q^gamma [in] (p_c - y) / (p_c (1-p_c)))
 *   de/dz = de/dp p (1-p)
 * The gamma term is 0 when gamma = 0. At q = 0: q^(gamma-1) is 0 for gamma > 1 and 1 for
 * gamma = 1; for 0 < gamma < 1 it is infinite and the call is flagged, as is q < 0 with a
 * non-integer gamma (pow would be NaN). alpha is per column (a scalar arrives as D copies).
 */
// @ts-ignore: decorator
@inline function bfceBody(
  yt: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize,
  lsA: f32, lsB: f32, gamma: f32, alpha: usize, balance: i32, logits: bool,
): i32 {
  const stride = <usize>cols << 2;
  const a = f32x4.splat(lsA);
  const b = f32x4.splat(lsB);
  const d = f32x4.splat(<f32>cols);
  const zero = f32x4.splat(0);
  const gv = f32x4.splat(gamma);
  const mode = powMode(gamma);
  const kint = <i32>gamma;
  // d(q^gamma)/dq at q = 0
  const dq0 = f32x4.splat(gamma == 1 ? <f32>1.0 : <f32>0.0);
  const flagZeroBase = grad != 0 && gamma > 0 && gamma < 1;
  let finite = f32x4.splat(0);
  let flags = i32x4.splat(0);
  for (let i: i32 = 0; i < rows; i += 4) {
    const r1 = laneRow(i, 1, rows), r2 = laneRow(i, 2, rows), r3 = laneRow(i, 3, rows);
    const o0 = <usize>i * stride, o1 = <usize>r1 * stride, o2 = <usize>r2 * stride, o3 = <usize>r3 * stride;
    const p0 = yp + o0, p1 = yp + o1, p2 = yp + o2, p3 = yp + o3;
    const t0 = yt + o0, t1 = yt + o1, t2 = yt + o2, t3 = yt + o3;
    const g0 = grad + o0, g1 = grad + o1, g2 = grad + o2, g3 = grad + o3;
    const k = grad != 0 ? f32x4.div(loadRowScale(rs, i, r1, r2, r3), d) : vc(ONE);
    let acc = f32x4.splat(0);
    for (let j: usize = 0; j < stride; j += 4) {
      const x = load4(p0, p1, p2, p3, j);
      const y = f32x4.add(f32x4.mul(load4(t0, t1, t2, t3, j), a), b);
      const xy = f32x4.add(x, y);
      finite = f32x4.add(finite, f32x4.sub(xy, xy));
      let p = x;
      if (logits) p = sigmoidKeras(x);
      const pc = clipUnit(p);
      const pq = f32x4.sub(vc(ONE), pc);
      const oy = f32x4.sub(vc(ONE), y);
      const bce = f32x4.neg(f32x4.add(f32x4.mul(y, logPos4(pc)), f32x4.mul(oy, logPos4(pq))));
      const pt = f32x4.add(f32x4.mul(y, p), f32x4.mul(oy, f32x4.sub(vc(ONE), p)));
      const q = f32x4.sub(vc(ONE), pt);
      const fq = focalPow(q, mode, kint, gv);
      let w = vc(ONE);
      if (balance != 0) {
        const al = v128.load32_splat(alpha + j);
        w = f32x4.add(f32x4.mul(y, al), f32x4.mul(oy, f32x4.sub(vc(ONE), al)));
      }
      acc = f32x4.add(acc, f32x4.mul(w, f32x4.mul(fq, bce)));
      if (mode == 2) flags = v128.or(flags, f32x4.lt(q, zero));
      if (grad != 0) {
        const qz = f32x4.eq(q, zero);
        if (flagZeroBase) flags = v128.or(flags, qz);
        const dq = v128.bitselect(dq0, f32x4.div(f32x4.mul(gv, fq), q), qz);
        const dir = f32x4.sub(y, oy); // -(dq/dp) = p_t'(p) = y - (1 - y)
        const clipTerm = v128.and(f32x4.div(f32x4.sub(pc, y), f32x4.mul(pc, pq)), f32x4.eq(p, pc));
        let dp = f32x4.sub(f32x4.mul(fq, clipTerm), f32x4.mul(f32x4.mul(dq, dir), bce));
        if (balance != 0) dp = f32x4.mul(w, dp);
        if (logits) dp = f32x4.mul(dp, f32x4.mul(p, f32x4.sub(vc(ONE), p)));
        store4(g0, g1, g2, g3, j, f32x4.mul(dp, k));
      }
    }
    storeRows(out, i, r1, r2, r3, f32x4.div(acc, d));
  }
  return sawNonFinite(finite) || v128.any_true(flags) ? UNSUPPORTED : OK;
}

/** binary_focal_crossentropy(from_logits=False). */
export function bfce_f32(
  yt: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize,
  lsA: f32, lsB: f32, gamma: f32, alpha: usize, balance: i32,
): i32 {
  return bfceBody(yt, yp, rows, cols, out, grad, rs, lsA, lsB, gamma, alpha, balance, false);
}

/** binary_focal_crossentropy(from_logits=True): sigmoid, then the clipped probability path. */
export function bfce_logits_f32(
  yt: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize,
  lsA: f32, lsB: f32, gamma: f32, alpha: usize, balance: i32,
): i32 {
  return bfceBody(yt, yp, rows, cols, out, grad, rs, lsA, lsB, gamma, alpha, balance, true);
}

