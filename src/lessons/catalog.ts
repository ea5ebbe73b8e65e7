/**
 * What the page knows of the built-in lessons before their content is loaded: id, title, the
 * picker's one-line summary and the number of steps, in course order. The content (index.ts) is
 * the source; test/lessons/catalog.test.ts fails when this list differs from it.
 */
export interface LessonEntry {
  id: string;
  title: string;
  summary: string;
  steps: number;
}

export const LESSON_INDEX: readonly LessonEntry[] = [
  { id: 'from_logits', title: 'Logits or probabilities: from_logits', summary: 'What the loss does with y_pred, and what goes wrong when from_logits does not match it.', steps: 3 },
  { id: 'clipping', title: 'Clipping: where the loss stops growing', summary: 'Why a probability of zero gives a finite loss, where the cap comes from, and why the gradient dies there.', steps: 4 },
  { id: 'smoothing', title: 'Label smoothing and its optimum', summary: 'What label_smoothing does to the labels, and why the best prediction is no longer a certain one.', steps: 4 },
  { id: 'focal', title: 'Focal loss: γ and α', summary: 'How gamma turns down easy entries, and why alpha needs apply_class_balancing in the binary loss.', steps: 4 },
  { id: 'reduction', title: 'Reductions and sample_weight', summary: 'How per-sample values become one number, and what sample_weight does (and does not) divide by.', steps: 4 },
  { id: 'loss_vs_metric', title: 'Why the loss and the metric differ', summary: 'Same function, different division: the loss divides by the count, the metric by the weights it has seen.', steps: 3 },
  { id: 'ctc', title: 'CTC: alignments and blanks', summary: 'How CTC scores a label sequence without knowing where each symbol starts, and the role of the blank.', steps: 3 },
  { id: 'backends', title: 'The Keras backends', summary: 'The same call on TensorFlow, JAX, PyTorch and NumPy: where the numbers agree, and where they part ways.', steps: 4 },
];

export function lessonEntry(id: string | undefined): LessonEntry | undefined {
  return LESSON_INDEX.find((l) => l.id === id);
}
