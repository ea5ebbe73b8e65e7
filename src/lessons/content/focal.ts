/** Lesson: focal loss, its γ (down-weighting easy entries) and α (and when α is ignored). */
import { example, vary } from '../build';
import type { Lesson } from '../types';

// An easy sample (p = 0.9 for a 1) and a hard one (p = 0.3 for a 1), one entry each.
const focalDoc = example('BinaryFocalCrossentropy', { gamma: 2 }, [[1], [1]], [[0.9], [0.3]]);
const bce = example('BinaryCrossentropy', {}, [[1], [1]], [[0.9], [0.3]]);
const alphaIgnored = vary(focalDoc, { config: { alpha: 0.9 } });
const balanced = example('BinaryFocalCrossentropy', { apply_class_balancing: true }, [[1, 0]], [[0.7, 0.4]]);
const unbalanced = vary(balanced, { config: { apply_class_balancing: false } });
const categorical = example('CategoricalFocalCrossentropy', { alpha: 0.25 }, [[0, 1, 0]], [[0.1, 0.6, 0.3]]);
const categoricalAlpha1 = vary(categorical, { config: { alpha: 1 } });

export const focal: Lesson = {
  id: 'focal',
  title: 'Focal loss: γ and α',
  summary: 'How gamma turns down easy entries, and why alpha needs apply_class_balancing in the binary loss.',
  steps: [
    {
      title: 'The focal factor',
      text: 'Focal loss multiplies each entry’s crossentropy by `(1 − p_t)^γ`, with γ = {in:config.gamma}. The easy sample (p_t = {step:p_t[0,0]}) ' +
        'is multiplied by {step:focal_factor[0,0]}, the hard one (p_t = {step:p_t[1,0]}) by {step:focal_factor[1,0]}. So the easy sample contributes ' +
        '{step:per_entry[0,0]} instead of {step:per_entry[0,0]@bce}, and the loss is {loss} instead of binary crossentropy’s {loss@bce}.',
      try: 'On the Focal γ chart, follow both samples as γ grows: the easy one’s loss all but vanishes, the hard one keeps a good part of its own.',
      doc: focalDoc,
      variants: { bce },
      view: { tab: 'focal', explain: 'focal_factor' },
      claims: [
        { says: 'the focal factor is (1 − p_t)^γ', holds: (v) => Math.abs(v.n('step:focal_factor[0,0]') - (1 - v.n('step:p_t[0,0]')) ** v.n('in:config.gamma')) < 1e-6 },
        {
          says: 'focal per entry = factor × crossentropy',
          holds: (v) => Math.abs(v.n('step:per_entry[0,0]') - v.n('step:focal_factor[0,0]') * v.n('step:per_entry[0,0]@bce')) < 1e-6,
        },
        { says: 'the easy sample is damped far more', holds: (v) => v.n('step:focal_factor[0,0]') < v.n('step:focal_factor[1,0]') / 10 },
        { says: 'the hard sample keeps a good part of its loss', holds: (v) => v.n('step:focal_factor[1,0]') > 0.3 },
      ],
    },
    {
      title: 'alpha without class balancing does nothing',
      text: 'Here alpha = {in:config.alpha}, and the loss is {loss}: exactly the loss with the default alpha ({loss@default}). ' +
        'BinaryFocalCrossentropy only uses alpha when apply_class_balancing=True; otherwise Keras ignores it without a word. ' +
        'The pitfall panel points it out.',
      try: 'Tick apply_class_balancing and watch the loss change.',
      doc: alphaIgnored,
      variants: { default: focalDoc },
      view: { panel: 'pitfalls' },
      claims: [{ says: 'alpha is ignored', holds: (v) => v.n('loss') === v.n('loss@default') }],
    },
    {
      title: 'Class balancing',
      text: 'With apply_class_balancing=True each entry is weighted `α` when its label is {in:y_true[0,0]} and `1 − α` when it is {in:y_true[0,1]}: ' +
        'with the default alpha that is {step:weight[0,0]} and {step:weight[0,1]}. The default down-weights the positive class, ' +
        'as in the focal loss paper, where γ already spares the many easy negatives. The loss is {loss} instead of {loss@unbalanced}.',
      try: 'Set alpha to weight the positives more, and follow the weight step of the explain view.',
      doc: balanced,
      variants: { unbalanced },
      view: { explain: 'weight' },
      claims: [
        { says: 'positives are weighted alpha', holds: (v) => Math.abs(v.n('step:weight[0,0]') - 0.25) < 1e-7 },
        { says: 'negatives are weighted 1 − alpha', holds: (v) => Math.abs(v.n('step:weight[0,1]') - 0.75) < 1e-7 },
        { says: 'balancing changes the loss', holds: (v) => v.n('loss') !== v.n('loss@unbalanced') },
      ],
    },
    {
      title: 'Categorical focal: alpha always applies',
      text: 'CategoricalFocalCrossentropy has no switch: alpha multiplies every entry. With alpha = {in:config.alpha} the loss is {loss}; ' +
        'with alpha = {in:config.alpha@alpha1} it is {loss@alpha1}, larger by exactly the ratio of the two alphas.',
      try: 'Change gamma and alpha together and compare with CategoricalCrossentropy in the loss picker.',
      doc: categorical,
      variants: { alpha1: categoricalAlpha1 },
      view: { explain: 'modulating_factor', tab: 'focal' },
      claims: [
        {
          says: 'the loss scales with alpha',
          holds: (v) => Math.abs(v.n('loss@alpha1') / v.n('loss') - v.n('in:config.alpha@alpha1') / v.n('in:config.alpha')) < 1e-5,
        },
      ],
    },
  ],
};
