/**
 * Categorical family, fused forward + gradient: categorical_crossentropy,
 * sparse_categorical_crossentropy, categorical_focal_crossentropy (spec sections 3.1-3.3).
 * Per-sample values are SUMS over the class axis. Probability inputs are renormalised by their
 * row sum before clipping, and their gradient carries the normalisation Jacobian:
 *   g_j = d v / d r_j (through the clip),   d v / d p_k = (g_k - sum_j g_j r_j) / s.
 * The kernels keep g with the opposite sign (g' = -g) where that saves a negation.
 * Layout: four rows per iteration, one per lane (lanes.ts). Between passes each column's lane
 * vector is kept in a static scratch (one aligned v128 per column: a load instead of a four-lane
 * gather) for C <= SCRATCH_COLS; wider rows re-gather from the inputs and keep the softmax
 * numerators and g' in the gradient rows instead. Every kernel body is instantiated for both.
 */
import { expNonPos4, logPos4, focalPowUnit, powMode } from './math';
import { load4, store4, laneRow, loadRowScale, storeRows, sawNonFinite, clipUnit, OK, UNSUPPORTED } from './lanes';
import { vc, vi, ONE, NEG_INF, INT_ONE } from './consts';

/** Widest row (in classes) whose per-column vectors fit in the static scratch. */
const SCRATCH_COLS: i32 = 1024;
const SA: usize = memory.data(SCRATCH_COLS << 4, 16);
const SB: usize = memory.data(SCRATCH_COLS << 4, 16);

/** Scratch slot of the column at byte offset j (4 bytes per class in the rows, 16 in the scratch). */
// @ts-ignore: decorator
@inline function slot(base: usize, j: usize): usize {
  return base + (j << 2);
}

// @ts-ignore: decorator
@inline function rowMax(z0: usize, z1: usize, z2: usize, z3: usize, stride: usize): v128 {
  let m = vc(NEG_INF);
  for (let j: usize = 0; j < stride; j += 4) m = f32x4.pmax(m, load4(z0, z1, z2, z3, j));
  return m;
}

// @ts-ignore: decorator
@inline function rowSum(z0: usize, z1: usize, z2: usize, z3: usize, stride: usize): v128 {
  let s = f32x4.splat(0);
  for (let j: usize = 0; j < stride; j += 4) s = f32x4.add(s, load4(z0, z1, z2, z3, j));
  return s;
}

/**
 * categorical_crossentropy(from_logits=True): v = sum_j y_j (LSE(z) - z_j),
 * dv/dz_k = (sum_j y_j) softmax(z)_k - y_k. Labels are smoothed as y*lsA + lsB.
 */
export function cce_logits_f32(
  yt: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize, lsA: f32, lsB: f32,
): i32 {
  return cols <= SCRATCH_COLS
    ? cceLogitsBody(yt, yp, rows, cols, out, grad, rs, lsA, lsB, true)
    : cceLogitsBody(yt, yp, rows, cols, out, grad, rs, lsA, lsB, false);
}

// @ts-ignore: decorator
@inline function cceLogitsBody(
  yt: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize, lsA: f32, lsB: f32, scratch: bool,
): i32 {
  const stride = <usize>cols << 2;
  const smooth = lsA != 1 || lsB != 0;
  const a = f32x4.splat(lsA);
  const b = f32x4.splat(lsB);
  let finite = f32x4.splat(0);
  for (let i: i32 = 0; i < rows; i += 4) {
    const r1 = laneRow(i, 1, rows), r2 = laneRow(i, 2, rows), r3 = laneRow(i, 3, rows);
    const o0 = <usize>i * stride, o1 = <usize>r1 * stride, o2 = <usize>r2 * stride, o3 = <usize>r3 * stride;
    const z0 = yp + o0, z1 = yp + o1, z2 = yp + o2, z3 = yp + o3;
    const t0 = yt + o0, t1 = yt + o1, t2 = yt + o2, t3 = yt + o3;
    const g0 = grad + o0, g1 = grad + o1, g2 = grad + o2, g3 = grad + o3;
    let m = vc(NEG_INF);
    for (let j: usize = 0; j < stride; j += 4) {
      const z = load4(z0, z1, z2, z3, j);
      m = f32x4.pmax(m, z);
      if (scratch) v128.store(slot(SA, j), z);
    }
    finite = f32x4.add(finite, f32x4.sub(m, m));
    let s = f32x4.splat(0), dot = f32x4.splat(0), sy = f32x4.splat(0);
    for (let j: usize = 0; j < stride; j += 4) {
      const d = f32x4.sub(scratch ? v128.load(slot(SA, j)) : load4(z0, z1, z2, z3, j), m);
      let y = load4(t0, t1, t2, t3, j);
      if (smooth) y = f32x4.add(f32x4.mul(y, a), b);
      const e = expNonPos4(d);
      s = f32x4.add(s, e);
      dot = f32x4.add(dot, f32x4.mul(y, d));
      sy = f32x4.add(sy, y);
      if (grad != 0) {
        if (scratch) {
          v128.store(slot(SA, j), e);
          v128.store(slot(SB, j), y);
        } else {
          store4(g0, g1, g2, g3, j, e);
        }
      }
    }
    finite = f32x4.add(finite, f32x4.sub(s, s));
    finite = f32x4.add(finite, f32x4.sub(sy, sy));
    storeRows(out, i, r1, r2, r3, f32x4.sub(f32x4.mul(sy, logPos4(s)), dot));
    if (grad != 0) {
      const c = loadRowScale(rs, i, r1, r2, r3);
      const k = f32x4.div(f32x4.mul(sy, c), s);
      for (let j: usize = 0; j < stride; j += 4) {
        let e: v128, y: v128;
        if (scratch) {
          e = v128.load(slot(SA, j));
          y = v128.load(slot(SB, j));
        } else {
          e = load4(g0, g1, g2, g3, j);
          y = load4(t0, t1, t2, t3, j);
          if (smooth) y = f32x4.add(f32x4.mul(y, a), b);
        }
        store4(g0, g1, g2, g3, j, f32x4.sub(f32x4.mul(e, k), f32x4.mul(y, c)));
      }
    }
  }
  return sawNonFinite(finite) ? UNSUPPORTED : OK;
}

/**
 * categorical_crossentropy(from_logits=False): r = p / sum(p), v = -sum_j y_j log(clip(r_j)).
 * A row sum <= 0 is left to the reference engine.
 */
export function cce_f32(
  yt: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize, lsA: f32, lsB: f32,
): i32 {
  return cols <= SCRATCH_COLS
    ? cceBody(yt, yp, rows, cols, out, grad, rs, lsA, lsB, true)
    : cceBody(yt, yp, rows, cols, out, grad, rs, lsA, lsB, false);
}

// @ts-ignore: decorator
@inline function cceBody(
  yt: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize, lsA: f32, lsB: f32, scratch: bool,
): i32 {
  const stride = <usize>cols << 2;
  const smooth = lsA != 1 || lsB != 0;
  const a = f32x4.splat(lsA);
  const b = f32x4.splat(lsB);
  let finite = f32x4.splat(0);
  let flags = i32x4.splat(0);
  for (let i: i32 = 0; i < rows; i += 4) {
    const r1 = laneRow(i, 1, rows), r2 = laneRow(i, 2, rows), r3 = laneRow(i, 3, rows);
    const o0 = <usize>i * stride, o1 = <usize>r1 * stride, o2 = <usize>r2 * stride, o3 = <usize>r3 * stride;
    const p0 = yp + o0, p1 = yp + o1, p2 = yp + o2, p3 = yp + o3;
    const t0 = yt + o0, t1 = yt + o1, t2 = yt + o2, t3 = yt + o3;
    const g0 = grad + o0, g1 = grad + o1, g2 = grad + o2, g3 = grad + o3;
    let s = f32x4.splat(0);
    for (let j: usize = 0; j < stride; j += 4) {
      const p = load4(p0, p1, p2, p3, j);
      s = f32x4.add(s, p);
      if (scratch) v128.store(slot(SA, j), p);
    }
    finite = f32x4.add(finite, f32x4.sub(s, s));
    flags = v128.or(flags, f32x4.le(s, f32x4.splat(0)));
    let acc = f32x4.splat(0), sg = f32x4.splat(0);
    for (let j: usize = 0; j < stride; j += 4) {
      const r = f32x4.div(scratch ? v128.load(slot(SA, j)) : load4(p0, p1, p2, p3, j), s);
      const rc = clipUnit(r);
      let y = load4(t0, t1, t2, t3, j);
      if (smooth) y = f32x4.add(f32x4.mul(y, a), b);
      finite = f32x4.add(finite, f32x4.sub(y, y));
      acc = f32x4.add(acc, f32x4.mul(y, logPos4(rc)));
      if (grad != 0) {
        const g = v128.and(f32x4.div(y, rc), f32x4.eq(r, rc));
        sg = f32x4.add(sg, f32x4.mul(g, r));
        if (scratch) v128.store(slot(SA, j), g);
        else store4(g0, g1, g2, g3, j, g);
      }
    }
    storeRows(out, i, r1, r2, r3, f32x4.neg(acc));
    if (grad != 0) {
      const k = f32x4.div(loadRowScale(rs, i, r1, r2, r3), s);
      for (let j: usize = 0; j < stride; j += 4) {
        const g = scratch ? v128.load(slot(SA, j)) : load4(g0, g1, g2, g3, j);
        store4(g0, g1, g2, g3, j, f32x4.mul(f32x4.sub(sg, g), k));
      }
    }
  }
  return sawNonFinite(finite) || v128.any_true(flags) ? UNSUPPORTED : OK;
}

/**
 * Labels of four rows as lane integers, -1 where the row contributes nothing: an ignored row
 * (label == ignore_class) or a label outside [0, C), which Keras's one_hot turns into zeros.
 * The caller has checked that labels are integer-valued.
 */
// @ts-ignore: decorator
@inline function labelLane(lab: usize, r: i32, cols: i32, ignore: f32, hasIgnore: i32): i32 {
  const x = load<f32>(lab + (<usize>r << 2));
  if (hasIgnore != 0 && x == ignore) return -1;
  return x >= 0 && x < <f32>cols ? <i32>x : -1;
}

/** Byte offset of the label column, or of column 0 for a row whose label lane is -1. */
// @ts-ignore: decorator
@inline function labelOffset(l: i32): usize {
  return l < 0 ? 0 : <usize>l << 2;
}

/**
 * sparse_categorical_crossentropy(from_logits=False): one log per row. With r = p / s and
 * t the label, v = -log(clip(r_t)); the gradient is S/s everywhere and (S - g'_t)/s at the label,
 * with g'_t = [LO <= r_t <= HI] / r_c,t and S = g'_t r_t.
 */
export function scce_f32(
  lab: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize, ignore: f32, hasIgnore: i32,
): i32 {
  const stride = <usize>cols << 2;
  let finite = f32x4.splat(0);
  let flags = i32x4.splat(0);
  for (let i: i32 = 0; i < rows; i += 4) {
    const r1 = laneRow(i, 1, rows), r2 = laneRow(i, 2, rows), r3 = laneRow(i, 3, rows);
    const o0 = <usize>i * stride, o1 = <usize>r1 * stride, o2 = <usize>r2 * stride, o3 = <usize>r3 * stride;
    const p0 = yp + o0, p1 = yp + o1, p2 = yp + o2, p3 = yp + o3;
    const l0 = labelLane(lab, i, cols, ignore, hasIgnore), l1 = labelLane(lab, r1, cols, ignore, hasIgnore);
    const l2 = labelLane(lab, r2, cols, ignore, hasIgnore), l3 = labelLane(lab, r3, cols, ignore, hasIgnore);
    let labels = i32x4.splat(l0);
    labels = i32x4.replace_lane(labels, 1, l1);
    labels = i32x4.replace_lane(labels, 2, l2);
    labels = i32x4.replace_lane(labels, 3, l3);
    const valid = i32x4.ge_s(labels, i32x4.splat(0));
    const s = rowSum(p0, p1, p2, p3, stride);
    finite = f32x4.add(finite, v128.and(f32x4.sub(s, s), valid));
    flags = v128.or(flags, v128.and(f32x4.le(s, f32x4.splat(0)), valid));
    const pl = load4(p0 + labelOffset(l0), p1 + labelOffset(l1), p2 + labelOffset(l2), p3 + labelOffset(l3), 0);
    const r = f32x4.div(pl, s);
    const rc = clipUnit(r);
    storeRows(out, i, r1, r2, r3, v128.and(f32x4.neg(logPos4(rc)), valid));
    if (grad != 0) {
      const g0 = grad + o0, g1 = grad + o1, g2 = grad + o2, g3 = grad + o3;
      const k = f32x4.div(loadRowScale(rs, i, r1, r2, r3), s);
      const gl = v128.and(f32x4.div(vc(ONE), rc), f32x4.eq(r, rc));
      const sg = f32x4.mul(gl, r);
      const atLabel = v128.and(f32x4.mul(f32x4.sub(sg, gl), k), valid);
      const elsewhere = v128.and(f32x4.mul(sg, k), valid);
      let col = i32x4.splat(0);
      for (let j: usize = 0; j < stride; j += 4) {
        store4(g0, g1, g2, g3, j, v128.bitselect(atLabel, elsewhere, i32x4.eq(labels, col)));
        col = i32x4.add(col, vi(INT_ONE));
      }
    }
  }
  return sawNonFinite(finite) || v128.any_true(flags) ? UNSUPPORTED : OK;
}

/**
 * sparse_categorical_crossentropy(from_logits=True): v = LSE(z) - z_t,
 * dv/dz_k = softmax(z)_k - [k = t].
 */
export function scce_logits_f32(
  lab: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize, ignore: f32, hasIgnore: i32,
): i32 {
  return cols <= SCRATCH_COLS
    ? scceLogitsBody(lab, yp, rows, cols, out, grad, rs, ignore, hasIgnore, true)
    : scceLogitsBody(lab, yp, rows, cols, out, grad, rs, ignore, hasIgnore, false);
}

// @ts-ignore: decorator
@inline function scceLogitsBody(
  lab: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize, ignore: f32, hasIgnore: i32, scratch: bool,
): i32 {
  const stride = <usize>cols << 2;
  let finite = f32x4.splat(0);
  for (let i: i32 = 0; i < rows; i += 4) {
    const r1 = laneRow(i, 1, rows), r2 = laneRow(i, 2, rows), r3 = laneRow(i, 3, rows);
    const o0 = <usize>i * stride, o1 = <usize>r1 * stride, o2 = <usize>r2 * stride, o3 = <usize>r3 * stride;
    const z0 = yp + o0, z1 = yp + o1, z2 = yp + o2, z3 = yp + o3;
    const g0 = grad + o0, g1 = grad + o1, g2 = grad + o2, g3 = grad + o3;
    const l0 = labelLane(lab, i, cols, ignore, hasIgnore), l1 = labelLane(lab, r1, cols, ignore, hasIgnore);
    const l2 = labelLane(lab, r2, cols, ignore, hasIgnore), l3 = labelLane(lab, r3, cols, ignore, hasIgnore);
    let labels = i32x4.splat(l0);
    labels = i32x4.replace_lane(labels, 1, l1);
    labels = i32x4.replace_lane(labels, 2, l2);
    labels = i32x4.replace_lane(labels, 3, l3);
    const valid = i32x4.ge_s(labels, i32x4.splat(0));
    let m = vc(NEG_INF);
    for (let j: usize = 0; j < stride; j += 4) {
      const z = load4(z0, z1, z2, z3, j);
      m = f32x4.pmax(m, z);
      if (scratch) v128.store(slot(SA, j), z);
    }
    let s = f32x4.splat(0);
    for (let j: usize = 0; j < stride; j += 4) {
      const e = expNonPos4(f32x4.sub(scratch ? v128.load(slot(SA, j)) : load4(z0, z1, z2, z3, j), m));
      s = f32x4.add(s, e);
      if (grad != 0) {
        if (scratch) v128.store(slot(SA, j), e);
        else store4(g0, g1, g2, g3, j, e);
      }
    }
    finite = f32x4.add(finite, v128.and(f32x4.sub(f32x4.add(m, s), f32x4.add(m, s)), valid));
    const zl = load4(z0 + labelOffset(l0), z1 + labelOffset(l1), z2 + labelOffset(l2), z3 + labelOffset(l3), 0);
    storeRows(out, i, r1, r2, r3, v128.and(f32x4.sub(logPos4(s), f32x4.sub(zl, m)), valid));
    if (grad != 0) {
      const c = v128.and(loadRowScale(rs, i, r1, r2, r3), valid);
      const k = v128.and(f32x4.div(c, s), valid);
      let col = i32x4.splat(0);
      for (let j: usize = 0; j < stride; j += 4) {
        const e = scratch ? v128.load(slot(SA, j)) : load4(g0, g1, g2, g3, j);
        const hot = v128.and(i32x4.eq(labels, col), c);
        store4(g0, g1, g2, g3, j, f32x4.sub(f32x4.mul(e, k), hot));
        col = i32x4.add(col, vi(INT_ONE));
      }
    }
  }
  return sawNonFinite(finite) ? UNSUPPORTED : OK;
}

/**
 * categorical_focal_crossentropy, probabilities or logits (spec 3.2). With r_c the clipped,
 * renormalised probability: v = sum_j alpha_j (1 - r_c,j)^gamma (-y_j log r_c,j). The kernel
 * keeps g'_j = -g_j = [in_j] alpha_j y_j ((1 - r_c)^gamma / r_c - gamma (1 - r_c)^(gamma-1) log r_c).
 * alpha is a per-class array (a scalar alpha arrives as C copies).
 */
// @ts-ignore: decorator
@inline function cfceBody(
  yt: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize,
  lsA: f32, lsB: f32, gamma: f32, alpha: usize, logits: bool, scratch: bool,
): i32 {
  const stride = <usize>cols << 2;
  const smooth = lsA != 1 || lsB != 0;
  const a = f32x4.splat(lsA);
  const b = f32x4.splat(lsB);
  const gv = f32x4.splat(gamma);
  const mode = powMode(gamma);
  const kint = <i32>gamma;
  let finite = f32x4.splat(0);
  let flags = i32x4.splat(0);
  for (let i: i32 = 0; i < rows; i += 4) {
    const r1 = laneRow(i, 1, rows), r2 = laneRow(i, 2, rows), r3 = laneRow(i, 3, rows);
    const o0 = <usize>i * stride, o1 = <usize>r1 * stride, o2 = <usize>r2 * stride, o3 = <usize>r3 * stride;
    const p0 = yp + o0, p1 = yp + o1, p2 = yp + o2, p3 = yp + o3;
    const t0 = yt + o0, t1 = yt + o1, t2 = yt + o2, t3 = yt + o3;
    const g0 = grad + o0, g1 = grad + o1, g2 = grad + o2, g3 = grad + o3;
    // SA: z, then the softmax numerators e (logits) or p (probabilities); SB: g'.
    // logits: m = row max and s = sum exp(z - m), so p = e / s; probabilities: s = sum p.
    let m = f32x4.splat(0);
    let s = f32x4.splat(0);
    if (logits) {
      m = vc(NEG_INF);
      for (let j: usize = 0; j < stride; j += 4) {
        const z = load4(p0, p1, p2, p3, j);
        m = f32x4.pmax(m, z);
        if (scratch) v128.store(slot(SA, j), z);
      }
      for (let j: usize = 0; j < stride; j += 4) {
        const e = expNonPos4(f32x4.sub(scratch ? v128.load(slot(SA, j)) : load4(p0, p1, p2, p3, j), m));
        s = f32x4.add(s, e);
        if (scratch) v128.store(slot(SA, j), e);
        else if (grad != 0) store4(g0, g1, g2, g3, j, e);
      }
      finite = f32x4.add(finite, f32x4.sub(f32x4.add(m, s), f32x4.add(m, s)));
    } else {
      for (let j: usize = 0; j < stride; j += 4) {
        const p = load4(p0, p1, p2, p3, j);
        s = f32x4.add(s, p);
        if (scratch) v128.store(slot(SA, j), p);
      }
      finite = f32x4.add(finite, f32x4.sub(s, s));
      flags = v128.or(flags, f32x4.le(s, f32x4.splat(0)));
    }
    let acc = f32x4.splat(0), sg = f32x4.splat(0);
    for (let j: usize = 0; j < stride; j += 4) {
      let num: v128;
      if (scratch) num = v128.load(slot(SA, j));
      else if (!logits) num = load4(p0, p1, p2, p3, j);
      else num = grad != 0 ? load4(g0, g1, g2, g3, j) : expNonPos4(f32x4.sub(load4(p0, p1, p2, p3, j), m));
      const r = f32x4.div(num, s);
      const rc = clipUnit(r);
      let y = load4(t0, t1, t2, t3, j);
      if (smooth) y = f32x4.add(f32x4.mul(y, a), b);
      finite = f32x4.add(finite, f32x4.sub(y, y));
      const lr = logPos4(rc);
      const base = f32x4.sub(vc(ONE), rc);
      const fq = focalPowUnit(base, mode, kint, gv);
      const al = v128.load32_splat(alpha + j);
      const cce = f32x4.mul(f32x4.neg(y), lr);
      acc = f32x4.add(acc, f32x4.mul(f32x4.mul(al, fq), cce));
      if (grad != 0) {
        const dq = f32x4.div(f32x4.mul(gv, fq), base);
        const h = f32x4.mul(f32x4.mul(al, y), f32x4.sub(f32x4.div(fq, rc), f32x4.mul(dq, lr)));
        const g = v128.and(h, f32x4.eq(r, rc));
        sg = f32x4.add(sg, f32x4.mul(g, r));
        if (scratch) v128.store(slot(SB, j), g);
        else store4(g0, g1, g2, g3, j, g);
      }
    }
    storeRows(out, i, r1, r2, r3, acc);
    if (grad != 0) {
      const c = loadRowScale(rs, i, r1, r2, r3);
      const k = f32x4.div(c, s);
      for (let j: usize = 0; j < stride; j += 4) {
        const g = scratch ? v128.load(slot(SB, j)) : load4(g0, g1, g2, g3, j);
        if (logits) {
          // dv/dz_k = p_k (g_k - sum_j p_j g_j) = p_k (S' - g'_k)
          const e = scratch ? v128.load(slot(SA, j)) : expNonPos4(f32x4.sub(load4(p0, p1, p2, p3, j), m));
          store4(g0, g1, g2, g3, j, f32x4.mul(f32x4.mul(e, k), f32x4.sub(sg, g)));
        } else {
          store4(g0, g1, g2, g3, j, f32x4.mul(f32x4.sub(sg, g), k));
        }
      }
    }
  }
  return sawNonFinite(finite) || v128.any_true(flags) ? UNSUPPORTED : OK;
}

/** categorical_focal_crossentropy(from_logits=False). */
export function cfce_f32(
  yt: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize,
  lsA: f32, lsB: f32, gamma: f32, alpha: usize,
): i32 {
  return cols <= SCRATCH_COLS
    ? cfceBody(yt, yp, rows, cols, out, grad, rs, lsA, lsB, gamma, alpha, false, true)
    : cfceBody(yt, yp, rows, cols, out, grad, rs, lsA, lsB, gamma, alpha, false, false);
}

/** categorical_focal_crossentropy(from_logits=True): softmax, then the probability path (renormaliser cancels). */
export function cfce_logits_f32(
  yt: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize,
  lsA: f32, lsB: f32, gamma: f32, alpha: usize,
): i32 {
  return cols <= SCRATCH_COLS
    ? cfceBody(yt, yp, rows, cols, out, grad, rs, lsA, lsB, gamma, alpha, true, true)
    : cfceBody(yt, yp, rows, cols, out, grad, rs, lsA, lsB, gamma, alpha, true, false);
}
