/**
 * How many numbers a document's tensors hold, counted cheaply (leaf arrays by their length), so
 * the URL sync and persistence can treat big examples differently (no per-edit encode).
 */
import type { Nested } from '../engine/types';
import type { ExampleDoc } from './document';

/**
 * Above this many numbers a document is "large": no link encode per edit, idle-time saves. A
 * link stays under MAX_LINK_CHARS (2,000) only up to a few hundred numbers, so a document this
 * size is far past "too long" anyway; the 1,000 x 10 benchmark (20,000 numbers) is well over it.
 */
export const LARGE_DOC_NUMBERS = 5_000;

export function countNumbers(v: Nested | null | undefined): number {
  if (v === null || v === undefined) return 0;
  if (!Array.isArray(v)) return 1;
  if (v.length === 0) return 0;
  if (!Array.isArray(v[0])) return v.length;
  let n = 0;
  for (const x of v) n += countNumbers(x as Nested);
  return n;
}

export function docNumberCount(doc: ExampleDoc): number {
  let n = countNumbers(doc.y_true) + countNumbers(doc.y_pred) + countNumbers(doc.sample_weight);
  for (const u of doc.updates) n += countNumbers(u.y_true) + countNumbers(u.y_pred) + countNumbers(u.sample_weight);
  return n;
}

export function isLargeDoc(doc: ExampleDoc, limit = LARGE_DOC_NUMBERS): boolean {
  return docNumberCount(doc) > limit;
}
