/**
 * The tensors an example has after its loss changes: the current batch when it still fits (labels
 * converted between one-hot and sparse), else the family's documented example. The loss picker
 * and links that name only a loss both start from here, so they show the same example.
 */
import { familyOf, fnIdOf, type FamilyId } from '../engine/catalog';
import type { Kind, Nested } from '../engine/types';
import type { ExampleDoc, UpdateDoc } from './document';
import { oneHotToSparse, shapeOf, sparseToOneHot } from './nested';

const P = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]];
const Bt = [[0, 1], [0, 0]];
const Bp = [[0.6, 0.4], [0.4, 0.6]];

/** The spec's CTC example (section 11): labels with trailing 0 padding, [3, 4, 3] logits. */
export const CTC_EXAMPLE: UpdateDoc = {
  y_true: [[1, 2, 0], [1, 1, 0], [0, 0, 0]],
  y_pred: [
    [[0.5, 1.0, -0.3], [0.1, 0.2, 1.5], [1.2, -0.4, 0.3], [0.0, 0.8, 0.6]],
    [[1.0, 0.2, 0.1], [-0.5, 1.5, 0.3], [0.4, 0.4, 0.4], [0.9, 1.1, -1.0]],
    [[0.3, -0.2, 0.1], [0, 0, 0], [2.0, 0.5, -0.5], [0.1, 0.3, 0.2]],
  ],
  sample_weight: null,
};

/** The documented example of each family (what the Keras docs use). */
export function familyExample(family: FamilyId): UpdateDoc {
  switch (family) {
    case 'binary': return { y_true: Bt, y_pred: Bp, sample_weight: null };
    case 'categorical': return { y_true: [[0, 1, 0], [0, 0, 1]], y_pred: P, sample_weight: null };
    case 'sparse': return { y_true: [1, 2], y_pred: P, sample_weight: null };
    case 'kld': return { y_true: Bt, y_pred: Bp, sample_weight: null };
    case 'poisson': return { y_true: Bt, y_pred: [[1, 1], [0, 0]], sample_weight: null };
    case 'ctc': return CTC_EXAMPLE;
  }
}

/** The batch a doc currently shows: its tensors, or a metric's first update. */
export function currentBatch(doc: ExampleDoc): UpdateDoc {
  if (doc.kind === 'metric' && doc.updates.length) return doc.updates[0];
  return { y_true: doc.y_true, y_pred: doc.y_pred, sample_weight: doc.sample_weight };
}

function convert(batch: UpdateDoc, from: FamilyId | null, to: FamilyId): UpdateDoc {
  if (from === null || (from === 'ctc') !== (to === 'ctc')) return familyExample(to);
  const t = shapeOf(batch.y_true);
  const p = shapeOf(batch.y_pred);
  const sparseLabels = t.length === p.length - 1 && t.every((d, i) => d === p[i]);
  const sameShape = t.length === p.length && t.every((d, i) => d === p[i]);
  if (to === 'sparse') {
    if (sparseLabels) return batch;
    if (sameShape && p.length >= 2) return { ...batch, y_true: oneHotToSparse(batch.y_true) };
    return familyExample(to);
  }
  if (sparseLabels && p.length >= 1) return { ...batch, y_true: sparseToOneHot(batch.y_true as Nested, p[p.length - 1]) };
  return sameShape || to === 'ctc' ? batch : familyExample(to);
}

/** The fields of a document that hold its data (a metric's updates included). */
export type ExampleTensors = Pick<ExampleDoc, 'y_true' | 'y_pred' | 'sample_weight' | 'updates' | 'reset_before'>;

/**
 * The data of `doc` once its loss becomes `kind`/`name`: converted, or the family's example. A
 * metric gets the batch as its one update (its own updates when the family stays the same); an
 * unknown name keeps the data as it is.
 */
export function tensorsFor(doc: ExampleDoc, kind: Kind, name: string): ExampleTensors {
  const keep = { y_true: doc.y_true, y_pred: doc.y_pred, sample_weight: doc.sample_weight, updates: doc.updates, reset_before: doc.reset_before };
  const to = familyOf(fnIdOf(kind, name));
  if (!to) return keep;
  const from = familyOf(fnIdOf(doc.kind, doc.name));
  const batch = convert(currentBatch(doc), from, to);
  if (kind === 'metric') {
    const same = doc.kind === 'metric' && from === to;
    return { ...keep, updates: same ? doc.updates : [batch], reset_before: same ? doc.reset_before : [] };
  }
  return { ...batch, updates: [], reset_before: [] };
}
