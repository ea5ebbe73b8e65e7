/**
 * Vectorised float32 exp and log for WebAssembly SIMD. The v128 instruction set has no
 * transcendental lanes, so each function is a range reduction plus a polynomial, the
 * Cephes expf/logf scheme (S. L. Moshier), evaluated four lanes at a time.
 *
 * Worst-case error against Math.exp/Math.log (double), in units in the last place of the float32
 * result. test/engine/wasm/math.test.ts measures it on every 64th float32 bit pattern (all signs
 * and exponents, denormals and specials) plus every float32 near the range-reduction switches;
 * exp4 was also checked on every float32 with |x| in [2^-25, 104] (outside, exp is 1, 0 or inf):
 *   exp4        1.004 ulp  exhaustive (at x = 70.37; 0.98 on the 64th-pattern sample); +inf above
 *                          log(FLT_MAX), gradual underflow below 2^-126, 0 below -104
 *   expNonPos4  0.99 ulp   x <= 0 with a normal result (same reduction and polynomial as exp4);
 *                          results below 2^-126 come out as about 1.2e-38
 *   log4        0.85 ulp   every positive float, denormals included; log(0) = -inf, log(x < 0) = NaN
 *   logPos4     0.85 ulp   positive normal finite inputs (clipped probabilities, ratios)
 *   log1pUnit4  1.41 ulp   t in [0, 1]; the worst case sits just above the switch at sqrt(2) - 1
 * The test pins these bounds (ULP_BOUND in math.test.ts): change the comment and the test together.
 *
 * V8 lowering notes (x64): f32x4.min/max and f32x4.nearest expand to several instructions
 * (NaN and signed-zero fix-ups), while pmin/pmax are one minps/maxps, so clamps use pmin/pmax
 * (pmax(x, lo) keeps a NaN x). Rounding to an integer uses the 1.5 * 2^23 magic number: adding it
 * rounds half-to-even and leaves the integer in the low mantissa bits, which also saves the
 * float-to-int conversion (trunc_sat is several instructions). Constants come from consts.ts.
 */
import {
  vc, vi, ONE, HALF, LOG2E, ROUND_MAGIC, LN2_HI, LN2_LO, EXP_MIN, EXP_MAX, EXP_NONPOS_MIN,
  EXP_P0, EXP_P1, EXP_P2, EXP_P3, EXP_P4, EXP_P5, LOG_P0, LOG_P1, LOG_P2, LOG_P3, LOG_P4, LOG_P5,
  LOG_P6, LOG_P7, LOG_P8, MIN_NORMAL, TWO_23, MINUS_23, INF, NEG_INF, NAN, SQRT2_M1,
  MANTISSA_MASK, SQRT_HALF_BITS, EXP_BIAS, ONE_BITS, ROUND_MAGIC_BITS,
} from './consts';

/**
 * exp(r) for |r| <= ln2/2: 1 + r + r^2 P(r), P evaluated in Estrin form (pairs combined with
 * r^2 and r^4) so the dependency chain is three multiply-add levels instead of six: the kernels
 * are latency-bound, and Horner's chain was most of an exp's latency.
 */
// @ts-ignore: decorator
@inline function expPoly(r: v128): v128 {
  const r2 = f32x4.mul(r, r);
  const r4 = f32x4.mul(r2, r2);
  const p01 = f32x4.add(f32x4.mul(vc(EXP_P0), r), vc(EXP_P1));
  const p23 = f32x4.add(f32x4.mul(vc(EXP_P2), r), vc(EXP_P3));
  const p45 = f32x4.add(f32x4.mul(vc(EXP_P4), r), vc(EXP_P5));
  const p = f32x4.add(f32x4.add(f32x4.mul(p01, r4), f32x4.mul(p23, r2)), p45);
  return f32x4.add(f32x4.add(f32x4.mul(p, r2), r), vc(ONE));
}

/** Round x*log2(e) to n (magic number) and reduce: returns t = x*log2e + MAGIC; r is written to REDUCED. */
// @ts-ignore: decorator
@inline function reduceExp(x: v128, t: v128): v128 {
  const n = f32x4.sub(t, vc(ROUND_MAGIC));
  const r = f32x4.sub(x, f32x4.mul(n, vc(LN2_HI)));
  return f32x4.sub(r, f32x4.mul(n, vc(LN2_LO)));
}

/**
 * exp(x) lane-wise over the whole float32 range. The power of two is applied as two factors
 * 2^(n>>1) * 2^(n - (n>>1)) so that n in [-150, 128] never leaves the exponent field: results
 * near FLT_MAX stay finite and tiny results underflow gradually instead of wrapping.
 */
// @ts-ignore: decorator
@inline export function exp4(x: v128): v128 {
  x = f32x4.pmin(f32x4.pmax(x, vc(EXP_MIN)), vc(EXP_MAX));
  const t = f32x4.add(f32x4.mul(x, vc(LOG2E)), vc(ROUND_MAGIC));
  const p = expPoly(reduceExp(x, t));
  const ni = i32x4.sub(t, vi(ROUND_MAGIC_BITS));
  const n1 = i32x4.shr_s(ni, 1);
  const n2 = i32x4.sub(ni, n1);
  const s1 = i32x4.shl(i32x4.add(n1, vi(EXP_BIAS)), 23);
  const s2 = i32x4.shl(i32x4.add(n2, vi(EXP_BIAS)), 23);
  return f32x4.mul(f32x4.mul(p, s1), s2);
}

/**
 * exp(x) for x <= 0 (softmax shifts, -|z|, gamma * log q <= 0) with one scale factor. Inputs
 * below log(2^-126) are raised to it, so results never go denormal: exp(-100) comes out as
 * 1.2e-38 instead of 3.7e-44, an absolute error below 1.2e-38.
 */
// @ts-ignore: decorator
@inline export function expNonPos4(x: v128): v128 {
  x = f32x4.pmax(x, vc(EXP_NONPOS_MIN));
  const t = f32x4.add(f32x4.mul(x, vc(LOG2E)), vc(ROUND_MAGIC));
  const p = expPoly(reduceExp(x, t));
  // bits(t) = MAGIC_BITS + n, and MAGIC_BITS << 23 wraps to 0, so t << 23 is n << 23.
  return f32x4.mul(p, i32x4.add(i32x4.shl(t, 23), vi(ONE_BITS)));
}

/**
 * log(1 + f) + e ln 2 for f in [sqrt(1/2) - 1, sqrt(2) - 1]: f - f^2/2 + f^3 P(f) with the
 * degree-8 P in Estrin form (four levels instead of Horner's nine).
 */
// @ts-ignore: decorator
@inline function logPoly(f: v128, e: v128): v128 {
  const z = f32x4.mul(f, f);
  const z2 = f32x4.mul(z, z);
  const z4 = f32x4.mul(z2, z2);
  // P(f) = sum LOG_P(8-i) f^i: pairs (P8 + P7 f), (P6 + P5 f), (P4 + P3 f), (P2 + P1 f), P0 f^8
  const a = f32x4.add(vc(LOG_P8), f32x4.mul(vc(LOG_P7), f));
  const b = f32x4.add(vc(LOG_P6), f32x4.mul(vc(LOG_P5), f));
  const c = f32x4.add(vc(LOG_P4), f32x4.mul(vc(LOG_P3), f));
  const d = f32x4.add(vc(LOG_P2), f32x4.mul(vc(LOG_P1), f));
  const ab = f32x4.add(a, f32x4.mul(b, z));
  const cd = f32x4.add(c, f32x4.mul(d, z));
  const p = f32x4.add(f32x4.add(ab, f32x4.mul(cd, z2)), f32x4.mul(vc(LOG_P0), z4));
  let y = f32x4.mul(f32x4.mul(p, f), z);
  y = f32x4.add(y, f32x4.mul(e, vc(LN2_LO)));
  y = f32x4.sub(y, f32x4.mul(z, vc(HALF)));
  return f32x4.add(f32x4.add(f, y), f32x4.mul(e, vc(LN2_HI)));
}

/**
 * log(x) for positive, normal, finite x. Subtracting the bits of sqrt(1/2) before splitting
 * exponent and mantissa re-centres the mantissa on [sqrt(1/2), sqrt(2)).
 */
// @ts-ignore: decorator
@inline export function logPos4(x: v128): v128 {
  const ix = i32x4.sub(x, vi(SQRT_HALF_BITS));
  const e = f32x4.convert_i32x4_s(i32x4.shr_s(ix, 23));
  const m = i32x4.add(v128.and(ix, vi(MANTISSA_MASK)), vi(SQRT_HALF_BITS));
  return logPoly(f32x4.sub(m, vc(ONE)), e);
}

/** log(x) for every float32: denormals are rescaled by 2^23; log(0) = -inf, log(+inf) = +inf, else NaN. */
// @ts-ignore: decorator
@inline export function log4(x: v128): v128 {
  const den = f32x4.lt(x, vc(MIN_NORMAL));
  const xs = v128.bitselect(f32x4.mul(x, vc(TWO_23)), x, den);
  const ix = i32x4.sub(xs, vi(SQRT_HALF_BITS));
  const e = f32x4.add(f32x4.convert_i32x4_s(i32x4.shr_s(ix, 23)), v128.and(den, vc(MINUS_23)));
  const m = i32x4.add(v128.and(ix, vi(MANTISSA_MASK)), vi(SQRT_HALF_BITS));
  const y = logPoly(f32x4.sub(m, vc(ONE)), e);
  const zero = f32x4.splat(0);
  const ok = v128.and(f32x4.gt(x, zero), f32x4.lt(x, vc(INF)));
  const special = v128.bitselect(vc(NEG_INF), v128.bitselect(vc(NAN), x, f32x4.lt(x, zero)), f32x4.eq(x, zero));
  return v128.bitselect(y, special, ok);
}

/**
 * log1p(t) for t in [0, 1] without forming 1 + t: small t go straight into the polynomial
 * (f = t, exact), larger t use log 2 + log1p((t - 1) / 2). This keeps full relative accuracy for
 * tiny t, where log(1 + t) would round 1 + t to 1.
 */
// @ts-ignore: decorator
@inline export function log1pUnit4(t: v128): v128 {
  const big = f32x4.ge(t, vc(SQRT2_M1));
  const f = v128.bitselect(f32x4.sub(f32x4.mul(t, vc(HALF)), vc(HALF)), t, big);
  return logPoly(f, v128.and(big, vc(ONE)));
}

/** Largest integer gamma that the focal kernels raise by repeated multiplication. */
export const INT_POW_MAX: i32 = 16;

/** How a focal kernel raises to gamma: 0 for gamma = 0 (factor 1), 1 for an integer gamma up to INT_POW_MAX, else 2. */
export function powMode(gamma: f32): i32 {
  if (gamma == 0) return 0;
  const n = <i32>gamma;
  return <f32>n == gamma && n >= 1 && n <= INT_POW_MAX ? 1 : 2;
}

/**
 * q^gamma lane-wise, with the mode from powMode (uniform across the call, so the branches
 * predict). Mode 2 is exp(gamma log q): q = 0 gives exp(-inf) = 0; q < 0 gives NaN, as pow does
 * for a non-integer exponent (the kernels flag that case).
 */
// @ts-ignore: decorator
@inline export function focalPow(q: v128, mode: i32, n: i32, gamma: v128): v128 {
  if (mode == 0) return vc(ONE);
  if (mode == 1) {
    let r = q;
    for (let t = 1; t < n; t++) r = f32x4.mul(r, q);
    return r;
  }
  return exp4(f32x4.mul(gamma, log4(q)));
}

/** (1 - r_c)^gamma for a clipped probability r_c: the base is in [2^-23, 1), so log and exp take their fast forms. */
// @ts-ignore: decorator
@inline export function focalPowUnit(base: v128, mode: i32, n: i32, gamma: v128): v128 {
  if (mode == 0) return vc(ONE);
  if (mode == 1) {
    let r = base;
    for (let t = 1; t < n; t++) r = f32x4.mul(r, base);
    return r;
  }
  return expNonPos4(f32x4.mul(gamma, logPos4(base)));
}
