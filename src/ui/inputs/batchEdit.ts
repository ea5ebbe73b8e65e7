/** Reading and replacing a whole batch (the three tensors of the document or of one metric update). */
import type { ExampleDoc, UpdateDoc } from '../../document/document';
import { parseTensorField } from '../../document/tensorFields';

/** `''` for top-level fields, `updates.1.` for an update's. */
export function prefixOf(field: string): string {
  const f = parseTensorField(field);
  return f && f.update !== null ? `updates.${f.update}.` : '';
}

export function readBatch(doc: ExampleDoc, prefix: string): UpdateDoc {
  const m = /^updates\.(\d+)\.$/.exec(prefix);
  if (m) return doc.updates[Number(m[1])];
  return { y_true: doc.y_true, y_pred: doc.y_pred, sample_weight: doc.sample_weight };
}

export function writeBatch(doc: ExampleDoc, prefix: string, b: UpdateDoc): ExampleDoc {
  const m = /^updates\.(\d+)\.$/.exec(prefix);
  if (!m) return { ...doc, y_true: b.y_true, y_pred: b.y_pred, sample_weight: b.sample_weight };
  const updates = doc.updates.slice();
  updates[Number(m[1])] = b;
  return { ...doc, updates };
}

/** An updater for setDoc that edits the batch a field belongs to. */
export const editBatch = (field: string, f: (b: UpdateDoc) => UpdateDoc) => (doc: ExampleDoc): ExampleDoc => {
  const prefix = prefixOf(field);
  const b = readBatch(doc, prefix);
  return b ? writeBatch(doc, prefix, f(b)) : doc;
};
