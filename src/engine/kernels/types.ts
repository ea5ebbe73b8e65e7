/**
 * Shared shape of the fused JS kernels (the fallback when WebAssembly SIMD is unavailable).
 * They mirror the WASM kernels one for one: same arguments, same status codes.
 */

/** Buffers of one kernel call. yPred is [rows, cols] row-major; grad null = forward only. */
export interface KernelArrays {
  yTrue: Float32Array;
  yPred: Float32Array;
  rows: number;
  cols: number;
  /** [rows] per-sample values (written). */
  out: Float32Array;
  /** [rows * cols] d out_i / d yPred_ij times rowScale_i (written), or null. */
  grad: Float32Array | null;
  /** [rows] gradient coefficients, or null for all ones. */
  rowScale: Float32Array | null;
}

/** Computed. */
export const OK = 0;
/** An input outside what the kernel reproduces (non-finite, a row sum <= 0, ...): use the reference engine. */
export const UNSUPPORTED = 1;

/** Keras's float32 clip bounds: fround(1e-7) (epsilon()) and 1 - epsilon() in float32 = 1 - 2^-23. */
export const LO = Math.fround(1e-7);
export const HI = 1 - 2 ** -23;
/** Poisson's epsilon inside its log: Keras epsilon() in float32. */
export const EPS = LO;

/** How focal kernels raise to gamma: 0 (gamma = 0), 1 (integer 1..16: repeated products), 2 (exp/log). */
export function powMode(gamma: number): 0 | 1 | 2 {
  if (gamma === 0) return 0;
  return Number.isInteger(gamma) && gamma >= 1 && gamma <= 16 ? 1 : 2;
}
