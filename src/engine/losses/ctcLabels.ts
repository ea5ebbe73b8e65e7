/**
 * How each Keras backend turns CTC's float y_true into integer labels and label lengths.
 *
 * keras.losses.ctc: label_length = sum(y_true != 0) on the float labels (NaN counts), then
 * ops.ctc_loss casts y_true to an integer type itself, truncating toward zero after the dtype
 * rounding of the run (0.5 counts toward the length but is read as the blank 0). What a value
 * that does not fit becomes depends on the cast:
 *   - TensorFlow tf.cast, NumPy astype, JAX on a NumPy array (the bare function, which Keras
 *     hands NumPy inputs untouched): x86 truncation, NaN / ±Inf / out of int32 -> INT32_MIN;
 *   - JAX on a device array (the Loss class converts y_true first): XLA's convert, NaN -> 0 and
 *     out-of-range values saturate to INT32_MIN / INT32_MAX;
 *   - torch targets.to(kLong): NaN / ±Inf / out of int64 -> INT64_MIN.
 */
import type { KerasBackend } from '../types';

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
export const INT64_MIN = -9223372036854775808;

export type CtcKind = 'loss' | 'function';

export interface CtcLabels {
  /** Integer labels as the backend reads them, [B, N]. */
  ints: Float64Array;
  /** Label lengths: the non-zero count of each row of the float y_true. */
  lengths: Int32Array;
}

/** The backend's float -> integer cast of one label. */
export function castLabel(v: number, backend: KerasBackend, kind: CtcKind): number {
  if (backend === 'torch') return Number.isFinite(v) && Math.abs(v) < 2 ** 63 ? Math.trunc(v) + 0 : INT64_MIN;
  if (backend === 'jax' && kind === 'loss') return Number.isNaN(v) ? 0 : Math.min(INT32_MAX, Math.max(INT32_MIN, Math.trunc(v))) + 0;
  const t = Math.trunc(v);
  return Number.isFinite(v) && t >= INT32_MIN && t <= INT32_MAX ? t + 0 : INT32_MIN;
}

export function readLabels(
  data: ArrayLike<number>, B: number, N: number, backend: KerasBackend, kind: CtcKind,
): CtcLabels {
  const ints = new Float64Array(B * N);
  const lengths = new Int32Array(B);
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < N; j++) {
      const v = data[b * N + j];
      if (v !== 0) lengths[b]++;
      ints[b * N + j] = castLabel(v, backend, kind);
    }
  }
  return { ints, lengths };
}

export interface LabelNote {
  code: string;
  message: string;
  index: [number, number];
}

const fmt = (v: number): string => (Number.isNaN(v) ? 'NaN' : String(v));

/**
 * Warnings for the labels a backend reads differently from what was typed: fractional, non-finite,
 * outside [0, C), and 0s inside the label length. At most `cap` per code.
 */
export function labelNotes(
  data: ArrayLike<number>, labels: CtcLabels, B: number, N: number, C: number, backend: KerasBackend, cap = 4,
): LabelNote[] {
  const out: LabelNote[] = [];
  const count = new Map<string, number>();
  const push = (code: string, message: string, b: number, j: number): void => {
    const n = count.get(code) ?? 0;
    count.set(code, n + 1);
    if (n < cap) out.push({ code, message, index: [b, j] });
  };
  for (let b = 0; b < B; b++) {
    const L = labels.lengths[b];
    for (let j = 0; j < N; j++) {
      const v = data[b * N + j];
      const k = labels.ints[b * N + j];
      const at = `y_true[${b}][${j}]`;
      const used = j < L ? `it is label ${j + 1} of ${L}` : `it lies past the label length ${L}, so only its class check matters`;
      if (!Number.isFinite(v)) {
        push('label_non_finite', `${at} = ${fmt(v)} counts toward the label length (it is non-zero) and the integer cast ` +
          `reads it as ${k === INT64_MIN ? 'INT64_MIN (torch\'s unchecked indexing wraps it to class 0, the blank)' : k === INT32_MIN ? 'INT32_MIN' : k === INT32_MAX ? 'INT32_MAX' : `class ${k}`} ` +
          `on ${backend}; ${used}.`, b, j);
        continue;
      }
      if (!Number.isInteger(v)) {
        const blank = k === 0 ? ' — the blank, though it still counts toward the label length since it is non-zero' : '';
        push('label_truncated', `${at} = ${v} is read as class ${k}${blank} (Keras casts CTC labels to integers, truncating toward 0).`, b, j);
      }
      if (k < 0 || k >= C) {
        push('ctc_label_out_of_range', `${at} is read as ${k}, outside the ${C} classes [0, ${C}): ${outOfRange(backend, k < 0)} ${used}.`, b, j);
      } else if (k === 0 && j < L && v !== 0) {
        // Reported above as a truncation.
      } else if (v === 0 && j < L) {
        push('ctc_interior_blank', `${at} = 0 lies inside the label length ${L} (the count of non-zeros), so the label is the ` +
          `row's first ${L} entries and this 0 is scored as an emission of class 0, the blank` +
          `${backend === 'tensorflow' ? ' (TensorFlow leaves such states out of the gradient of class 0)' : ''}.`, b, j);
      }
    }
  }
  return out;
}

function outOfRange(backend: KerasBackend, negative: boolean): string {
  switch (backend) {
    case 'jax':
      return 'JAX one-hot encodes it as all zeros, a log-probability of 0 (probability 1) at every step, so the value can be negative;';
    case 'tensorflow':
      return 'TensorFlow one-hot encodes it as all zeros (probability 1 at every step, as JAX) and leaves it out of the gradient;';
    case 'numpy':
      return 'NumPy one-hot encodes it as all zeros (probability 1 at every step);';
    default:
      return `torch indexes the log-probabilities with it unchecked, reading the memory ${negative ? 'before' : 'after'} the entry ` +
        '(another time step or sample, or outside the tensor);';
  }
}
