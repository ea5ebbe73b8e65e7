/**
 * What the UI needs to know about the selected loss, function or metric: its Keras function, its
 * family (which decides the helpers, pitfalls and explain notes) and its parameters, read from the
 * engine's catalog (pure data: the page bundles no engine implementation for it).
 */
import { FUNCTIONS, LOSS_CLASSES, METRIC_CLASSES, type FamilyId } from '../../engine/catalog';
import type { Kind } from '../../engine/types';

export {
  classOfFn, familyOf, fnIdOf, metricOfFn, paramsOf, reductionParam, reductionsFor, type FamilyId,
} from '../../engine/catalog';

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
