/**
 * One or two plain sentences under the result on what the number means, for this input: what one
 * sample contributes (sampleSentence.ts), then how the reduction, or a metric's total / count, gives
 * the number shown. Every number is the engine's (its result, its named steps, its resolved config),
 * printed with the playground's formatter; nothing is recomputed here. Pure.
 */
import type { EngineResult, LossResult, MetricResult } from '../../engine/types';
import { formatList, formatNumber } from '../common/format';
import { sampleSentence, type SampleInput } from './sampleSentence';

export interface SentenceInput extends SampleInput {
  /** True when the call passed sample_weight (a mask alone also gives the result weights). */
  sampleWeight: boolean;
  /** Metrics: reset_state() came before these update indices. */
  resetBefore: readonly number[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How the per-sample values became the value shown (losses and bare functions). */
export function reductionSentence(r: LossResult, sampleWeight: boolean): string {
  const f = (x: number) => formatNumber(x, r.dtype);
  const n = r.perSample.data.length;
  const red = r.reduction;
  if (r.kind === 'function' || !red) {
    return `keras.losses.${r.name} returns one value per sample and does not reduce them: ${formatList(r.value.data, r.dtype)}.`;
  }
  const weighted = sampleWeight ? 'weighted ' : '';
  if (red.reduction === 'none') {
    return `reduction=None returns the ${plural(n, `${weighted}value`)} as ${n === 1 ? 'it is' : 'they are'}: ${formatList(r.value.data, r.dtype)}.`;
  }
  const value = f(r.value.data[0]);
  if (red.numerator === null || red.denominator === null) return `There is one value, so "${red.reduction}" returns it as it is: ${value}.`;
  const mask = r.steps?.find((s) => s.name === 'valid_mask')?.tensor.data;
  const masked = mask ? Array.prototype.filter.call(mask, (m: number) => m === 0).length : 0;
  const ignored = masked ? `ignore_class=${String(r.config.ignore_class)} masks ${masked} of the ${plural(n, 'sample')}` : '';
  switch (red.reduction) {
    case 'sum':
      return `${ignored ? `${ignored}, and ` : ''}reduction="sum" adds up the ${weighted}values: ${value}.`;
    case 'mean_with_sample_weight':
      return `${ignored ? `${ignored}; ` : ''}"mean_with_sample_weight" divides the weighted sum ${f(red.numerator)} by Σw = ${f(red.denominator)}: ${value}.`;
    default:
      if (masked && sampleWeight) return `${ignored}, so the weighted values of the ${plural(n - masked, 'remaining sample')} are added up and divided by ${n - masked}: ${value}.`;
      if (masked) return `${ignored}, so the result is the mean over the ${plural(n - masked, 'remaining sample')}: ${value}.`;
      if (sampleWeight) {
        return `Each value is multiplied by its sample_weight; the sum, ${f(red.numerator)}, is divided by the number of values, ${f(red.denominator)}, not by Σw: ${value}.`;
      }
      return `The loss is the mean of the ${plural(n, 'value')}: ${f(red.numerator)} / ${f(red.denominator)} = ${value}.`;
  }
}

/** result() = total / count after the last update, and what that update added. */
export function metricSentences(r: MetricResult, resetBefore: readonly number[]): string[] {
  const f = (x: number) => formatNumber(x, r.dtype);
  const k = r.snapshots.length - 1;
  const last = r.snapshots[k];
  if (!last) return [];
  let first = 0;
  for (const b of resetBefore) if (b <= k && b > first) first = b;
  const since = k - first + 1;
  const values = plural(last.values.data.length, 'value');
  const added = last.weights
    ? `Σ w·v = ${f(last.added.total)} to total and Σ w = ${f(last.added.count)} to count (w is its sample_weight)`
    : `the sum of its ${values}, ${f(last.added.total)}, to total and their number, ${f(last.added.count)}, to count`;
  const after = since === 1
    ? `The update_state() call #${k}${first > 0 ? ', after reset_state(),' : ''} added ${added}`
    : `Total and count run over the ${since} update_state() calls ${first > 0 ? `since reset_state() before #${first}` : 'so far'}; call #${k} added ${added}`;
  return [`result() = total / count = ${f(last.total)} / ${f(last.count)} = ${f(last.result)}.`, `${after}.`];
}

/** The sentences shown under a result: one on a sample and one on the reduction (or two on a metric). */
export function resultSentences(r: EngineResult, input: SentenceInput): string[] {
  if (r.kind === 'metric') return metricSentences(r, input.resetBefore);
  const sample = sampleSentence(r, input);
  return [...(sample ? [sample] : []), reductionSentence(r, input.sampleWeight)];
}
