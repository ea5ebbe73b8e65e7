/**
 * What the UI needs to know about the selected loss, function or metric: its Keras function, its
 * family (which decides the helpers, pitfalls and explain notes) and its parameters, read from the
 * engine's registry (the one table of Keras names, defaults and help lines).
 */
import {
  FUNCTIONS, LOSS_CLASSES, METRIC_CLASSES, REDUCTIONS_KERAS3, REDUCTIONS_TF_KERAS2, fnIdOf, type FamilyId, type FnId, type ParamSpec,
} from '../../engine/registry';
import { REDUCTION_PARAM } from '../../engine/registry';
import type { Kind, Semantics } from '../../engine/types';

export { familyOf, fnIdOf, type FamilyId } from '../../engine/registry';

/** The kwargs a user can set (without reduction), in Keras's order. */
export function paramsOf(kind: Kind, name: string, semantics: Semantics): ParamSpec[] {
  if (kind === 'metric') return Object.hasOwn(METRIC_CLASSES, name) ? METRIC_CLASSES[name].params : [];
  const fn = fnIdOf(kind, name);
  if (!fn) return [];
  const params = FUNCTIONS[fn].params;
  // The tf.keras 2 SparseCategoricalCrossentropy class has no axis argument.
  if (kind === 'loss' && semantics === 'tf_keras2' && fn === 'sparse_categorical_crossentropy') {
    return params.filter((p) => p.name !== 'axis');
  }
  return params;
}

/** Reductions a loss class accepts under the semantics, default first. */
export function reductionsFor(semantics: Semantics): readonly string[] {
  return semantics === 'tf_keras2' ? REDUCTIONS_TF_KERAS2 : REDUCTIONS_KERAS3;
}

export function reductionParam(semantics: Semantics): ParamSpec {
  return { ...REDUCTION_PARAM, default: semantics === 'tf_keras2' ? 'auto' : 'sum_over_batch_size' };
}

/** The loss class that wraps a function (for "as the class would reduce it"). */
export function classOfFn(fn: FnId): string {
  return Object.keys(LOSS_CLASSES).find((k) => LOSS_CLASSES[k] === fn) ?? fn;
}

/** The metric class that computes the same function, if Keras has one. */
export function metricOfFn(fn: FnId): string | null {
  return Object.keys(METRIC_CLASSES).find((k) => METRIC_CLASSES[k].fn === fn) ?? null;
}

export interface LossOption {
  kind: Kind;
  name: string;
  /** Value of the <option>: `kind:name`. */
  key: string;
}

export interface LossGroup {
  label: string;
  options: LossOption[];
}

/** The loss picker's groups: loss classes, bare functions, metric classes. */
export const LOSS_GROUPS: LossGroup[] = [
  { label: 'Losses (keras.losses classes)', options: Object.keys(LOSS_CLASSES).map((name) => ({ kind: 'loss', name, key: `loss:${name}` })) },
  { label: 'Functions (keras.losses.*)', options: Object.keys(FUNCTIONS).map((name) => ({ kind: 'function', name, key: `function:${name}` })) },
  { label: 'Metrics (keras.metrics classes)', options: Object.keys(METRIC_CLASSES).map((name) => ({ kind: 'metric', name, key: `metric:${name}` })) },
];

export function optionKey(kind: Kind, name: string): string {
  return `${kind}:${name}`;
}

export function parseOptionKey(key: string): { kind: Kind; name: string } | null {
  const m = /^(loss|function|metric):(\w+)$/.exec(key);
  return m ? { kind: m[1] as Kind, name: m[2] } : null;
}

/** The family's y_pred meaning, for labels and help. */
export function predMeaning(family: FamilyId | null, fromLogits: boolean): string {
  if (family === 'ctc') return 'logits [batch, time, classes]';
  if (family === 'poisson') return 'predicted rates';
  if (family === 'kld') return 'predicted distribution';
  return fromLogits ? 'logits' : 'probabilities';
}
