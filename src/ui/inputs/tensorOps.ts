/**
 * Pure edits of the nested lists the grids show: shape, rows and columns, label encodings,
 * probabilities <-> logits and row normalisation. Each returns a new list (documents are immutable).
 */
import type { Nested } from '../../engine/types';

// Shape and label encodings live with the document's nested lists (examples convert labels too).
import { shapeOf } from '../../document/nested';

export { oneHotToSparse, shapeOf, sparseToOneHot } from '../../document/nested';

/** Leaves in row-major order. Cached per array: documents are immutable, and several pitfall rules read the same tensor. */
export function flatten(v: Nested): number[] {
  if (!Array.isArray(v)) return [v];
  let flat = flatCache.get(v);
  if (!flat) {
    flat = [];
    pushLeaves(v, flat);
    flatCache.set(v, flat);
  }
  return flat.slice();
}

const flatCache = new WeakMap<Nested[], number[]>();

function pushLeaves(v: Nested, out: number[]): void {
  if (!Array.isArray(v)) out.push(v);
  else for (const x of v) pushLeaves(x, out);
}

export function mapLeaves(v: Nested, f: (x: number, path: number[]) => number, path: number[] = []): Nested {
  return Array.isArray(v) ? v.map((x, i) => mapLeaves(x, f, [...path, i])) : f(v, path);
}

/** Applies `f` to every innermost row (the last axis). A 1-D tensor is one row. */
export function mapRows(v: Nested, f: (row: number[]) => number[]): Nested {
  if (!Array.isArray(v)) return v;
  if (v.every((x) => !Array.isArray(x))) return f(v as number[]);
  return v.map((x) => mapRows(x, f));
}

/** Round to 7 significant digits so converted grids stay readable (float32 keeps about as many). */
export const tidy = (x: number): number => (x === 0 ? 0 : Number(x.toPrecision(7)));

export function filled(shape: readonly number[], value = 0): Nested {
  return shape.length === 0 ? value : Array.from({ length: shape[0] }, () => filled(shape.slice(1), value));
}

/** Pads with `fill` or truncates every axis to `shape` (ranks must agree). */
export function resizeTo(v: Nested, shape: readonly number[], fill = 0): Nested {
  if (shape.length === 0) return Array.isArray(v) ? fill : v;
  const arr = Array.isArray(v) ? v : [];
  return Array.from({ length: shape[0] }, (_, i) => (i < arr.length ? resizeTo(arr[i], shape.slice(1), fill) : filled(shape.slice(1), fill)));
}

/** Inserts a copy-shaped row of `fill` at `at` along axis 0 (the batch). */
export function insertRow(v: Nested, at: number, fill = 0): Nested {
  if (!Array.isArray(v)) return v;
  const row = v.length ? filled(shapeOf(v[0]), fill) : fill;
  return [...v.slice(0, at), row, ...v.slice(at)];
}

export function removeRow(v: Nested, at: number): Nested {
  if (!Array.isArray(v) || v.length <= 1) return v;
  return [...v.slice(0, at), ...v.slice(at + 1)];
}

/** Inserts an entry of `fill` at `at` on the last axis of every row. */
export function insertCol(v: Nested, at: number, fill = 0): Nested {
  return mapRows(v, (r) => [...r.slice(0, at), fill, ...r.slice(at)]);
}

export function removeCol(v: Nested, at: number): Nested {
  return mapRows(v, (r) => (r.length <= 1 ? r : [...r.slice(0, at), ...r.slice(at + 1)]));
}

export function softmaxRows(v: Nested): Nested {
  return mapRows(v, (r) => {
    const m = Math.max(...r);
    const e = r.map((x) => Math.exp(x - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((x) => tidy(x / s));
  });
}

/** Probabilities -> logits whose softmax gives them back (log p; a 0 becomes log ε so it stays finite). */
export function logRows(v: Nested): Nested {
  return mapLeaves(v, (p) => tidy(Math.log(Math.max(p, 1e-7))));
}

export function sigmoidAll(v: Nested): Nested {
  return mapLeaves(v, (z) => tidy(z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))));
}

/** Probabilities -> logits log(p / (1 − p)), with p kept inside [ε, 1 − ε]. */
export function logitAll(v: Nested): Nested {
  return mapLeaves(v, (p) => {
    const q = Math.min(Math.max(p, 1e-7), 1 - 1e-7);
    return tidy(Math.log(q / (1 - q)));
  });
}

/** Divide each row by its sum (what Keras does silently); an all-zero row becomes uniform. */
export function normaliseRows(v: Nested): Nested {
  return mapRows(v, (r) => {
    const s = r.reduce((a, b) => a + b, 0);
    return s === 0 ? r.map(() => tidy(1 / r.length)) : r.map((x) => tidy(x / s));
  });
}

/** Each innermost row's sum. */
export function rowSums(v: Nested): number[] {
  const out: number[] = [];
  mapRows(v, (r) => {
    out.push(r.reduce((a, b) => a + b, 0));
    return r;
  });
  return out;
}

/** Reshape a [B] weight into [B, 1] (what tf.keras 2 did for you). */
export function toColumn(v: Nested): Nested {
  return Array.isArray(v) ? v.map((x) => (Array.isArray(x) ? x : [x])) : v;
}

export const clampNumber = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
