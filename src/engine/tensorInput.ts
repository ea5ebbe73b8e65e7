/**
 * Tensors as users give them: nested lists (or typed tensors) validated and stored in the compute
 * dtype. Every failure names the field and the index: ragged rows, empty lists, non-numbers.
 * NaN and ±Infinity are inputs like any other (Keras computes with them); JSON, which has no
 * such tokens, writes them as the strings "NaN", "Infinity" and "-Infinity".
 */
import { EngineError, describeAt, formatShape } from './errors';
import { sizeOf } from './tensor';
import type { DType, Nested, Tensor, TensorLike } from './types';

export function isTensor(x: unknown): x is Tensor {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && 'shape' in x && 'data' in x;
}

/** Most axes a tensor may have (NumPy's own limit); deeper nesting is an error, not a stack overflow. */
export const MAX_RANK = 32;

/** Largest tensor the engine accepts; beyond this a typed array is the only sensible input. */
export const MAX_ELEMENTS = 50_000_000;

/** Validate a nested list (or a Tensor) and store it in the compute dtype. */
export function toTensor(x: TensorLike, field: string, dtype: DType): Tensor {
  if (isTensor(x)) return checkTensor(x, field, dtype);
  const shape = inferShape(x, field);
  const n = sizeOf(shape);
  if (n > MAX_ELEMENTS) {
    throw new EngineError(`${field} has ${n} elements; at most ${MAX_ELEMENTS} are supported.`, field);
  }
  const data = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  let k = 0;
  const index: number[] = [];
  const walk = (v: Nested, depth: number): void => {
    if (depth === shape.length) {
      data[k++] = checkNumber(v, field, index);
      return;
    }
    const arr = v as Nested[];
    if (!Array.isArray(arr) || arr.length !== shape[depth]) {
      raggedError(field, index, shape, depth, v);
    }
    for (let i = 0; i < arr.length; i++) {
      index.push(i);
      walk(arr[i], depth + 1);
      index.pop();
    }
  };
  walk(x, 0);
  return { shape, data };
}

function inferShape(x: Nested, field: string): number[] {
  const shape: number[] = [];
  let cur: unknown = x;
  const index: number[] = [];
  while (Array.isArray(cur)) {
    if (shape.length === MAX_RANK) {
      throw new EngineError(
        `${describeAt(field, index)} nests lists ${MAX_RANK + 1} levels deep: at most ${MAX_RANK} axes are supported (NumPy's limit).`,
        field,
        index.slice(),
      );
    }
    if (cur.length === 0) {
      throw new EngineError(
        `${describeAt(field, index)} is empty: expected a non-empty list of numbers.`,
        field,
        index.slice(),
      );
    }
    shape.push(cur.length);
    cur = cur[0];
    index.push(0);
  }
  return shape;
}

function raggedError(field: string, index: number[], shape: number[], depth: number, v: unknown): never {
  const where = describeAt(field, index);
  if (Array.isArray(v)) {
    throw new EngineError(
      `${where} has ${v.length} entries, expected ${shape[depth]} like ${describeAt(field, index.map(() => 0))} ` +
        `(ragged array: every row must have the same length).`,
      field,
      index.slice(),
    );
  }
  throw new EngineError(
    `${where} is a number, expected a list of ${shape[depth]} entries (ragged array: mixed nesting depth).`,
    field,
    index.slice(),
  );
}

/** The JSON spellings of the non-finite numbers (the conformance files' and the CLI's). */
const NON_FINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

function checkNumber(v: unknown, field: string, index: number[]): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && Object.hasOwn(NON_FINITE, v)) return NON_FINITE[v];
  if (Array.isArray(v)) {
    throw new EngineError(
      `${describeAt(field, index)} is a list, expected a number (ragged array: mixed nesting depth).`,
      field,
      index.slice(),
    );
  }
  const shown = v === null || v === undefined ? String(v) : `${typeof v} ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`;
  throw new EngineError(
    `${describeAt(field, index)} is ${shown}: expected a number (or "NaN", "Infinity", "-Infinity").`,
    field,
    index.slice(),
  );
}

function checkTensor(t: Tensor, field: string, dtype: DType): Tensor {
  if (!Array.isArray(t.shape) || t.shape.length > MAX_RANK || t.shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new EngineError(`${field}.shape must be a list of non-negative integers.`, field);
  }
  const n = sizeOf(t.shape);
  if (t.data.length !== n) {
    throw new EngineError(
      `${field} has ${t.data.length} values but shape ${formatShape(t.shape)} needs ${n}.`,
      field,
    );
  }
  if (n === 0) throw new EngineError(`${field} is empty: expected at least one number.`, field);
  const want = dtype === 'float32' ? Float32Array : Float64Array;
  return t.data instanceof want ? t : { shape: t.shape.slice(), data: want.from(t.data) };
}
