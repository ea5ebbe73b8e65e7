/**
 * Dense row-major tensors and the shape algebra the losses need
 * (NumPy broadcasting, moving the class axis last, summing a gradient back to an input's shape).
 */
import type { DType, Nested, Tensor } from './types';

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function makeTensor(shape: number[], data: Float64Array | Float32Array): Tensor {
  return { shape, data };
}

export function zeros(shape: number[], dtype: DType): Tensor {
  const n = sizeOf(shape);
  return { shape, data: dtype === 'float32' ? new Float32Array(n) : new Float64Array(n) };
}

export function storage(values: ArrayLike<number>, dtype: DType): Float64Array | Float32Array {
  // Always a fresh buffer (results' buffers are transferred, so none may be shared); the
  // typed-array constructors copy natively where .from() walks an iterator.
  return dtype === 'float32' ? new Float32Array(values as Float64Array) : new Float64Array(values as Float64Array);
}

export function unravel(flat: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return idx;
}

/** Tensor -> nested list (what JSON output and the UI grids use). */
export function toNested(t: Tensor): Nested {
  if (t.shape.length === 0) return t.data[0];
  let k = 0;
  const build = (depth: number): Nested[] => {
    const out: Nested[] = [];
    for (let i = 0; i < t.shape[depth]; i++) {
      out.push(depth === t.shape.length - 1 ? t.data[k++] : build(depth + 1));
    }
    return out;
  };
  return build(0);
}

/** NumPy broadcast of two shapes; null when they are incompatible. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return null;
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** For each flat index of `to`, the flat index of the broadcast source `from`. */
export function broadcastIndex(from: readonly number[], to: readonly number[]): Int32Array {
  const n = sizeOf(to);
  const map = new Int32Array(n);
  const offset = to.length - from.length;
  const srcStrides = new Array<number>(to.length).fill(0);
  let s = 1;
  for (let d = from.length - 1; d >= 0; d--) {
    srcStrides[d + offset] = from[d] === 1 ? 0 : s;
    s *= from[d];
  }
  const idx = new Array<number>(to.length).fill(0);
  for (let i = 0; i < n; i++) {
    let src = 0;
    for (let d = 0; d < to.length; d++) src += idx[d] * srcStrides[d];
    map[i] = src;
    for (let d = to.length - 1; d >= 0; d--) {
      if (++idx[d] < to[d]) break;
      idx[d] = 0;
    }
  }
  return map;
}

/** Materialise `t` broadcast to `shape` (as float64 working storage). */
export function broadcastTo(t: Tensor, shape: number[]): Float64Array {
  if (sameShape(t.shape, shape)) return Float64Array.from(t.data);
  const map = broadcastIndex(t.shape, shape);
  const out = new Float64Array(map.length);
  for (let i = 0; i < map.length; i++) out[i] = t.data[map[i]];
  return out;
}

/** Sum a gradient laid out in the broadcast `shape` back onto the source shape `to`. */
export function sumToShape(data: Float64Array, shape: number[], to: number[]): Float64Array {
  if (sameShape(shape, to)) return data;
  const map = broadcastIndex(to, shape);
  const out = new Float64Array(sizeOf(to));
  for (let i = 0; i < map.length; i++) out[map[i]] += data[i];
  return out;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Resolve a Keras axis (negative counts from the end); null when out of range. */
export function resolveAxis(axis: number, rank: number): number | null {
  const a = axis < 0 ? axis + rank : axis;
  return a >= 0 && a < rank ? a : null;
}

/**
 * View `data` (of `shape`) with `axis` moved last, as rows x D. Returns the permuted copy
 * (or the input when axis is already last) and the inverse mapping for gradients and steps.
 */
export function moveAxisLast(data: Float64Array, shape: number[], axis: number): Float64Array {
  if (axis === shape.length - 1) return data;
  const D = shape[axis];
  const inner = sizeOf(shape.slice(axis + 1));
  const outer = sizeOf(shape.slice(0, axis));
  const out = new Float64Array(data.length);
  let k = 0;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * D * inner + i;
      for (let j = 0; j < D; j++) out[k++] = data[base + j * inner];
    }
  }
  return out;
}

/** Inverse of moveAxisLast. */
export function moveAxisBack(rows: Float64Array, shape: number[], axis: number): Float64Array {
  if (axis === shape.length - 1) return rows;
  const D = shape[axis];
  const inner = sizeOf(shape.slice(axis + 1));
  const outer = sizeOf(shape.slice(0, axis));
  const out = new Float64Array(rows.length);
  let k = 0;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * D * inner + i;
      for (let j = 0; j < D; j++) out[base + j * inner] = rows[k++];
    }
  }
  return out;
}

export function withoutAxis(shape: readonly number[], axis: number): number[] {
  return shape.filter((_, i) => i !== axis);
}
