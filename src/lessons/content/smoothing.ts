/** Lesson: label smoothing, the labels it makes, and the prediction it rewards (1 − ls + ls/C). */
import { example, vary } from '../build';
import type { Lesson } from '../types';

const smoothed = example('CategoricalCrossentropy', { label_smoothing: 0.15 }, [[0, 1, 0]], [[0.1, 0.8, 0.1]]);
// The smoothed label itself as the prediction: 1 − 0.15 + 0.15/3 = 0.9 for the true class, 0.05 elsewhere.
const optimum = vary(smoothed, { y_pred: [[0.05, 0.9, 0.05]] });
const confident = vary(smoothed, { y_pred: [[0.005, 0.99, 0.005]] });
const unsure = vary(smoothed, { y_pred: [[0.15, 0.7, 0.15]] });
// Binary smoothing pulls towards one half: with ls = 0.2 the targets are 0.9 and 0.1.
const binary = example('BinaryCrossentropy', { label_smoothing: 0.2 }, [[1, 0]], [[0.9, 0.1]]);
const binaryConfident = vary(binary, { y_pred: [[0.99, 0.01]] });
const none = vary(confident, { config: { label_smoothing: 0 } });

export const smoothing: Lesson = {
  id: 'smoothing',
  title: 'Label smoothing and its optimum',
  summary: 'What label_smoothing does to the labels, and why the best prediction is no longer a certain one.',
  steps: [
    {
      title: 'Smoothed labels',
      text: 'With label_smoothing = {in:config.label_smoothing} and {dim:y_pred[1]} classes, Keras replaces the one-hot label by ' +
        '`y·(1 − ls) + ls/C` before computing the loss: the true class gets {step:y_smoothed[0,1]} and every other class {step:y_smoothed[0,0]}. ' +
        'The loss of this prediction is {loss}.',
      try: 'Move label_smoothing and watch the y_smoothed step of the explain view.',
      doc: smoothed,
      view: { explain: 'y_smoothed', panel: 'params' },
      claims: [
        {
          says: 'the true class gets 1 − ls + ls/C',
          holds: (v) => Math.abs(v.n('step:y_smoothed[0,1]') - (1 - v.n('in:config.label_smoothing') + v.n('in:config.label_smoothing') / v.n('dim:y_pred[1]'))) < 1e-6,
        },
        { says: 'the other classes get ls/C', holds: (v) => Math.abs(v.n('step:y_smoothed[0,0]') - v.n('in:config.label_smoothing') / v.n('dim:y_pred[1]')) < 1e-6 },
      ],
    },
    {
      title: 'The best prediction is the smoothed label',
      text: 'This prediction equals the smoothed label: {in:y_pred[0,1]} for the true class, `1 − ls + ls/C`. Its loss, {loss}, is the lowest ' +
        'any prediction can reach: not zero, but the entropy of the smoothed label. A more confident {in:y_pred[0,1]@confident} costs more ' +
        '({loss@confident}), and so does a less confident {in:y_pred[0,1]@unsure} ({loss@unsure}).',
      try: 'On the gradient chart, the loss curve of the true class bottoms out at the current point.',
      doc: optimum,
      variants: { confident, unsure },
      view: { tab: 'gradient', selected: [0, 1] },
      claims: [
        { says: 'the prediction is the smoothed label', holds: (v) => Math.abs(v.n('in:y_pred[0,1]') - v.n('step:y_smoothed[0,1]')) < 1e-6 },
        { says: 'a more confident prediction costs more', holds: (v) => v.n('loss@confident') > v.n('loss') },
        { says: 'a less confident prediction costs more', holds: (v) => v.n('loss@unsure') > v.n('loss') },
        { says: 'the gradient vanishes at the optimum', holds: (v) => Math.abs(v.n('grad[0,1]')) < 1e-5 },
      ],
    },
    {
      title: 'Binary crossentropy smooths towards one half',
      text: 'Binary crossentropy uses `y·(1 − ls) + ls/2`: with label_smoothing = {in:config.label_smoothing}, a label of {in:y_true[0,0]} becomes {step:y_smoothed[0,0]} ' +
        'and a label of {in:y_true[0,1]} becomes {step:y_smoothed[0,1]}. Predicting exactly those gives the lowest loss, {loss}; a confident {in:y_pred[0,0]@confident} ' +
        'costs {loss@confident}.',
      try: 'Drag the current point on the gradient chart’s curve by editing the cell: the loss grows on both sides.',
      doc: binary,
      variants: { confident: binaryConfident },
      view: { tab: 'gradient', selected: [0, 0], explain: 'y_smoothed' },
      claims: [
        { says: 'a 1 label becomes 1 − ls/2', holds: (v) => Math.abs(v.n('step:y_smoothed[0,0]') - (1 - v.n('in:config.label_smoothing') / 2)) < 1e-6 },
        { says: 'the smoothed target has zero gradient', holds: (v) => Math.abs(v.n('grad[0,0]')) < 1e-5 },
        { says: 'confidence costs more', holds: (v) => v.n('loss@confident') > v.n('loss') },
      ],
    },
    {
      title: 'Smoothing punishes confidence',
      text: 'The smoothing chart sweeps label_smoothing for a confident, correct prediction ({in:y_pred[0,1]}). Without smoothing its loss is ' +
        '{loss@none}; at label_smoothing = {in:config.label_smoothing} it is {loss}, because the other classes now expect a little probability each.',
      try: 'Lower the true class’s probability and see the sweep flatten.',
      doc: confident,
      variants: { none },
      view: { tab: 'smoothing' },
      claims: [{ says: 'smoothing raises the loss of a confident prediction', holds: (v) => v.n('loss') > v.n('loss@none') }],
    },
  ],
};
