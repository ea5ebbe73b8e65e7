/** Reading and replacing the tensors of a document by field name (`y_pred`, `updates.1.y_true`, ...). */
import type { Nested } from '../engine/types';
import type { ExampleDoc, TensorField, TensorName } from './document';
import { parseNonFinite } from './nonFiniteText';

const NAMES: readonly string[] = ['y_true', 'y_pred', 'sample_weight'];

/** `{ update, name }` for a field, or null when the field is not one a doc has. */
export function parseTensorField(field: string): { update: number | null; name: TensorName } | null {
  if (NAMES.includes(field)) return { update: null, name: field as TensorName };
  const m = /^updates\.(\d{1,3})\.(y_true|y_pred|sample_weight)$/.exec(field);
  return m ? { update: Number(m[1]), name: m[2] as TensorName } : null;
}

export function readTensor(doc: ExampleDoc, field: TensorField): Nested | null | undefined {
  const f = parseTensorField(field);
  if (!f) return undefined;
  if (f.update === null) return doc[f.name];
  return doc.updates[f.update]?.[f.name];
}

/** A new doc with the tensor replaced, or undefined when the field does not exist or null is not allowed. */
export function writeTensor(doc: ExampleDoc, field: TensorField, value: Nested | null): ExampleDoc | undefined {
  const f = parseTensorField(field);
  if (!f || (value === null && f.name !== 'sample_weight')) return undefined;
  if (f.update === null) return { ...doc, [f.name]: value };
  if (f.update >= doc.updates.length) return undefined;
  const updates = doc.updates.slice();
  updates[f.update] = { ...updates[f.update], [f.name]: value };
  return { ...doc, updates };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The number a cell's text stands for, or null while it is not one yet ("-", "1e", "0.5.1").
 * `nan`, `inf`, `-inf` (and `NaN`, `Infinity`, `-Infinity`) are numbers: Keras computes with them.
 */
export function parseCell(text: string): number | null {
  const t = text.trim();
  const special = parseNonFinite(t);
  if (special !== null) return special;
  if (!NUMBER.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}
