/**
 * Splatted f32x4 constants in a static table. V8 (x64) materialises a v128.const with three
 * instructions (movabs, vmovq, vpunpcklqdq) at each use and does not hoist it out of loops, while
 * a v128.load from a constant address is one instruction; so every vector constant other than
 * zero is read from this table with vc(NAME). Generated layout: one 16-byte row per constant.
 */
const TABLE: usize = memory.data<f32>([
  1.0, 1.0, 1.0, 1.0, // ONE
  0.5, 0.5, 0.5, 0.5, // HALF
  -0.0, -0.0, -0.0, -0.0, // SIGN: sign bit only
  1.4426950408889634, 1.4426950408889634, 1.4426950408889634, 1.4426950408889634, // LOG2E
  12582912.0, 12582912.0, 12582912.0, 12582912.0, // ROUND_MAGIC: 1.5 * 2^23: x + MAGIC rounds x to an integer held in the low mantissa bits
  0.693359375, 0.693359375, 0.693359375, 0.693359375, // LN2_HI: ln 2 split so that n * LN2_HI is exact for |n| < 2^15 (Cody-Waite)
  -2.12194440e-4, -2.12194440e-4, -2.12194440e-4, -2.12194440e-4, // LN2_LO
  -104.0, -104.0, -104.0, -104.0, // EXP_MIN: exp(-104) < 2^-150 rounds to 0
  88.72284, 88.72284, 88.72284, 88.72284, // EXP_MAX: the float32 just above log(FLT_MAX) = 88.7228391: still overflows to +inf
  -87.33654, -87.33654, -87.33654, -87.33654, // EXP_NONPOS_MIN: log(2^-126): expNonPos4 stops at the smallest normal
  1.9875691500e-4, 1.9875691500e-4, 1.9875691500e-4, 1.9875691500e-4, // EXP_P0: Cephes expf: exp(r) = 1 + r + r^2 P(r), |r| <= ln2/2
  1.3981999507e-3, 1.3981999507e-3, 1.3981999507e-3, 1.3981999507e-3, // EXP_P1
  8.3334519073e-3, 8.3334519073e-3, 8.3334519073e-3, 8.3334519073e-3, // EXP_P2
  4.1665795894e-2, 4.1665795894e-2, 4.1665795894e-2, 4.1665795894e-2, // EXP_P3
  1.6666665459e-1, 1.6666665459e-1, 1.6666665459e-1, 1.6666665459e-1, // EXP_P4
  5.0000001201e-1, 5.0000001201e-1, 5.0000001201e-1, 5.0000001201e-1, // EXP_P5
  7.0376836292e-2, 7.0376836292e-2, 7.0376836292e-2, 7.0376836292e-2, // LOG_P0: Cephes logf: log(1+f) = f - f^2/2 + f^3 P(f), f in [sqrt(1/2)-1, sqrt(2)-1]
  -1.1514610310e-1, -1.1514610310e-1, -1.1514610310e-1, -1.1514610310e-1, // LOG_P1
  1.1676998740e-1, 1.1676998740e-1, 1.1676998740e-1, 1.1676998740e-1, // LOG_P2
  -1.2420140846e-1, -1.2420140846e-1, -1.2420140846e-1, -1.2420140846e-1, // LOG_P3
  1.4249322787e-1, 1.4249322787e-1, 1.4249322787e-1, 1.4249322787e-1, // LOG_P4
  -1.6668057665e-1, -1.6668057665e-1, -1.6668057665e-1, -1.6668057665e-1, // LOG_P5
  2.0000714765e-1, 2.0000714765e-1, 2.0000714765e-1, 2.0000714765e-1, // LOG_P6
  -2.4999993993e-1, -2.4999993993e-1, -2.4999993993e-1, -2.4999993993e-1, // LOG_P7
  3.3333331174e-1, 3.3333331174e-1, 3.3333331174e-1, 3.3333331174e-1, // LOG_P8
  1.17549435e-38, 1.17549435e-38, 1.17549435e-38, 1.17549435e-38, // MIN_NORMAL: 2^-126
  8388608.0, 8388608.0, 8388608.0, 8388608.0, // TWO_23: 2^23: rescales denormals in log4
  -23.0, -23.0, -23.0, -23.0, // MINUS_23
  Infinity, Infinity, Infinity, Infinity, // INF
  -Infinity, -Infinity, -Infinity, -Infinity, // NEG_INF
  NaN, NaN, NaN, NaN, // NAN
  0.41421356, 0.41421356, 0.41421356, 0.41421356, // SQRT2_M1: log1pUnit4 switches to log 2 + log1p((t-1)/2) above sqrt(2) - 1
  1e-7, 1e-7, 1e-7, 1e-7, // LO: Keras epsilon() in float32 = 1.0000000117e-7: the lower clip bound
  0.99999988079071044921875, 0.99999988079071044921875, 0.99999988079071044921875, 0.99999988079071044921875, // HI: 1 - epsilon() in float32 = 1 - 2^-23: the upper clip bound
], 16);

/** The splatted constant `index` (one of the names below). */
// @ts-ignore: decorator
@inline export function vc(index: i32): v128 {
  return v128.load(TABLE + (<usize>index << 4));
}

export const ONE: i32 = 0;
export const HALF: i32 = 1;
export const SIGN: i32 = 2;
export const LOG2E: i32 = 3;
export const ROUND_MAGIC: i32 = 4;
export const LN2_HI: i32 = 5;
export const LN2_LO: i32 = 6;
export const EXP_MIN: i32 = 7;
export const EXP_MAX: i32 = 8;
export const EXP_NONPOS_MIN: i32 = 9;
export const EXP_P0: i32 = 10;
export const EXP_P1: i32 = 11;
export const EXP_P2: i32 = 12;
export const EXP_P3: i32 = 13;
export const EXP_P4: i32 = 14;
export const EXP_P5: i32 = 15;
export const LOG_P0: i32 = 16;
export const LOG_P1: i32 = 17;
export const LOG_P2: i32 = 18;
export const LOG_P3: i32 = 19;
export const LOG_P4: i32 = 20;
export const LOG_P5: i32 = 21;
export const LOG_P6: i32 = 22;
export const LOG_P7: i32 = 23;
export const LOG_P8: i32 = 24;
export const MIN_NORMAL: i32 = 25;
export const TWO_23: i32 = 26;
export const MINUS_23: i32 = 27;
export const INF: i32 = 28;
export const NEG_INF: i32 = 29;
export const NAN: i32 = 30;
export const SQRT2_M1: i32 = 31;
export const LO: i32 = 32;
export const HI: i32 = 33;

/** Integer rows, read with vi(NAME). */
const INT_TABLE: usize = memory.data<i32>([
  0x007fffff, 0x007fffff, 0x007fffff, 0x007fffff, // MANTISSA_MASK
  0x3f3504f3, 0x3f3504f3, 0x3f3504f3, 0x3f3504f3, // SQRT_HALF_BITS: bits of sqrt(1/2)
  127, 127, 127, 127, // EXP_BIAS
  0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, // ONE_BITS: bits of 1.0
  0x4b400000, 0x4b400000, 0x4b400000, 0x4b400000, // ROUND_MAGIC_BITS: bits of 1.5 * 2^23
  1, 1, 1, 1, // INT_ONE
], 16);

/** The splatted integer constant `index`. */
// @ts-ignore: decorator
@inline export function vi(index: i32): v128 {
  return v128.load(INT_TABLE + (<usize>index << 4));
}

export const MANTISSA_MASK: i32 = 0;
export const SQRT_HALF_BITS: i32 = 1;
export const EXP_BIAS: i32 = 2;
export const ONE_BITS: i32 = 3;
export const ROUND_MAGIC_BITS: i32 = 4;
export const INT_ONE: i32 = 5;
