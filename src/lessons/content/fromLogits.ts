/** Lesson: logits or probabilities, and what `from_logits` does when it does not match y_pred. */
import { example, vary } from '../build';
import type { Lesson } from '../types';

// The Keras docs' BinaryCrossentropy example: y_pred are logits (any real number).
const logits = example('BinaryCrossentropy', { from_logits: true }, [[0, 1, 0, 0]], [[-18.6, 0.51, 2.94, -12.8]]);
const asProbs = vary(logits, { config: { from_logits: false } });
// Probabilities (each in [0, 1]) for the same question.
const probs = example('BinaryCrossentropy', {}, [[0, 1], [1, 0]], [[0.1, 0.9], [0.8, 0.3]]);
const probsAsLogits = vary(probs, { config: { from_logits: true } });

export const fromLogits: Lesson = {
  id: 'from_logits',
  title: 'Logits or probabilities: from_logits',
  summary: 'What the loss does with y_pred, and what goes wrong when from_logits does not match it.',
  steps: [
    {
      title: 'Logits, read as logits',
      text: 'These y_pred are logits: raw scores, any real number. With from_logits=True, Keras applies the sigmoid ' +
        'inside the loss: σ({in:y_pred[0,1]}) = {step:sigmoid[0,1]} and σ({in:y_pred[0,2]}) = {step:sigmoid[0,2]}. ' +
        'The loss is {loss}, the number the Keras docs print for this example.',
      try: 'Change a logit in y_pred and watch its probability in the sigmoid step of the explain view.',
      doc: logits,
      view: { tab: 'gradient', selected: [0, 1], explain: 'sigmoid' },
      claims: [
        { says: 'the sigmoid maps the logit to a probability', holds: (v) => Math.abs(v.n('step:sigmoid[0,1]') - 1 / (1 + Math.exp(-v.n('in:y_pred[0,1]')))) < 1e-6 },
      ],
    },
    {
      title: 'Logits, read as probabilities',
      text: 'The same numbers with from_logits=False (the default) are taken as probabilities. Keras clips them into `[ε, 1 − ε]`: ' +
        '{in:y_pred[0,0]} becomes {step:p_clipped[0,0]} and {in:y_pred[0,2]} becomes {step:p_clipped[0,2]}. ' +
        'The loss is {loss} instead of {loss@logits}, and nothing raises an error: only the pitfall panel says these look like logits.',
      try: 'Use the pitfall’s one-click fix and compare the result.',
      doc: asProbs,
      variants: { logits },
      view: { explain: 'p_clipped', panel: 'pitfalls' },
      claims: [
        { says: 'a negative logit is clipped to ε', holds: (v) => v.n('step:p_clipped[0,0]') > 0 && v.n('step:p_clipped[0,0]') < 1e-6 },
        { says: 'a logit above 1 is clipped to 1 − ε', holds: (v) => v.n('step:p_clipped[0,2]') < 1 && v.n('step:p_clipped[0,2]') > 1 - 1e-6 },
        { says: 'the loss is not the one for logits', holds: (v) => Math.abs(v.n('loss') - v.n('loss@logits')) > 1 },
      ],
    },
    {
      title: 'Probabilities, read as logits',
      text: 'The reverse mistake is quieter. These y_pred are probabilities; with from_logits=True Keras takes them as logits, ' +
        'so a confident {in:y_pred[0,1]} turns into σ({in:y_pred[0,1]}) = {step:sigmoid[0,1]} and a {in:y_pred[0,0]} into {step:sigmoid[0,0]}: ' +
        'every prediction is squeezed towards one half. The loss is {loss}; read as probabilities it would be {loss@probs}.',
      try: 'Open the gradient chart, switch its x axis to logits, and see where the current point sits.',
      doc: probsAsLogits,
      variants: { probs },
      view: { tab: 'gradient', selected: [0, 1], explain: 'sigmoid' },
      claims: [
        { says: 'a confident probability becomes an unsure one', holds: (v) => v.n('step:sigmoid[0,1]') < v.n('in:y_pred[0,1]') },
        { says: 'a small probability is pushed up towards one half', holds: (v) => v.n('step:sigmoid[0,0]') > v.n('in:y_pred[0,0]') && v.n('step:sigmoid[0,0]') > 0.5 },
        { says: 'the loss read as logits is larger', holds: (v) => v.n('loss') > v.n('loss@probs') },
      ],
    },
  ],
};
