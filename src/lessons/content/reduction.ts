/** Lesson: how the per-sample values become one number (reductions), and what sample_weight changes. */
import { example, vary } from '../build';
import type { Lesson } from '../types';

// The Keras docs' SparseCategoricalCrossentropy example. The weights sum to neither 1 nor N, so every reduction differs.
const plain = example('SparseCategoricalCrossentropy', {}, [1, 2], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]);
const weighted = vary(plain, { sample_weight: [0.5, 2] });
const reductions = {
  sum: vary(weighted, { config: { reduction: 'sum' } }),
  mws: vary(weighted, { config: { reduction: 'mean_with_sample_weight' } }),
  none: vary(weighted, { config: { reduction: 'none' } }),
};
const zeroWeight = vary(plain, { sample_weight: [0, 1] });

export const reduction: Lesson = {
  id: 'reduction',
  title: 'Reductions and sample_weight',
  summary: 'How per-sample values become one number, and what sample_weight does (and does not) divide by.',
  steps: [
    {
      title: 'sum_over_batch_size: divide by the count',
      text: 'The loss first computes one value per sample: {per_sample[0]} and {per_sample[1]}. The default reduction, sum_over_batch_size, ' +
        'adds them ({numerator}) and divides by the number of samples, {denominator}: the loss is {loss}.',
      try: 'Add a sample in the inputs panel and watch the denominator follow.',
      doc: plain,
      view: { panel: 'result', explain: 'reduction' },
      claims: [
        { says: 'the loss is the mean of the per-sample values', holds: (v) => Math.abs(v.n('loss') - (v.n('per_sample[0]') + v.n('per_sample[1]')) / 2) < 1e-6 },
        { says: 'the denominator is the number of samples', holds: (v) => v.n('denominator') === v.n('dim:y_pred[0]') },
      ],
    },
    {
      title: 'sample_weight: still divided by the count',
      text: 'With sample_weight = [{in:sample_weight[0]}, {in:sample_weight[1]}], each value is multiplied by its weight: Σ v·w = {numerator}. ' +
        'The default reduction still divides by the number of samples, {denominator}, not by the sum of the weights, so the loss is {loss}.',
      try: 'Double every weight: the loss doubles too, because the denominator does not move.',
      doc: weighted,
      view: { panel: 'result', explain: 'reduction' },
      claims: [
        { says: 'the numerator is Σ v·w', holds: (v) => Math.abs(v.n('numerator') - (v.n('per_sample[0]') * v.n('in:sample_weight[0]') + v.n('per_sample[1]') * v.n('in:sample_weight[1]'))) < 1e-6 },
        { says: 'the denominator is the count, not Σw', holds: (v) => v.n('denominator') === v.n('dim:y_pred[0]') },
      ],
    },
    {
      title: 'The other reductions',
      text: 'The same weighted values under each reduction: "sum" gives {loss@sum}; "mean_with_sample_weight" divides by Σw and gives {loss@mws}; ' +
        'None returns the weighted values themselves, {value[0]@none} and {value[1]@none}. The result panel lists them side by side.',
      try: 'Pick each reduction in the parameters panel and compare with the table in the result panel.',
      doc: weighted,
      variants: reductions,
      view: { panel: 'result' },
      claims: [
        { says: 'sum is Σ v·w', holds: (v) => Math.abs(v.n('loss@sum') - v.n('numerator')) < 1e-6 },
        { says: 'mean_with_sample_weight divides by Σw', holds: (v) => Math.abs(v.n('loss@mws') - v.n('numerator') / (v.n('in:sample_weight[0]') + v.n('in:sample_weight[1]'))) < 1e-6 },
        { says: 'None returns the weighted values', holds: (v) => Math.abs(v.n('value[1]@none') - v.n('per_sample[1]') * v.n('in:sample_weight[1]')) < 1e-6 },
      ],
    },
    {
      title: 'A zero weight still counts',
      text: 'A sample with weight {in:sample_weight[0]} adds nothing to Σ v·w = {numerator}, but it still counts in the denominator, {denominator}. ' +
        'So the loss, {loss}, is below the one remaining sample’s own value {per_sample[1]}: a masked-out sample dilutes the mean.',
      try: 'Switch the reduction to mean_with_sample_weight: the zero-weight sample no longer dilutes it.',
      doc: zeroWeight,
      view: { explain: 'reduction' },
      claims: [
        { says: 'the zero-weight sample still counts', holds: (v) => v.n('denominator') === v.n('dim:y_pred[0]') },
        { says: 'the loss is diluted', holds: (v) => Math.abs(v.n('loss') - v.n('per_sample[1]') / 2) < 1e-6 },
      ],
    },
  ],
};
