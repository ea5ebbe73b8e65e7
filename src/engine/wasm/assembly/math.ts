/**
 * Vectorised float32 exp and log for WebAssembly SIMD. The v128 instruction set has no
 * transcendental lanes, so each function is a range reduction plus a polynomial, the
 * Cephes expf/logf scheme (S. Moshier), evaluated four lanes at a time.
 *
 * Worst-case error, measured by test/engine/wasm/math.test.ts against Math.exp/Math.log rounded
 * to float32, on every 64th float32 bit pattern (67 M inputs, all signs and exponents, denormals
 * included) plus dense sweeps near the reduction boundaries:
 *   exp4        1 ulp  (normal results; below 2^-126 the result is the gradually underflowed value
 *                        to within 1 denormal step; above log(FLT_MAX) it is +inf, below -104 it is 0)
 *   log4        1 ulp  (every positive float, denormals included; log(0) = -inf, log(x<0) = NaN)
 *   logPos4     1 ulp  (positive normal finite inputs only: clipped probabilities, ratios)
 *   log1pUnit4  1 ulp  (t in [0, 1], the softplus correction log1p(exp(-|z|)))
 * The test pins these bounds (ULP_BOUND in math.test.ts); the comment and the test change together.
 *
 * V8 lowering notes (x64): f32x4.min/max and f32x4.nearest expand to several instructions
 * (NaN and signed-zero fix-ups), while pmin/pmax are one minps/maxps, so clamps use pmin/pmax
 * (pmax(x, lo) keeps a NaN x, which is what we want). Rounding to an integer uses the
 * 1.5 * 2^23 magic number: adding it rounds half-to-even and leaves the integer in the low
 * mantissa bits, which also saves a float-to-int conversion (trunc_sat is several instructions).
 */

const LOG2E: f32 = 1.4426950408889634;
/** 1.5 * 2^23: x + MAGIC rounds x to an integer that then sits in the low mantissa bits. */
const ROUND_MAGIC: f32 = 12582912.0;
const ROUND_MAGIC_BITS: i32 = 0x4b400000;
/** ln 2 split so that n * LN2_HI is exact for |n| < 2^15 (Cody-Waite). */
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
/** exp(-104) < 2^-150 rounds to 0; below it the reduction would leave the int range we use. */
const EXP_MIN: f32 = -104.0;
/** The smallest float32 above log(FLT_MAX) = 88.7228391: clamping there still overflows to +inf. */
const EXP_MAX: f32 = 88.72284;
const SQRT_HALF_BITS: i32 = 0x3f3504f3;
const MANTISSA_MASK: i32 = 0x007fffff;
const MIN_NORMAL: f32 = 1.17549435e-38;
const TWO_23: f32 = 8388608.0;

/** exp(r) for |r| <= ln2/2: 1 + r + r^2 P(r), Cephes expf coefficients. */
// @ts-ignore: decorator
@inline function expPoly(r: v128): v128 {
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  const r2 = f32x4.mul(r, r);
  return f32x4.add(f32x4.add(f32x4.mul(p, r2), r), f32x4.splat(1.0));
}

/**
 * exp(x) lane-wise, whole float32 range. The power of two is applied as two factors
 * 2^(n>>1) * 2^(n - (n>>1)) so that n in [-150, 128] never leaves the exponent field: results
 * near FLT_MAX stay finite and tiny results underflow gradually instead of wrapping.
 */
// @ts-ignore: decorator
@inline export function exp4(x: v128): v128 {
  x = f32x4.pmin(f32x4.pmax(x, f32x4.splat(EXP_MIN)), f32x4.splat(EXP_MAX));
  const t = f32x4.add(f32x4.mul(x, f32x4.splat(LOG2E)), f32x4.splat(ROUND_MAGIC));
  const n = f32x4.sub(t, f32x4.splat(ROUND_MAGIC));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(LN2_LO)));
  const p = expPoly(r);
  const ni = i32x4.sub(t, i32x4.splat(ROUND_MAGIC_BITS));
  const n1 = i32x4.shr_s(ni, 1);
  const n2 = i32x4.sub(ni, n1);
  const s1 = i32x4.shl(i32x4.add(n1, i32x4.splat(127)), 23);
  const s2 = i32x4.shl(i32x4.add(n2, i32x4.splat(127)), 23);
  return f32x4.mul(f32x4.mul(p, s1), s2);
}

/**
 * exp(x) for x <= 0 (softmax shifts, -|z|, gamma * log q): one scale factor instead of two.
 * Results below 2^-126 are returned as 2^-126 * exp(r) (about 1e-38), never as a denormal:
 * absolute error below 1.2e-38, irrelevant next to the 1 that every caller adds or sums with.
 */
// @ts-ignore: decorator
@inline export function expNonPos4(x: v128): v128 {
  x = f32x4.pmax(x, f32x4.splat(-87.33654));
  const t = f32x4.add(f32x4.mul(x, f32x4.splat(LOG2E)), f32x4.splat(ROUND_MAGIC));
  const n = f32x4.sub(t, f32x4.splat(ROUND_MAGIC));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(LN2_LO)));
  const p = expPoly(r);
  // bits(t) = MAGIC_BITS + n; shifting left by 23 drops the magic (its low 9 bits are 0).
  const s = i32x4.add(i32x4.shl(t, 23), i32x4.splat(0x3f800000));
  return f32x4.mul(p, s);
}

/** log(1 + f) + e*ln2 for f in [sqrt(1/2) - 1, sqrt(2) - 1]: Cephes logf polynomial. */
// @ts-ignore: decorator
@inline function logPoly(f: v128, e: v128): v128 {
  const z = f32x4.mul(f, f);
  let p = f32x4.splat(7.0376836292e-2);
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(-1.1514610310e-1));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(1.1676998740e-1));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(-1.2420140846e-1));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(1.4249322787e-1));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(-1.6668057665e-1));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(2.0000714765e-1));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(-2.4999993993e-1));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(3.3333331174e-1));
  let y = f32x4.mul(f32x4.mul(p, f), z);
  y = f32x4.add(y, f32x4.mul(e, f32x4.splat(LN2_LO)));
  y = f32x4.sub(y, f32x4.mul(z, f32x4.splat(0.5)));
  const r = f32x4.add(f, y);
  return f32x4.add(r, f32x4.mul(e, f32x4.splat(LN2_HI)));
}

/**
 * log(x) for positive, normal, finite x. The mantissa is re-centred on [sqrt(1/2), sqrt(2))
 * by subtracting the bits of sqrt(1/2) before splitting exponent and mantissa.
 */
// @ts-ignore: decorator
@inline export function logPos4(x: v128): v128 {
  const ix = i32x4.sub(x, i32x4.splat(SQRT_HALF_BITS));
  const e = f32x4.convert_i32x4_s(i32x4.shr_s(ix, 23));
  const m = i32x4.add(v128.and(ix, i32x4.splat(MANTISSA_MASK)), i32x4.splat(SQRT_HALF_BITS));
  return logPoly(f32x4.sub(m, f32x4.splat(1.0)), e);
}

/** log(x) for every float32: denormals are rescaled by 2^23; log(0) = -inf, log(+inf) = +inf, else NaN. */
// @ts-ignore: decorator
@inline export function log4(x: v128): v128 {
  const den = f32x4.lt(x, f32x4.splat(MIN_NORMAL));
  const xs = v128.bitselect(f32x4.mul(x, f32x4.splat(TWO_23)), x, den);
  const ix = i32x4.sub(xs, i32x4.splat(SQRT_HALF_BITS));
  const e = f32x4.add(
    f32x4.convert_i32x4_s(i32x4.shr_s(ix, 23)),
    v128.and(den, f32x4.splat(-23.0)),
  );
  const m = i32x4.add(v128.and(ix, i32x4.splat(MANTISSA_MASK)), i32x4.splat(SQRT_HALF_BITS));
  const y = logPoly(f32x4.sub(m, f32x4.splat(1.0)), e);
  const ok = v128.and(f32x4.gt(x, f32x4.splat(0.0)), f32x4.lt(x, f32x4.splat(Infinity)));
  const special = v128.bitselect(
    f32x4.splat(-Infinity),
    v128.bitselect(f32x4.splat(NaN), x, f32x4.lt(x, f32x4.splat(0.0))),
    f32x4.eq(x, f32x4.splat(0.0)),
  );
  return v128.bitselect(y, special, ok);
}

/**
 * log1p(t) for t in [0, 1] without forming 1 + t: small t go straight into the polynomial
 * (f = t, exact), larger t use log 2 + log1p((t - 1) / 2). This keeps full relative accuracy for
 * tiny t, where log(1 + t) would round 1 + t to 1.
 */
// @ts-ignore: decorator
@inline export function log1pUnit4(t: v128): v128 {
  const big = f32x4.ge(t, f32x4.splat(0.41421356));
  const f = v128.bitselect(
    f32x4.sub(f32x4.mul(t, f32x4.splat(0.5)), f32x4.splat(0.5)),
    t,
    big,
  );
  return logPoly(f, v128.and(big, f32x4.splat(1.0)));
}

/** Largest integer gamma that the focal kernels raise by repeated multiplication. */
export const INT_POW_MAX: i32 = 16;
