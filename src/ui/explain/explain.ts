/**
 * The explain view's model: the engine's named intermediates for the current input, in order,
 * each with a note in the words of the Keras source and which entries a step changed (a clip), then
 * the reduction with its actual numerator and denominator. Pure: built from a result.
 */
import type { DType, LossResult, Nested, Step, Tensor } from '../../engine/types';
import type { FamilyId } from '../common/lossInfo';
import { formatNumber } from '../common/format';
import { clipChanged } from '../pitfalls/pitfallSteps';

export interface ExplainStep {
  key: string;
  name: string;
  label: string;
  tensor: Tensor;
  alignsWith?: Step['alignsWith'];
  /** Where the step's numbers come from, in input-field names. */
  from: string[];
  note?: string;
  /** Flat indices of entries this step changed relative to its input (e.g. clipped entries). */
  changed: number[];
}

const FROM: Record<string, string[]> = {
  y_smoothed: ['y_true'], one_hot: ['y_true'], valid_mask: ['y_true'], y_clipped: ['y_true'], weights: ['sample_weight'],
  per_entry: ['y_true', 'y_pred'], per_sample: ['y_true', 'y_pred'], p_t: ['y_true', 'y_pred'], weight: ['y_true'],
};

function note(name: string, family: FamilyId): string | undefined {
  if (name.startsWith('log_alpha') || name.startsWith('log_beta')) {
    return 'Rows are time steps t, columns the extended-label states s (blanks between labels). −inf is log 0: no alignment reaches that state (Keras on JAX/NumPy writes −1e5 there).';
  }
  if (name.startsWith('occupancy')) return 'How much of the probability passes through state s at time t; each row sums to 1. It drives the gradient.';
  switch (name) {
    case 'y_smoothed':
      return family === 'binary' ? 'Binary smoothing pulls labels toward 0.5: y·(1 − ls) + ls/2.'
        : 'Categorical smoothing pulls labels toward uniform: y·(1 − ls) + ls/C, C = size of y_true’s last axis.';
    case 'p_renormalised': return 'Keras divides each row by its sum first, so rows that do not sum to 1 are accepted silently.';
    case 'p_clipped':
    case 'y_clipped': return 'Clipped to keep log finite (ε = 1e-7). A clipped entry’s log term is capped and passes no gradient.';
    case 'sigmoid': return 'from_logits=True: probabilities come from the sigmoid.';
    case 'softmax': return 'from_logits=True: probabilities come from the softmax.';
    case 'log_softmax': return 'from_logits=True: the stable log-softmax, no clipping.';
    case 'p_t': return 'The probability of the true class; uses the unclipped p and the smoothed y.';
    case 'focal_factor':
    case 'modulating_factor': return 'Down-weights easy examples: near 0 when the prediction is confident and right.';
    case 'weight': return 'Class balancing: alpha for positives, 1 − alpha for negatives.';
    case 'valid_mask': return 'Entries whose label equals ignore_class score 0 and leave the mean.';
    case 'weights': return 'sample_weight merged with the mask, aligned to the per-sample values (what the reduction multiplies by).';
    case 'per_sample':
      if (family === 'binary' || family === 'poisson') return `A mean over the last axis, not a sum: each sample’s value is the average of its entries.`;
      if (family === 'ctc') return 'The negative log-likelihood summed over every alignment.';
      return 'A sum over the class axis.';
    default: return undefined;
  }
}

const LOG_LATTICE = /^log_(alpha|beta)/;
/** Keras (JAX/NumPy) writes log 0 as −1e5 in α and the engine's β uses −inf: one spelling, −inf, for both. */
const LOG_ZERO = -5e4;
function logZeroAsInf(t: Tensor): Tensor {
  if (!Array.prototype.some.call(t.data, (v: number) => v <= LOG_ZERO && v > -Infinity)) return t;
  return { ...t, data: Float64Array.from(t.data, (v) => (v <= LOG_ZERO ? -Infinity : v)) };
}

export function explainSteps(result: LossResult, family: FamilyId, y_pred: Nested): ExplainStep[] {
  const steps = result.steps ?? [];
  return steps.map((s, k) => {
    let changed: number[] = [];
    // The same diff the clip pitfall reports (pitfallSteps), so both count the same entries.
    if (s.name === 'p_clipped') changed = clipChanged(steps, k, y_pred);
    return {
      key: `${k}:${s.name}`,
      name: s.name,
      label: s.label.replace(/(log P = )(-?[\d.]+(?:e[+-]?\d+)?)/, (_, lead: string, n: string) => lead + formatNumber(Number(n), result.dtype)),
      tensor: LOG_LATTICE.test(s.name) ? logZeroAsInf(s.tensor) : s.tensor,
      alignsWith: s.alignsWith,
      from: FROM[s.name] ?? (s.alignsWith === 'y_pred' ? ['y_pred'] : s.alignsWith === 'y_true' ? ['y_true'] : []),
      note: note(s.name, family),
      changed,
    };
  });
}

export interface ReductionExplain {
  reduction: string;
  numerator: number;
  denominator: number;
  value: number;
  formula: string;
}

/** The last step: what the reduction divided by what (null for functions and reduction=None). */
export function explainReduction(result: LossResult, dtype: DType): ReductionExplain | null {
  const r = result.reduction;
  if (!r || r.numerator === null || r.denominator === null || result.value.shape.length) return null;
  const formula: Record<string, string> = {
    sum: 'Σ(v·w)',
    sum_over_batch_size: 'Σ(v·w) / N, N = number of values (a count, not Σw)',
    auto: 'Σ(v·w) / N, N = number of values ("auto" is sum_over_batch_size)',
    mean: 'Σ(v·w) / N, N = number of values (same as sum_over_batch_size)',
    mean_with_sample_weight: 'Σ(v·w) / Σw',
  };
  void dtype;
  return { reduction: r.reduction, numerator: r.numerator, denominator: r.denominator, value: result.value.data[0], formula: formula[r.reduction] ?? r.reduction };
}
