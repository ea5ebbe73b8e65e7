/**
 * Switching the loss keeps the user's example when it still makes sense: labels are converted
 * between one-hot and sparse, kwargs the new loss does not take are dropped, and a metric gets the
 * current batch as its one update. Where the tensors cannot fit (CTC needs [B, T, C] logits), the
 * family's documented example is loaded instead.
 */
import type { Kind, Nested } from '../../engine/types';
import type { ExampleDoc, UpdateDoc } from '../../document/document';
import { familyOf, fnIdOf, paramsOf, type FamilyId } from '../common/lossInfo';
import { oneHotToSparse, shapeOf, sparseToOneHot } from '../inputs/tensorOps';

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

/** Kwargs the new loss accepts, with values of a type it takes. */
function keepConfig(doc: ExampleDoc, kind: Kind, name: string): Record<string, unknown> {
  const specs = paramsOf(kind, name, doc.semantics);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc.config)) {
    const spec = specs.find((s) => s.name === k);
    if (k === 'reduction' && kind === 'loss') out[k] = v;
    if (!spec) continue;
    if (spec.type === 'alpha' && typeof v !== 'number') continue;
    out[k] = v;
  }
  return out;
}

export function switchLoss(doc: ExampleDoc, kind: Kind, name: string): ExampleDoc {
  const to = familyOf(fnIdOf(kind, name));
  if (!to) return doc;
  const from = familyOf(fnIdOf(doc.kind, doc.name));
  const batch = convert(currentBatch(doc), from, to);
  const config = keepConfig(doc, kind, name);
  const semantics = to === 'ctc' ? 'keras3' : doc.semantics;  // tf.keras 2 has no CTC loss class
  const base = { ...doc, kind, name, config, semantics };
  if (kind === 'metric') {
    const updates = doc.kind === 'metric' && from === to ? doc.updates : [batch];
    return { ...base, updates, reset_before: doc.kind === 'metric' && from === to ? doc.reset_before : [] };
  }
  return { ...base, ...batch, updates: [], reset_before: [] };
}
