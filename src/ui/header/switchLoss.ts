/**
 * Switching the loss keeps the user's example when it still makes sense: labels are converted
 * between one-hot and sparse (document/examples.ts), kwargs the new loss does not take are
 * dropped, and a metric gets the current batch as its one update. Where the tensors cannot fit
 * (CTC needs [B, T, C] logits), the family's documented example is loaded instead.
 */
import type { Kind } from '../../engine/types';
import type { ExampleDoc } from '../../document/document';
import { tensorsFor } from '../../document/examples';
import { familyOf, fnIdOf, paramsOf } from '../common/lossInfo';

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
  const config = keepConfig(doc, kind, name);
  const semantics = to === 'ctc' ? 'keras3' : doc.semantics;  // tf.keras 2 has no CTC loss class
  return { ...doc, kind, name, config, semantics, ...tensorsFor(doc, kind, name) };
}
