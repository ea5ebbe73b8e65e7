/**
 * exp and log for the JS kernels. V8 calls out to C for Math.exp, Math.log and Math.pow
 * (about 13, 13 and 75 ns each on the bench machine), which alone would break the JS fallback's
 * 20 ns/element budget; these versions inline into the kernel loops. They compute in float64 to
 * about 1e-13 relative, far below the float32 rounding the kernels reproduce, so they stand in
 * for Math.exp/Math.log exactly at float32 precision. Dependency-free: engine code only.
 */

// One scratch double and its two 32-bit halves (little-endian: index 1 is the high word with the
// sign and exponent). Only ever written as a double and read as a word: the other direction
// (word stores, double load) defeats store-to-load forwarding and costs more than Math.log.
// Every supported engine is little-endian; littleEndian() lets a test check it.
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
/** POW2[e + 1023] = 2^e for e in [-1023, 1023]: scaling by table instead of building exponent bits. */
const POW2 = new Float64Array(2047);
for (let e = -1023; e <= 1023; e++) POW2[e + 1023] = 2 ** e;

const LN2 = Math.LN2;
const LOG2E = Math.LOG2E;
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
/** 1.5 * 2^52: adding it rounds a double to an integer. */
const ROUND = 6755399441055744;
/** log(1 + k/128) and 1/(1 + k/128) for the top 7 mantissa bits k. */
const LOG_TAB = new Float64Array(128);
const INV_TAB = new Float64Array(128);
for (let k = 0; k < 128; k++) {
  LOG_TAB[k] = Math.log(1 + k / 128);
  INV_TAB[k] = 1 / (1 + k / 128);
}

/**
 * log(x) for positive finite x with a normal float64 representation (every float32 except 0
 * qualifies). x = 2^e (1 + k/128) (1 + r) with k the top 7 mantissa bits, so r < 1/128 and
 * log1p(r) needs five terms (truncation 4e-14): no division and no data-dependent branch.
 * Relative error below 1e-11; absolute below 1e-15 near x = 1.
 */
export function flog(x: number): number {
  F64[0] = x;
  const hi = U32[1];
  const e = (hi >>> 20) - 1023;
  const k = (hi >>> 13) & 127;
  const r = (x * POW2[1023 - e] - (1 + k * 0.0078125)) * INV_TAB[k];
  const r2 = r * r;
  return e * LN2 + LOG_TAB[k] + (r - r2 * (0.5 - r * (1 / 3) + r2 * (0.25 - r * 0.2)));
}

/**
 * exp(x) (NaN in, NaN out). x = n ln2 + r with |r| <= ln2/2, Taylor to r^9 in Estrin form
 * (short dependency chains; truncation about 1e-11 relative), times 2^n from a table. Outside
 * [-708, 709] it defers to Math.exp, which handles denormal results and overflow (rare tails).
 */
export function fexp(x: number): number {
  if (!(x >= -708 && x <= 709)) return Math.exp(x);
  const n = x * LOG2E + ROUND - ROUND;
  const r = x - n * LN2_HI - n * LN2_LO;
  const r2 = r * r;
  const r4 = r2 * r2;
  const p =
    1 + r + r2 * (1 / 2 + r * (1 / 6)) +
    r4 * (1 / 24 + r * (1 / 120) + r2 * (1 / 720 + r * (1 / 5040)) + r4 * (1 / 40320 + r * (1 / 362880)));
  return p * POW2[n + 1023];
}

/**
 * log1p(t) for t in [0, 1] (softplus's log1p(exp(-|z|))): log(u) with u = 1 + t, plus the
 * rounding error of u carried to first order, (t - (u - 1)) / u; tiny t use the series.
 */
export function flog1p(t: number): number {
  if (t < 1e-8) return t * (1 - 0.5 * t);
  const u = 1 + t;
  return flog(u) + (t - (u - 1)) / u;
}

/** True when this engine stores doubles little-endian (the bit tricks above assume it). */
export function littleEndian(): boolean {
  F64[0] = 2;
  return U32[1] === 0x40000000;
}
