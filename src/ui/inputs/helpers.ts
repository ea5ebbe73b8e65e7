/**
 * The input helpers as pure document edits: one-hot <-> sparse labels (switching between the
 * categorical and sparse loss, so the number stays the same), probabilities <-> logits (switching
 * from_logits, so the number stays the same), row normalisation, a random example, resizing.
 */
import type { Nested } from '../../engine/types';
import type { ExampleDoc, UpdateDoc } from '../../document/document';
import { familyOf, fnIdOf, type FamilyId } from '../common/lossInfo';
import { randomExample } from './random';
import { resizeBatch } from './resize';
import { logitAll, logRows, normaliseRows, oneHotToSparse, shapeOf, sigmoidAll, softmaxRows, sparseToOneHot } from './tensorOps';

const PAIRS: [string, string][] = [
  ['CategoricalCrossentropy', 'SparseCategoricalCrossentropy'],
  ['categorical_crossentropy', 'sparse_categorical_crossentropy'],
];

/** The categorical <-> sparse counterpart of the doc's loss, or null. */
export function labelCounterpart(doc: ExampleDoc): { name: string; toSparse: boolean } | null {
  for (const [cat, sparse] of PAIRS) {
    if (doc.name === cat) return { name: sparse, toSparse: true };
    if (doc.name === sparse) return { name: cat, toSparse: false };
  }
  return null;
}

function mapBatches(doc: ExampleDoc, f: (b: UpdateDoc) => UpdateDoc): ExampleDoc {
  if (doc.kind === 'metric') return { ...doc, updates: doc.updates.map(f) };
  return { ...doc, ...f({ y_true: doc.y_true, y_pred: doc.y_pred, sample_weight: doc.sample_weight }) };
}

export function toggleLabels(doc: ExampleDoc): ExampleDoc {
  const to = labelCounterpart(doc);
  if (!to) return doc;
  const convert = (y: Nested, p: Nested): Nested => (to.toSparse ? oneHotToSparse(y) : sparseToOneHot(y, shapeOf(p).at(-1) ?? 1));
  const { ignore_class: _ic, label_smoothing: _ls, ...config } = doc.config;
  return { ...mapBatches(doc, (b) => ({ ...b, y_true: convert(b.y_true, b.y_pred) })), name: to.name, config };
}

export type PredConversion = 'to-logits' | 'to-probabilities';

/** Which conversions make sense for the loss now. */
export function predConversions(doc: ExampleDoc): PredConversion[] {
  const family = familyOf(fnIdOf(doc.kind, doc.name));
  if (family === 'ctc') return ['to-logits'];
  if (family !== 'binary' && family !== 'categorical' && family !== 'sparse') return [];
  return [doc.config.from_logits === true ? 'to-probabilities' : 'to-logits'];
}

export function convertPred(doc: ExampleDoc, conv: PredConversion): ExampleDoc {
  const family = familyOf(fnIdOf(doc.kind, doc.name));
  const binary = family === 'binary';
  const f = conv === 'to-logits' ? (binary ? logitAll : logRows) : (binary ? sigmoidAll : softmaxRows);
  const next = mapBatches(doc, (b) => ({ ...b, y_pred: f(b.y_pred) }));
  if (family === 'ctc') return next;
  const { from_logits: _fl, ...rest } = doc.config;
  return { ...next, config: conv === 'to-logits' ? { ...rest, from_logits: true } : rest };
}

export function normaliseAll(doc: ExampleDoc): ExampleDoc {
  return mapBatches(doc, (b) => ({ ...b, y_pred: normaliseRows(b.y_pred) }));
}

/** The doc's batch size and class count (CTC: classes including the blank). */
export function dims(doc: ExampleDoc): { batch: number; classes: number; family: FamilyId | null } {
  const b = doc.kind === 'metric' ? doc.updates[0] : doc;
  const p = b ? shapeOf(b.y_pred) : [];
  return { batch: p[0] ?? 1, classes: p.length >= 2 ? p[p.length - 1] : 1, family: familyOf(fnIdOf(doc.kind, doc.name)) };
}

export function randomize(doc: ExampleDoc, seed: number, batch: number, classes: number): ExampleDoc {
  const family = familyOf(fnIdOf(doc.kind, doc.name));
  if (!family) return doc;
  const time = family === 'ctc' ? shapeOf(doc.kind === 'metric' ? doc.updates[0]?.y_pred ?? [] : doc.y_pred)[1] : undefined;
  const ex = randomExample({ family, batch, classes, seed, time, fromLogits: doc.config.from_logits === true });
  return mapBatches(doc, (b) => ({ ...ex, sample_weight: b.sample_weight === null ? null : Array.from({ length: batch }, () => 1) }));
}

export function resizeAll(doc: ExampleDoc, batch: number, classes: number): ExampleDoc {
  const family = familyOf(fnIdOf(doc.kind, doc.name));
  if (!family) return doc;
  return mapBatches(doc, (b) => resizeBatch(b, family, batch, classes, doc.config.from_logits === true));
}
