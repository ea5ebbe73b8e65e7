/** Lesson: Keras 3 on TensorFlow, JAX, PyTorch and NumPy computes the same loss in different ways, and sometimes gets other numbers. */
import type { KerasBackend } from '../../engine/types';
import type { ExampleDoc } from '../../document/document';
import { example, vary } from '../build';
import type { Lesson } from '../types';

const on = (doc: ExampleDoc, ...backends: KerasBackend[]) =>
  Object.fromEntries(backends.map((b) => [b, vary(doc, { kerasBackend: b })]));

// Large logits, confidently wrong both ways.
const bigLogits = example('BinaryCrossentropy', { from_logits: true }, [[0, 1]], [[40, -40]]);
// A row that does not sum to one, with an entry above one.
const unnormalised = example('SparseCategoricalCrossentropy', {}, [1], [[0.5, 2, 0.5]]);
// A label outside the classes (there are three: 0, 1, 2).
const outOfRange = example('SparseCategoricalCrossentropy', {}, [1, 3], [[0.1, 0.8, 0.1], [0.2, 0.3, 0.5]], { kerasBackend: 'jax' });
// A repeated label with too few time steps for a blank between the copies.
const infeasible = example('CTC', {}, [[1, 1]], [[[0.5, 2, 0], [0.5, 2, 0]]]);

export const backends: Lesson = {
  id: 'backends',
  title: 'The Keras backends',
  summary: 'The same call on TensorFlow, JAX, PyTorch and NumPy: where the numbers agree, and where they part ways.',
  steps: [
    {
      title: 'Stable logits, or sigmoid then clip',
      text: 'Keras 3 runs on the backend KERAS_BACKEND names; TensorFlow is the default. For binary crossentropy with from_logits=True, ' +
        'TensorFlow, JAX and PyTorch use a stable formula on the logits: the loss here is {loss} (JAX {loss@jax}, PyTorch {loss@torch}). ' +
        'NumPy applies the sigmoid first and then clips like probabilities, so it stops at the clip’s caps: {loss@numpy}.',
      try: 'Pick each backend in the header’s Keras backend menu, or open Compare backends in the result panel.',
      doc: bigLogits,
      variants: on(bigLogits, 'jax', 'torch', 'numpy'),
      view: { panel: 'backends' },
      claims: [
        { says: 'the stable backends agree', holds: (v) => v.n('loss') === v.n('loss@jax') && v.n('loss') === v.n('loss@torch') },
        { says: 'NumPy is capped', holds: (v) => v.n('loss@numpy') < 17 && v.n('loss') > 30 },
      ],
    },
    {
      title: 'Clip, then renormalise, or the reverse',
      text: 'Sparse categorical crossentropy on probabilities divides each row by its sum and clips. JAX, PyTorch and NumPy renormalise first: ' +
        'the true class’s {in:y_pred[0,1]} becomes a share of its row and the loss is {loss@jax}. TensorFlow clips first, so the entry above one ' +
        'becomes `1 − ε` before the division, and the loss is {loss}. Rows that sum to one give the same number everywhere.',
      try: 'Edit the row so it sums to one and compare the backends again.',
      doc: unnormalised,
      variants: on(unnormalised, 'jax'),
      view: { panel: 'backends', explain: 'log_p' },
      claims: [
        { says: 'the backends differ by more than rounding', holds: (v) => Math.abs(v.n('loss') - v.n('loss@jax')) > 0.1 },
      ],
    },
    {
      title: 'A label out of range: zero, or an error',
      text: 'Here y_true holds {in:y_true[1]} with only {dim:y_pred[1]} classes. Keras on JAX scores that sample zero without a word ' +
        '(its per-sample value is {per_sample[1]}) and the loss is {loss}; TensorFlow, PyTorch and NumPy raise an error instead. ' +
        'Compare backends shows each answer.',
      try: 'Switch the Keras backend to TensorFlow: the page shows the error Keras would raise.',
      doc: outOfRange,
      variants: on(outOfRange, 'tensorflow', 'torch', 'numpy'),
      view: { panel: 'backends' },
      claims: [
        { says: 'JAX scores the sample zero', holds: (v) => v.n('per_sample[1]') === 0 },
        { says: 'TensorFlow, PyTorch and NumPy raise', holds: (v) => v.raises('tensorflow') && v.raises('torch') && v.raises('numpy') },
      ],
    },
    {
      title: 'No alignment: four answers',
      text: 'A CTC label with no feasible alignment has an infinite loss in truth. TensorFlow prints {loss}, JAX {loss@jax}, NumPy {loss@numpy} ' +
        'and PyTorch {loss@torch}. The numbers differ because each backend stands in for `log 0` differently.',
      try: 'Add a time step to y_pred: all four agree again.',
      doc: infeasible,
      variants: on(infeasible, 'jax', 'torch', 'numpy'),
      view: { panel: 'backends', tab: 'ctc' },
      claims: [
        { says: 'PyTorch returns inf', holds: (v) => v.n('loss@torch') === Infinity },
        { says: 'JAX and NumPy return about 1e5', holds: (v) => Math.abs(v.n('loss@jax') - 1e5) < 10 && v.n('loss@numpy') === v.n('loss@jax') },
        { says: 'TensorFlow returns about 707', holds: (v) => v.n('loss') > 700 && v.n('loss') < 720 },
      ],
    },
  ],
};
