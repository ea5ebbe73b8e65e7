/** Lesson: CTC sums over alignments; blanks separate repeats; zeros in y_true are padding. */
import { example, vary } from '../build';
import type { Lesson } from '../types';

// One sample, T = 4 time steps, 3 classes (0 is the blank); y_pred are logits.
const logits4 = [[[2, 0.5, 0], [0, 2, 0.5], [0.5, 0, 2], [2, 0.5, 0.5]]];
const alignments = example('CTC', {}, [[1, 2]], logits4);
// A repeated label needs a blank between its copies: three steps suffice, two do not.
const repeat = example('CTC', {}, [[1, 1]], [[[0.5, 2, 0], [2, 0.5, 0], [0.5, 2, 0]]]);
const repeatShort = vary(repeat, { y_pred: [[[0.5, 2, 0], [0.5, 2, 0]]] });
const interior = example('CTC', {}, [[1, 0, 2]], logits4);
const padded = vary(interior, { y_true: [[1, 2, 0]] });

export const ctc: Lesson = {
  id: 'ctc',
  title: 'CTC: alignments and blanks',
  summary: 'How CTC scores a label sequence without knowing where each symbol starts, and the role of the blank.',
  steps: [
    {
      title: 'Every alignment counts',
      text: 'CTC scores the label {in:y_true[0,0]}, {in:y_true[0,1]} against {dim:y_pred[1]} time steps of logits without saying where each symbol falls. ' +
        'Class zero is the blank. The label is extended with blanks: blank, {in:y_true[0,0]}, blank, ' +
        '{in:y_true[0,1]}, blank, and every path through that lattice that collapses to the label counts. The loss is ' +
        '`−log P(label)`, summed over all those paths: {loss}.',
      try: 'In the CTC lattice chart, the colour is how much of the probability passes through each state at each time step.',
      doc: alignments,
      view: { tab: 'ctc' },
      claims: [
        { says: 'the label has two symbols', holds: (v) => v.n('step:label_length[0]') === 2 },
        { says: 'the occupancy sums to one at each time step', holds: (v) => Math.abs([0, 1, 2, 3, 4].reduce((a, s) => a + v.n(`step:occupancy[0][1,${s}]`), 0) - 1) < 1e-5 },
      ],
    },
    {
      title: 'Repeats need a blank between them',
      text: 'Two equal symbols in a row would collapse into one, so the label {in:y_true[0,0]}, {in:y_true[0,1]} needs a blank between its copies: ' +
        'at least {dim:y_pred[1]} time steps. With them, the loss is {loss}. With {dim:y_pred[1]@short} steps no alignment exists and the true loss is ' +
        'infinite; Keras on TensorFlow prints {loss@short} instead, and the result panel says why.',
      try: 'Remove a time step, or change the label so the symbols differ, and watch the loss.',
      doc: repeat,
      variants: { short: repeatShort },
      view: { tab: 'ctc', panel: 'result' },
      claims: [
        { says: 'three steps are feasible', holds: (v) => Number.isFinite(v.n('loss')) && v.n('loss') < 10 },
        { says: 'two steps are infeasible (TensorFlow ends them near 707)', holds: (v) => v.n('loss@short') > 700 && v.n('loss@short') < 720 },
      ],
    },
    {
      title: 'Zeros in y_true are padding, and only at the end',
      text: 'Keras reads label_length as the number of non-zero entries ({step:label_length[0]} here) and takes that many from the start of the row. ' +
        'Trailing zeros are padding, but this row has its zero inside: Keras reads the label as {in:y_true[0,0]}, {in:y_true[0,1]}, so the zero becomes a blank ' +
        'and the last symbol is dropped. The loss is {loss}; with the zero at the end it would be {loss@padded}.',
      try: 'Move the zero to the end of the row.',
      doc: interior,
      variants: { padded },
      view: { tab: 'ctc', panel: 'result' },
      claims: [
        { says: 'both rows have the same label_length', holds: (v) => v.n('step:label_length[0]') === v.n('step:label_length[0]@padded') },
        { says: 'an interior zero changes the loss', holds: (v) => Math.abs(v.n('loss') - v.n('loss@padded')) > 0.01 },
      ],
    },
  ],
};
