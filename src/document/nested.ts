/**
 * Helpers for the nested number lists a document stores. Edits copy the path they touch and share
 * the rest, so subscribers can compare tensors by identity.
 */
import type { Nested, Tensor, TensorLike } from '../engine/types';

/** The entry at `path`, or undefined when the path leaves the list. */
export function getAt(value: Nested, path: readonly number[]): Nested | undefined {
  let cur: Nested | undefined = value;
  for (const i of path) {
    if (!Array.isArray(cur) || !Number.isInteger(i) || i < 0 || i >= cur.length) return undefined;
    cur = cur[i];
  }
  return cur;
}

/** A copy of `value` with the entry at `path` replaced, or undefined when the path leaves the list. */
export function setAt(value: Nested, path: readonly number[], next: Nested): Nested | undefined {
  if (path.length === 0) return next;
  const [i, ...rest] = path;
  if (!Array.isArray(value) || !Number.isInteger(i) || i < 0 || i >= value.length) return undefined;
  const child = setAt(value[i], rest, next);
  if (child === undefined) return undefined;
  const copy = value.slice();
  copy[i] = child;
  return copy;
}

/** Structural equality for JSON-like data (numbers by Object.is, so -0 and 0 differ as the URL keeps them). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) &&
      deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

function isTensor(v: TensorLike): v is Tensor {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'shape' in v && 'data' in v;
}

/** A row-major tensor as nested lists; nested input is returned as is. */
export function toNested(v: TensorLike): Nested {
  if (!isTensor(v)) return v;
  const { shape, data } = v;
  const build = (dim: number, offset: number): Nested => {
    if (dim === shape.length) return data[offset];
    const stride = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: shape[dim] }, (_, i) => build(dim + 1, offset + i * stride));
  };
  return build(0, 0);
}

/** The shape of a nested list, read along its first entries. */
export function shapeOf(v: Nested): number[] {
  const out: number[] = [];
  let cur: Nested = v;
  while (Array.isArray(cur)) {
    out.push(cur.length);
    if (!cur.length) break;
    cur = cur[0];
  }
  return out;
}

/** One-hot (or soft) labels -> class ids, by the largest entry of each row. */
export function oneHotToSparse(v: Nested): Nested {
  if (!Array.isArray(v)) return v;
  if (v.every((x) => !Array.isArray(x))) {
    const row = v as number[];
    return row.reduce((best, x, i) => (x > row[best] ? i : best), 0);
  }
  return v.map(oneHotToSparse);
}

/** Class ids -> one-hot rows of `classes` entries (ids outside [0, classes) give all-zero rows, as Keras on JAX). */
export function sparseToOneHot(v: Nested, classes: number): Nested {
  if (Array.isArray(v)) return v.map((x) => sparseToOneHot(x, classes));
  return Array.from({ length: classes }, (_, k) => (k === v ? 1 : 0));
}
