/** Lesson: Keras clips probabilities into [ε, 1 − ε], so the loss stops growing and the gradient dies there. */
import { example, vary } from '../build';
import type { Lesson } from '../types';

// The true class gets probability 0: without the clip the loss would be infinite.
const zero = example('CategoricalCrossentropy', {}, [[0, 1, 0]], [[0.5, 0, 0.5]]);
const tiny = vary(zero, { y_pred: [[0.5, 1e-9, 0.5]] });
// Binary: a confident wrong prediction each way, to show the two caps.
const binary = example('BinaryCrossentropy', {}, [[1, 0]], [[0, 1]]);
// The same confidently wrong prediction as logits: no clip on this path.
const logits = example('CategoricalCrossentropy', { from_logits: true }, [[0, 1, 0]], [[0, -30, 0]]);

export const clipping: Lesson = {
  id: 'clipping',
  title: 'Clipping: where the loss stops growing',
  summary: 'Why a probability of zero gives a finite loss, where the cap comes from, and why the gradient dies there.',
  steps: [
    {
      title: 'A probability of zero',
      text: 'The true class has probability {in:y_pred[0,1]}, and −log of that is infinite. Keras clips every probability into ' +
        '`[ε, 1 − ε]` first, with ε = {step:p_clipped[0,1]} (Keras’s epsilon() in float32), so log p = {step:log_p[0,1]} and the loss is {loss}. ' +
        'That is the cap: no probability-based crossentropy goes above it for one entry.',
      try: 'Type a small positive probability into the true class’s cell and watch the loss approach the cap.',
      doc: zero,
      view: { explain: 'p_clipped' },
      claims: [
        { says: 'the loss is −log of float32(1e-7)', holds: (v) => Math.abs(v.n('loss') - -Math.log(Math.fround(1e-7))) < 1e-5 },
        { says: 'ε is Keras’s 1e-7 in float32', holds: (v) => v.n('step:p_clipped[0,1]') === Math.fround(1e-7) },
      ],
    },
    {
      title: 'Below ε, nothing changes, and the gradient is zero',
      text: 'A probability of {in:y_pred[0,1]} is clipped to the same ε, so the loss is the same {loss} as for zero ({loss@zero}). ' +
        'The clip also cuts the gradient: d loss / d y_pred here is {grad[0,1]}. A network stuck this far off gets no signal from this entry.',
      try: 'On the gradient chart, the shaded band is the clipped range: the gradient curve is flat inside it.',
      doc: tiny,
      variants: { zero },
      view: { tab: 'gradient', selected: [0, 1] },
      claims: [
        { says: 'the loss equals the one for probability zero', holds: (v) => v.n('loss') === v.n('loss@zero') },
        { says: 'the gradient of the clipped entry is zero', holds: (v) => v.n('grad[0,1]') === 0 },
      ],
    },
    {
      title: 'Two caps in binary crossentropy',
      text: 'Binary crossentropy clips p, and uses `log(1 − p)` where the label is {in:y_true[0,1]}. A true {in:y_true[0,0]} predicted as {in:y_pred[0,0]} ' +
        'costs {step:per_entry[0,0]}; a true {in:y_true[0,1]} predicted as {in:y_pred[0,1]} costs {step:per_entry[0,1]}, a little less, because `1 − ε` ' +
        'rounds to {step:p_clipped[0,1]} in float32.',
      try: 'Switch the dtype to float64 in the header and compare the two entries again.',
      doc: binary,
      view: { explain: 'per_entry' },
      claims: [
        { says: 'the cap for a 1 label is −log ε', holds: (v) => Math.abs(v.n('step:per_entry[0,0]') - -Math.log(Math.fround(1e-7))) < 1e-5 },
        { says: 'the cap for a 0 label is lower', holds: (v) => v.n('step:per_entry[0,1]') < v.n('step:per_entry[0,0]') },
        { says: '1 − ε rounds in float32', holds: (v) => v.n('step:p_clipped[0,1]') === Math.fround(1 - Math.fround(1e-7)) },
      ],
    },
    {
      title: 'Logits have no cap',
      text: 'Given as logits (from_logits=True), the same confidently wrong prediction is not clipped: log-softmax is computed directly. ' +
        'The loss is {loss}, far above the probability path’s {loss@zero}, and the gradient {grad[0,1]} still pushes the right logit up.',
      try: 'Make the logit of the true class more negative: the loss keeps growing.',
      doc: logits,
      variants: { zero },
      view: { tab: 'gradient', selected: [0, 1] },
      claims: [
        { says: 'the logits loss is above the cap', holds: (v) => v.n('loss') > v.n('loss@zero') },
        { says: 'the gradient pushes the true logit up', holds: (v) => v.n('grad[0,1]') < -0.5 },
      ],
    },
  ],
};
