/**
 * `keras.ops.mean` as each backend computes it. Keras's JAX and torch backends compute a mean in
 * `result_type(x.dtype, "float32")`, which Keras's type promotion makes float32 even for float64
 * inputs (keras/src/backend/jax/numpy.py `mean`: `jnp.mean(x, dtype=compute_dtype)`; torch:
 * `cast(x, compute_dtype)` then `torch.mean`), and cast the result back to float64. So on those two
 * backends a float64 mean reads float32-rounded inputs, sums them in float32 and divides in float32.
 * TensorFlow (`tf.reduce_mean`) and float64-computing NumPy stay float64.
 *
 * The float32 order, measured against jax 0.10 and torch 2.13 on CPU (random rows, bit for bit):
 * XLA sums a short row in order and multiplies by the float32 reciprocal of the count (every row up
 * to 32 entries); torch.sum keeps interleaved accumulators (x_k + x_{k+w} + …, w = 4 below 8
 * entries, else 8) that it then adds in order, and torch.mean divides that sum by the count (every
 * row of 3, 5, 9, 16, 17, 32 or 33 entries; other lengths within an ulp or two). Rows longer than
 * that are summed in float64 and rounded once.
 */
import type { Num } from './numerics';
import type { KerasBackend } from './types';

const f = Math.fround;

/** True when this backend's float64 `ops.mean` really computes in float32. */
export function meanIsFloat32(num: Num, backend: KerasBackend): boolean {
  return num.dtype === 'float32' || backend === 'jax' || backend === 'torch';
}

/** ops.mean of data[from..to) on `backend` in the compute dtype of `num`; NaN for an empty range, as Keras. */
export function kerasMean(
  data: ArrayLike<number>, num: Num, backend: KerasBackend, from = 0, to = data.length,
): number {
  const n = to - from;
  if (!meanIsFloat32(num, backend)) {
    let s = 0;
    for (let i = from; i < to; i++) s += data[i];
    return num.r(s / n);
  }
  if (backend === 'torch' && n <= 64) return f(torchSum(data, from, to) / n);
  let s = 0;
  if (n <= 32) {
    for (let i = from; i < to; i++) s = f(s + f(data[i]));
  } else {
    // Long rows: the backends reduce in trees; a float64 accumulator rounded once stays within a
    // few float32 ulps of them, where an in-order float32 sum drifts.
    for (let i = from; i < to; i++) s += f(data[i]);
    s = f(s);
  }
  return backend === 'jax' ? f(s * f(1 / n)) : f(s / n);
}

/** torch.sum of a float32 row: interleaved accumulators, each summed in order, then added in order. */
function torchSum(data: ArrayLike<number>, from: number, to: number): number {
  const w = to - from < 8 ? 4 : 8;
  let total = 0;
  for (let k = 0; k < w && from + k < to; k++) {
    let acc = f(data[from + k]);
    for (let i = from + k + w; i < to; i += w) acc = f(acc + f(data[i]));
    total = k === 0 ? acc : f(total + acc);
  }
  return total;
}
