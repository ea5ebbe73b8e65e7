/**
 * Focal-loss gamma sweeps: the summed loss at `count` evenly spaced gammas
 * gamma_k = g0 + k dg, forward only. Each element's base q and log q are computed once; then
 * h_k = b q^gamma_k is walked by the recurrence h_{k+1} = h_k q^dg, re-anchored with a fresh exp
 * every ANCHOR steps so that rounding stays within about 2 ANCHOR ulp (an exp per element per
 * gamma would cost 30 times more). Sums go through f32x4 accumulators per gamma, flushed into
 * float64 totals every FLUSH vectors. Output: `count` float64 sums at `out` (the caller divides).
 */
import { exp4, expNonPos4, logPos4, log4 } from './math';
import { load4, laneRow, clipUnit, OK, UNSUPPORTED } from './lanes';
import { sigmoidKeras } from './binary';
import { vc, ONE, NEG_INF } from './consts';

/** Largest gamma count one call handles (the accumulators are static). */
export const MAX_GAMMAS: i32 = 1024;
const ANCHOR: i32 = 64;
const FLUSH: i32 = 256;
const ACC: usize = memory.data(MAX_GAMMAS * 16, 16);
const PAD: usize = memory.data(128, 16);

// @ts-ignore: decorator
@inline function resetAcc(count: i32): void {
  memory.fill(ACC, 0, <usize>count << 4);
}

/** Adds the four lanes of every accumulator into the float64 totals and clears it. */
function flushAcc(out: usize, count: i32): void {
  for (let k: i32 = 0; k < count; k++) {
    const a = v128.load(ACC + (<usize>k << 4));
    const lo = f64x2.promote_low_f32x4(a);
    const hi = f64x2.promote_low_f32x4(v128.shuffle<f32>(a, a, 2, 3, 2, 3));
    const s = f64x2.add(lo, hi);
    const p = out + (<usize>k << 3);
    store<f64>(p, load<f64>(p) + f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1));
  }
  resetAcc(count);
}

/** q^gamma for one uniform gamma, with 0^0 = 1 and 0^gamma = 0 (the exp of 0 * -inf would be NaN). */
// @ts-ignore: decorator
@inline function powAt(logq: v128, qzero: v128, gamma: f32): v128 {
  const at0 = gamma == 0 ? vc(ONE) : f32x4.splat(0);
  return v128.bitselect(at0, exp4(f32x4.mul(f32x4.splat(gamma), logq)), qzero);
}

/** Anchored starting values h = b q^gamma_k0, one row of four vectors per ANCHOR gammas. */
const HBUF: usize = memory.data((MAX_GAMMAS / ANCHOR + 1) << 6, 16);
/** The four per-step ratios q^dg of the vectors being walked. */
const RBUF: usize = memory.data(64, 16);

/**
 * Walks the gammas for four element vectors (b = the gamma-free factor, logq, q == 0 mask). The
 * anchors (one exp per vector per ANCHOR gammas) go to HBUF first, so that while walking only
 * h and q^dg are live: the inner step is 4 multiplies, 4 adds and one accumulator update.
 * Deliberately a real function with two callers (Binaryen then leaves it out of line): inlined
 * into a sweep, its eight vectors competed with two dozen others and V8 reloaded ten spilled
 * values on every step of the inner loop.
 */
function walk(
  b0: v128, l0: v128, z0: v128, b1: v128, l1: v128, z1: v128,
  b2: v128, l2: v128, z2: v128, b3: v128, l3: v128, z3: v128,
  g0: f32, dg: f32, count: i32,
): void {
  // The ratios go through memory too: computed here and used only in the inner loop, TurboFan
  // scheduled their exps inside it.
  v128.store(RBUF, powAt(l0, z0, dg));
  v128.store(RBUF, powAt(l1, z1, dg), 16);
  v128.store(RBUF, powAt(l2, z2, dg), 32);
  v128.store(RBUF, powAt(l3, z3, dg), 48);
  let q = HBUF;
  for (let k0: i32 = 0; k0 < count; k0 += ANCHOR, q += 64) {
    const g = g0 + <f32>k0 * dg;
    v128.store(q, f32x4.mul(b0, powAt(l0, z0, g)));
    v128.store(q, f32x4.mul(b1, powAt(l1, z1, g)), 16);
    v128.store(q, f32x4.mul(b2, powAt(l2, z2, g)), 32);
    v128.store(q, f32x4.mul(b3, powAt(l3, z3, g)), 48);
  }
  const r0 = v128.load(RBUF), r1 = v128.load(RBUF, 16), r2 = v128.load(RBUF, 32), r3 = v128.load(RBUF, 48);
  q = HBUF;
  for (let k0: i32 = 0; k0 < count; k0 += ANCHOR, q += 64) {
    let h0 = v128.load(q), h1 = v128.load(q, 16), h2 = v128.load(q, 32), h3 = v128.load(q, 48);
    const end = ACC + (<usize>min(count, k0 + ANCHOR) << 4);
    for (let p = ACC + (<usize>k0 << 4); p < end; p += 16) {
      v128.store(p, f32x4.add(v128.load(p), f32x4.add(f32x4.add(h0, h1), f32x4.add(h2, h3))));
      h0 = f32x4.mul(h0, r0);
      h1 = f32x4.mul(h1, r1);
      h2 = f32x4.mul(h2, r2);
      h3 = f32x4.mul(h3, r3);
    }
  }
}

/** Up to four pending (b, log base) vector pairs of the categorical sweep, walked together. */
const PEND: usize = memory.data(128, 16);

/** Walks the pending categorical vectors (unused slots hold b = 0) and empties the queue. */
function walkPending(pending: i32, g0: f32, dg: f32, count: i32): void {
  const zero = f32x4.splat(0);
  for (let k = pending; k < 4; k++) v128.store(PEND + (<usize>k << 5), zero);
  walk(
    v128.load(PEND), v128.load(PEND, 16), zero, v128.load(PEND, 32), v128.load(PEND, 48), zero,
    v128.load(PEND, 64), v128.load(PEND, 80), zero, v128.load(PEND, 96), v128.load(PEND, 112), zero,
    g0, dg, count,
  );
}

/**
 * binary_focal_crossentropy sweep over n elements (flat: the per-sample mean and the batch mean
 * make the total a plain sum over elements). b = w bce with the clipped p, q = 1 - p_t with the
 * unclipped p; alpha is one scalar (balance != 0 applies it). Flags q < 0 (p outside [0, 1]) and
 * non-finite inputs.
 */
export function bfce_gamma_sweep_f32(
  yt: usize, yp: usize, n: i32, logits: i32, lsA: f32, lsB: f32, alpha: f32, balance: i32,
  g0: f32, dg: f32, count: i32, out: usize,
): i32 {
  if (count > MAX_GAMMAS) return UNSUPPORTED;
  memory.fill(out, 0, <usize>count << 3);
  resetAcc(count);
  const a = f32x4.splat(lsA);
  const bb = f32x4.splat(lsB);
  const al = f32x4.splat(alpha);
  const oal = f32x4.splat(1 - alpha);
  let finite = f32x4.splat(0);
  let flags = i32x4.splat(0);
  let sinceFlush: i32 = 0;
  const total = <usize>n << 2;
  for (let off: usize = 0; off < total; off += 64) {
    let pp = yp + off, tp = yt + off;
    const left = total - off;
    if (left < 64) {
      // Tail: copy into zeroed pads; padded lanes get b = 0 below.
      memory.fill(PAD, 0, 128);
      memory.copy(PAD, yp + off, left);
      memory.copy(PAD + 64, yt + off, left);
      pp = PAD;
      tp = PAD + 64;
    }
    // Four vectors per walk; kept in named locals (AssemblyScript arrays would allocate).
    let b0 = f32x4.splat(0), b1 = f32x4.splat(0), b2 = f32x4.splat(0), b3 = f32x4.splat(0);
    let l0 = f32x4.splat(0), l1 = f32x4.splat(0), l2 = f32x4.splat(0), l3 = f32x4.splat(0);
    let z0 = f32x4.splat(0), z1 = f32x4.splat(0), z2 = f32x4.splat(0), z3 = f32x4.splat(0);
    for (let v: i32 = 0; v < 4; v++) {
      const x = v128.load(pp + (<usize>v << 4));
      const y = f32x4.add(f32x4.mul(v128.load(tp + (<usize>v << 4)), a), bb);
      const xy = f32x4.add(x, y);
      finite = f32x4.add(finite, f32x4.sub(xy, xy));
      let p = x;
      if (logits != 0) {
        p = sigmoidKeras(x);
      }
      const pc = clipUnit(p);
      const oy = f32x4.sub(vc(ONE), y);
      let b = f32x4.neg(f32x4.add(f32x4.mul(y, logPos4(pc)), f32x4.mul(oy, logPos4(f32x4.sub(vc(ONE), pc)))));
      if (balance != 0) b = f32x4.mul(f32x4.add(f32x4.mul(y, al), f32x4.mul(oy, oal)), b);
      const q = f32x4.sub(vc(ONE), f32x4.add(f32x4.mul(y, p), f32x4.mul(oy, f32x4.sub(vc(ONE), p))));
      flags = v128.or(flags, f32x4.lt(q, f32x4.splat(0)));
      if (left < 64) {
        // lanes at or past the end contribute nothing
        const idx = i32x4(0, 1, 2, 3);
        const pos = i32x4.add(idx, i32x4.splat(v << 2));
        b = v128.and(b, i32x4.lt_s(pos, i32x4.splat(<i32>(left >> 2))));
      }
      const lq = log4(q);
      const qz = f32x4.eq(q, f32x4.splat(0));
      if (v == 0) { b0 = b; l0 = lq; z0 = qz; }
      else if (v == 1) { b1 = b; l1 = lq; z1 = qz; }
      else if (v == 2) { b2 = b; l2 = lq; z2 = qz; }
      else { b3 = b; l3 = lq; z3 = qz; }
    }
    walk(b0, l0, z0, b1, l1, z1, b2, l2, z2, b3, l3, z3, g0, dg, count);
    if (++sinceFlush == FLUSH) {
      flushAcc(out, count);
      sinceFlush = 0;
    }
  }
  flushAcc(out, count);
  return v128.any_true(f32x4.ne(finite, finite)) || v128.any_true(flags) ? UNSUPPORTED : OK;
}

/**
 * categorical_focal_crossentropy sweep over a [rows, cols] batch: b = alpha_j (-y log r_c),
 * base = 1 - r_c with r_c the clipped renormalised probability (softmax for logits). The
 * per-sample values are sums over classes, so the total is again a plain sum. Vectors whose b is
 * zero in every lane (the non-target classes of one-hot labels) are skipped.
 */
export function cfce_gamma_sweep_f32(
  yt: usize, yp: usize, rows: i32, cols: i32, logits: i32, lsA: f32, lsB: f32, alpha: usize,
  g0: f32, dg: f32, count: i32, out: usize,
): i32 {
  if (count > MAX_GAMMAS) return UNSUPPORTED;
  memory.fill(out, 0, <usize>count << 3);
  resetAcc(count);
  const stride = <usize>cols << 2;
  const a = f32x4.splat(lsA);
  const bb = f32x4.splat(lsB);
  const zero = f32x4.splat(0);
  let finite = f32x4.splat(0);
  let flags = i32x4.splat(0);
  let sinceFlush: i32 = 0;
  let pending: i32 = 0;
  for (let i: i32 = 0; i < rows; i += 4) {
    const r1 = laneRow(i, 1, rows), r2 = laneRow(i, 2, rows), r3 = laneRow(i, 3, rows);
    // Duplicated tail lanes would count a row twice: mask them out of b.
    const live = i32x4.lt_s(i32x4.add(i32x4(0, 1, 2, 3), i32x4.splat(i)), i32x4.splat(rows));
    const o0 = <usize>i * stride, o1 = <usize>r1 * stride, o2 = <usize>r2 * stride, o3 = <usize>r3 * stride;
    const p0 = yp + o0, p1 = yp + o1, p2 = yp + o2, p3 = yp + o3;
    const t0 = yt + o0, t1 = yt + o1, t2 = yt + o2, t3 = yt + o3;
    let m = zero;
    let s = zero;
    if (logits != 0) {
      m = vc(NEG_INF);
      for (let j: usize = 0; j < stride; j += 4) m = f32x4.pmax(m, load4(p0, p1, p2, p3, j));
      for (let j: usize = 0; j < stride; j += 4) s = f32x4.add(s, expNonPos4(f32x4.sub(load4(p0, p1, p2, p3, j), m)));
      finite = f32x4.add(finite, f32x4.sub(f32x4.add(m, s), f32x4.add(m, s)));
    } else {
      for (let j: usize = 0; j < stride; j += 4) s = f32x4.add(s, load4(p0, p1, p2, p3, j));
      finite = f32x4.add(finite, f32x4.sub(s, s));
      flags = v128.or(flags, f32x4.le(s, zero));
    }
    for (let j: usize = 0; j < stride; j += 4) {
      const x = load4(p0, p1, p2, p3, j);
      const r = logits != 0 ? f32x4.div(expNonPos4(f32x4.sub(x, m)), s) : f32x4.div(x, s);
      const y = f32x4.add(f32x4.mul(load4(t0, t1, t2, t3, j), a), bb);
      finite = f32x4.add(finite, f32x4.sub(y, y));
      const rc = clipUnit(r);
      let b = f32x4.mul(v128.load32_splat(alpha + j), f32x4.mul(f32x4.neg(y), logPos4(rc)));
      b = v128.and(b, live);
      if (!v128.any_true(f32x4.ne(b, zero))) continue;
      const slotAt = PEND + (<usize>pending << 5);
      v128.store(slotAt, b);
      v128.store(slotAt, logPos4(f32x4.sub(vc(ONE), rc)), 16);
      if (++pending == 4) {
        walkPending(4, g0, dg, count);
        pending = 0;
        if (++sinceFlush == FLUSH) {
          flushAcc(out, count);
          sinceFlush = 0;
        }
      }
    }
  }
  if (pending > 0) walkPending(pending, g0, dg, count);
  flushAcc(out, count);
  return v128.any_true(f32x4.ne(finite, finite)) || v128.any_true(flags) ? UNSUPPORTED : OK;
}

