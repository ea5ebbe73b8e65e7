/** Small builders for lesson documents: a Keras call in one line, and a variant of it. */
import { defaultDoc, type ExampleDoc, type UpdateDoc } from '../document/document';
import type { Nested } from '../engine/types';

/**
 * `name(**config)(y_true, y_pred)` as a document: float32 on TensorFlow, Keras 3's defaults, so a
 * lesson states what a default Keras install prints (not whatever the page's default example is).
 */
export function example(name: string, config: Record<string, unknown>, y_true: Nested, y_pred: Nested, more: Partial<ExampleDoc> = {}): ExampleDoc {
  const base = defaultDoc();
  return {
    ...base, kind: 'loss', name, config, semantics: 'keras3', kerasBackend: 'tensorflow', dtype: 'float32',
    y_true, y_pred, sample_weight: null, updates: [], reset_before: [], ...more,
    view: { ...base.view, ...more.view },
  };
}

/** The same document with a few fields (and config keys) changed. */
export function vary(doc: ExampleDoc, patch: Partial<Omit<ExampleDoc, 'config'>> & { config?: Record<string, unknown> } = {}): ExampleDoc {
  return { ...doc, ...patch, config: { ...doc.config, ...patch.config } };
}

/** The Keras metric of the same name fed the given batches (update_state once per batch). */
export function metric(name: string, config: Record<string, unknown>, batches: UpdateDoc[]): ExampleDoc {
  const base = example(name, config, batches[0]?.y_true ?? [], batches[0]?.y_pred ?? []);
  return { ...base, kind: 'metric', updates: batches };
}
