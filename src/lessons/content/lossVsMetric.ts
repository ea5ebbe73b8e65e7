/** Lesson: why a loss and the metric of the same name print different numbers. */
import { example, metric, vary } from '../build';
import type { Lesson } from '../types';

const y_true = [1, 2];
const y_pred = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]];
const weighted = example('SparseCategoricalCrossentropy', {}, y_true, y_pred, { sample_weight: [0.3, 0.7] });
const weightedMetric = metric('SparseCategoricalCrossentropy', {}, [{ y_true, y_pred, sample_weight: [0.3, 0.7] }]);
const mws = vary(weighted, { config: { reduction: 'mean_with_sample_weight' } });

// Two batches of different sizes: one sample, then three.
const b0 = { y_true: [1], y_pred: [[0.1, 0.8, 0.1]], sample_weight: null };
const b1 = { y_true: [0, 2, 1], y_pred: [[0.7, 0.2, 0.1], [0.2, 0.2, 0.6], [0.3, 0.4, 0.3]], sample_weight: null };
const running = metric('SparseCategoricalCrossentropy', {}, [b0, b1]);
const reset = { ...running, reset_before: [1] };
const batchLoss = (b: typeof b0) => example('SparseCategoricalCrossentropy', {}, b.y_true, b.y_pred);

export const lossVsMetric: Lesson = {
  id: 'loss_vs_metric',
  title: 'Why the loss and the metric differ',
  summary: 'Same function, different division: the loss divides by the count, the metric by the weights it has seen.',
  steps: [
    {
      title: 'Same values, a different divisor',
      text: 'With sample weights, the loss divides Σ v·w = {numerator} by the number of samples ({denominator}) and gives {loss}. ' +
        'The metric keras.metrics.SparseCategoricalCrossentropy divides the same sum by Σw and gives {loss@metric}: ' +
        'the value of the loss with reduction="mean_with_sample_weight", {loss@mws}. model.fit prints both, and they disagree.',
      try: 'Remove sample_weight: loss and metric agree again.',
      doc: weighted,
      variants: { metric: weightedMetric, mws },
      view: { panel: 'result' },
      claims: [
        { says: 'the metric divides by Σw', holds: (v) => Math.abs(v.n('loss@metric') - v.n('loss@mws')) < 1e-6 },
        { says: 'loss and metric differ', holds: (v) => Math.abs(v.n('loss@metric') - v.n('loss')) > 0.1 },
      ],
    },
    {
      title: 'The metric is a running mean over samples',
      text: 'A metric accumulates: update_state adds each batch’s Σ v·w to total and Σw (or the sample count) to count. ' +
        'After the first batch result() is {result[0]}, after the second {result[1]}. The losses of the two batches are {loss@first} and ' +
        '{loss@second}; the metric is not their average but the mean over every sample it has seen.',
      try: 'Follow total and count through the updates in the explain view.',
      doc: running,
      variants: { first: batchLoss(b0), second: batchLoss(b1) },
      view: { panel: 'explain' },
      claims: [
        {
          says: 'the metric is the mean over samples',
          holds: (v) => Math.abs(v.n('result[1]') - (v.n('loss@first') * 1 + v.n('loss@second') * 3) / 4) < 1e-6,
        },
        { says: 'the metric is not the mean of batch means', holds: (v) => Math.abs(v.n('result[1]') - (v.n('loss@first') + v.n('loss@second')) / 2) > 0.01 },
      ],
    },
    {
      title: 'reset_state starts over',
      text: 'Keras resets its metrics at the start of each epoch. With reset_state() before the second batch, result() after it is {result[1]}, ' +
        'the second batch’s own loss ({loss@second}).',
      try: 'Untick “reset_state() before this update” in the inputs panel and watch result() change.',
      doc: reset,
      variants: { second: batchLoss(b1) },
      view: { panel: 'explain' },
      claims: [{ says: 'after a reset the metric is the batch loss', holds: (v) => Math.abs(v.n('result[1]') - v.n('loss@second')) < 1e-6 }],
    },
  ],
};
