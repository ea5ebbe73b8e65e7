/**
 * Why a backend's number differs from the selected one, in one sentence, keyed by Keras function
 * and by the step where the computations part (shared spec section 8, B1-B15, and section 9 for
 * tf.keras 2). `{b}` is the differing backend, `{s}` the selected one, `{step}` the step's name.
 * Besides the engine's steps, three pseudo-steps name differences after them: `gradient`,
 * `reduction`, and `rounding` (no step differs beyond float32 rounding). Pure data and a lookup.
 */
import { ctcInfeasibleReturns } from '../../engine/backendNotes';
import { KERAS_BACKENDS } from '../../engine/types';
import { BACKEND_LABELS, TARGET_LABELS, type TargetId } from '../common/backendNames';

type Sentences = Partial<Record<TargetId | 'any', string>>;

/** Pseudo-steps: not steps of the explain view. */
export const PSEUDO_STEPS: ReadonlySet<string> = new Set(['gradient', 'reduction', 'rounding']);

const SCCE_CLIP = {
  tensorflow: 'TensorFlow clips before renormalising (−log p_label + log Σp after the clip)',
  tf_keras2: 'tf.keras 2 clips before renormalising, as TensorFlow does',
  jax: 'JAX renormalises first and then clips',
  torch: 'PyTorch renormalises first and then clips, as JAX does',
  numpy: 'NumPy renormalises first and then clips, as JAX does',
};

export const REASONS: Record<string, Record<string, Sentences>> = {
  sparse_categorical_crossentropy: {
    p_renormalised: SCCE_CLIP, p_clipped: SCCE_CLIP, log_p: SCCE_CLIP, log_softmax: SCCE_CLIP,
    per_sample: {
      jax: 'JAX scores a label outside [0, C) as 0 instead of raising',
      numpy: 'NumPy scores a negative label 0 (a label ≥ C raises)',
      torch: 'PyTorch scores the label −100 as 0 (nll_loss’s ignore_index)',
    },
  },
  binary_crossentropy: {
    per_entry: {
      tf_keras2: 'tf.keras 2 adds ε inside the logs as well as clipping (caps at −log 2ε)',
      numpy: 'NumPy goes from logits through σ and the clipped probability path, so it saturates near 16.1',
    },
    sigmoid: { numpy: 'NumPy turns logits into probabilities with σ and then clips them; the others use the stable softplus form' },
    p_clipped: { numpy: 'NumPy clips σ(logits) where the others use the stable logits formula' },
  },
  binary_focal_crossentropy: {
    per_entry: {
      tensorflow: 'TensorFlow keeps the logits: its BCE term is the stable, unclipped one',
      tf_keras2: 'tf.keras 2 keeps the logits: its BCE term is the stable, unclipped one',
      jax: 'JAX takes σ and then the clipped BCE term',
    },
    p_clipped: { tensorflow: 'TensorFlow does not clip σ(logits) for the BCE term' },
  },
  categorical_crossentropy: {
    gradient: { tensorflow: 'TensorFlow’s gradient w.r.t. the logits is softmax − y even where the labels do not sum to 1 (the others: (Σy)·softmax − y)' },
  },
  ctc: {
    per_sample: Object.fromEntries(KERAS_BACKENDS.map((b) =>
      [b, `With no feasible alignment ${BACKEND_LABELS[b]} returns ${ctcInfeasibleReturns(b, true)}`])),
  },
  '*': {
    gradient: {
      numpy: 'NumPy has no automatic differentiation: Keras on NumPy gives no gradient',
      jax: 'JAX’s autodiff takes half the derivative exactly on a clip bound; TensorFlow and PyTorch take all of it',
      any: '{b}’s autodiff gives a different gradient from {s}’s',
    },
    reduction: { torch: 'PyTorch rounds the reduced loss to float32', any: 'The per-sample values agree; {b} reduces them differently' },
    rounding: {
      tensorflow: 'Same formula; TensorFlow computes float64 throughout, while JAX and PyTorch round the per-sample mean to float32',
      numpy: 'Same formula; NumPy computes in float32 here',
      any: 'Same formula; {b} rounds differently from {s} (float32 vs float64 steps)',
    },
  },
};

export interface Reason {
  /** One sentence; `{step}` marks where the step's name goes (a link to the explain view). */
  text: string;
  /** The step where the computations part, or a pseudo-step, or null. */
  step: string | null;
}

const fill = (t: string, b: TargetId, s: TargetId) => t.replace(/\{b\}/g, TARGET_LABELS[b]).replace(/\{s\}/g, TARGET_LABELS[s]);

/**
 * The sentence for backend `b` against the selected `s` at `step` of Keras function `fn`: the
 * function's own entry (for b, else for s, else any), then the entry for every function, then the
 * generic "differs from step X on".
 */
export function reasonFor(fn: string | null, step: string, b: TargetId, s: TargetId): Reason {
  for (const table of [fn ? REASONS[fn] : undefined, REASONS['*']]) {
    const e = table?.[step];
    const t = e?.[b] ?? e?.[s] ?? e?.any;
    if (t) return { text: PSEUDO_STEPS.has(step) ? fill(t, b, s) : `${fill(t, b, s)}: step {step}`, step };
  }
  if (PSEUDO_STEPS.has(step)) return { text: `${TARGET_LABELS[b]} differs from ${TARGET_LABELS[s]} in the ${step}`, step };
  return { text: `${TARGET_LABELS[b]} differs from ${TARGET_LABELS[s]} from step {step} on`, step };
}
