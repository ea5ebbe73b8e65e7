/**
 * Numerical building blocks shared by every loss, and the float32/float64 arithmetic context.
 *
 * Keras clips probabilities to [LO, HI] with LO = epsilon and HI = 1 - epsilon computed in the
 * compute dtype. In float32, 1 - 1e-7 rounds to 1 - 2^-23 = 0.99999988, so the clipped
 * log(1 - p) saturates at -15.942385 rather than -16.118. Reproducing that needs the float32
 * bounds, not 1 - 1e-7.
 */
import type { DType, KerasBackend } from './types';

/** keras.config.epsilon(). */
export const EPSILON = 1e-7;

export interface Num {
  dtype: DType;
  /** Round to the compute dtype: Math.fround in float32 mode, identity in float64. */
  r: (x: number) => number;
  /** Clip bounds and epsilon in the compute dtype. */
  LO: number;
  HI: number;
  EPS: number;
  /**
   * Rounding of the mean over the feature axis (BCE, BFCE, Poisson per-sample values). Keras 3's
   * type promotion gives that mean float32 on JAX and torch even when everything else is float64.
   */
  rMean: (x: number) => number;
  /**
   * Rounding of a reduced loss (every reduction but `sum` and `none`) and of a metric's result():
   * float32 on torch even in float64.
   */
  rReduce: (x: number) => number;
  /**
   * d clip(x, lo, hi)/dx exactly on a bound, as the backend's autodiff gives it: JAX passes half
   * (its clip is built from min/max, which split ties), TensorFlow and torch the full derivative.
   */
  onBound: number;
  /** The backend these rules are for ('tensorflow' for the plain dtype contexts). */
  backend: KerasBackend;
}

const identity = (x: number): number => x;

const F32: Num = {
  dtype: 'float32',
  r: Math.fround,
  LO: Math.fround(EPSILON),
  HI: Math.fround(1 - Math.fround(EPSILON)),
  EPS: Math.fround(EPSILON),
  rMean: Math.fround,
  rReduce: Math.fround,
  onBound: 1,
  backend: 'tensorflow',
};

const F64: Num = {
  dtype: 'float64', r: identity, LO: EPSILON, HI: 1 - EPSILON, EPS: EPSILON, rMean: identity, rReduce: identity, onBound: 1, backend: 'tensorflow',
};

const cache = new Map<string, Num>();

/** The arithmetic of a compute dtype on a Keras backend (defaults: TensorFlow, whose float64 is float64 throughout). */
export function numFor(dtype: DType, backend: KerasBackend = 'tensorflow'): Num {
  const key = `${dtype}/${backend}`;
  let num = cache.get(key);
  if (!num) {
    const base = dtype === 'float32' ? F32 : F64;
    const f32Mean = dtype === 'float64' && (backend === 'jax' || backend === 'torch');
    num = {
      ...base,
      rMean: f32Mean ? Math.fround : base.rMean,
      rReduce: dtype === 'float64' && backend === 'torch' ? Math.fround : base.rReduce,
      onBound: backend === 'jax' ? 0.5 : 1,
      backend,
    };
    cache.set(key, num);
  }
  return num;
}

/** d clip(x, lo, hi)/dx: 1 inside, 0 outside, `num.onBound` exactly on a bound; NaN stays NaN. */
export function clipDeriv(x: number, lo: number, hi: number, num: Num): number {
  if (x > lo && x < hi) return 1;
  if (x === lo || x === hi) return num.onBound;
  return Number.isNaN(x) ? NaN : 0;
}

/**
 * Sum of data[from..to) rounded once to the compute dtype. XLA, TensorFlow and PyTorch reduce
 * float32 in trees or cascades, which stay within a few ulps of the exact sum; a float64
 * accumulator is at least as close, where a running float32 sum drifts by 1e-3 at a million terms.
 */
export function sumRounded(data: ArrayLike<number>, r: (x: number) => number, from = 0, to = data.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += data[i];
  return r(s);
}

export function clip(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Stable logistic sigmoid: never forms exp of a large positive number. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** softplus(z) = log(1 + e^z) = max(z, 0) + log1p(exp(-|z|)), stable for any z. */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/**
 * log_softmax of one row in place into `out`: z - max - log(sum(exp(z - max))).
 * Returns the log-sum-exp. In float32 mode each step is rounded like a float32 kernel would.
 */
export function logSoftmaxRow(
  z: Float64Array, off: number, D: number, out: Float64Array, outOff: number, num: Num,
): number {
  const r = num.r;
  let m = -Infinity;
  for (let j = 0; j < D; j++) if (z[off + j] > m) m = z[off + j];
  let s = 0;
  for (let j = 0; j < D; j++) s = r(s + r(Math.exp(r(z[off + j] - m))));
  const ls = r(Math.log(s));
  for (let j = 0; j < D; j++) out[outOff + j] = r(r(z[off + j] - m) - ls);
  return r(m + ls);
}

/**
 * Sigmoid as Keras's float32 kernels round it: XLA expands logistic to 1 / (1 + exp(-z)), so for
 * z around 15 the float32 result sits a few ulps from 1 and 1 - p is visibly off the exact value.
 */
export function sigmoidIn(z: number, num: Num): number {
  if (num.dtype === 'float64') return sigmoid(z);
  const r = num.r;
  return r(1 / r(1 + r(Math.exp(-z))));
}

/** 0^0 = 1 as in Keras's pow; negative bases with fractional exponents give NaN as in Keras. */
export function pow(base: number, exp: number): number {
  return Math.pow(base, exp);
}

